package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SceneSpecTest {

    @Test
    void presetsAreOnTheTibetanPlateauInUtm46() {
        SceneSpec s = SceneSpec.small();
        assertThat(s.rows()).isEqualTo(40);
        assertThat(s.cols()).isEqualTo(50);
        assertThat(s.years()).isEqualTo(5);
        assertThat(s.epsg()).isEqualTo(32646);
        // UTM 46N: central meridian 93° E at easting 500 000 m; 35° N is northing ≈ 3 873 043 m
        double centreE = s.transform().x(s.cols() / 2.0, s.rows() / 2.0);
        double centreN = s.transform().y(s.cols() / 2.0, s.rows() / 2.0);
        assertThat(centreE).isCloseTo(500_000, within(1e-6));
        assertThat(centreN).isCloseTo(3_873_043, within(1e-6));
        assertThat(SceneSpec.tiny().size()).isEqualTo(16 * 20);
        assertThat(s.withNoise(false).noise()).isFalse();
        assertThat(s.withSeed(7).seed()).isEqualTo(7);
    }

    @Test
    void badArgumentsNameTheirValues() {
        assertThatThrownBy(() -> SceneSpec.tiny().withSize(4, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4×20");
        assertThatThrownBy(() -> SceneSpec.tiny().withYears(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> SceneSpec.tiny().withLooks(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks");
        assertThatThrownBy(() -> SceneSpec.tiny().withGaps(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 7");
        assertThatThrownBy(() -> Region.of(9)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9");
    }
}

package org.permasar.io.mintpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.stack.InvalidInputException;

/** GridGeometry ⇄ MintPy attributes, checked on hand-computed examples. */
class MintPyAttributesTest {
    static final Path F = Path.of("some.h5");

    @Test
    void xFirstIsTheUpperLeftCornerSoPixelCentresAreHalfAStepIn() throws InvalidInputException {
        // PyRate small_test grid (shared/data README): X_FIRST 150.91, Y_FIRST −34.17, 3″ steps
        Map<String, String> a = Map.of("LENGTH", "72", "WIDTH", "47", "X_FIRST", "150.91", "Y_FIRST", "-34.17",
                "X_STEP", "0.000833333", "Y_STEP", "-0.000833333", "X_UNIT", "degrees", "Y_UNIT", "degrees");
        GridGeometry g = MintPyAttributes.grid(a, 72, 47, F);
        assertThat(g.epsg()).isEqualTo(4326); // from X_UNIT=degrees, no EPSG key
        assertThat(g.longitude(0, 0)).isEqualTo(150.91 + 0.000833333 / 2);
        assertThat(g.latitude(0, 0)).isEqualTo(-34.17 - 0.000833333 / 2);
        assertThat(g.transform().x(47, 72)).isEqualTo(150.91 + 47 * 0.000833333); // lower-right corner
    }

    @Test
    void epsgAttributeWinsAndProjectedUnitsAreMeters() throws InvalidInputException {
        GridGeometry utm = GridGeometry.geocoded(3, 2, GeoTransform.northUp(500000, 30, 7000000, -30), 32606, -9999);
        Map<String, String> a = MintPyAttributes.of(utm);
        assertThat(a).containsEntry("X_FIRST", "500000.0").containsEntry("Y_STEP", "-30.0")
                .containsEntry("X_UNIT", "meters").containsEntry("EPSG", "32606")
                .containsEntry("LENGTH", "3").containsEntry("WIDTH", "2").containsEntry("NO_DATA_VALUE", "-9999.0");
        assertThat(MintPyAttributes.grid(a, 3, 2, F)).isEqualTo(utm);
    }

    @Test
    void radarGridHasNoGeocodingKeys() throws InvalidInputException {
        Map<String, String> a = MintPyAttributes.of(GridGeometry.radar(5, 6, null));
        assertThat(a).containsOnlyKeys("LENGTH", "WIDTH");
        assertThat(MintPyAttributes.grid(a, 5, 6, F).isGeocoded()).isFalse();
    }

    @Test
    void inconsistentAttributesAreRefusedWithFileAndKey() {
        assertThatThrownBy(() -> MintPyAttributes.grid(Map.of("LENGTH", "10"), 9, 4, F))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("some.h5")
                .hasMessageContaining("LENGTH = 10").hasMessageContaining("9 rows");
        assertThatThrownBy(() -> MintPyAttributes.grid(Map.of("X_FIRST", "1", "Y_FIRST", "2"), 9, 4, F))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only 2 of them");
        assertThatThrownBy(() -> MintPyAttributes.wavelength(Map.of("WAVELENGTH", "-1"), F))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> MintPyAttributes.of(GridGeometry.geocoded(2, 2,
                new GeoTransform(0, 1, 0.1, 0, 0, -1), 4326, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rotated");
    }
}

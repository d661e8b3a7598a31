package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyInterpolationTest {

    @Test
    void interpolatesLinearlySkipsNaNAndDoesNotExtrapolate() {
        double[] t = {0, 8, 16, 24};
        double[] v = {-8, Double.NaN, 8, 0};
        double[] out = DailyInterpolation.interpolate(t, v, new double[] {-1, 0, 4, 12, 20, 24, 25});
        // between t=0 (−8) and t=16 (8): slope 1 °C/day
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(-8);
        assertThat(out[2]).isCloseTo(-4, within(1e-12));
        assertThat(out[3]).isCloseTo(4, within(1e-12));
        assertThat(out[4]).isCloseTo(4, within(1e-12));
        assertThat(out[5]).isEqualTo(0);
        assertThat(out[6]).isNaN();
        double[] daily = DailyInterpolation.toDaily(List.of(LocalDate.of(2020, 2, 27), LocalDate.of(2020, 3, 2)),
                new double[] {0, 4});
        assertThat(daily).containsExactly(0, 1, 2, 3, 4);     // 2020 is a leap year: 27, 28, 29 Feb, 1, 2 Mar
        assertThatThrownBy(() -> DailyInterpolation.interpolate(new double[] {0, 0}, new double[] {1, 2}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly");
    }

    @Test
    void zouRegressionIsTheWeightedSumWithNaNPropagation() {
        DailyMeanRegression reg = new DailyMeanRegression(-1.5, new double[] {0.4, 0.5});
        float[] out = reg.apply(new float[] {10, 20, Float.NaN}, new float[] {-10, 0, 3});
        // −1.5 + 0.4·10 + 0.5·(−10) = −2.5; −1.5 + 8 + 0 = 6.5
        assertThat(out[0]).isEqualTo(-2.5f);
        assertThat(out[1]).isEqualTo(6.5f);
        assertThat(out[2]).isNaN();
        assertThatThrownBy(() -> reg.apply(new float[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blockInterpolationAgreesWithTheScalarPathIncludingNaNFallback() {
        double[] t = {0, 8, 16, 24};
        float[] v = {-8, 1, Float.NaN, 5, 8, 2, 0, Float.NaN};     // 2 pixels, obs-major
        double[] q = {-2, 0, 3, 8, 12, 20, 24, 30};
        float[] out = DailyInterpolation.interpolateBlock(t, v, 2, q);
        for (int p = 0; p < 2; p++) {
            double[] col = {v[p], v[2 + p], v[4 + p], v[6 + p]};
            double[] ref = DailyInterpolation.interpolate(t, col, q);
            for (int k = 0; k < q.length; k++) {
                if (Double.isNaN(ref[k])) {
                    assertThat(out[k * 2 + p]).as("p%d q%d", p, k).isNaN();
                } else {
                    assertThat((double) out[k * 2 + p]).as("p%d q%d", p, k).isCloseTo(ref[k], within(1e-6));
                }
            }
        }
        // pixel 1 at t = 12: halfway between 5 (t=8) and 2 (t=16)
        assertThat(out[4 * 2 + 1]).isEqualTo(3.5f);
    }
}

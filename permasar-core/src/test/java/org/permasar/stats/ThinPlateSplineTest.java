package org.permasar.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThinPlateSplineTest {
    private static final double[] X = {0, 1, 0, 1, 0.5, 0.2, 0.8};
    private static final double[] Y = {0, 0, 1, 1, 0.5, 0.7, 0.3};

    @Test
    void interpolatesDataAndReproducesPlanes() {
        double[] z = new double[X.length], plane = new double[X.length];
        for (int k = 0; k < X.length; k++) {
            z[k] = Math.sin(3 * X[k]) * Math.cos(2 * Y[k]);
            plane[k] = 1 + 2 * X[k] - 3 * Y[k];
        }
        ThinPlateSpline s = ThinPlateSpline.fit(X, Y, z, 0);
        for (int k = 0; k < X.length; k++) {
            assertThat(s.value(X[k], Y[k])).isCloseTo(z[k], within(1e-10));
        }
        for (double lambda : new double[] {0, 0.1, 10}) {
            ThinPlateSpline p = ThinPlateSpline.fit(X, Y, plane, lambda);
            assertThat(p.value(0.33, 0.91)).isCloseTo(1 + 2 * 0.33 - 3 * 0.91, within(1e-10));
        }
        // smoothing pulls away from the data
        ThinPlateSpline smooth = ThinPlateSpline.fit(X, Y, z, 10);
        assertThat(Math.abs(smooth.value(X[4], Y[4]) - z[4])).isGreaterThan(1e-4);
    }

    @Test
    void collinearPointsAreRejected() {
        assertThatThrownBy(() -> ThinPlateSpline.fit(new double[] {0, 1, 2}, new double[] {0, 1, 2}, new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collinear");
    }
}

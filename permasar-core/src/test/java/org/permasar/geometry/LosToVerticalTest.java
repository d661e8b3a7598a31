package org.permasar.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link LosGeometry#losToVertical(double, double)}, the one owner of LOS → vertical, against closed forms
 * (d_up = d_LOS / cos θ; SCIENCE.md §4) and its stated NaN rule.
 */
class LosToVerticalTest {

    /** One row: LOS value, incidence (degrees), expected vertical value (NaN = expected NaN). */
    private static void check(double los, double inc, double expected) {
        double got = LosGeometry.losToVertical(los, inc);
        if (Double.isNaN(expected)) {
            assertThat(got).as("los %s, inc %s", los, inc).isNaN();
        } else {
            assertThat(got).as("los %s, inc %s", los, inc).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        }
    }

    @Test
    void closedForms() {
        check(0.010, 0, 0.010);                        // nadir: unchanged
        check(0.010, 60, 0.020);                       // cos 60° = 1/2
        check(-0.003, 45, -0.003 * Math.sqrt(2));      // cos 45° = 1/√2
        check(0.006, 30, 0.012 / Math.sqrt(3));        // cos 30° = √3/2
    }

    @Test
    void sentinel1SwathFactorsOfSeed002() {
        // seed 002 §2.2: factor 1.17–1.46 across a Sentinel-1 swath (incidence ≈ 31°–46.8°)
        assertThat(LosGeometry.losToVertical(1, 31)).isCloseTo(1.17, within(0.005));
        assertThat(LosGeometry.losToVertical(1, 46.8)).isCloseTo(1.46, within(0.005));
    }

    @Test
    void oneNanRule() {
        check(Double.NaN, 35, Double.NaN);
        check(1, Double.NaN, Double.NaN);
        check(1, -0.5, Double.NaN);                    // outside [0, 90)
        check(1, 90, Double.NaN);
        check(1, 89.5, Double.NaN);                    // cos 89.5° ≈ 0.0087 < MIN_COS_INCIDENCE
        check(1, 89.4, 1 / Math.cos(Math.toRadians(89.4)));   // cos 89.4° ≈ 0.0105: still divided
        float[] v = LosGeometry.losToVertical(new float[] {1f, 1f, Float.NaN}, new float[] {60f, 89.9f, 30f});
        assertThat(v[0]).isCloseTo(2f, within(1e-6f));
        assertThat(v[1]).isNaN();
        assertThat(v[2]).isNaN();
    }
}

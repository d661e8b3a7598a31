package org.permasar.thermal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interval means of a site's two-layer moisture, worked by hand. */
class MoistureIntervalsTest {
    static LocalDate d(int month, int day) {
        return LocalDate.of(2019, month, day);
    }

    @Test
    void handWorkedIntervalMeans() {
        // samples: 05-20 (before the first boundary, ignored), 06-01, 06-10, 06-20, 07-05 (layer 2 NaN), 08-01 (after)
        List<LocalDate> dates = List.of(d(5, 20), d(6, 1), d(6, 10), d(6, 20), d(7, 5), d(8, 1));
        float[] v = {
            0.9f, 0.9f,
            0.20f, 0.30f,
            0.22f, 0.34f,
            0.24f, 0.32f,
            0.28f, Float.NaN,
            0.9f, 0.9f};
        MoistureCube m = new MoistureCube(null, dates, List.of("layer1", "layer2"), 1, v);
        // boundaries: [06-01, 06-15) holds 06-01, 06-10; [06-15, 07-01) holds 06-20; [07-01, 07-13) holds 07-05
        MoistureCube w = MoistureIntervals.mean(m, List.of(d(6, 1), d(6, 15), d(7, 1), d(7, 13)));
        assertThat(w.dates()).containsExactly(d(6, 1), d(6, 15), d(7, 1));
        double[] mat = w.pixelMatrix(0, new double[6]);
        assertThat(mat[0]).isCloseTo(0.21, within(1e-6));   // (0.20 + 0.22)/2
        assertThat(mat[1]).isCloseTo(0.32, within(1e-6));   // (0.30 + 0.34)/2
        assertThat(mat[2]).isCloseTo(0.24, within(1e-6));
        assertThat(mat[3]).isCloseTo(0.32, within(1e-6));
        assertThat(mat[4]).isCloseTo(0.28, within(1e-6));
        assertThat(mat[5]).isNaN();                          // only sample is NaN
    }

    @Test
    void refusals() {
        MoistureCube m = new MoistureCube(null, List.of(d(6, 1)), List.of("l1"), 1, new float[] {0.3f});
        assertThatThrownBy(() -> MoistureIntervals.mean(m, List.of(d(6, 1)))).hasMessageContaining("≥ 2");
        assertThatThrownBy(() -> MoistureIntervals.mean(m, List.of(d(6, 2), d(6, 1)))).hasMessageContaining("increase");
        assertThatThrownBy(() -> new MoistureCube(null, List.of(d(6, 1)), List.of("l1"), 1, new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1×1×1");
    }
}

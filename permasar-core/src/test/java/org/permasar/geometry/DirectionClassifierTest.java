package org.permasar.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.permasar.geometry.DirectionClassifier.EAST_WEST;
import static org.permasar.geometry.DirectionClassifier.NO_DATA;
import static org.permasar.geometry.DirectionClassifier.STABLE;
import static org.permasar.geometry.DirectionClassifier.UNDETERMINED;
import static org.permasar.geometry.DirectionClassifier.VERTICAL;

import org.junit.jupiter.api.Test;

class DirectionClassifierTest {
    private static final DirectionThresholds T = DirectionThresholds.DEFAULT;

    private static void checkSecular(double va, double vd, byte expected) {
        assertThat(DirectionClassifier.secular(va, vd, T)).as("va=%s vd=%s", va, vd).isEqualTo(expected);
    }

    private static void checkSeasonal(double aa, double ta, double ad, double td, byte expected) {
        assertThat(DirectionClassifier.seasonal(aa, ta, ad, td, T)).as("A %s/%s t %s/%s", aa, ad, ta, td)
                .isEqualTo(expected);
    }

    private static void checkSecular(double va, double sa, double vd, double sd, byte expected) {
        assertThat(DirectionClassifier.secular(va, sa, vd, sd, T)).as("va=%s±%s vd=%s±%s", va, sa, vd, sd)
                .isEqualTo(expected);
    }

    private static void checkSeasonal(double aa, double sa, double ta, double ad, double sd, double td, byte expected) {
        assertThat(DirectionClassifier.seasonal(aa, sa, ta, ad, sd, td, T)).as("A %s±%s/%s±%s t %s/%s", aa, sa, ad, sd,
                ta, td).isEqualTo(expected);
    }

    @Test
    void secularTable() {
        checkSecular(-0.010, -0.012, VERTICAL);
        checkSecular(-0.010, 0.012, EAST_WEST);
        checkSecular(-0.010, -0.016, UNDETERMINED);
        checkSecular(0.0100, 0.0150, VERTICAL);       // difference exactly 5 mm/yr: boundary included
        checkSecular(0.0100, -0.0150, EAST_WEST);
        checkSecular(0.0100, 0.01501, UNDETERMINED);  // just over
        checkSecular(Double.NaN, 0.01, NO_DATA);
    }

    @Test
    void seasonalTable() {
        checkSeasonal(0.020, 200, 0.022, 210, VERTICAL);
        checkSeasonal(0.020, 200, 0.022, 230, VERTICAL);     // 30 days: boundary
        checkSeasonal(0.020, 200, 0.022, 231, UNDETERMINED); // 31 days
        checkSeasonal(0.020, 200, 0.022, 20, EAST_WEST);     // 180 days
        checkSeasonal(0.020, 200, 0.022, 50, EAST_WEST);     // 150 days: boundary
        checkSeasonal(0.020, 200, 0.022, 51, UNDETERMINED);  // 149 days
        checkSeasonal(0.020, 200, 0.0251, 200, UNDETERMINED); // amplitudes differ by 5.1 mm
        checkSeasonal(0.020, 10, 0.022, 360, VERTICAL);      // circular: 15.25 days apart
        checkSeasonal(0.020, 10, Double.NaN, 360, NO_DATA);
    }

    /**
     * Closed-form cases of the stable rule, k = 2 (SCIENCE.md §5): |v_a| ≤ 2σ_a and |v_d| ≤ 2σ_d → stable, the
     * boundary included; one track outside → the direction rule; NaN σ → significance unknown → the direction rule.
     */
    @Test
    void secularStableWithinTwoSigmaOnBothTracks() {
        // σ = 1 mm/yr on both tracks: 2σ = 2 mm/yr
        checkSecular(0.0015, 0.001, -0.0012, 0.001, STABLE);         // 1.5σ and 1.2σ: not significant
        checkSecular(0.0020, 0.001, -0.0020, 0.001, STABLE);         // exactly 2σ: boundary included
        checkSecular(0.0000, 0.000, 0.0000, 0.000, STABLE);          // reference pixel: 0 ± 0
        checkSecular(0.0025, 0.001, 0.0010, 0.001, VERTICAL);        // asc significant, same sign, | |va|-|vd| | 1.5 mm
        checkSecular(0.0025, 0.001, -0.0010, 0.001, EAST_WEST);      // asc significant, opposite sign
        checkSecular(0.0010, 0.001, -0.0030, 0.001, EAST_WEST);      // desc significant only
        checkSecular(-0.0100, 0.002, -0.0120, 0.002, VERTICAL);      // both significant: the paper's rule
        checkSecular(0.0015, 0.0006, -0.0012, 0.0006, EAST_WEST);    // same rates, σ 0.6 mm/yr: 2.5σ significant
        // a larger k widens the stable band: 1.5 mm/yr is within 3 × 0.6 mm/yr
        assertThat(DirectionClassifier.secular(0.0015, 0.0006, -0.0012, 0.0006, T.withStableSigmas(3))).isEqualTo(STABLE);
        // k = 0: only exact zeros are stable
        assertThat(DirectionClassifier.secular(1e-6, 0.001, -1e-6, 0.001, T.withStableSigmas(0))).isEqualTo(EAST_WEST);
    }

    /** NaN σ on either track: the pixel cannot be shown insignificant, so the paper's rule classes it; NaN rate: 0. */
    @Test
    void nanSigmaFallsBackToTheDirectionRule() {
        checkSecular(0.0015, Double.NaN, -0.0012, 0.001, EAST_WEST);
        checkSecular(0.0015, 0.001, 0.0012, Double.NaN, VERTICAL);
        checkSecular(0.0015, Double.NaN, 0.0012, Double.NaN, VERTICAL);
        checkSecular(0.0015, -0.001, 0.0012, 0.001, VERTICAL);      // negative σ: invalid, treated as unknown
        checkSecular(Double.NaN, 0.001, 0.0012, 0.001, NO_DATA);
        checkSecular(0.0015, Double.POSITIVE_INFINITY, 0.0012, 0.001, STABLE);
        // the overloads without σ never class a pixel stable
        checkSecular(0.0, 0.0, VERTICAL);
        checkSeasonal(0.0, 200, 0.0, 20, EAST_WEST);
        checkSeasonal(0.001, Double.NaN, 200, 0.001, 0.001, 20, EAST_WEST);
    }

    @Test
    void seasonalStableWithinTwoSigmaOnBothTracks() {
        // peak-to-trough amplitudes 3 mm and 4 mm, σ 2 mm: within 2σ = 4 mm on both → stable, timings not compared
        checkSeasonal(0.003, 0.002, 200, 0.004, 0.002, 20, STABLE);
        checkSeasonal(0.004, 0.002, 200, 0.004, 0.002, 20, STABLE);   // exactly 2σ
        checkSeasonal(0.005, 0.002, 200, 0.004, 0.002, 20, EAST_WEST); // asc at 2.5σ: the paper's rule, 180 d apart
        checkSeasonal(0.005, 0.002, 200, 0.004, 0.002, 210, VERTICAL);
        checkSeasonal(0.003, 0.002, 200, 0.004, 0.002, Double.NaN, NO_DATA);
    }

    @Test
    void rasterOverloadsApplyTheSameRule() {
        float[] va = {0.0015f, 0.0025f, Float.NaN}, vd = {-0.0012f, -0.0010f, 0.001f};
        float[] sa = {0.001f, 0.001f, 0.001f}, sd = {0.001f, Float.NaN, 0.001f};
        assertThat(DirectionClassifier.secular(va, sa, vd, sd, T)).containsExactly(STABLE, EAST_WEST, NO_DATA);
        assertThat(DirectionClassifier.secular(va, null, vd, null, T)).containsExactly(EAST_WEST, EAST_WEST, NO_DATA);
        assertThatThrownBy(() -> DirectionClassifier.secular(va, sa, vd, null, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one track");
        float[] day = {200f, 200f, 200f};
        assertThat(DirectionClassifier.seasonal(new float[] {0.003f, 0.02f, 0.003f}, new float[] {0.002f, 0.002f, 0.002f},
                day, new float[] {0.004f, 0.021f, 0.004f}, new float[] {0.002f, 0.002f, Float.NaN}, day, T))
                .containsExactly(STABLE, VERTICAL, VERTICAL);
    }

    @Test
    void rejectsBadK() {
        assertThatThrownBy(() -> T.withStableSigmas(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> T.withStableSigmas(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> T.withStableSigmas(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(T.stableSigmas()).isEqualTo(2.0);
    }

    @Test
    void circularDifference() {
        assertThat(DirectionClassifier.circularDayDifference(10, 360)).isCloseTo(15.25, within(1e-12));
        assertThat(DirectionClassifier.circularDayDifference(0, 182.625)).isCloseTo(182.625, within(1e-12));
        assertThat(DirectionClassifier.circularDayDifference(300, 100)).isCloseTo(165.25, within(1e-12));
    }

    @Test
    void summaryCountsAndPercentages() {
        byte[] c = DirectionClassifier.secular(
                new float[] {-0.01f, -0.01f, -0.01f, -0.01f, Float.NaN, 0.001f},
                new float[] {0.002f, 0.002f, 0.002f, 0.002f, 0.002f, 0.002f},
                new float[] {-0.011f, 0.011f, -0.03f, -0.009f, 0.01f, 0.001f},
                new float[] {0.002f, 0.002f, 0.002f, 0.002f, 0.002f, 0.002f}, T);
        DirectionSummary s = DirectionSummary.of(c);
        assertThat(s).isEqualTo(new DirectionSummary(1, 2, 1, 1, 1));
        assertThat(s.percent(VERTICAL)).isCloseTo(40.0, within(1e-12));
        assertThat(s.percent(EAST_WEST)).isCloseTo(20.0, within(1e-12));
        assertThat(s.percent(STABLE)).isCloseTo(20.0, within(1e-12));
        assertThat(s.count(STABLE)).isEqualTo(1);
        assertThat(s.percent(NO_DATA)).isNaN();
        assertThatThrownBy(() -> DirectionSummary.of(new byte[] {5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
    }

    @Test
    void rejectsOverlappingWindows() {
        assertThatThrownBy(() -> new DirectionThresholds(0.005, 0.005, 160, 180, 30, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("160");
    }
}

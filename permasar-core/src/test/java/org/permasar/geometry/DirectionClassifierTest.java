package org.permasar.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.permasar.geometry.DirectionClassifier.EAST_WEST;
import static org.permasar.geometry.DirectionClassifier.NO_DATA;
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

    @Test
    void circularDifference() {
        assertThat(DirectionClassifier.circularDayDifference(10, 360)).isCloseTo(15.25, within(1e-12));
        assertThat(DirectionClassifier.circularDayDifference(0, 182.625)).isCloseTo(182.625, within(1e-12));
        assertThat(DirectionClassifier.circularDayDifference(300, 100)).isCloseTo(165.25, within(1e-12));
    }

    @Test
    void summaryCountsAndPercentages() {
        byte[] c = DirectionClassifier.secular(
                new float[] {-0.01f, -0.01f, -0.01f, -0.01f, Float.NaN},
                new float[] {-0.011f, 0.011f, -0.03f, -0.009f, 0.01f}, T);
        DirectionSummary s = DirectionSummary.of(c);
        assertThat(s).isEqualTo(new DirectionSummary(1, 2, 1, 1));
        assertThat(s.percent(VERTICAL)).isCloseTo(50.0, within(1e-12));
        assertThat(s.percent(EAST_WEST)).isCloseTo(25.0, within(1e-12));
        assertThat(s.percent(NO_DATA)).isNaN();
    }

    @Test
    void rejectsOverlappingWindows() {
        assertThatThrownBy(() -> new DirectionThresholds(0.005, 0.005, 160, 180, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("160");
    }
}

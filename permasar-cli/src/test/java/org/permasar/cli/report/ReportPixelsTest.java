package org.permasar.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Representative pixels and summary percentiles on hand-built maps with answers worked out by hand. */
class ReportPixelsTest {

    @Test
    void picksSubsidenceAmplitudeStableRegionAndUserPixels() {
        // 2 × 3 grid, LOS m/yr (+ towards the satellite): subsidence is the most negative rate (index 4)
        float[] v = {0.000f, 0.010f, -0.002f, Float.NaN, -0.030f, 0.0005f};
        float[] amp = {0.000f, 0.005f, 0.040f, Float.NaN, 0.010f, 0.001f};
        float[] coh = {1f, 0.9f, 0.9f, Float.NaN, 0.8f, 0.95f};
        float[] regions = {1, 1, 0, 0, 4, 4};
        // reference pixel 0 (zero by construction) must not be called stable; next best |v|+amp is index 5
        List<ReportPixels.Pixel> p = ReportPixels.choose(3, 0, v, amp, coh, regions, List.of(new int[] {1, 2}));
        // region 0 has one valid pixel (index 2), region 4's centroid ties between 4 and 5 (first wins),
        // region 1's between 0 and 1; region 3 (lake) has no pixel; labels of the same pixel are merged
        assertThat(p).containsExactly(
                new ReportPixels.Pixel("largest subsidence rate; region: subsidence patch", 1, 1),
                new ReportPixels.Pixel("largest seasonal amplitude; region: seasonal", 0, 2),
                new ReportPixels.Pixel("stable (small rate and amplitude); chosen in the configuration", 1, 2),
                new ReportPixels.Pixel("region: non-seasonal", 0, 0));
    }

    @Test
    void percentilesFollowHyndmanFanType7() {
        // numpy.percentile([1, 2, 3, 4, 5], [5, 50, 95]) = [1.2, 3.0, 4.8]; NaN ignored
        SummaryStats s = SummaryStats.of(new float[] {5, Float.NaN, 1, 3, 2, 4});
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.p5()).isCloseTo(1.2, within(1e-12));
        assertThat(s.median()).isCloseTo(3.0, within(1e-12));
        assertThat(s.p95()).isCloseTo(4.8, within(1e-12));
        assertThat(SummaryStats.of(new float[] {Float.NaN}).median()).isNaN();
    }

    @Test
    void biasAndRmseAgainstTruthShiftedToTheReference() {
        // truth shifted so that the reference pixel (0) is zero: [0, 2, 4]; est − truth = [0, 1, NaN-skipped]
        double[] br = ReportWriter.biasRmse(new float[] {0f, 3f, Float.NaN}, new float[] {1f, 3f, 5f}, 0);
        assertThat(br[0]).isCloseTo(0.5, within(1e-12));
        assertThat(br[1]).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(br[2]).isEqualTo(2.0);
    }
}

package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The expected-degree-day forcing (Thom 1954) built from a smooth curve equals, on average, the direct
 * forcing of noisy daily temperatures around that curve (simulated with a known σ), and differs from
 * the direct forcing of the smooth curve itself (the Jensen bias it removes).
 */
class PecmExpectedForcingTest {

    @Test
    void expectedForcingOfSmoothCurveMatchesMeanForcingOfNoisyDays() {
        long seed = 1954_2018L;
        System.out.println("PecmExpectedForcingTest seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        LocalDate start = LocalDate.of(2017, 1, 1);
        int ndays = 3 * 365, npix = 1500;
        double sigma = 2.5;
        float[] smooth = new float[ndays];
        float[] noisy = new float[ndays * npix];
        for (int k = 0; k < ndays; k++) {
            smooth[k] = (float) (-4 - 12 * Math.cos(2 * Math.PI * (k - 20) / 365.0));
            for (int p = 0; p < npix; p++) {
                noisy[k * npix + p] = (float) (smooth[k] + sigma * rng.nextGaussian());
            }
        }
        List<LocalDate> sar = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2017, 6, 1); d.isBefore(LocalDate.of(2019, 12, 1)); d = d.plusDays(24)) {
            sar.add(d);
        }
        double[] thaw1 = {130}, freeze1 = {290}, k1 = {1.3};
        double[] thaw = new double[npix], freeze = new double[npix], k = new double[npix];
        Arrays.fill(thaw, 130);
        Arrays.fill(freeze, 290);
        Arrays.fill(k, 1.3);
        PecmForcing direct = PecmForcingBuilder.build(start, noisy, ndays, npix, thaw, freeze, sar, k);
        PecmForcing expected = PecmForcingBuilder.build(start, smooth, ndays, 1, thaw1, freeze1, sar, k1, new double[] {sigma});
        PecmForcing clipped = PecmForcingBuilder.build(start, smooth, ndays, 1, thaw1, freeze1, sar, k1);
        double maxRel = 0, maxBias = 0;
        for (int i = 0; i < sar.size(); i++) {
            double mean = 0;
            for (int p = 0; p < npix; p++) {
                mean += direct.seasonal()[i * npix + p];
            }
            mean /= npix;
            double scale = expected.seasonalMax()[0];
            maxRel = Math.max(maxRel, Math.abs(expected.seasonal()[i] - mean) / scale);
            maxBias = Math.max(maxBias, Math.abs(clipped.seasonal()[i] - mean) / scale);
        }
        System.out.printf("expected vs mean noisy I: max %.4f of max I; plain clipping of the smooth curve: %.4f%n",
                maxRel, maxBias);
        // what remains is second order: E[√ADDT] ≤ √E[ADDT] (Jensen on the square root), largest just
        // after the thaw onset where ADDT is a sum of few days; measured ≈ 1 % of max I here
        assertThat(maxRel).as("expected-degree-day I vs mean I of noisy days").isLessThan(0.02);
        assertThat(maxBias).as("the Jensen bias is real here").isGreaterThan(0.03);
        assertThat(expected.linear()).containsExactly(clipped.linear(), within(0f));
    }
}

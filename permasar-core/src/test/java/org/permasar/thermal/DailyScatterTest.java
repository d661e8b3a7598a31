package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link DailyScatter} against closed forms and simulated AR(1) days averaged into 8-day composites. */
class DailyScatterTest {

    @Test
    void whiteNoiseAndClosedForms() {
        assertThat(DailyScatter.dailyStd(1.0, 0.0, 8)).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(DailyScatter.dailyStd(1.0, -0.2, 8)).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(DailyScatter.dailyStd(1.0, 0.5, 1)).isCloseTo(1.0, within(1e-12));
        // w = 2: g0 = 2 + 2ρ, g1 = ρ(1+ρ)²  →  r_c = ρ(1+ρ)/2
        assertThat(DailyScatter.adjacentCorrelation(0.5, 2)).isCloseTo(0.5 * 1.5 / 2, within(1e-12));
        assertThat(DailyScatter.dailyStd(Double.NaN, 0.1, 8)).isNaN();
    }

    /** AR(1) days (ρ = 0.7, σ = 1.5) plus white days (σ = 0.7), 8-day means: σ_d within 8 % of √(1.5² + 0.7²). */
    @Test
    void recoversDailyScatterOfSimulatedWeather() {
        long seed = 2011L;
        System.out.println("DailyScatterTest seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        int w = 8, nc = 20_000;
        double rho = 0.7, sr = 1.5, sl = 0.7, a = 0;
        double[] c = new double[nc];
        for (int i = 0; i < nc; i++) {
            double s = 0;
            for (int d = 0; d < w; d++) {
                a = rho * a + sr * Math.sqrt(1 - rho * rho) * rng.nextGaussian();
                s += a + sl * rng.nextGaussian();
            }
            c[i] = s / w;
        }
        double v = 0, l1 = 0;
        for (int i = 0; i < nc; i++) {
            v += c[i] * c[i];
            if (i > 0) {
                l1 += c[i] * c[i - 1];
            }
        }
        double truth = Math.hypot(sr, sl);
        double est = DailyScatter.dailyStd(Math.sqrt(v / nc), l1 / v, w);
        System.out.printf("daily σ: truth %.3f, estimate %.3f, white assumption %.3f%n", truth, est,
                Math.sqrt(v / nc * w));
        // a single AR(1) read of a mixture of AR(1) and white noise is slightly low (measured ≈ 6 %)
        assertThat(est).isCloseTo(truth, within(0.08 * truth));
        assertThat(Math.sqrt(v / nc * w)).as("the white assumption overestimates").isGreaterThan(1.5 * truth);
    }
}

package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ExpectedDegreeDays} against closed forms and a Monte Carlo. */
class ExpectedDegreeDaysTest {

    /** μ = 0: E[max(T,0)] = σ/√(2π) (half-normal mean / 2); σ = 0: the plain clipping. */
    @Test
    void closedForms() {
        assertThat(ExpectedDegreeDays.positivePart(0, 2)).isCloseTo(2 / Math.sqrt(2 * Math.PI), within(1e-12));
        assertThat(ExpectedDegreeDays.negativePart(0, 2)).isCloseTo(2 / Math.sqrt(2 * Math.PI), within(1e-12));
        assertThat(ExpectedDegreeDays.positivePart(3, 0)).isEqualTo(3);
        assertThat(ExpectedDegreeDays.negativePart(3, 0)).isEqualTo(0);
        assertThat(ExpectedDegreeDays.negativePart(-3, 0)).isEqualTo(3);
        // far from 0 °C the clipping never happens: E[max(T,0)] → μ
        assertThat(ExpectedDegreeDays.positivePart(20, 1)).isCloseTo(20, within(1e-12));
        assertThat(ExpectedDegreeDays.negativePart(-20, 1)).isCloseTo(20, within(1e-12));
        assertThat(ExpectedDegreeDays.positivePart(Double.NaN, 1)).isNaN();
        assertThat(ExpectedDegreeDays.positivePart(1, Double.NaN)).isNaN();
    }

    /** Sample means of max(T, 0) over 400 000 Gaussian draws match within 4 standard errors. */
    @Test
    void monteCarlo() {
        long seed = 1954L;
        System.out.println("ExpectedDegreeDaysTest seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (double[] c : new double[][] {{-1.3, 1.7}, {0.4, 2.5}, {2.0, 0.8}}) {
            int n = 400_000;
            double s = 0, s2 = 0, f = 0;
            for (int i = 0; i < n; i++) {
                double t = c[0] + c[1] * rng.nextGaussian();
                double p = Math.max(t, 0);
                s += p;
                s2 += p * p;
                f += Math.max(-t, 0);
            }
            double mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
            assertThat(ExpectedDegreeDays.positivePart(c[0], c[1])).isCloseTo(mean, within(4 * se + 1e-12));
            assertThat(ExpectedDegreeDays.negativePart(c[0], c[1])).isCloseTo(f / n, within(4 * c[1] / Math.sqrt(n)));
        }
    }

    /** The interpolated g(z) against the erfc closed form on a sweep of z (nodes and between), within the Hermite bound. */
    @Test
    void tableMatchesClosedFormEverywhere() {
        double worst = 0;
        for (int k = -130_000; k <= 130_000; k++) {
            double z = k * 1e-4 + 1.234e-6;
            double expected = 1.7 * ExpectedDegreeDays.gClosedForm(z);
            double got = ExpectedDegreeDays.positivePart(1.7 * z, 1.7);
            worst = Math.max(worst, Math.abs(got - expected));
        }
        assertThat(worst).isLessThan(1.1e-9 * 1.7);
        assertThat(ExpectedDegreeDays.positivePart(-25, 1)).isEqualTo(0);
        assertThat(ExpectedDegreeDays.positivePart(Double.NaN, 0)).isNaN();
    }
}

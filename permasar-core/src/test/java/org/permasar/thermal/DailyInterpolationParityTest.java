package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DailyInterpolation#interpolateBlock} against the former implementation
 * ({@link DailyInterpolationReference}): bit-identical outputs (NaN where it gave NaN) for complete pixels,
 * pixels with only NaN, and pixels with NaN at random and in runs, including at the ends of the period,
 * at daily query times and at query times on, between and outside the observation times.
 */
class DailyInterpolationParityTest {

    private static void assertSame(double[] t, float[] v, int npix, double[] q) {
        float[] a = DailyInterpolation.interpolateBlock(t, v, npix, q);
        float[] b = DailyInterpolationReference.interpolateBlock(t, v, npix, q);
        assertThat(a).hasSameSizeAs(b);
        int differ = 0;
        for (int k = 0; k < a.length; k++) {
            differ += Float.floatToIntBits(a[k]) == Float.floatToIntBits(b[k]) ? 0 : 1;
        }
        assertThat(differ).as("outputs differing in any bit").isZero();
    }

    @Test
    void matchesTheFormerImplementationOnCompositesWithGaps() {
        long seed = 5150L;
        System.out.println("DailyInterpolationParityTest seed=" + seed);
        Random rnd = new Random(seed);
        double[] t = SyntheticLst.times(SyntheticLst.dates(2016, 3), 3.5);
        int n = t.length;
        int npix = 900;
        float[] v = SyntheticLst.composites(t, npix, seed, 0.1);
        // the shapes of NaN the HANTS output does not have: random, leading, trailing, single valid value
        for (int p = 0; p < npix; p++) {
            int kind = p % 9;
            for (int i = 0; i < n; i++) {
                int k = i * npix + p;
                if (kind == 0) {
                    v[k] = Float.NaN;
                } else if (kind == 1 && (i < 5 || i > n - 4)) {
                    v[k] = Float.NaN;
                } else if (kind == 2 && i != n / 2) {
                    v[k] = Float.NaN;
                } else if (kind == 3 && rnd.nextDouble() < 0.6) {
                    v[k] = Float.NaN;
                } else if (kind >= 5 && v[k] != v[k]) {
                    v[k] = (float) (10 * rnd.nextGaussian());      // complete pixels
                }
            }
        }
        int days = (int) t[n - 1] + 6;
        double[] daily = new double[days];
        for (int k = 0; k < days; k++) {
            daily[k] = k;
        }
        assertSame(t, v, npix, daily);
        double[] odd = new double[400];
        for (int k = 0; k < odd.length; k++) {
            odd[k] = k % 7 == 0 ? t[rnd.nextInt(n)] : -10 + (t[n - 1] + 20) * rnd.nextDouble();
        }
        odd[3] = Double.NaN;
        assertSame(t, v, npix, odd);
    }
}

package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DegreeDays} as the one owner of degree-day sums: a sine year against its closed form, the running
 * sums of a raster block against the direct sums, and the one NaN rule.
 */
class DegreeDaysOwnerTest {
    private static final LocalDate START = LocalDate.of(2021, 1, 1);   // non-leap: permafrost years of 365 days
    private static final double A = 10;                                 // °C

    /** T_d = A·sin(2πd/365) over two years, onset on 1 January (thawDoy = 1). */
    private static double[] sineDays() {
        double[] t = new double[730];
        for (int d = 0; d < t.length; d++) {
            t[d] = A * Math.sin(2 * Math.PI * d / 365);
        }
        return t;
    }

    /** Σ_{d=1}^{K} sin(dθ) = sin(Kθ/2)·sin((K+1)θ/2) / sin(θ/2). */
    private static double sineSum(int k, double theta) {
        return Math.sin(k * theta / 2) * Math.sin((k + 1) * theta / 2) / Math.sin(theta / 2);
    }

    @Test
    void sineYearMatchesClosedForm() {
        double theta = 2 * Math.PI / 365;
        double half = A * sineSum(182, theta);   // days 1…182 warm, 183…364 cold by symmetry
        double[][] years = DegreeDays.perPermafrostYear(START, sineDays(), 1);
        assertThat(years.length).isEqualTo(2);   // 2021 and 2022, both complete and equal
        for (double[] y : years) {
            assertThat(y[1]).isCloseTo(half, within(1e-9));
            assertThat(y[2]).isCloseTo(half, within(1e-9));
        }
        assertThat(half).isCloseTo(A * 365 / Math.PI, within(0.5));   // ≈ the integral A·T/π
        double[][] at = DegreeDays.accumulatedAt(START, sineDays(), 1, List.of(START.plusDays(182), START.plusDays(365 + 90)));
        assertThat(at[0][0]).isCloseTo(half, within(1e-9));
        assertThat(at[1][0]).isZero();
        assertThat(at[0][1]).isCloseTo(A * sineSum(90, theta), within(1e-9));
    }

    @Test
    void runningSumsOfABlockEqualTheDirectSums() {
        double[] t = sineDays();
        int npix = 2;
        float[] block = new float[t.length * npix];
        for (int d = 0; d < t.length; d++) {
            block[d * npix] = (float) t[d];
            block[d * npix + 1] = (float) (t[d] - 3);
        }
        double[] cumT = new double[t.length + 1], cumF = new double[t.length + 1];
        int[] cumNan = new int[t.length + 1];
        DegreeDays.runningSums(block, t.length, npix, 1, cumT, cumF, cumNan);
        double[] pix = new double[t.length];
        for (int d = 0; d < t.length; d++) {
            pix[d] = block[d * npix + 1];
        }
        double[] direct = DegreeDays.sum(START, pix, START.plusDays(10), START.plusDays(400));
        assertThat(cumT[401] - cumT[10]).isCloseTo(direct[0], within(1e-9));
        assertThat(cumF[401] - cumF[10]).isCloseTo(direct[1], within(1e-9));
        assertThat(cumNan[t.length]).isZero();
    }

    @Test
    void oneNanRule() {
        double[] t = sineDays();
        t[400] = Double.NaN;
        // NaN inside the span → NaN; outside (the first permafrost year) → no effect; uncovered → NaN
        double[][] at = DegreeDays.accumulatedAt(START, t, 1,
                List.of(START.plusDays(364), START.plusDays(401), START.plusDays(399), START.plusDays(800)));
        assertThat(at[0][0]).isFinite();
        assertThat(at[0][1]).isNaN();
        assertThat(at[1][1]).isNaN();
        assertThat(at[0][2]).isFinite();
        assertThat(at[0][3]).isNaN();
        assertThat(DegreeDays.thawPart(Double.NaN)).isZero();
        assertThat(DegreeDays.freezePart(-2.5)).isEqualTo(2.5);
        assertThat(DegreeDays.onsetOffsetDays(120.4)).isEqualTo(119);
    }
}

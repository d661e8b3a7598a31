package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link PecmKappaProfile} (its sums over the dates made once per pixel instead of once per ratio), {@link PecmFit}
 * (its passes per tile of pixels) and {@link PecmForcing#gather} (row by row) against the implementations they
 * replaced ({@link PecmReference}) on simulated scenes of thousands of pixels ({@link PecmScene}: 8 years of
 * daily temperature, 150 SAR dates, NaN dates, pixels without seasonal term, failed pixels) and on made-up
 * degree-day sums: the profile's ratio and σ to 1e-9 relative (its sums are regrouped, so they round
 * differently; NaN in the same pixels), the fit and the gather bit for bit.
 */
class PecmFastPathTest {

    /** Relative tolerance of the profile's ratio and σ against the reference. */
    private static final double TOL = 1e-9;

    @Test
    void kappaProfileMatchesTheDirectSumsWithClippedDegreeDays() {
        compareProfile(new PecmScene(600, 6000, 0, false, 11), PecmKappaProfile.defaultGrid());
    }

    @Test
    void kappaProfileMatchesTheDirectSumsWithExpectedDegreeDaysAndALaterReference() {
        compareProfile(new PecmScene(600, 6000, 37, true, 12), PecmKappaProfile.defaultGrid());
    }

    /**
     * A fine grid (many ratios next to each year's closure ratio), one too fine for the lookup of K (bisection)
     * and a grid that does not increase (the direct sums).
     */
    @Test
    void kappaProfileMatchesTheDirectSumsOnOtherGrids() {
        PecmScene s = new PecmScene(300, 2000, 5, false, 13);
        compareProfile(s, PecmKappaProfile.grid(0.1, 5, 97));
        double[] close = new double[17];                // two ratios 0.2 % apart: no lookup of K, bisection
        System.arraycopy(PecmKappaProfile.defaultGrid(), 0, close, 0, 16);
        close[16] = close[15];
        close[15] = close[14] * 1.002;
        java.util.Arrays.sort(close);
        compareProfile(s, close);
        double[] g = PecmKappaProfile.grid(0.2, 3.2, 16);
        double t = g[7];
        g[7] = g[8];
        g[8] = t;                                    // s no longer grows with k: the direct sums
        compareProfile(s, g);
    }

    /**
     * Degree-day sums made up at random rather than from temperatures: years of any length (and a few pixels
     * whose years are not in order), √ADDF = 0 for whole stretches, end-of-year sums NaN or without freezing,
     * √ADDT = 0, a NaN √ADDF (no estimate, as in the direct sums).
     */
    @Test
    void kappaProfileMatchesTheDirectSumsOnRandomDegreeDays() {
        java.util.Random rnd = new java.util.Random(31);
        int n = 150, npix = 3000, years = 7;
        float[] lin = new float[n * npix], rt = new float[n * npix], rf = new float[n * npix];
        byte[] yr = new byte[n * npix];
        float[] et = new float[years * npix], ef = new float[years * npix];
        byte[] st = new byte[npix];
        float[] y = new float[n * npix];
        for (int p = 0; p < npix; p++) {
            for (int k = 0; k < years; k++) {
                double u = rnd.nextDouble();
                et[k * npix + p] = u < 0.15 ? Float.NaN : (float) (500 + 1500 * rnd.nextDouble());
                ef[k * npix + p] = u > 0.95 ? 0 : (float) (300 + 3000 * rnd.nextDouble());
            }
            boolean shuffled = rnd.nextDouble() < 0.02;
            double r = 0.2 * Math.pow(16, rnd.nextDouble());
            int year = 0;
            double t = 0, f = 0;
            for (int i = 0; i < n; i++) {
                if (i > 0 && rnd.nextDouble() < 1 / 30.0 && year < years - 1) {
                    year++;
                    t = 0;
                    f = 0;
                }
                double u = rnd.nextDouble();
                if (u < 0.5) {
                    t += rnd.nextDouble() * 4;                 // warm days
                } else if (u < 0.8 || f > 0) {
                    f += rnd.nextDouble() * 6;                 // cold days (√ADDF stays 0 until the first)
                }
                int o = i * npix + p;
                int yy = shuffled ? rnd.nextInt(years) : year;
                yr[o] = (byte) yy;
                lin[o] = (float) (i / 30.0);
                rt[o] = (float) Math.sqrt(t);
                rf[o] = (float) Math.sqrt(f);
                double s = Math.sqrt(r);
                float te = et[yy * npix + p], fe = ef[yy * npix + p];
                if (te == te && fe > 0 && Math.sqrt(te) - s * Math.sqrt(fe) > 0) {
                    s = Math.sqrt(te / (double) fe);
                }
                double iv = Math.max(0, rt[o] - s * rf[o]);
                y[o] = (float) (-0.01 * lin[o] - 0.001 * iv + 0.003 * rnd.nextGaussian());
            }
            if (rnd.nextDouble() < 0.01) {
                rf[rnd.nextInt(n) * npix + p] = Float.NaN;
            }
        }
        PecmDegreeDays dd = new PecmDegreeDays(n, npix, years, lin, rt, rf, yr, et, ef, st, null, new int[npix]);
        PecmKappaProfile.Result a = PecmKappaProfile.estimate(dd, y, 0);
        PecmKappaProfile.Result b = PecmReference.estimate(dd, y, 0);
        compare(npix, a, b, 0);
    }

    /** The lookup of the unclipped ratios against the test itself, t − √r·f &gt; 0, at and next to its edges. */
    @Test
    void unclippedRatiosAreThoseOfTheDirectTest() {
        PecmScene s = new PecmScene(20, 20, 0, false, 41);
        java.util.Random rnd = new java.util.Random(43);
        for (double[] grid : new double[][] {PecmKappaProfile.defaultGrid(), PecmKappaProfile.grid(0.1, 5, 97)}) {
            PecmKappaProfile.Profile profile = new PecmKappaProfile.Profile(s.dd, grid);
            double[] root = PecmKappaProfile.Profile.roots(grid);
            for (int trial = 0; trial < 200_000; trial++) {
                double f = trial % 50 == 0 ? 0 : (float) (100 * rnd.nextDouble() * rnd.nextDouble());
                double t;
                int kind = rnd.nextInt(5);
                if (kind == 0) {
                    t = (float) (60 * rnd.nextDouble());
                } else {                                    // at √r·f of a grid ratio, or an ulp or a float ulp off
                    double x = root[rnd.nextInt(root.length)] * f;
                    t = kind == 1 ? x : kind == 2 ? Math.nextUp(x) : kind == 3 ? Math.nextDown(x) : (float) x;
                }
                if (trial % 97 == 0) {
                    t = 0;
                }
                int direct = 0;
                while (direct < root.length && t - root[direct] * f > 0) {
                    direct++;
                }
                assertThat(profile.unclipped(t, f)).as("t %s f %s", t, f).isEqualTo(direct);
            }
        }
    }

    @Test
    void fitAndGatherAreBitIdentical() {
        for (PecmScene s : new PecmScene[] {new PecmScene(500, 4000, 0, false, 21),
                new PecmScene(500, 3001, 60, true, 22)}) {
            PecmKappaProfile.Result prof = PecmReference.estimate(s.dd, s.y, s.refIndex);
            PecmForcing f = s.forcing(PecmScene.kappaOr(prof.ratio(), 1.2));
            assertSame(PecmFit.fit(f, s.y, s.refIndex), PecmReference.fit(f, s.y, s.refIndex));
            // and with pixels of 3 or 4 valid dates (too short, or just not), and without seasonal term (singular)
            float[] y0 = s.y.clone(), sea = f.seasonal().clone();
            int n = s.dd.dates();
            for (int q = 0; q < s.npix; q += 37) {
                for (int i = 0; i < n; i++) {
                    if (i != s.refIndex && i % 40 != 1 + q % 3) {
                        y0[i * s.npix + q] = Float.NaN;
                    }
                }
            }
            for (int q = 5; q < s.npix; q += 41) {
                for (int i = 0; i < n; i++) {
                    sea[i * s.npix + q] = sea[i * s.npix + q] == sea[i * s.npix + q] ? 0 : Float.NaN;
                }
            }
            PecmForcing f0 = new PecmForcing(f.dates(), f.pixels(), f.years(), f.linear(), sea, f.seasonalMax(),
                    f.ratio(), f.status());
            PecmFit.Result r0 = PecmFit.fit(f0, y0, s.refIndex);
            assertSame(r0, PecmReference.fit(f0, y0, s.refIndex));
            assertThat(r0.status()).contains(PecmStatus.TOO_SHORT, PecmStatus.SINGULAR, PecmStatus.OK,
                    PecmStatus.NO_REFERENCE);
            int[] index = new int[s.npix + 7];
            java.util.Random rnd = new java.util.Random(5);
            for (int q = 0; q < index.length; q++) {
                index[q] = rnd.nextDouble() < 0.02 ? -1 : rnd.nextInt(s.npix);
            }
            PecmForcing a = f.gather(index, PecmStatus.NO_VALID_LST);
            PecmForcing b = PecmReference.gather(f, index, PecmStatus.NO_VALID_LST);
            assertThat(a.pixels()).isEqualTo(b.pixels());
            assertThat(a.linear()).isEqualTo(b.linear());
            assertThat(a.seasonal()).isEqualTo(b.seasonal());
            assertThat(a.seasonalMax()).isEqualTo(b.seasonalMax());
            assertThat(a.ratio()).isEqualTo(b.ratio());
            assertThat(a.status()).isEqualTo(b.status());
            // the fit of a gathered forcing (pixels repeated) as well
            float[] y = new float[s.dd.dates() * index.length];
            for (int i = 0; i < s.dd.dates(); i++) {
                for (int q = 0; q < index.length; q++) {
                    y[i * index.length + q] = index[q] < 0 ? Float.NaN : s.y[i * s.npix + index[q]];
                }
            }
            assertSame(PecmFit.fit(a, y, s.refIndex), PecmReference.fit(b, y, s.refIndex));
        }
    }

    private static void assertSame(PecmFit.Result a, PecmFit.Result b) {
        assertThat(a.rate()).isEqualTo(b.rate());
        assertThat(a.seasonalCoefficient()).isEqualTo(b.seasonalCoefficient());
        assertThat(a.rateStd()).isEqualTo(b.rateStd());
        assertThat(a.seasonalStd()).isEqualTo(b.seasonalStd());
        assertThat(a.covariance()).isEqualTo(b.covariance());
        assertThat(a.residualRms()).isEqualTo(b.residualRms());
        assertThat(a.validCount()).isEqualTo(b.validCount());
        assertThat(a.status()).isEqualTo(b.status());
        assertThat(a.years()).isEqualTo(b.years());
        assertThat(a.peakToTrough()).isEqualTo(b.peakToTrough());
    }

    private static void compareProfile(PecmScene s, double[] grid) {
        PecmKappaProfile.Result a = PecmKappaProfile.estimate(s.dd, s.y, s.refIndex, grid);
        PecmKappaProfile.Result b = PecmReference.estimate(s.dd, s.y, s.refIndex, grid);
        compare(s.npix, a, b, s.npix / 3);
    }

    private static void compare(int npix, PecmKappaProfile.Result a, PecmKappaProfile.Result b, int minEstimated) {
        int estimated = 0, identical = 0;
        double worstRatio = 0, worstStd = 0;
        for (int q = 0; q < npix; q++) {
            double ra = a.ratio()[q], rb = b.ratio()[q], sa = a.ratioStd()[q], sb = b.ratioStd()[q];
            assertThat(Double.isNaN(ra)).as("pixel %d: %s vs %s", q, ra, rb).isEqualTo(Double.isNaN(rb));
            assertThat(Double.isNaN(sa)).as("pixel %d: σ %s vs %s", q, sa, sb).isEqualTo(Double.isNaN(sb));
            if (Double.isNaN(rb)) {
                continue;
            }
            estimated++;
            identical += ra == rb && sa == sb ? 1 : 0;
            worstRatio = Math.max(worstRatio, Math.abs(ra - rb) / rb);
            worstStd = Math.max(worstStd, Math.abs(sa - sb) / sb);
        }
        System.out.printf("PecmFastPathTest: %d pixels, %d ratios estimated (%d bit-identical), worst relative "
                + "difference of the ratio %.2e, of its σ %.2e%n", npix, estimated, identical, worstRatio, worstStd);
        assertThat(estimated).isGreaterThan(minEstimated);
        assertThat(worstRatio).isLessThanOrEqualTo(TOL);
        assertThat(worstStd).isLessThanOrEqualTo(TOL);
        assertThat(Arrays.stream(a.ratio()).filter(Double::isNaN).count())
                .isEqualTo(Arrays.stream(b.ratio()).filter(Double::isNaN).count());
    }
}

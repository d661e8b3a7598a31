package org.permasar.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.permasar.offset.VelocityTimeSeries.Pair;

/**
 * The two-step, per-component velocity series against simulated truth: a glacier surge whose cumulative
 * displacement is known in closed form (base speed plus a Gaussian pulse, integrated with erf), sampled by
 * Sentinel-1-like (6/12-day) and Sentinel-2-like (5–30-day, mosaicking offset per pair) pairs with noise
 * and gross errors; and small networks with exact answers.
 */
class VelocityTimeSeriesTest {
    private static final long SEED = 20261207L;
    private static final double BASE = 1, PULSE = 9, T0 = 90, W = 25; // m/day; surge centre and width, days

    /** Cumulative along-flow displacement of a glacier pixel with cross-profile factor g, metres: ∫₀ᵗ g·(BASE + PULSE·exp(−((τ−T0)/W)²)) dτ. */
    private static double along(double g, double t) {
        return g * (BASE * t + PULSE * W * Math.sqrt(Math.PI) / 2 * (Erf.erf((t - T0) / W) - Erf.erf(-T0 / W)));
    }

    @Test
    void exactOnNoiseFreeNetworkWithTwoComponents() {
        // sensor A: days 0, 6, 12 (pairs 0-6, 6-12, 0-12); sensor B: days 2, 7 (pair 2-7); one pixel, v = 2 m/day, 0.5 m/day
        List<Pair> pairs = List.of(new Pair(0, 6, false), new Pair(6, 12, false), new Pair(0, 12, false), new Pair(2, 7, true));
        float[][] dx = new float[4][1], dy = new float[4][1];
        for (int p = 0; p < 4; p++) {
            dx[p][0] = (float) (2.0 * pairs.get(p).days());
            dy[p][0] = (float) (0.5 * pairs.get(p).days());
        }
        VelocityTimeSeries.Result r = VelocityTimeSeries.solve(pairs, dx, dy, new boolean[] {false}, VelocityTimeSeries.Settings.DEFAULTS);
        assertEquals(List.of(0, 2, 6, 7, 12), java.util.Arrays.stream(r.dates()).boxed().toList());
        for (int k = 0; k < r.intervals(); k++) {
            assertEquals(2.0, r.vx()[k], 1e-6, "interval " + k);
            assertEquals(0.5, r.vy()[k], 1e-6, "interval " + k);
        }
        assertEquals(0, r.grossErrors()[0]);
    }

    @Test
    void grossErrorRemovedAndGapLeftNaN() {
        // days 0 … 30 every 6: pairs of 6 and 12 days; one 12-day pair carries +50 m; no pair spans 30 → 40
        List<Pair> pairs = new ArrayList<>();
        for (int d = 0; d < 30; d += 6) {
            pairs.add(new Pair(d, d + 6, false));
            if (d + 12 <= 30) {
                pairs.add(new Pair(d, d + 12, false));
            }
        }
        pairs.add(new Pair(40, 46, false));
        int np = pairs.size();
        float[][] dx = new float[np][1], dy = new float[np][1];
        for (int p = 0; p < np; p++) {
            dx[p][0] = (float) (3.0 * pairs.get(p).days());
        }
        dx[3][0] += 50; // pair 6 → 18
        VelocityTimeSeries.Result r = VelocityTimeSeries.solve(pairs, dx, dy, null, VelocityTimeSeries.Settings.DEFAULTS);
        assertEquals(1, r.grossErrors()[0]);
        int[] d = r.dates();
        for (int k = 0; k < r.intervals(); k++) {
            if (d[k] == 30) {
                assertTrue(Float.isNaN(r.vx()[k]), "gap 30 → 40 must be NaN");
            } else {
                assertEquals(3.0, r.vx()[k], 1e-5, "interval from day " + d[k]);
            }
        }
    }

    @Test
    void twoDisagreeingPairsAtTheFirstDateLeaveItNaNRatherThanWrong() {
        // days 0 … 30 every 6, pairs of 6 and 12 days: day 0 has only 0-6 and 0-12; either one carries +50 m
        List<Pair> pairs = new ArrayList<>();
        for (int d = 0; d < 30; d += 6) {
            pairs.add(new Pair(d, d + 6, false));
            if (d + 12 <= 30) {
                pairs.add(new Pair(d, d + 12, false));
            }
        }
        for (int bad = 0; bad < 2; bad++) {
            float[][] dx = new float[pairs.size()][1], dy = new float[pairs.size()][1];
            for (int p = 0; p < pairs.size(); p++) {
                dx[p][0] = (float) (3.0 * pairs.get(p).days());
            }
            dx[bad][0] += 50;
            VelocityTimeSeries.Result r = VelocityTimeSeries.solve(pairs, dx, dy, null, VelocityTimeSeries.Settings.DEFAULTS);
            assertEquals(2, r.grossErrors()[0], "both pairs of day 0 dropped");
            assertTrue(Float.isNaN(r.vx()[0]), "interval 0 → 6 NaN, got " + r.vx()[0]);
            for (int k = 1; k < r.intervals(); k++) {
                assertEquals(3.0, r.vx()[k], 1e-5, "interval " + k);
            }
        }
    }

    @Test
    void recoversSimulatedSurgeFromMixedS1S2PairsWithMosaickingOffsets() {
        Random rnd = new Random(SEED);
        int rows = 20, cols = 20, n = rows * cols;
        double[] g = new double[n]; // along-flow factor; 0 = stable ice
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g[r * cols + c] = r >= 6 && r <= 13 ? 1 - Math.pow((r - 9.5) / 5.0, 2) : 0;
            }
        }
        double stableVx = 0.02, stableVy = 0.01; // m/day (7.3 and 3.7 m/yr)
        List<Pair> pairs = new ArrayList<>();
        for (int d = 0; d + 6 <= 180; d += 6) { // S1: 6- and 12-day pairs
            pairs.add(new Pair(d, d + 6, false));
            if (d + 12 <= 180) {
                pairs.add(new Pair(d, d + 12, false));
            }
        }
        int s1 = pairs.size();
        for (int d = 2; d + 5 <= 180; d += 5) { // S2: 5-, 10-, 30-day pairs
            for (int step : new int[] {5, 10, 30}) {
                if (d + step <= 180) {
                    pairs.add(new Pair(d, d + step, true));
                }
            }
        }
        int np = pairs.size();
        double[] cx = new double[np], cy = new double[np];
        float[][] dx = new float[np][n], dy = new float[np][n];
        int grossPlanted = 0;
        for (int p = 0; p < np; p++) {
            Pair q = pairs.get(p);
            if (q.mosaicked()) {
                cx[p] = 6 * rnd.nextDouble() - 3;
                cy[p] = 6 * rnd.nextDouble() - 3;
            }
            double sigma = q.mosaicked() ? 0.5 : 0.3;
            for (int k = 0; k < n; k++) {
                double ux = g[k] > 0 ? along(g[k], q.day2()) - along(g[k], q.day1()) : stableVx * q.days();
                double uy = g[k] > 0 ? 0.2 * ux : stableVy * q.days();
                double ex = sigma * rnd.nextGaussian(), ey = sigma * rnd.nextGaussian();
                if (rnd.nextDouble() < 0.02) {
                    ex += 40;
                    grossPlanted++;
                }
                dx[p][k] = (float) (ux + cx[p] + ex);
                dy[p][k] = (float) (uy + cy[p] + ey);
            }
        }
        VelocityTimeSeries.Result r = VelocityTimeSeries.solve(pairs, dx, dy, null, VelocityTimeSeries.Settings.DEFAULTS);
        // mosaicking offsets
        double maxC = 0;
        for (int p = s1; p < np; p++) {
            maxC = Math.max(maxC, Math.max(Math.abs(r.offsetX()[p] - cx[p]), Math.abs(r.offsetY()[p] - cy[p])));
        }
        int removed = 0;
        for (int k = 0; k < n; k++) {
            removed += r.grossErrors()[k];
        }
        // velocity on the glacier's centre line and overall, against the elementary intervals' true mean velocity
        int[] d = r.dates();
        double peak = PULSE + BASE, se = 0, maxE = 0, seCentre = 0;
        int m = 0, mc = 0, nan = 0;
        double[] abs = new double[r.intervals() * n];
        for (int k = 0; k < r.intervals(); k++) {
            for (int px = 0; px < n; px++) {
                double truth = g[px] > 0 ? (along(g[px], d[k + 1]) - along(g[px], d[k])) / (d[k + 1] - d[k]) : stableVx;
                double e = r.vx()[k * n + px] - truth;
                if (Double.isNaN(e)) { // a date whose pairs were all gross errors, at the ends of the network
                    nan++;
                    continue;
                }
                se += e * e;
                abs[m] = Math.abs(e);
                m++;
                maxE = Math.max(maxE, Math.abs(e));
                if (px / cols == 9) {
                    seCentre += e * e;
                    mc++;
                }
            }
        }
        double rms = Math.sqrt(se / m), rmsCentre = Math.sqrt(seCentre / mc);
        java.util.Arrays.sort(abs, 0, m);
        double med = abs[m / 2], p95 = abs[(int) (0.95 * m)];
        System.out.printf("surge %d S1 + %d S2 pairs, %d dates, %d px: stable px %d; mosaicking offsets max error %.3f m "
                + "(offsets ±3 m); gross errors planted %d, removed %d; vx RMS error %.3f m/day (%.1f %% of peak %.0f m/day), "
                + "centre line %.3f m/day, median |error| %.3f, 95th percentile %.3f, max %.3f m/day; %d of %d interval-pixels NaN%n",
                s1, np - s1, d.length, n, r.stable(), maxC, grossPlanted, removed, rms, 100 * rms / peak, peak, rmsCentre, med, p95,
                maxE, nan, nan + m);
        assertTrue(p95 < 0.05 * peak, "95th percentile " + p95);
        assertTrue(nan <= 0.01 * (nan + m), nan + " NaN");
        assertTrue(maxC < 0.2, "mosaicking offsets error " + maxC + " m");
        assertTrue(r.stable() >= 0.9 * 240 && r.stable() <= 240, "stable pixels " + r.stable());
        assertTrue(rms < 0.05 * peak, "RMS " + rms);
        // the same without removing the mosaicking offsets (S2 pairs declared not mosaicked): worse
        List<Pair> plain = new ArrayList<>();
        for (Pair q : pairs) {
            plain.add(new Pair(q.day1(), q.day2(), false));
        }
        VelocityTimeSeries.Result r0 = VelocityTimeSeries.solve(plain, dx, dy, null, VelocityTimeSeries.Settings.DEFAULTS);
        double se0 = 0;
        for (int k = 0; k < r0.intervals(); k++) {
            for (int px = 0; px < n; px++) {
                double truth = g[px] > 0 ? (along(g[px], d[k + 1]) - along(g[px], d[k])) / (d[k + 1] - d[k]) : stableVx;
                double e = r0.vx()[k * n + px] - truth;
                if (!Double.isNaN(e)) {
                    se0 += e * e;
                }
            }
        }
        System.out.printf("without the mosaicking correction: vx RMS error %.3f m/day%n", Math.sqrt(se0 / m));
        assertTrue(Math.sqrt(se0 / m) > 1.5 * rms);
    }
}

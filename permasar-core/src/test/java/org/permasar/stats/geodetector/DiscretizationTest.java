package org.permasar.stats.geodetector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Class limits against hand-worked values, natural breaks against exhaustive search, and the OPGD rule. */
class DiscretizationTest {
    private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void handWorkedLimits() {
        // equal: 1 + 9·i/3
        check(ONE_TO_TEN, Discretization.Method.EQUAL, 3, 1, 4, 7, 10);
        // quantile type 7: h = 9p → p = .25: 3.25, .5: 5.5, .75: 7.75
        check(ONE_TO_TEN, Discretization.Method.QUANTILE, 4, 1, 3.25, 5.5, 7.75, 10);
        // geometric from 1 to 16 in 4: ratio 2
        check(new double[] {1, 3, 16, 5, 9}, Discretization.Method.GEOMETRIC, 4, 1, 2, 4, 8, 16);
        // geometric with min 0 (GD: shift by 1): 0…15 → 1…16 → 1,2,4,8,16 → 0,1,3,7,15
        check(new double[] {0, 15, 6}, Discretization.Method.GEOMETRIC, 4, 0, 1, 3, 7, 15);
        // sd: 1…10 has mean 5.5, s = √(82.5/9) = 3.0277; k = 4: 5.5 − s, 5.5, 5.5 + s
        double s = Math.sqrt(82.5 / 9);
        check(ONE_TO_TEN, Discretization.Method.SD, 4, 1, 5.5 - s, 5.5, 5.5 + s, 10);
        // sd, k = 6: ±1.5 s leaves the range with w = 1 (5.5 + 2s > 10) → w = ½: 5.5 + (i − 3)·s/2
        check(ONE_TO_TEN, Discretization.Method.SD, 6, 1, 5.5 - s, 5.5 - s / 2, 5.5, 5.5 + s / 2, 5.5 + s, 10);
        // natural: three obvious groups
        check(new double[] {1, 2, 3, 10, 11, 12, 20, 21, 22}, Discretization.Method.NATURAL, 3, 1, 3, 12, 22);
        // NaN ignored, ties merged: quantiles of {1,1,1,1,2} at k = 4 are 1,1,1,1,2 → classes {1} and (1, 2]
        check(new double[] {1, Double.NaN, 1, 1, 1, 2}, Discretization.Method.QUANTILE, 4, 1, 1, 2);
        // a constant factor: one class
        check(new double[] {3, 3, 3}, Discretization.Method.EQUAL, 3, 3, 3);
    }

    @Test
    void classesFollowTheClosedUpperLimits() {
        Breaks b = new Breaks(new double[] {0, 1, 2, 3});
        assertEquals(0, b.classOf(-5));
        assertEquals(0, b.classOf(0));
        assertEquals(0, b.classOf(1));
        assertEquals(1, b.classOf(1.0000001));
        assertEquals(2, b.classOf(3));
        assertEquals(2, b.classOf(99));
        assertEquals(-1, b.classOf(Double.NaN));
        assertEquals("[0, 1]", b.label(0));
        assertEquals("(1, 2]", b.label(1));
    }

    @Test
    void naturalBreaksAreTheExhaustiveOptimum() {
        long seed = 7;
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            int n = 6 + rnd.nextInt(9);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.round(rnd.nextGaussian() * 10) / 2.0;   // ties on purpose
            }
            java.util.Arrays.sort(v);
            for (int k = 2; k <= 4; k++) {
                double[] b = NaturalBreaks.limits(v, k);
                assertEquals(bruteForce(v, k), ssw(v, b), 1e-9, "seed " + seed + " trial " + trial + " k " + k);
            }
        }
    }

    @Test
    void opgdPrefersTheCoarsestStratificationWithinTolerance() {
        // y is a step function of x with three levels: k = 3 explains nearly all; larger k cannot add more than 5 %
        long seed = 11;
        Random rnd = new Random(seed);
        int n = 600;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3.0 * i / (n - 1);
            y[i] = Math.min(2, Math.floor(x[i])) + 0.01 * rnd.nextGaussian();
        }
        OptimalDiscretization.Result r = OptimalDiscretization.search(x, y, List.of(Discretization.Method.values()), 2, 8,
                OptimalDiscretization.TOLERANCE, SingleMemberStrata.KEEP);
        assertEquals(3, r.chosen().k(), "seed " + seed + ": " + r.chosen());
        assertTrue(r.chosen().q() > 0.99, r.chosen().toString());
        assertEquals(5 * 7, r.candidates().size());
    }

    private static void check(double[] x, Discretization.Method m, int k, double... expected) {
        assertArrayEquals(expected, Discretization.breaks(x, m, k).limits(), 1e-12, m + " k=" + k);
    }

    /** Within-class SS of sorted v cut at the limits (class i = (b_i, b_{i+1}], first closed). */
    private static double ssw(double[] v, double[] limits) {
        Breaks b = new Breaks(limits);
        StratumSums s = StratumSums.of(b.classify(v), v);
        double w = 0;
        for (int h = 0; h < s.strata(); h++) {
            w += s.centredSumOfSquares(h);
        }
        return w;
    }

    /** Least within-class SS over all ways to cut sorted v into k contiguous non-empty runs (tied values kept together). */
    private static double bruteForce(double[] v, int k) {
        return cut(v, 0, k);
    }

    private static double cut(double[] v, int from, int k) {
        if (k == 1) {
            return ss(v, from, v.length);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int end = from + 1; end <= v.length - 1; end++) {
            if (v[end] == v[end - 1]) {
                continue;   // a cut between equal values is not a class limit
            }
            best = Math.min(best, ss(v, from, end) + cut(v, end, k - 1));
        }
        return best == Double.POSITIVE_INFINITY ? ss(v, from, v.length) : best;
    }

    private static double ss(double[] v, int a, int b) {
        double m = 0;
        for (int i = a; i < b; i++) {
            m += v[i];
        }
        m /= b - a;
        double s = 0;
        for (int i = a; i < b; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return s;
    }
}

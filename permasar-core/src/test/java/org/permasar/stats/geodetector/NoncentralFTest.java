package org.permasar.stats.geodetector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hipparchus.distribution.continuous.FDistribution;
import org.junit.jupiter.api.Test;

/** The noncentral F against SciPy 1.10 {@code scipy.stats.ncf} (Boost) and against the central F at λ = 0. */
class NoncentralFTest {
    /** f, d1, d2, λ, sf, cdf from {@code scipy.stats.ncf.sf/cdf} (scipy 1.10.1, /usr/bin/python3). */
    private static final double[][] SCIPY = {
        {38.73550756036204, 8.0, 176.0, 152.0400746598901, 0.00011699043915416787, 0.9998830095608464},
        {1.5, 5.0, 20.0, 2.5, 0.451462443301869, 0.5485375566981312},
        {4.0, 2.0, 7.0, 10.0, 0.6886875457328842, 0.3113124542671154},
        {0.3, 1.0, 1.0, 0.5, 0.7414353437321354, 0.2585646562678647},
        {10.0, 4.0, 200.0, 30.0, 0.28948003435237674, 0.7105199656476235},
        {22.8, 20.0, 164.0, 910.2, 0.9999999969394284, 3.0605729966137406e-09},
        {3.0, 200.0, 1000000.0, 2000.0, 1.0, 2.869463851225406e-119},
        {50.0, 10.0, 50.0, 5.0, 1.1387536157738989e-19, 1.0},
        {1.2, 8.0, 1000.0, 0.001, 0.29562507719087927, 0.7043749228091207},
    };

    @Test
    void matchesScipy() {
        for (double[] c : SCIPY) {
            check(c[4], NoncentralF.survival(c[0], c[1], c[2], c[3]), 1e-9, "sf", c);
            check(c[5], NoncentralF.cdf(c[0], c[1], c[2], c[3]), 1e-9, "cdf", c);
        }
    }

    @Test
    void centralWhenLambdaIsZero() {
        for (double[] c : new double[][] {{2.0, 3, 10}, {0.5, 1, 4}, {7.5, 12, 30}, {1.0, 50, 3}}) {
            FDistribution f = new FDistribution(c[1], c[2]);
            assertEquals(f.cumulativeProbability(c[0]), NoncentralF.cdf(c[0], c[1], c[2], 0), 1e-14);
            assertEquals(1 - f.cumulativeProbability(c[0]), NoncentralF.survival(c[0], c[1], c[2], 0), 1e-14);
        }
    }

    @Test
    void edgesAndBadArguments() {
        assertEquals(1, NoncentralF.survival(0, 3, 10, 2));
        assertEquals(0, NoncentralF.survival(Double.POSITIVE_INFINITY, 3, 10, 2));
        assertEquals(Double.NaN, NoncentralF.survival(Double.NaN, 3, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> NoncentralF.survival(1, 0, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> NoncentralF.survival(1, 3, 10, -1));
    }

    @Test
    void largeNoncentralityStaysAccurateAndFast() {
        // 10⁷ pixels, 10 strata: λ = 10⁶; scipy.stats.ncf.sf(1.1e5, 9, 1e7, 1e6) = 0.9999995130868612, sf(1.2e5) = 0
        long t0 = System.nanoTime();
        assertEquals(0.9999995130868612, NoncentralF.survival(1.1e5, 9, 1e7, 1e6), 1e-9);
        assertEquals(0.0, NoncentralF.survival(1.2e5, 9, 1e7, 1e6), 1e-15);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("lambda = 1e6: two survival values in %.1f ms%n", ms);
    }

    private static void check(double expected, double actual, double rel, String what, double[] c) {
        double tol = Math.max(rel * Math.abs(expected), 1e-300);
        assertEquals(expected, actual, tol, what + " at f=" + c[0] + " d1=" + c[1] + " d2=" + c[2] + " λ=" + c[3]);
    }
}

package org.permasar.dinsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Re-differencing on a simulated Sentinel-1 TOPS interferogram of a fast glacier whose true phase is known
 * in closed form: slant-range motion up to 9 m in 6 days (1.5 m/day) with a parabolic cross profile, plus
 * along-track motion whose TOPS Doppler term jumps at burst edges; the prediction comes from range offsets
 * with a 2 % scale error and a smooth 5 cm error field, and an along-track velocity 5 % off.
 */
class RedifferencingTest {
    private static final int ROWS = 300, COLS = 600, BURST = 100;
    private static final double LAMBDA = 0.05547, RANGE_PX = 2.33, AZ_PX = 14.0, ATI = 2.056e-3, DAYS = 6, SPAN = 4400;

    /** Slant-range velocity, m/day: 1.5 m/day on the centre line, zero off the glacier (columns 100 … 500). */
    private static double vRange(int r, int c) {
        double u = (c - 300) / 200.0;
        return Math.abs(u) < 1 ? 1.5 * (1 - u * u) * (0.7 + 0.3 * r / (double) ROWS) : 0;
    }

    @Test
    void wrapAndPathUnwrapOnAKnownRamp() {
        assertEquals(Math.PI, Redifferencing.wrap(-Math.PI), 0);
        assertEquals(-0.5, Redifferencing.wrap(-0.5 + 6 * Math.PI), 1e-12);
        // a ramp of 2.5 rad per column and 1 rad per row unwraps exactly
        int rows = 20, cols = 30;
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Redifferencing.wrap(2.5 * (i % cols) + 1.0 * (i / cols) + 0.3);
        }
        float[] u = Redifferencing.unwrapPath(w, rows, cols);
        for (int i = 0; i < w.length; i++) {
            assertEquals(2.5 * (i % cols) + 1.0 * (i / cols), u[i] - u[0], 1e-4);
        }
        assertEquals(0, Redifferencing.residues(w, rows, cols));
    }

    @Test
    void predictedPhaseSignConvention() {
        // +1 range pixel (range increase, away from the satellite) = +(4π/λ)·2.33 m
        assertEquals(4 * Math.PI / LAMBDA * RANGE_PX, Redifferencing.rangePhase(new float[] {1}, RANGE_PX, LAMBDA)[0], 1e-2);
        float[] ph = {0, 0};
        Redifferencing.addAzimuthPhase(ph, new float[] {1, 1}, ATI, new float[] {100, -100});
        assertEquals(2 * Math.PI * 100 * ATI, ph[0], 1e-6); // 2π·f_DC·Δη
        assertEquals(-2 * Math.PI * 100 * ATI, ph[1], 1e-6);
    }

    @Test
    void fastGlacierGradientFallsBelowPiAndAddedBackPhaseEqualsTruth() {
        int n = ROWS * COLS;
        Random rnd = new Random(20261207L);
        float[] fdc = Redifferencing.topsDoppler(ROWS, COLS, BURST, SPAN);
        float[] truth = new float[n], observed = new float[n], noisy = new float[n];
        float[] rgOff = new float[n], azOff = new float[n], azOffTrue = new float[n];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                double dr = DAYS * vRange(r, c), da = 0.5 * dr; // metres slant range, metres along track
                azOffTrue[i] = (float) (da / AZ_PX);
                // φ = (4π/λ)·Δr + 2π·f_DC·Δη
                truth[i] = (float) (4 * Math.PI / LAMBDA * dr + 2 * Math.PI * fdc[i] * azOffTrue[i] * ATI);
                noisy[i] = (float) (truth[i] + 0.2 * rnd.nextGaussian());
                observed[i] = (float) Redifferencing.wrap(noisy[i]);
                // offsets: 2 % scale error and a smooth 5 cm error; along-track velocity 5 % off
                rgOff[i] = (float) ((1.02 * dr + 0.05 * Math.sin(2 * Math.PI * r / 150.0) * Math.cos(2 * Math.PI * c / 220.0)) / RANGE_PX);
                azOff[i] = (float) (1.05 * azOffTrue[i]);
            }
        }
        float[] predRange = Redifferencing.rangePhase(rgOff, RANGE_PX, LAMBDA);
        float[] pred = predRange.clone();
        Redifferencing.addAzimuthPhase(pred, azOff, ATI, fdc);
        double plain = Redifferencing.fractionAbovePi(truth, ROWS, COLS);
        double rangeOnly = Redifferencing.fractionAbovePi(diff(truth, predRange), ROWS, COLS);
        double full = Redifferencing.fractionAbovePi(diff(truth, pred), ROWS, COLS);
        int resPlain = Redifferencing.residues(observed, ROWS, COLS);
        int resRange = Redifferencing.residues(Redifferencing.subtract(observed, predRange), ROWS, COLS);
        float[] residual = Redifferencing.subtract(observed, pred);
        int resFull = Redifferencing.residues(residual, ROWS, COLS);
        System.out.printf("neighbour pairs with |Δφ| > π: plain %.4f, re-differenced by range offsets %.4f, + TOPS azimuth term "
                + "%.4f; residues (0.2 rad noise) %d, %d, %d of %d loops%n", plain, rangeOnly, full, resPlain, resRange, resFull,
                (ROWS - 1) * (COLS - 1));
        assertTrue(plain > 0.2, "the plain interferogram must alias over the glacier: " + plain);
        assertTrue(rangeOnly > 0 && rangeOnly < plain, "burst edges remain without the azimuth term: " + rangeOnly);
        assertEquals(0, full, "re-differenced gradient must stay below π everywhere");
        assertEquals(0, resFull);
        // unwrap the residual by path integration and add the prediction back: the noisy truth, up to one 2πk
        float[] total = Redifferencing.addBack(Redifferencing.unwrapPath(residual, ROWS, COLS), pred);
        double k0 = total[0] - noisy[0], max = 0;
        assertEquals(0, Redifferencing.wrap(k0), 1e-3);
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(total[i] - noisy[i] - k0));
        }
        System.out.printf("added-back phase vs truth (with its noise): max |error| %.2e rad (offset %.0f × 2π)%n", max, k0 / (2 * Math.PI));
        assertTrue(max < 2e-3 * 2 * Math.PI, "max error " + max);
        // the plain interferogram, path-unwrapped, is wrong over the glacier
        float[] naive = Redifferencing.unwrapPath(observed, ROWS, COLS);
        double k1 = naive[0] - noisy[0];
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            wrong += Math.abs(naive[i] - noisy[i] - k1) > 1 ? 1 : 0;
        }
        System.out.printf("plain interferogram path-unwrapped: %.1f %% of pixels wrong by > 1 rad%n", 100.0 * wrong / n);
        assertTrue(wrong > 0.3 * n);
    }

    private static float[] diff(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}

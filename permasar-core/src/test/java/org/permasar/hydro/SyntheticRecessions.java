package org.permasar.hydro;

import java.time.LocalDate;
import java.util.Random;

/**
 * Daily flows made of recessions that follow dQ/dt = −a·Q^b exactly (closed form), each started by a
 * one-day storm: Q(t) = (Q0^(1−b) + (b−1)·a·t)^(1/(1−b)) for b ≠ 1, Q0·e^(−a·t) for b = 1 (t in days).
 */
final class SyntheticRecessions {
    private SyntheticRecessions() {
    }

    /** Closed-form discharge t days after Q0. */
    static double q(double q0, double a, double b, double t) {
        if (b == 1) {
            return q0 * Math.exp(-a * t);
        }
        return Math.pow(Math.pow(q0, 1 - b) + (b - 1) * a * t, 1 / (1 - b));
    }

    /**
     * {@code events} recessions of {@code days} days each, peaks cycling over {@code peaks} (m³/s),
     * each preceded by a flat day; multiplicative log-normal noise of relative s.d. {@code noise}
     * (0 for none) drawn from {@code seed}.
     */
    static DischargeSeries series(LocalDate start, double a, double b, double[] peaks, int events, int days, double noise,
            long seed) {
        Random rnd = new Random(seed);
        double[] q = new double[events * (days + 1)];
        int k = 0;
        for (int e = 0; e < events; e++) {
            double q0 = peaks[e % peaks.length];
            // a flat day (equal to the day before, which ends a strictly falling limb), then the storm peak
            q[k] = k == 0 ? 0.5 * q0 : q[k - 1];
            k++;
            for (int t = 0; t < days; t++) {
                q[k++] = q(q0, a, b, t) * (noise > 0 ? Math.exp(noise * rnd.nextGaussian()) : 1);
            }
        }
        return DischargeSeries.unflagged(start, q);
    }
}

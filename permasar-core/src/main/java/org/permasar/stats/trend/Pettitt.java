package org.permasar.stats.trend;

/**
 * Pettitt's (1979, Appl. Statist. 28:126) non-parametric test for one change point in location.
 * U_t = Σ_{i≤t} Σ_{j&gt;t} sgn(x_j − x_i) for t = 1 … n−1 (Pettitt's U_{t,T} with the sign of
 * the later minus the earlier value, so U &gt; 0 means a rise); K = max_t |U_t|; the change point is
 * the t of that maximum (the last value of the first segment, 1-based); the two-sided p-value is
 * Pettitt's approximation p ≈ 2·exp(−6K²/(n³ + n²)) (his eq. 2.4 doubled), capped at 1 (it is
 * good for p ≤ 0.5). NaN values are dropped first. Stateless, thread-safe.
 */
public final class Pettitt {
    private Pettitt() {
    }

    /**
     * Result.
     *
     * @param n           values used
     * @param k           K = max |U_t|
     * @param changePoint 1-based t of the maximum: values 1 … t before the change
     * @param uAtChange   U_t at the change point (sign: &gt; 0 the later values are larger)
     * @param p           approximate two-sided p-value
     */
    public record Result(int n, double k, int changePoint, double uAtChange, double p) {
    }

    /** The test on {@code x} in order; needs at least 3 finite values. */
    public static Result test(double[] x) {
        double[] v = MannKendall.finite(x);
        int n = v.length;
        if (n < 3) {
            throw new IllegalArgumentException("Pettitt's test needs at least 3 values, got " + n);
        }
        // U_t = U_{t−1} + Σ_j sgn(x_j − x_t) − Σ_{i<t} sgn(x_t − x_i) = U_{t−1} + Σ_{j≠t} sgn(x_j − x_t)  (Pettitt 1979, §2)
        double u = 0, best = -1, bestU = 0;
        int at = 0;
        for (int t = 0; t < n - 1; t++) {
            double d = 0;
            for (int j = 0; j < n; j++) {
                d += Math.signum(v[j] - v[t]);
            }
            u += d;
            if (Math.abs(u) > best) {
                best = Math.abs(u);
                bestU = u;
                at = t + 1;
            }
        }
        double p = Math.min(1, 2 * Math.exp(-6 * best * best / ((double) n * n * n + (double) n * n)));
        return new Result(n, best, at, bestU, p);
    }
}

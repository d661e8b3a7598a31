package org.permasar.stats.trend;

import java.util.Arrays;

/**
 * Sen's (1968, JASA 63:1379) slope estimator: the median of the pairwise slopes
 * (x_j − x_i)/(t_j − t_i) over all i &lt; j with t_j ≠ t_i. Times are in whatever unit the caller
 * gives (days since an epoch: the slope is per day; {@link #perYear} converts). Pairs with a NaN
 * value are skipped. O(n²) memory and time: meant for yearly or per-event series (n of a few
 * thousand at most). Stateless, thread-safe.
 */
public final class SenSlope {
    /** Days per year used to turn a per-day slope into a per-year one (Julian year). */
    public static final double DAYS_PER_YEAR = 365.25;

    private SenSlope() {
    }

    /** Median pairwise slope, per unit of {@code t}; NaN when no pair has distinct times. */
    public static double slope(double[] t, double[] x) {
        if (t.length != x.length) {
            throw new IllegalArgumentException("times and values differ in length: " + t.length + " vs " + x.length);
        }
        int n = t.length;
        double[] d = new double[Math.max(0, n * (n - 1) / 2)];
        int m = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                double dt = t[j] - t[i];
                if (dt != 0 && Double.isFinite(x[i]) && Double.isFinite(x[j]) && Double.isFinite(dt)) {
                    d[m++] = (x[j] - x[i]) / dt;
                }
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(d, 0, m);
        return m % 2 == 1 ? d[m / 2] : 0.5 * (d[m / 2 - 1] + d[m / 2]);
    }

    /** Sen's slope of values at epoch days {@code days}, in units of x per year (× 365.25). */
    public static double perYear(long[] days, double[] x) {
        double[] t = new double[days.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = days[i];
        }
        return slope(t, x) * DAYS_PER_YEAR;
    }
}

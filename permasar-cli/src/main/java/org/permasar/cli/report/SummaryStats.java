package org.permasar.cli.report;

import java.util.Arrays;

/**
 * Count and empirical percentiles (p5, median, p95) of the finite values of a map, for the
 * report's tables. Percentiles use linear interpolation between order statistics (Hyndman and
 * Fan 1996, definition 7, numpy's default): position p·(n − 1) in the sorted values. NaN are
 * ignored; with no finite value every percentile is NaN.
 *
 * @param count  number of finite values
 * @param p5     5th percentile
 * @param median 50th percentile
 * @param p95    95th percentile
 */
record SummaryStats(int count, double p5, double median, double p95) {

    static SummaryStats of(float[] values) {
        double[] v = new double[values.length];
        int n = 0;
        for (float x : values) {
            if (Float.isFinite(x)) {
                v[n++] = x;
            }
        }
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return new SummaryStats(n, percentile(s, 0.05), percentile(s, 0.5), percentile(s, 0.95));
    }

    /** Hyndman–Fan type 7 percentile of sorted values, {@code p} in [0, 1]. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = p * (sorted.length - 1); // Hyndman & Fan (1996) type 7: h = (n − 1)p (0-based)
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

package org.permasar.viewer;

import java.util.Arrays;

/**
 * Summary of the values inside a drawn box: mean, sample standard deviation (n − 1 in the denominator),
 * median (mean of the two middle values for an even count), minimum and maximum. NaN everywhere for no
 * values; std NaN for one value. Callers drop NaN pixels first.
 */
public record BoxStatistics(int count, double mean, double std, double median, double min, double max) {

    /** Statistics of {@code values} (not modified; finite numbers expected). */
    public static BoxStatistics of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new BoxStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double mean = s / n, ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean); // two-pass: Σ(x − x̄)², no cancellation
        }
        double median = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        return new BoxStatistics(n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, median, v[0], v[n - 1]);
    }
}

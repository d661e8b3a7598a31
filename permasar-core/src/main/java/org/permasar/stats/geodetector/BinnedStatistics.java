package org.permasar.stats.geodetector;

import java.util.Arrays;

/**
 * Binned statistics of Y per class of a factor, as the box plots of seed 001 (Figs. 4–9) show them: count, the
 * 2, 25, 50, 75 and 98 % quantiles and the mean.
 *
 * <p>Two ways: {@link #exact} sorts the values of one class (R type-7 quantiles; for tables), and the mergeable
 * {@link Histograms} accumulate, per class, a histogram of Y on fixed bins between a known lower and upper bound
 * (for rasters streamed block by block), the quantile interpolated linearly inside its bin (so within one bin
 * width of the exact value) and clamped to the class's exact minimum and maximum. NaN Y or a negative class is
 * skipped.
 */
public final class BinnedStatistics {
    /** The quantile levels reported. */
    public static final double[] LEVELS = {0.02, 0.25, 0.50, 0.75, 0.98};

    /** One class's statistics: n, the quantiles at {@link #LEVELS}, the mean (NaN when n = 0). */
    public record Row(long n, double p02, double p25, double p50, double p75, double p98, double mean) {
    }

    private BinnedStatistics() {
    }

    /** Exact statistics of the finite values of {@code y}. */
    public static Row exact(double[] y) {
        double[] v = Discretization.finiteSorted(y);
        if (v.length == 0) {
            return new Row(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double[] q = new double[LEVELS.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = Discretization.quantile7(v, LEVELS[i]);
        }
        return new Row(v.length, q[0], q[1], q[2], q[3], q[4], s / v.length);
    }

    /**
     * Per-class histograms of Y on {@code bins} equal bins over [lo, hi] (values outside are clamped into the end
     * bins; the exact extremes are kept). Mutable, not thread-safe; {@link #merge} combines blocks.
     */
    public static final class Histograms {
        private final int bins;
        private final double lo, hi, width;
        private long[] counts;
        private double[] sum, min, max;
        private int classes;

        public Histograms(int bins, double lo, double hi) {
            if (bins < 1 || !(hi >= lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("histograms need bins ≥ 1 and finite lo ≤ hi, got " + bins + ", "
                        + lo + ", " + hi);
            }
            this.bins = bins;
            this.lo = lo;
            this.hi = hi;
            this.width = hi > lo ? (hi - lo) / bins : 1;
            counts = new long[0];
            sum = new double[0];
            min = new double[0];
            max = new double[0];
        }

        private void ensure(int n) {
            if (n > classes) {
                int old = classes;
                counts = Arrays.copyOf(counts, n * bins);
                sum = Arrays.copyOf(sum, n);
                min = Arrays.copyOf(min, n);
                max = Arrays.copyOf(max, n);
                for (int h = old; h < n; h++) {
                    min[h] = Double.POSITIVE_INFINITY;
                    max[h] = Double.NEGATIVE_INFINITY;
                }
                classes = n;
            }
        }

        /** Adds y to class h. */
        public void add(int h, double y) {
            if (h < 0 || !Double.isFinite(y)) {
                return;
            }
            ensure(h + 1);
            int b = (int) ((y - lo) / width);
            b = b < 0 ? 0 : b >= bins ? bins - 1 : b;
            counts[h * bins + b]++;
            sum[h] += y;
            min[h] = Math.min(min[h], y);
            max[h] = Math.max(max[h], y);
        }

        /** Adds another instance (same bins and range). */
        public Histograms merge(Histograms o) {
            if (o.bins != bins || o.lo != lo || o.hi != hi) {
                throw new IllegalArgumentException("histograms differ in bins or range");
            }
            ensure(o.classes);
            for (int h = 0; h < o.classes; h++) {
                for (int b = 0; b < bins; b++) {
                    counts[h * bins + b] += o.counts[h * bins + b];
                }
                sum[h] += o.sum[h];
                min[h] = Math.min(min[h], o.min[h]);
                max[h] = Math.max(max[h], o.max[h]);
            }
            return this;
        }

        /** Number of class codes seen (highest + 1). */
        public int classes() {
            return classes;
        }

        /** Statistics of class h. */
        public Row row(int h) {
            long n = 0;
            for (int b = 0; h < classes && b < bins; b++) {
                n += counts[h * bins + b];
            }
            if (n == 0) {
                return new Row(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] q = new double[LEVELS.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = quantile(h, n, LEVELS[i]);
            }
            return new Row(n, q[0], q[1], q[2], q[3], q[4], sum[h] / n);
        }

        /** The value below which a share p of class h lies, linear inside its bin, clamped to [min, max]. */
        private double quantile(int h, long n, double p) {
            double target = p * n;
            long cum = 0;
            for (int b = 0; b < bins; b++) {
                long c = counts[h * bins + b];
                if (c > 0 && cum + c >= target) {
                    double v = lo + width * (b + (target - cum) / c);
                    return Math.max(min[h], Math.min(max[h], v));
                }
                cum += c;
            }
            return max[h];
        }
    }
}

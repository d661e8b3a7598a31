package org.permasar.stats.geodetector;

import java.util.Arrays;

/**
 * Class limits of a discretised continuous factor: b₀ ≤ b₁ ≤ … ≤ b_k, class 0 = [b₀, b₁], class i = (b_i, b_{i+1}]
 * (the R package {@code GD}'s convention). Values below b₀ fall in class 0 and above b_k in class k − 1, so a
 * raster resampled beyond the sample's range still gets a class. b₀ = b₁ is allowed (class 0 holds the minimum
 * alone); other repeated limits would bound empty classes (ties in quantiles, a constant factor) and are merged, so
 * {@link #classes()} may be smaller than the count asked for. Immutable.
 */
public final class Breaks {
    private final double[] limits;

    /** Limits in ascending order (NaN refused); duplicates merged. */
    public Breaks(double[] limits) {
        if (limits.length < 2) {
            throw new IllegalArgumentException("need at least two class limits, got " + Arrays.toString(limits));
        }
        double[] s = limits.clone();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i]) || i > 0 && s[i] < s[i - 1]) {
                throw new IllegalArgumentException("class limits must be finite and ascending, got " + Arrays.toString(limits));
            }
        }
        int m = 1;
        for (int i = 1; i < s.length; i++) {
            if (s[i] != s[m - 1] || m == 1 && i == 1 && s.length > 2 && s[s.length - 1] > s[0]) {
                s[m++] = s[i];
            }
        }
        this.limits = Arrays.copyOf(s, Math.max(m, 2));
        if (m == 1) {
            this.limits[1] = s[0];
        }
    }

    /** Number of classes k. */
    public int classes() {
        return limits.length - 1;
    }

    /** The limits b₀ … b_k (a copy). */
    public double[] limits() {
        return limits.clone();
    }

    /** Class 0 … k−1 of x, or −1 for NaN. Binary search over the interior limits. */
    public int classOf(double x) {
        if (Double.isNaN(x)) {
            return -1;
        }
        // number of interior limits b_1 … b_{k−1} strictly below x
        int lo = 1, hi = limits.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (limits[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** Classes of every value of {@code x} (−1 for NaN). */
    public int[] classify(double[] x) {
        int[] c = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = classOf(x[i]);
        }
        return c;
    }

    /** The label of class i as an interval with 4 significant digits, e.g. "(2.5, 4]". */
    public String label(int i) {
        return (i == 0 ? "[" : "(") + fmt(limits[i]) + ", " + fmt(limits[i + 1]) + "]";
    }

    private static String fmt(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    @Override
    public String toString() {
        return Arrays.toString(limits);
    }
}

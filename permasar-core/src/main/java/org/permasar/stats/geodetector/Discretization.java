package org.permasar.stats.geodetector;

import java.util.Arrays;
import java.util.Locale;

/**
 * Discretisation of a continuous factor into k classes, for the geographical detector (the methods of the R
 * package {@code GD}, Song et al. 2020, GIScience &amp; Remote Sensing 57:593). NaN values are ignored; a method
 * that cannot give k distinct classes (ties, too few distinct values) gives fewer. Stateless.
 */
public final class Discretization {
    /** The methods, with their command-line names. */
    public enum Method {
        /** k classes of equal width between the minimum and the maximum. */
        EQUAL("equal"),
        /** Limits at the sample quantiles i/k (R type 7, linear interpolation of order statistics). */
        QUANTILE("quantile"),
        /**
         * Fisher–Jenks natural breaks: the partition of the sorted values into k contiguous classes of least
         * within-class sum of squares (Fisher 1958, JASA 53:789), solved exactly by dynamic programming
         * ({@link NaturalBreaks}). Limits are the classes' maxima.
         */
        NATURAL("natural"),
        /**
         * Geometric interval: limits min·r^i, r = (max/min)^{1/k} (as the R package {@code GD}); when min ≤ 0 the
         * values are shifted by 1 − min first and the limits shifted back (GD shifts by 1 when min = 0).
         */
        GEOMETRIC("geometric"),
        /**
         * Standard deviation: interior limits at mean + (i − k/2)·w·s, i = 1…k−1, s the sample standard
         * deviation, w = 1, halved until every interior limit lies strictly inside (min, max); outer limits min
         * and max.
         */
        SD("sd");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** Name on the command line and in tables. */
        public String label() {
            return label;
        }

        /** The method named {@code s} (case-insensitive). */
        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.label.equalsIgnoreCase(s.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown discretisation method '" + s
                    + "': expected equal, quantile, natural, geometric or sd");
        }
    }

    private Discretization() {
    }

    /** Class limits of the finite values of {@code x} by {@code method} with {@code k} ≥ 1 classes. */
    public static Breaks breaks(double[] x, Method method, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one class, got k = " + k);
        }
        double[] v = finiteSorted(x);
        if (v.length == 0) {
            throw new IllegalArgumentException("no finite values to discretise");
        }
        return breaksSorted(v, method, k);
    }

    /** As {@link #breaks} for values already finite and sorted ascending. */
    public static Breaks breaksSorted(double[] v, Method method, int k) {
        double min = v[0], max = v[v.length - 1];
        double[] b = new double[k + 1];
        switch (method) {
            case EQUAL -> {
                for (int i = 0; i <= k; i++) {
                    b[i] = min + (max - min) * i / k;
                }
                b[k] = max;
            }
            case QUANTILE -> {
                for (int i = 0; i <= k; i++) {
                    b[i] = quantile7(v, (double) i / k);
                }
            }
            case NATURAL -> b = NaturalBreaks.limits(v, k);
            case GEOMETRIC -> {
                double shift = min > 0 ? 0 : 1 - min;
                double lo = min + shift, hi = max + shift;
                double r = Math.pow(hi / lo, 1.0 / k);
                for (int i = 0; i <= k; i++) {
                    b[i] = lo * Math.pow(r, i) - shift;
                }
                b[0] = min;
                b[k] = max;
            }
            case SD -> b = sdLimits(v, k);
            default -> throw new IllegalStateException(method.toString());
        }
        return new Breaks(b);
    }

    private static double[] sdLimits(double[] v, int k) {
        double min = v[0], max = v[v.length - 1];
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double s = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        double[] b = new double[k + 1];
        b[0] = min;
        b[k] = max;
        if (k == 1 || !(s > 0)) {
            return k == 1 ? b : new double[] {min, max};
        }
        for (double w = 1; w > 1e-6; w /= 2) {
            boolean inside = true;
            for (int i = 1; i < k; i++) {
                b[i] = mean + (i - k / 2.0) * w * s;
                inside &= b[i] > min && b[i] < max;
            }
            if (inside) {
                return b;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "sd discretisation: cannot place %d classes around the mean %.6g inside [%.6g, %.6g]", k, mean, min, max));
    }

    /** R type-7 quantile of sorted values: (1 − γ)·v[j] + γ·v[j+1] with h = (n − 1)p, j = ⌊h⌋, γ = h − j. */
    static double quantile7(double[] v, double p) {
        double h = (v.length - 1) * p;
        int j = (int) Math.floor(h);
        if (j >= v.length - 1) {
            return v[v.length - 1];
        }
        double g = h - j;
        return v[j] + g * (v[j + 1] - v[j]);
    }

    static double[] finiteSorted(double[] x) {
        double[] v = new double[x.length];
        int n = 0;
        for (double d : x) {
            if (Double.isFinite(d)) {
                v[n++] = d;
            }
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        return v;
    }
}

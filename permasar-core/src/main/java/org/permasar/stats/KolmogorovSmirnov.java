package org.permasar.stats;

import java.util.Arrays;

/**
 * Two-sample Kolmogorov–Smirnov test, used to check whether an InSAR series and a GNSS series share one
 * distribution (seed 000: 22 of 24 levelling points passed).
 *
 * <p>Statistic: D = sup_x |F₁(x) − F₂(x)| of the two empirical distribution functions, computed by merging
 * the sorted samples (ties stepped together). p-value: the asymptotic Kolmogorov distribution,
 * P(D &gt; d) ≈ Q(λ), Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2j²λ²), with the small-sample correction
 * λ = (√nₑ + 0.12 + 0.11/√nₑ)·d, nₑ = n·m/(n + m) (Stephens 1970). Accurate to about 0.01 for nₑ ≳ 4;
 * Hipparchus {@code KolmogorovSmirnovTest} gives exact p-values for small samples when needed.
 * NaN values are ignored. Stateless.
 */
public final class KolmogorovSmirnov {
    /** D and its p-value. */
    public record Result(double statistic, double pValue, int n, int m) {
        /** True when the two samples are compatible at level {@code alpha} (p ≥ alpha). */
        public boolean passes(double alpha) {
            return pValue >= alpha;
        }
    }

    private KolmogorovSmirnov() {
    }

    /** The test of sample x against sample y (NaN dropped); both need at least one finite value. */
    public static Result test(double[] x, double[] y) {
        double[] a = finiteSorted(x), b = finiteSorted(y);
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need finite values, got " + a.length + " and " + b.length);
        }
        double d = statisticSorted(a, b);
        double ne = (double) a.length * b.length / (a.length + b.length);
        return new Result(d, pValue((Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d), a.length, b.length);
    }

    /** D for samples already sorted ascending without NaN. */
    static double statisticSorted(double[] a, double[] b) {
        int i = 0, j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == v) {
                i++;
            }
            while (j < b.length && b[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /** Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²); 1 for small λ (the series converges slowly there). */
    static double pValue(double lambda) {
        if (lambda < 0.2) {
            return 1;
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++) {
            double term = Math.exp(-2.0 * j * j * lambda * lambda);
            sum += (j % 2 == 1 ? term : -term);
            if (term < 1e-16) {
                break;
            }
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    private static double[] finiteSorted(double[] v) {
        double[] out = new double[v.length];
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                out[n++] = x;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }
}

package org.permasar.stats.trend;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * Mann–Kendall test for a monotonic trend (Mann 1945; Kendall 1975; as written out in Gilbert
 * 1987 §16.4), with the Hamed &amp; Rao (1998, J. Hydrol. 204:182) variance correction for serially
 * correlated data. The series is taken in the given order (equal spacing is assumed by the
 * autocorrelation correction, not by S). NaN values are dropped first. Stateless, thread-safe.
 */
public final class MannKendall {
    private MannKendall() {
    }

    /**
     * Result.
     *
     * @param n            values used
     * @param s            S = Σ_{i&lt;j} sgn(x_j − x_i)
     * @param varS         Var(S) with the tie correction (Kendall 1975): [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18
     * @param z            (S − sgn S)/√Var(S) (continuity correction), 0 when S = 0
     * @param p            two-sided p-value of z under the standard normal
     * @param tau          Kendall's τ = S / (n(n−1)/2)
     * @param nOverNStar   Hamed–Rao ratio n/n* (1 when no lag autocorrelation of the detrended ranks is significant)
     * @param zCorrected   z with Var*(S) = Var(S)·n/n*
     * @param pCorrected   two-sided p-value of {@code zCorrected}
     */
    public record Result(int n, double s, double varS, double z, double p, double tau, double nOverNStar,
            double zCorrected, double pCorrected) {
    }

    /**
     * The test on {@code x} in order. Hamed–Rao: the series is detrended by its Sen slope (against the
     * index), ranked, and the lag-k autocorrelations ρ_k of the ranks (k = 1 … n−1, the usual biased
     * estimator) that fall outside ±z_{1−α/2}/√n (α = {@code alpha}, 0.05 in the paper) enter
     * n/n* = 1 + 2/(n(n−1)(n−2)) · Σ (n−k)(n−k−1)(n−k−2)·ρ_k  (Hamed &amp; Rao 1998, eq. 26).
     *
     * @throws IllegalArgumentException when fewer than 3 finite values remain
     */
    public static Result test(double[] x, double alpha) {
        double[] v = finite(x);
        int n = v.length;
        if (n < 3) {
            throw new IllegalArgumentException("Mann–Kendall needs at least 3 values, got " + n);
        }
        double s = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Math.signum(v[j] - v[i]);
            }
        }
        double var = (n * (n - 1.0) * (2.0 * n + 5) - tieTerm(v)) / 18.0;
        double z = zOf(s, var);
        double ratio = hamedRaoRatio(v, alpha);
        double varStar = var * ratio;
        double zc = zOf(s, varStar);
        return new Result(n, s, var, z, twoSided(z), s / (0.5 * n * (n - 1.0)), ratio, zc, twoSided(zc));
    }

    /** The test at α = 0.05 for the autocorrelation screen. */
    public static Result test(double[] x) {
        return test(x, 0.05);
    }

    /** Hamed &amp; Rao (1998) n/n* of the finite values {@code v} (see {@link #test}). */
    static double hamedRaoRatio(double[] v, double alpha) {
        int n = v.length;
        double beta = SenSlope.slope(indexTimes(n), v);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = v[i] - beta * i;
        }
        double[] r = ranks(d);
        double mean = (n + 1) / 2.0;
        double c0 = 0;
        for (int i = 0; i < n; i++) {
            c0 += (r[i] - mean) * (r[i] - mean);
        }
        if (!(c0 > 0)) {
            return 1;
        }
        double bound = zQuantile(1 - alpha / 2) / Math.sqrt(n);
        double sum = 0;
        for (int k = 1; k < n; k++) {
            double ck = 0;
            for (int i = 0; i < n - k; i++) {
                ck += (r[i] - mean) * (r[i + k] - mean);
            }
            double rho = ck / c0;
            if (Math.abs(rho) > bound) {
                sum += (n - k) * (n - k - 1.0) * (n - k - 2.0) * rho;
            }
        }
        return 1 + 2.0 / (n * (n - 1.0) * (n - 2.0)) * sum;
    }

    /** Σ t(t−1)(2t+5) over groups of t tied values. */
    static double tieTerm(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double sum = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * (t - 1) * (2 * t + 5);
            i = j + 1;
        }
        return sum;
    }

    /** Mid-ranks (1-based) of {@code v}. */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = mid;
            }
            i = j + 1;
        }
        return r;
    }

    private static double zOf(double s, double var) {
        if (s == 0 || !(var > 0)) {
            return 0;
        }
        return (s - Math.signum(s)) / Math.sqrt(var);
    }

    /** 2·(1 − Φ(|z|)). */
    static double twoSided(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** Standard normal quantile. */
    static double zQuantile(double p) {
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }

    static double[] indexTimes(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    static double[] finite(double[] x) {
        double[] v = new double[x.length];
        int n = 0;
        for (double d : x) {
            if (Double.isFinite(d)) {
                v[n++] = d;
            }
        }
        return Arrays.copyOf(v, n);
    }
}

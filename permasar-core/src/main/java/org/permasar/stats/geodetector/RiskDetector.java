package org.permasar.stats.geodetector;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The risk detector of the geographical detector (Wang et al. 2010, IJGIS 24:107, eq. 2): the mean of Y in each
 * stratum and, for every pair of strata, Welch's t test of equal means,
 * t = (ȳ_i − ȳ_j) / √(s_i²/n_i + s_j²/n_j) with the Welch–Satterthwaite degrees of freedom
 * ν = (s_i²/n_i + s_j²/n_j)² / ((s_i²/n_i)²/(n_i − 1) + (s_j²/n_j)²/(n_j − 1)) (Welch 1947), s² the sample
 * variances; the two-sided p-value from Hipparchus' t distribution (ν not rounded; the R package
 * {@code geodetector} rounds ν and reports only p &lt; 0.05).
 *
 * <p>A pair with a stratum of fewer than two members, or with both variances zero, gets NaN t and p. Stateless.
 */
public final class RiskDetector {
    /** Significance level of the {@link Pair#significant} flag. */
    public static final double ALPHA = 0.05;

    /** One stratum: its code, count, mean and sample variance (NaN below two members). */
    public record Stratum(int code, long n, double mean, double variance) {
    }

    /** The Welch test between strata {@code a} and {@code b} (codes); significant when p &lt; {@link #ALPHA}. */
    public record Pair(int a, int b, double t, double df, double p, boolean significant) {
    }

    /** Strata (non-empty, by code) and all pairs a &lt; b. */
    public record Result(List<Stratum> strata, List<Pair> pairs) {
        public Result {
            strata = List.copyOf(strata);
            pairs = List.copyOf(pairs);
        }
    }

    private RiskDetector() {
    }

    /** Stratum means and pairwise Welch tests from the sums of one factor. */
    public static Result detect(StratumSums s) {
        List<Stratum> strata = new ArrayList<>();
        for (int h = 0; h < s.strata(); h++) {
            if (s.count(h) > 0) {
                strata.add(new Stratum(h, s.count(h), s.mean(h), s.sampleVariance(h)));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < strata.size(); i++) {
            for (int j = i + 1; j < strata.size(); j++) {
                pairs.add(welch(strata.get(i), strata.get(j)));
            }
        }
        return new Result(strata, pairs);
    }

    /** Welch's two-sample t test of {@code x} against {@code y}. */
    static Pair welch(Stratum x, Stratum y) {
        if (x.n() < 2 || y.n() < 2) {
            return new Pair(x.code(), y.code(), Double.NaN, Double.NaN, Double.NaN, false);
        }
        double vx = x.variance() / x.n(), vy = y.variance() / y.n();
        double se2 = vx + vy;
        if (!(se2 > 0)) {
            return new Pair(x.code(), y.code(), Double.NaN, Double.NaN, Double.NaN, false);
        }
        double t = (x.mean() - y.mean()) / Math.sqrt(se2);
        double df = se2 * se2 / (vx * vx / (x.n() - 1) + vy * vy / (y.n() - 1));   // Welch–Satterthwaite
        double p = 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
        return new Pair(x.code(), y.code(), t, df, p, p < ALPHA);
    }
}

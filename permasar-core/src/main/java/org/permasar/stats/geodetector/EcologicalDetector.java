package org.permasar.stats.geodetector;

import org.hipparchus.distribution.continuous.FDistribution;

/**
 * The ecological detector of the geographical detector (Wang et al. 2010, IJGIS 24:107, eq. 3): do two factors
 * differ in their control of Y? F = N_A (N_B − 1) SSW_A / (N_B (N_A − 1) SSW_B), SSW the within-strata sum of
 * squares of each stratification, compared with F(N_A − 1, N_B − 1); p = P(F(N_A − 1, N_B − 1) &gt; F) is small when
 * A leaves significantly more variance unexplained than B (B is the stronger control). The R package
 * {@code geodetector} compares the ratio of the two q instead and reports only a 0.1-level flag; this follows the
 * paper.
 *
 * <p>NaN F and p when a SSW is zero or a sample has fewer than two observations. Stateless.
 */
public final class EcologicalDetector {
    /** Significance level of the {@link Result#significant} flag. */
    public static final double ALPHA = 0.05;

    /** F, its degrees of freedom and upper-tail p; significant when p &lt; {@link #ALPHA}. */
    public record Result(double f, long df1, long df2, double p, boolean significant) {
    }

    private EcologicalDetector() {
    }

    /** The F test of factor A's stratification against factor B's (same Y). */
    public static Result detect(StratumSums a, StratumSums b) {
        long na = a.total(), nb = b.total();
        double sswA = ssw(a), sswB = ssw(b);
        if (na < 2 || nb < 2 || !(sswA > 0) || !(sswB > 0)) {
            return new Result(Double.NaN, na - 1, nb - 1, Double.NaN, false);
        }
        double f = na * (nb - 1.0) * sswA / (nb * (na - 1.0) * sswB);        // Wang et al. 2010 eq. 3
        double p = 1 - new FDistribution(na - 1, nb - 1).cumulativeProbability(f);
        return new Result(f, na - 1, nb - 1, p, p < ALPHA);
    }

    private static double ssw(StratumSums s) {
        double w = 0;
        for (int h = 0; h < s.strata(); h++) {
            w += s.centredSumOfSquares(h);
        }
        return w;
    }
}

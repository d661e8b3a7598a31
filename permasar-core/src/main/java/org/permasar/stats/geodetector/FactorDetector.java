package org.permasar.stats.geodetector;

/**
 * The factor detector of the geographical detector: how much of the variance of Y a stratification explains.
 *
 * <p>q = 1 − Σ_h N_h σ_h² / (N σ²) (Wang et al. 2010, IJGIS 24:107, eq. 1), with N_h σ_h² the centred sum of
 * squares of stratum h and N σ² that of all observations (population variances, so Σ N_h σ_h² is SSW and N σ² is
 * SST). Its test (Wang, Zhang &amp; Fu 2016, Ecol. Indic. 67:250, eqs. 3–5): F = (N − L) q / ((L − 1)(1 − q)) follows
 * the noncentral F(L − 1, N − L, λ) with λ = (Σ_h m_h² − (Σ_h √N_h m_h)² / N) / Var(Y), m_h the stratum means;
 * p = P(F(L − 1, N − L, λ) &gt; F) by {@link NoncentralF}. Var(Y) and the handling of single-member strata follow
 * the chosen {@link SingleMemberStrata} convention.
 *
 * <p>L counts non-empty strata. Degenerate cases give NaN rather than an exception: fewer than two strata, no
 * degrees of freedom left (N = L), or a constant Y (SST = 0). Stateless.
 */
public final class FactorDetector {
    /**
     * One factor's result.
     *
     * @param q          share of the variance of Y explained, 0…1
     * @param f          the F statistic
     * @param lambda     noncentrality parameter λ
     * @param p          P(F(L−1, N−L, λ) &gt; f)
     * @param strata     L, non-empty strata used
     * @param n          N, observations used
     * @param convention single-member-strata convention used
     */
    public record Result(double q, double f, double lambda, double p, int strata, long n,
                         SingleMemberStrata convention) {
    }

    private FactorDetector() {
    }

    /** q, F and p of the strata summed in {@code sums} under {@code convention}. */
    public static Result detect(StratumSums sums, SingleMemberStrata convention) {
        StratumSums s = convention == SingleMemberStrata.DROP ? sums.withoutSingleMembers() : sums;
        long n = s.total();
        int l = s.nonEmpty();
        double ssw = 0, total = 0;
        for (int h = 0; h < s.strata(); h++) {
            ssw += s.centredSumOfSquares(h);
            total += s.sum(h);
        }
        double grand = total / n;
        double ssb = 0;
        for (int h = 0; h < s.strata(); h++) {
            long nh = s.count(h);
            if (nh > 0) {
                double d = s.mean(h) - grand;
                ssb += nh * d * d;
            }
        }
        double sst = ssw + ssb;
        if (l < 2 || n <= l || !(sst > 0)) {
            return new Result(sst > 0 ? 1 - ssw / sst : Double.NaN, Double.NaN, Double.NaN, Double.NaN, l, n, convention);
        }
        double q = 1 - ssw / sst;                               // Wang et al. 2010 eq. 1
        double f = (n - l) * q / ((l - 1) * (1 - q));           // Wang, Zhang & Fu 2016 eq. 3
        double varY = sst / (convention == SingleMemberStrata.DROP ? n : n - 1);
        double sumSq = 0, sumRoot = 0;
        for (int h = 0; h < s.strata(); h++) {
            long nh = s.count(h);
            if (nh > 0) {
                double m = s.mean(h);
                sumSq += m * m;
                sumRoot += Math.sqrt(nh) * m;
            }
        }
        double lambda = Math.max(0, (sumSq - sumRoot * sumRoot / n) / varY);  // Wang, Zhang & Fu 2016 eq. 5
        double p = Double.isInfinite(f) ? 0 : NoncentralF.survival(f, l - 1, n - l, lambda);
        return new Result(q, f, lambda, p, l, n, convention);
    }
}

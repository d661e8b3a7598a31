package org.permasar.thermal;

/**
 * Day-to-day temperature scatter σ_d (°C) recovered from the scatter of w-day composites (e.g. MOD11A2
 * 8-day means) around a smooth curve, for {@link ExpectedDegreeDays}.
 *
 * <p>Model: the daily anomaly is a stationary AR(1) process with variance σ_d² and lag-k correlation
 * ρ^k (weather spells make it positively autocorrelated). A w-day mean then has variance
 * σ_d²·g0(ρ)/w² with {@code g0 = Σ_{i,j<w} ρ^|i−j| = w + 2·Σ_{k=1}^{w−1} (w−k)·ρ^k}, and two adjacent
 * composites covary by σ_d²·g1(ρ)/w² with {@code g1 = Σ_{i<w≤j<2w} ρ^(j−i) = ρ·((1−ρ^w)/(1−ρ))²}
 * (the variance of a mean of a serially correlated series, e.g. Wilks 2011, Statistical Methods in
 * the Atmospheric Sciences, §5.2.4). The lag-1 correlation of the composite residuals,
 * r_c = g1/g0, is increasing in ρ, so ρ is found by bisection and σ_d = σ_c·w/√g0(ρ). With r_c ≤ 0
 * the daily anomaly is taken as white (ρ = 0, σ_d = σ_c·√w); ρ is capped at 0.95. Stateless.
 */
public final class DailyScatter {
    private static final double RHO_MAX = 0.95;

    private DailyScatter() {
    }

    /**
     * @param compositeStd std of the composites around the smooth curve, °C (NaN → NaN)
     * @param lag1         lag-1 correlation of consecutive composite residuals (NaN → 0)
     * @param windowDays   days per composite w ≥ 1
     * @return σ_d, °C
     */
    public static double dailyStd(double compositeStd, double lag1, int windowDays) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("composite window must be >= 1 day, got " + windowDays);
        }
        if (!(compositeStd >= 0)) {
            return Double.NaN;
        }
        double rho = 0;
        if (lag1 > 0 && windowDays > 1) {
            double lo = 0, hi = RHO_MAX;
            if (lag1 >= adjacentCorrelation(hi, windowDays)) {
                rho = hi;
            } else {
                for (int it = 0; it < 60; it++) {
                    double mid = 0.5 * (lo + hi);
                    if (adjacentCorrelation(mid, windowDays) < lag1) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                rho = 0.5 * (lo + hi);
            }
        }
        return compositeStd * windowDays / Math.sqrt(g0(rho, windowDays));   // Var(w-day mean) = σ_d²·g0/w²
    }

    /** Correlation of two adjacent w-day means of an AR(1) series with lag-1 correlation ρ: g1/g0. */
    static double adjacentCorrelation(double rho, int w) {
        double s = (1 - Math.pow(rho, w)) / (1 - rho);
        return rho * s * s / g0(rho, w);
    }

    /** g0 = Σ_{i,j<w} ρ^|i−j| = w + 2·Σ_{k=1}^{w−1} (w−k)·ρ^k. */
    static double g0(double rho, int w) {
        double s = w, p = 1;
        for (int k = 1; k < w; k++) {
            p *= rho;
            s += 2 * (w - k) * p;
        }
        return s;
    }
}

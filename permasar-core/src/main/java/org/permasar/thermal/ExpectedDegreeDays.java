package org.permasar.thermal;

import org.hipparchus.special.Erf;

/**
 * Expected positive and negative parts of a daily temperature scattered around a smooth curve:
 * with T ~ N(μ, σ²) (Thom 1954, "The rational relationship between heating degree days and
 * temperature", Mon. Weather Rev. 82(1), eq. for the expected degree-days per day)
 * <pre>
 *   E[max(T, 0)]  = μ·Φ(μ/σ) + σ·φ(μ/σ)
 *   E[max(−T, 0)] = E[max(T, 0)] − μ
 * </pre>
 * Φ, φ the standard normal CDF and PDF. Sums of these over the days of a season estimate the
 * accumulated degree-days of thaw and freeze (ADDT/ADDF) of the real, noisy daily temperatures from
 * a smoothed curve: the positive part is convex, so Σ max(μ, 0) of the smooth curve underestimates
 * both (Jensen's inequality) wherever the temperature hovers around 0 °C. With σ = 0 the parts are
 * max(μ, 0) and max(−μ, 0). Units: °C (per day). NaN μ or σ gives NaN. Stateless, thread-safe.
 */
public final class ExpectedDegreeDays {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2);

    private ExpectedDegreeDays() {
    }

    /**
     * E[max(T, 0)] for T ~ N(μ, σ²).
     *
     * @param mu    mean temperature, °C
     * @param sigma standard deviation of the daily scatter, °C, ≥ 0
     */
    public static double positivePart(double mu, double sigma) {
        if (!(sigma > 0)) {
            return sigma == 0 ? Math.max(mu, 0) : Double.NaN;
        }
        double z = mu / sigma;
        double cdf = 0.5 * Erf.erfc(-z * INV_SQRT_2);
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
        return mu * cdf + sigma * pdf;      // Thom (1954): E[(T)+] = μΦ(μ/σ) + σφ(μ/σ)
    }

    /** E[max(−T, 0)] = E[max(T, 0)] − μ for T ~ N(μ, σ²) (°C). */
    public static double negativePart(double mu, double sigma) {
        double t = positivePart(mu, sigma);
        return sigma == 0 ? Math.max(-mu, 0) : t - mu;
    }
}

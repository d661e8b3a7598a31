package org.permasar.permafrost.alt;

/**
 * ALT from the seasonal subsidence with a moisture profile (Liu et al. 2012; seed 000 eq. 1):
 * <pre>  ΔD = ∫₀^H W(h)·(ρ_w − ρ_i)/ρ_i dh  =  (Δρ/ρ_i)·C(H)</pre>
 * solved for H through the profile's inverse column, H = C⁻¹(ΔD·ρ_i/Δρ) (closed form for constant,
 * layered and exponential-to-zero profiles, bracketing otherwise; see {@link MoistureProfile}).
 *
 * <p>Uncertainty: first-order propagation, σ_H = σ_ΔD / |dΔD/dH| = σ_ΔD·ρ_i / (Δρ·W(H)).
 * NaN policy: NaN or negative ΔD → NaN (flag NO_DATA / INVALID_INPUT); a profile that cannot hold
 * that much water → NaN (NO_SOLUTION). Stateless, thread-safe.
 */
public final class LiuProfileModel {
    private LiuProfileModel() {
    }

    /**
     * @param subsidence ΔD, seasonal (peak-to-trough) vertical subsidence, m, ≥ 0
     * @return H, m, or NaN
     */
    public static double alt(double subsidence, MoistureProfile profile, Densities rho) {
        if (!(subsidence >= 0)) {
            return Double.NaN;
        }
        // Liu et al. (2012) eq. 1: ΔD = (Δρ/ρ_i) ∫₀^H W dh  →  ∫₀^H W dh = ΔD ρ_i / Δρ
        return profile.depthForColumn(subsidence / rho.expansion());
    }

    /** σ_H, m, for an amplitude std σ_ΔD (m) at the solution H (m): σ_ΔD·ρ_i / (Δρ·W(H)). */
    public static double sigma(double alt, double sigmaSubsidence, MoistureProfile profile, Densities rho) {
        if (Double.isNaN(alt) || !(sigmaSubsidence >= 0)) {
            return Double.NaN;
        }
        return sigmaSubsidence / (rho.expansion() * profile.moisture(alt));
    }

    /**
     * Whole raster with one profile for all pixels.
     *
     * @param subsidence ΔD per pixel, m
     * @param sigma      std of ΔD per pixel, m; may be null (then sigma outputs are NaN)
     */
    public static AltMap map(float[] subsidence, float[] sigma, MoistureProfile profile, Densities rho) {
        if (sigma != null && sigma.length != subsidence.length) {
            throw new IllegalArgumentException("sigma has " + sigma.length + " values, subsidence " + subsidence.length);
        }
        AltMap m = AltMap.empty(subsidence.length);
        for (int k = 0; k < subsidence.length; k++) {
            double d = subsidence[k];
            if (Double.isNaN(d)) {
                continue;
            }
            if (d < 0) {
                m.flag()[k] = AltMap.INVALID_INPUT;
                continue;
            }
            double h = alt(d, profile, rho);
            if (Double.isNaN(h)) {
                m.flag()[k] = AltMap.NO_SOLUTION;
                continue;
            }
            m.alt()[k] = (float) h;
            m.sigma()[k] = sigma == null ? Float.NaN : (float) sigma(h, sigma[k], profile, rho);
            m.flag()[k] = AltMap.OK;
        }
        return m;
    }
}

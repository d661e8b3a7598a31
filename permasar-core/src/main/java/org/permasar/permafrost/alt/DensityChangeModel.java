package org.permasar.permafrost.alt;

/**
 * Freeze–thaw density-change ALT model (seed 002 eq. 2, SCIENCE.md §4):
 * <pre>  H = (ρ_i + n(ρ_w − ρ_i)) / ((N − n)(ρ_w − ρ_i)) · δ</pre>
 * with δ the peak-to-trough seasonal amplitude of <em>vertical</em> displacement (m), N the volumetric
 * water content when thawed (m³/m³, October root-zone soil moisture) and n the unfrozen water content
 * when frozen (m³/m³, 0 ≤ n &lt; N). Its inverse for n at a site of known H:
 * <pre>  n = (H·N·Δρ − δ·ρ_i) / (Δρ·(H + δ))</pre>
 * (solve H(N − n)Δρ = δ(ρ_i + nΔρ) for n). H is linear in δ, so σ_H = H/δ · σ_δ exactly.
 * Worked check (seed 002): N = 0.30, n = 0.05, δ = 55 mm → H = 921.15/20.75 · 0.055 = 2.4416 m.
 *
 * <p>NaN policy: NaN input → NaN; δ &lt; 0, n &lt; 0, N &gt; 1 or n ≥ N → NaN. Stateless, thread-safe.
 */
public final class DensityChangeModel {
    private DensityChangeModel() {
    }

    /** H, m, from δ (m), N and n (m³/m³); NaN when the inputs are outside their domain. */
    public static double alt(double delta, double thawedWater, double frozenWater, Densities rho) {
        if (!(delta >= 0) || !(frozenWater >= 0) || !(thawedWater > frozenWater) || thawedWater > 1) {
            return Double.NaN;
        }
        double dr = rho.delta();
        // seed 002 eq. 2
        return (rho.ice() + frozenWater * dr) / ((thawedWater - frozenWater) * dr) * delta;
    }

    /**
     * Inverse of {@link #alt} for n (m³/m³) given the site's ALT H (m), δ (m) and N. The result may fall
     * outside [0, N) for inconsistent data; the caller treats that as an anomaly. NaN when H ≤ 0, δ &lt; 0 or
     * any input is NaN.
     */
    public static double frozenWater(double alt, double delta, double thawedWater, Densities rho) {
        if (!(alt > 0) || !(delta >= 0) || Double.isNaN(thawedWater)) {
            return Double.NaN;
        }
        double dr = rho.delta();
        // inverse of seed 002 eq. 2: n = (H N Δρ − δ ρ_i) / (Δρ (H + δ))
        return (alt * thawedWater * dr - delta * rho.ice()) / (dr * (alt + delta));
    }

    /**
     * Whole raster.
     *
     * @param delta       δ per pixel, m
     * @param sigmaDelta  std of δ per pixel, m, or null
     * @param thawedWater N per pixel, m³/m³
     * @param frozenWater n per pixel, m³/m³ (e.g. from {@link FrozenWaterCalibration})
     */
    public static AltMap map(float[] delta, float[] sigmaDelta, float[] thawedWater, float[] frozenWater, Densities rho) {
        int n = delta.length;
        if (thawedWater.length != n || frozenWater.length != n || (sigmaDelta != null && sigmaDelta.length != n)) {
            throw new IllegalArgumentException("array lengths differ: delta " + n + ", N " + thawedWater.length
                    + ", n " + frozenWater.length);
        }
        AltMap m = AltMap.empty(n);
        double dr = rho.delta();
        for (int k = 0; k < n; k++) {
            double d = delta[k], big = thawedWater[k], small = frozenWater[k];
            if (Double.isNaN(d) || Double.isNaN(big) || Double.isNaN(small)) {
                continue;
            }
            if (d < 0 || small < 0 || !(big > small) || big > 1) {
                m.flag()[k] = AltMap.INVALID_INPUT;
                continue;
            }
            double factor = (rho.ice() + small * dr) / ((big - small) * dr); // seed 002 eq. 2
            m.alt()[k] = (float) (factor * d);
            m.sigma()[k] = sigmaDelta == null ? Float.NaN : (float) (factor * sigmaDelta[k]);
            m.flag()[k] = AltMap.OK;
        }
        return m;
    }
}

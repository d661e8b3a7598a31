package org.permasar.thermal;

/**
 * Stefan solution for the active-layer (thaw) depth (SCIENCE.md §3; Nelson et al. 1997; seeds 000,
 * 001, 004):
 * <ul>
 * <li>physical: {@code Z = √(2·κ_t·ADDT·86400 / (L_f·ρ_w·θ))} (m), κ_t thawed conductivity
 *     (W/(m·K)), ADDT in °C·day (×86400 s/day), L_f = 3.34e5 J/kg, ρ_w water density (kg/m³),
 *     θ volumetric water content (m³/m³);</li>
 * <li>calibrated: {@code Z = E·√ADDT} with the edaphic factor E (m/√(°C·day)) fitted to borehole
 *     ALTs by least squares through the origin: {@code E = Σ Z_i√ADDT_i / Σ ADDT_i}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class StefanModel {

    /** Latent heat of fusion of water, J/kg. */
    public static final double LATENT_HEAT = 3.34e5;
    /** Seconds per day. */
    public static final double SECONDS_PER_DAY = 86400;

    private StefanModel() {
    }

    /**
     * Physical Stefan thaw depth (m); NaN when ADDT is NaN; 0 for ADDT = 0.
     *
     * @param thawedConductivity κ_t, W/(m·K), &gt; 0
     * @param addt               accumulated degree-days of thaw, °C·day, ≥ 0
     * @param waterContent       θ, m³/m³, in (0, 1]
     * @param waterDensity       ρ_w, kg/m³, &gt; 0 (1000)
     */
    public static double thawDepth(double thawedConductivity, double addt, double waterContent, double waterDensity) {
        if (!(thawedConductivity > 0) || !(waterContent > 0 && waterContent <= 1) || !(waterDensity > 0) || addt < 0) {
            throw new IllegalArgumentException("need κ_t > 0, 0 < θ <= 1, ρ_w > 0, ADDT >= 0; got " + thawedConductivity
                    + ", " + waterContent + ", " + waterDensity + ", " + addt);
        }
        // Stefan: Z = sqrt(2 κ_t ADDT·86400 / (L_f ρ_w θ))
        return Math.sqrt(2 * thawedConductivity * addt * SECONDS_PER_DAY / (LATENT_HEAT * waterDensity * waterContent));
    }

    /** Calibrated Stefan depth {@code E·√ADDT} (m). */
    public static double thawDepth(double edaphicFactor, double addt) {
        return edaphicFactor * Math.sqrt(addt);
    }

    /**
     * Edaphic factor E (m/√(°C·day)) minimising Σ(Z_i − E√ADDT_i)²; pairs with NaN are skipped.
     *
     * @param alt  borehole active-layer thickness, m
     * @param addt ADDT at the same sites (end of thaw season), °C·day
     * @return E, or NaN when no valid pair has ADDT &gt; 0
     */
    public static double fitEdaphicFactor(double[] alt, double[] addt) {
        if (alt.length != addt.length) {
            throw new IllegalArgumentException("alt (" + alt.length + ") and addt (" + addt.length + ") differ in length");
        }
        double num = 0, den = 0;
        for (int i = 0; i < alt.length; i++) {
            if (Double.isNaN(alt[i]) || Double.isNaN(addt[i])) {
                continue;
            }
            if (addt[i] < 0) {
                throw new IllegalArgumentException("ADDT must be >= 0, got " + addt[i] + " at index " + i);
            }
            num += alt[i] * Math.sqrt(addt[i]);
            den += addt[i];
        }
        return den > 0 ? num / den : Double.NaN;
    }
}

package org.permasar.thermal;

/**
 * Soil thermal conductivity after Johansen (1977), in the form of Du et al. (2020) used by seed 001
 * (eq. 1) and written out in SCIENCE.md §3:
 * <pre>
 *   κ     = (κ_sat − κ_dry)·Ke + κ_dry   if S_r &gt; 1e-5, else κ_dry
 *   κ_dry = (0.135·ρ_b + 64.7) / (2700 − 0.947·ρ_b)          (ρ_b bulk density, kg/m³)
 *   n     = 1 − ρ_b/2650                                     (porosity)
 *   κ_s   = κ_q^q · κ_o^(1−q), κ_q = 7.7, κ_o = 2.0 if q &gt; 0.2 else 3.0   (q quartz fraction)
 *   κ_sat = κ_s^(1−n)·κ_w^n (thawed) or κ_s^(1−n)·κ_i^n (frozen)
 *   Ke    = S_r (frozen); 0.7·log10(S_r) + 1 (coarse, thawed); log10(S_r) + 1 (fine, thawed)
 * </pre>
 * Conductivities in W/(m·K). κ_w = 0.57 and κ_i = 2.2 W/(m·K) (water and ice at ~0 °C, Farouki
 * 1981) are the defaults. Deviation, said here: the thawed Kersten number is clamped to [0, 1],
 * because below S_r ≈ 0.04 (coarse) or 0.1 (fine) the logarithmic form — outside Johansen's range
 * of validity — would give a conductivity below κ_dry, even negative.
 *
 * @param waterConductivity κ_w, W/(m·K), &gt; 0
 * @param iceConductivity   κ_i, W/(m·K), &gt; 0
 */
public record JohansenConductivity(double waterConductivity, double iceConductivity) {

    /** κ_w = 0.57, κ_i = 2.2 W/(m·K). */
    public static final JohansenConductivity STANDARD = new JohansenConductivity(0.57, 2.2);

    public JohansenConductivity {
        if (!(waterConductivity > 0) || !(iceConductivity > 0)) {
            throw new IllegalArgumentException("conductivities must be > 0, got water=" + waterConductivity
                    + " ice=" + iceConductivity);
        }
    }

    /** Soil texture class of the thawed Kersten number. */
    public enum Texture { COARSE, FINE }

    /** Dry conductivity κ_dry (W/(m·K)) for bulk density ρ_b in kg/m³ (Johansen 1977). */
    public static double dry(double bulkDensity) {
        return (0.135 * bulkDensity + 64.7) / (2700 - 0.947 * bulkDensity);
    }

    /** Solids conductivity κ_s (W/(m·K)) from quartz fraction q ∈ [0, 1]. */
    public static double solids(double quartz) {
        double ko = quartz > 0.2 ? 2.0 : 3.0;
        return Math.pow(7.7, quartz) * Math.pow(ko, 1 - quartz);
    }

    /**
     * Thermal conductivity, W/(m·K).
     *
     * @param bulkDensity ρ_b, kg/m³, in (0, 2650)
     * @param quartz      quartz (sand) fraction, [0, 1]
     * @param saturation  degree of saturation S_r, [0, 1]
     * @param frozen      frozen (ice in pores) or thawed (water)
     * @param texture     coarse or fine (used when thawed)
     */
    public double conductivity(double bulkDensity, double quartz, double saturation, boolean frozen, Texture texture) {
        if (!(bulkDensity > 0 && bulkDensity < 2650) || !(quartz >= 0 && quartz <= 1)
                || !(saturation >= 0 && saturation <= 1) || texture == null) {
            throw new IllegalArgumentException("need 0 < bulkDensity < 2650 kg/m³, quartz and saturation in [0, 1], got "
                    + bulkDensity + ", " + quartz + ", " + saturation + ", " + texture);
        }
        double kDry = dry(bulkDensity);
        if (saturation <= 1e-5) {
            return kDry;
        }
        double n = 1 - bulkDensity / 2650;
        double ks = solids(quartz);
        double kSat = Math.pow(ks, 1 - n) * Math.pow(frozen ? iceConductivity : waterConductivity, n);
        double ke;
        if (frozen) {
            ke = saturation;
        } else if (texture == Texture.COARSE) {
            ke = 0.7 * Math.log10(saturation) + 1;
        } else {
            ke = Math.log10(saturation) + 1;
        }
        ke = Math.min(1, Math.max(0, ke));
        return (kSat - kDry) * ke + kDry;               // Johansen (1977); seed 001 eq. 1
    }
}

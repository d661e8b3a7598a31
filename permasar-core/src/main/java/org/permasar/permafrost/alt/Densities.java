package org.permasar.permafrost.alt;

/**
 * Densities of liquid water and ice, kg/m³. Immutable.
 *
 * @param water ρ_w, default 1000 kg/m³
 * @param ice   ρ_i, default 917 kg/m³; must be below ρ_w (water expands on freezing)
 */
public record Densities(double water, double ice) {
    /** ρ_w = 1000, ρ_i = 917 kg/m³ (SCIENCE.md §4; seed 002 §2.3). */
    public static final Densities DEFAULT = new Densities(1000, 917);

    public Densities {
        if (!(ice > 0) || !(water > ice) || Double.isInfinite(water)) {
            throw new IllegalArgumentException("need 0 < ice < water density, got water " + water + ", ice " + ice + " kg/m³");
        }
    }

    /** Δρ = ρ_w − ρ_i, kg/m³. */
    public double delta() {
        return water - ice;
    }

    /** Heave per metre of water column frozen, (ρ_w − ρ_i)/ρ_i (Liu et al. 2012, eq. 1 integrand factor). */
    public double expansion() {
        return (water - ice) / ice;
    }
}

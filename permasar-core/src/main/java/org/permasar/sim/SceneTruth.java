package org.permasar.sim;

/**
 * Per-pixel truth maps of a simulated scene that do not depend on the track. Maps are row-major
 * {@code a[r·cols + c]}; per-year onsets are year-major {@code a[k·size + pixel]}. Accessors
 * return internal arrays: <b>callers must not modify them</b>.
 *
 * <p>NaN policy: deformation parameters and amplitudes are NaN on the lake; onsets are defined
 * everywhere (they come from the LST alone).
 */
public final class SceneTruth {
    private final SceneLayout layout;
    private final float[] seasonalAmplitude;
    private final float[] thawDoy;
    private final float[] freezeDoy;
    private final int[] thawDay;
    private final int[] freezeDay;
    private final int permafrostYears;

    SceneTruth(SceneLayout layout, float[] seasonalAmplitude, float[] thawDoy, float[] freezeDoy, int[] thawDay,
               int[] freezeDay, int permafrostYears) {
        this.layout = layout;
        this.seasonalAmplitude = seasonalAmplitude;
        this.thawDoy = thawDoy;
        this.freezeDoy = freezeDoy;
        this.thawDay = thawDay;
        this.freezeDay = freezeDay;
        this.permafrostYears = permafrostYears;
    }

    /** {@link Region#code()} per pixel. */
    public int[] regions() {
        return layout.region;
    }

    /** Terrain height (DEM), metres. */
    public float[] height() {
        return layout.height;
    }

    /** PECM v: long-term subsidence rate, m per permafrost year (Chen et al. 2018); 0 off permafrost. */
    public float[] pecmV() {
        return layout.pecmV;
    }

    /** PECM d: m per √(°C·day), negative (thaw settlement); 0 off permafrost. */
    public float[] pecmD() {
        return layout.pecmD;
    }

    /** Base κ_f/κ_t before the closure rule. */
    public float[] kappaRatio() {
        return layout.kappaRatio;
    }

    /** Secular vertical velocity, m/yr (= PECM v: L grows by one per permafrost year). */
    public float[] verticalVelocity() {
        return layout.pecmV;
    }

    /** East velocity, m/yr (non-zero on the slope only). */
    public float[] eastVelocity() {
        return layout.eastVelocity;
    }

    /**
     * Seasonal peak-to-trough vertical amplitude, m: |d|·max I over each complete permafrost
     * year (daily sampling), averaged over the complete years (I's minimum is 0 every year).
     */
    public float[] verticalSeasonalAmplitude() {
        return seasonalAmplitude;
    }

    /** Thaw onset, day of year, mean over the complete permafrost years. */
    public float[] thawOnsetDoy() {
        return thawDoy;
    }

    /** Freeze onset, day of year, mean over the complete permafrost years. */
    public float[] freezeOnsetDoy() {
        return freezeDoy;
    }

    /** Number of permafrost years K (= calendar years of the daily LST series). */
    public int permafrostYears() {
        return permafrostYears;
    }

    /** Thaw onset of permafrost year k as a day index of the daily LST series, years × pixels. */
    public int[] thawOnsetDays() {
        return thawDay;
    }

    /** Freeze onset of permafrost year k as a day index of the daily LST series, years × pixels. */
    public int[] freezeOnsetDays() {
        return freezeDay;
    }
}

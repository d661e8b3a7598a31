package org.permasar.stats;

/**
 * Moisture-calibrated ALT for comparing a modelled ALT with in-situ values (seed 001 eq. 8):
 * ALT_cal = ALT · VWC_mean / 0.3, where VWC_mean is the mean volumetric water content (m³/m³) of the
 * active layer and 0.3 m³/m³ the reference content of the model. NaN in → NaN; VWC outside [0, 1] → NaN.
 */
public final class MoistureCalibratedAlt {
    /** The reference volumetric water content of seed 001 eq. 8, m³/m³. */
    public static final double REFERENCE_VWC = 0.3;

    private MoistureCalibratedAlt() {
    }

    /** @param alt ALT, m; @param vwcMean mean volumetric water content, m³/m³ → calibrated ALT, m */
    public static double calibrate(double alt, double vwcMean) {
        if (!(vwcMean >= 0 && vwcMean <= 1)) {
            return Double.NaN;
        }
        return alt * vwcMean / REFERENCE_VWC; // seed 001 eq. 8
    }

    /** Whole raster, per-pixel VWC. */
    public static float[] calibrate(float[] alt, float[] vwcMean) {
        if (alt.length != vwcMean.length) {
            throw new IllegalArgumentException("alt and VWC lengths differ: " + alt.length + " vs " + vwcMean.length);
        }
        float[] out = new float[alt.length];
        for (int k = 0; k < alt.length; k++) {
            out[k] = (float) calibrate(alt[k], vwcMean[k]);
        }
        return out;
    }
}

package org.permasar.inversion;

/**
 * Corrections of a displacement or phase time series for atmospheric delays, on layer-major
 * blocks {@code ts[date*pixelCount + p]} (same unit for data and delays, e.g. metres of LOS).
 * In place; NaN propagates. Stateless; thread-safe for distinct arrays.
 */
public final class DelayCorrection {
    private DelayCorrection() {
    }

    /**
     * Subtracts an external tropospheric delay stack (ERA5 / GACOS rasters resampled to the grid,
     * one layer per date, same sign convention as the series), re-referenced to the reference
     * date so that the series stays 0 there: ts_d −= delay_d − delay_ref.
     */
    public static void subtractDelayStack(float[] ts, float[] delay, int pixelCount, int referenceDate) {
        if (delay.length != ts.length || pixelCount <= 0 || ts.length % pixelCount != 0) {
            throw new IllegalArgumentException("delay stack length " + delay.length + " != series length " + ts.length
                    + " (pixelCount " + pixelCount + ")");
        }
        int dates = ts.length / pixelCount;
        if (referenceDate < 0 || referenceDate >= dates) {
            throw new IllegalArgumentException("reference date index " + referenceDate + " outside 0.." + (dates - 1));
        }
        for (int d = 0; d < dates; d++) {
            for (int p = 0; p < pixelCount; p++) {
                ts[d * pixelCount + p] -= delay[d * pixelCount + p] - delay[referenceDate * pixelCount + p];
            }
        }
    }

    /**
     * Elevation–phase linear correlation correction of the stratified delay (e.g. Doin et al.
     * 2009, empirical linear model): per layer, fit φ = a + k·h by least squares over the valid
     * pixels (finite data and elevation, mask non-zero) and subtract k·(h − h̄), h̄ the mean valid
     * elevation, so the layer mean is kept.
     *
     * @param elevation metres, length pixelCount
     * @param mask pixels allowed in the fit (non-zero; e.g. stable, non-deforming), or null
     * @return slope k per layer (data unit per metre), NaN where fewer than 2 pixels or flat terrain
     */
    public static double[] removeElevationCorrelation(float[] ts, float[] elevation, float[] mask, int pixelCount) {
        if (elevation.length != pixelCount || ts.length % pixelCount != 0 || (mask != null && mask.length != pixelCount)) {
            throw new IllegalArgumentException("elevation/mask must have pixelCount=" + pixelCount + " values, got "
                    + elevation.length + (mask == null ? "" : "/" + mask.length));
        }
        int layers = ts.length / pixelCount;
        double[] slope = new double[layers];
        for (int k = 0; k < layers; k++) {
            double sh = 0, sv = 0, shh = 0, shv = 0;
            int n = 0;
            for (int p = 0; p < pixelCount; p++) {
                float v = ts[k * pixelCount + p], h = elevation[p];
                if (Float.isNaN(v) || Float.isNaN(h) || (mask != null && (mask[p] == 0 || Float.isNaN(mask[p])))) {
                    continue;
                }
                sh += h;
                sv += v;
                shh += (double) h * h;
                shv += (double) h * v;
                n++;
            }
            double var = n > 1 ? shh - sh * sh / n : 0;
            if (!(var > 0)) {
                slope[k] = Double.NaN;
                continue;
            }
            double kk = (shv - sh * sv / n) / var; // ordinary least-squares slope
            double hbar = sh / n;
            slope[k] = kk;
            for (int p = 0; p < pixelCount; p++) {
                float h = elevation[p];
                int idx = k * pixelCount + p;
                ts[idx] = Float.isNaN(h) ? Float.NaN : (float) (ts[idx] - kk * (h - hbar));
            }
        }
        return slope;
    }

    /** Changes the reference date: ts_d −= ts_ref per pixel, so date {@code referenceDate} becomes 0. */
    public static void referenceToDate(float[] ts, int pixelCount, int referenceDate) {
        int dates = ts.length / pixelCount;
        if (referenceDate < 0 || referenceDate >= dates) {
            throw new IllegalArgumentException("reference date index " + referenceDate + " outside 0.." + (dates - 1));
        }
        for (int p = 0; p < pixelCount; p++) {
            float r = ts[referenceDate * pixelCount + p];
            for (int d = 0; d < dates; d++) {
                ts[d * pixelCount + p] -= r;
            }
        }
    }
}

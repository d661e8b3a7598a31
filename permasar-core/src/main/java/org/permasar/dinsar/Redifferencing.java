package org.permasar.dinsar;

/**
 * Re-differenced D-InSAR for fast ice (SCIENCE.md §7, seed 004: Feng et al. 2023, "Improving the
 * capability of D-InSAR combined with offset-tracking for monitoring glacier velocity", RSE 285, 113394):
 * the phase predicted from offset tracking (or from a monthly / annual velocity field) is subtracted from
 * the wrapped interferogram before unwrapping, so the residual's gradient stays below π per pixel where the
 * interferogram's own gradient exceeds it; after unwrapping the residual the prediction is added back.
 *
 * <p><b>Sign conventions</b> (MintPy's, as {@link org.permasar.inversion.PhaseConversion}): phase φ =
 * (4π/λ)·Δr, Δr the slant-range increase in metres (motion away from the satellite), so the line-of-sight
 * displacement towards the satellite is −λφ/(4π). A range offset of +1 pixel (a feature at range column c
 * in the reference found at c + 1 in the secondary, {@code permasar offsets}' convention) is Δr = +1 ×
 * the slant-range pixel spacing. TOPS azimuth term (Prats-Iraola et al. 2012, IEEE TGRS 50(10), eq. 5;
 * the seed's Δφ = 2π·f_DC·Δ): an azimuth time shift Δη of the secondary (azimuth offset in pixels × the
 * azimuth time interval, s) adds 2π·f_DC·Δη, f_DC the Doppler centroid (Hz) of the pixel, which sweeps
 * across each burst and so gives phase jumps at burst edges where the ice moves along track.
 *
 * <p>NaN policy: NaN in an input gives NaN at that pixel; {@link #unwrapPath} restarts its integration
 * after a NaN. In-place or new flat row-major arrays; stateless.
 */
public final class Redifferencing {
    private Redifferencing() {
    }

    /** Wraps to (−π, π]. */
    public static double wrap(double phi) {
        double w = phi - 2 * Math.PI * Math.floor((phi + Math.PI) / (2 * Math.PI));
        return w == -Math.PI ? Math.PI : w;
    }

    /**
     * Predicted phase of a slant-range motion: (4π/λ)·Δr with Δr = rangeOffset × rangePixelMetres.
     *
     * @param rangeOffset      range offsets, pixels (or slant-range metres with {@code rangePixelMetres} = 1)
     * @param rangePixelMetres slant-range pixel spacing, m, &gt; 0 (Sentinel-1 IW: 2.33 m)
     * @param wavelength       radar wavelength, m, &gt; 0 (Sentinel-1: 0.05547 m)
     */
    public static float[] rangePhase(float[] rangeOffset, double rangePixelMetres, double wavelength) {
        if (!(rangePixelMetres > 0) || !(wavelength > 0) || Double.isInfinite(rangePixelMetres) || Double.isInfinite(wavelength)) {
            throw new IllegalArgumentException("range pixel spacing and wavelength must be finite and > 0 m, got " + rangePixelMetres
                    + " and " + wavelength);
        }
        double f = 4 * Math.PI / wavelength * rangePixelMetres;
        float[] out = new float[rangeOffset.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (f * rangeOffset[i]); // (4π/λ)·Δr
        }
        return out;
    }

    /**
     * Adds the TOPS azimuth-motion phase 2π·f_DC·Δη, Δη = azimuthOffset × azimuthTimeInterval, to {@code phase} in place.
     *
     * @param azimuthOffset       azimuth offsets of the secondary, pixels
     * @param azimuthTimeInterval azimuth time between lines, s, &gt; 0 (Sentinel-1 IW SLC ≈ 2.056 ms)
     * @param doppler             Doppler centroid per pixel, Hz
     */
    public static void addAzimuthPhase(float[] phase, float[] azimuthOffset, double azimuthTimeInterval, float[] doppler) {
        if (azimuthOffset.length != phase.length || doppler.length != phase.length) {
            throw new IllegalArgumentException("azimuth offsets (" + azimuthOffset.length + ") and Doppler (" + doppler.length
                    + ") must hold one value per pixel of the phase (" + phase.length + ")");
        }
        if (!(azimuthTimeInterval > 0) || Double.isInfinite(azimuthTimeInterval)) {
            throw new IllegalArgumentException("azimuth time interval must be finite and > 0 s, got " + azimuthTimeInterval);
        }
        for (int i = 0; i < phase.length; i++) {
            phase[i] += (float) (2 * Math.PI * doppler[i] * azimuthOffset[i] * azimuthTimeInterval); // 2π·f_DC·Δη
        }
    }

    /**
     * Doppler centroid of TOPS bursts stacked along rows: within each burst of {@code burstRows} lines it
     * sweeps linearly from −span/2 at the first line to +span/2 at the last (f_DC = k_t·(η − η_mid)),
     * constant along range. For simulation and for products without a Doppler raster.
     */
    public static float[] topsDoppler(int rows, int cols, int burstRows, double spanHz) {
        if (burstRows < 2 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("need rows, cols ≥ 1 and ≥ 2 lines per burst, got " + rows + ", " + cols + ", " + burstRows);
        }
        float[] f = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double u = (r % burstRows) / (burstRows - 1.0) - 0.5;
            java.util.Arrays.fill(f, r * cols, (r + 1) * cols, (float) (spanHz * u));
        }
        return f;
    }

    /** Re-differenced interferogram: wrap(φ − φ_pred), a new array. */
    public static float[] subtract(float[] wrapped, float[] predicted) {
        check(wrapped, predicted);
        float[] out = new float[wrapped.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) wrap((double) wrapped[i] - predicted[i]);
        }
        return out;
    }

    /** Unwrapped total phase: unwrapped residual + φ_pred, a new array. */
    public static float[] addBack(float[] unwrappedResidual, float[] predicted) {
        check(unwrappedResidual, predicted);
        float[] out = new float[predicted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((double) unwrappedResidual[i] + predicted[i]);
        }
        return out;
    }

    /**
     * Path-following unwrapping (Itoh 1982, Applied Optics 21(14): the unwrapped difference of neighbours
     * is the wrapped difference): down the first column, then along each row. Exact when every true
     * neighbour difference is below π in magnitude (no residues); it is the trivial unwrapper used to show
     * what the re-differencing makes possible, not a substitute for SNAPHU on noisy data. A NaN pixel stays
     * NaN; the row continues from the next valid pixel as a new start (its level from the pixel above
     * when that one is valid).
     */
    public static float[] unwrapPath(float[] wrapped, int rows, int cols) {
        if (rows < 1 || cols < 1 || wrapped.length != rows * cols) {
            throw new IllegalArgumentException("phase holds " + wrapped.length + " values, not " + rows + "×" + cols);
        }
        double[] u = new double[wrapped.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double w = wrapped[i];
                if (Double.isNaN(w)) {
                    u[i] = Double.NaN;
                } else if (c > 0 && !Double.isNaN(u[i - 1])) {
                    u[i] = u[i - 1] + wrap(w - wrapped[i - 1]); // φ(c) = φ(c−1) + W(ψ(c) − ψ(c−1))
                } else if (r > 0 && !Double.isNaN(u[i - cols])) {
                    u[i] = u[i - cols] + wrap(w - wrapped[i - cols]);
                } else {
                    u[i] = w;
                }
            }
        }
        float[] out = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = (float) u[i];
        }
        return out;
    }

    /**
     * Residues of a wrapped phase (Goldstein, Zebker &amp; Werner 1988, Radio Science 23(4)): 2 × 2 loops whose
     * wrapped differences do not sum to zero. Zero residues means path unwrapping is unambiguous.
     */
    public static int residues(float[] wrapped, int rows, int cols) {
        int n = 0;
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c + 1 < cols; c++) {
                int i = r * cols + c;
                double a = wrapped[i], b = wrapped[i + 1], d = wrapped[i + cols + 1], e = wrapped[i + cols];
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(d) || Double.isNaN(e)) {
                    continue;
                }
                double s = wrap(b - a) + wrap(d - b) + wrap(e - d) + wrap(a - e);
                n += Math.abs(s) > Math.PI ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Fraction of neighbour pairs (along rows and along columns, both valid) whose difference of an
     * unwrapped phase exceeds π in magnitude: the pixels where path unwrapping of that signal would alias.
     */
    public static double fractionAbovePi(float[] phase, int rows, int cols) {
        long above = 0, all = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (c + 1 < cols && !Float.isNaN(phase[i]) && !Float.isNaN(phase[i + 1])) {
                    all++;
                    above += Math.abs((double) phase[i + 1] - phase[i]) > Math.PI ? 1 : 0;
                }
                if (r + 1 < rows && !Float.isNaN(phase[i]) && !Float.isNaN(phase[i + cols])) {
                    all++;
                    above += Math.abs((double) phase[i + cols] - phase[i]) > Math.PI ? 1 : 0;
                }
            }
        }
        return all == 0 ? Double.NaN : (double) above / all;
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("phase arrays differ in size: " + a.length + " and " + b.length);
        }
    }
}

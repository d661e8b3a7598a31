package org.permasar.geometry;

/**
 * Least-squares east + up decomposition of co-registered ascending and descending LOS values,
 * north neglected, following MintPy 1.5.1 {@code asc_desc2horz_vert} with its default horizontal
 * direction {@code horz_az_angle = −90°} (east):
 * <pre>
 *   d_LOS = d_H · sin(inc)·cos(az − horzAz) + d_U · cos(inc)        (MintPy get_design_matrix4horz_vert)
 * </pre>
 * with {@code az} the LOS azimuth angle of {@link LosGeometry} (degrees, anti-clockwise from north,
 * ground → satellite). For horzAz = −90° the first coefficient equals the east component of the
 * LOS unit vector, −sin(inc)·sin(az). With one ascending and one descending value per pixel the
 * system is square, so MintPy's pseudo-inverse is the exact 2×2 inverse, solved here in closed form
 * (Cramer's rule) per pixel with the pixel's own angles (MintPy uses the median angle of 20×20 windows;
 * per-pixel angles are exact where they vary).
 *
 * <p>Seasonal terms are decomposed the same way: a seasonal LOS signal of amplitude A (any definition,
 * e.g. peak-to-trough) and peak day t_p equals A·cos(ω(t − t_p)) up to a constant factor, i.e. the pair
 * (c, s) = (A·cos ωt_p, A·sin ωt_p); c and s are linear in the ENU motion and are decomposed separately,
 * then turned back into an amplitude and a peak day (ω = 2π / 365.25 d).
 *
 * <p>NaN policy: a NaN value or angle gives NaN outputs and flag {@link EastUp#NO_DATA}; a
 * near-singular geometry (|det| &lt; 1e-6) gives NaN and {@link EastUp#SINGULAR}. Stateless, thread-safe.
 */
public final class AscDescDecomposition {
    /** Days per year used for seasonal phases (mean Julian year). */
    public static final double YEAR_DAYS = 365.25;
    private static final double MIN_DET = 1e-6;

    private AscDescDecomposition() {
    }

    /**
     * True when two looks (incidence and azimuth angles in degrees, MintPy convention) separate east
     * from up: the determinant of the east/up design matrix is at least 1e-6 in magnitude. False for
     * NaN angles and for the same line of sight given twice (the same track as ascending and
     * descending), where {@link #decompose} can only return {@link EastUp#SINGULAR}.
     */
    public static boolean separable(double incAsc, double azAsc, double incDesc, double azDesc) {
        double a11 = Math.sin(Math.toRadians(incAsc)) * Math.cos(Math.toRadians(azAsc + 90.0));
        double a12 = Math.cos(Math.toRadians(incAsc));
        double a21 = Math.sin(Math.toRadians(incDesc)) * Math.cos(Math.toRadians(azDesc + 90.0));
        double a22 = Math.cos(Math.toRadians(incDesc));
        return Math.abs(a11 * a22 - a12 * a21) >= MIN_DET;
    }

    /**
     * One pixel. Writes east into {@code out[0]} and up into {@code out[1]}; returns the flag.
     *
     * @param dAsc ascending LOS value; @param incAsc, azAsc its angles in degrees
     * @param dDesc descending LOS value; @param incDesc, azDesc its angles in degrees
     */
    public static byte decompose(double dAsc, double incAsc, double azAsc,
                                 double dDesc, double incDesc, double azDesc, double[] out) {
        if (Double.isNaN(dAsc + incAsc + azAsc + dDesc + incDesc + azDesc)) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return EastUp.NO_DATA;
        }
        // MintPy get_design_matrix4horz_vert, horz_az_angle = -90: G[i] = [sin(inc)cos(az+90), cos(inc)]
        double a11 = Math.sin(Math.toRadians(incAsc)) * Math.cos(Math.toRadians(azAsc + 90.0));
        double a12 = Math.cos(Math.toRadians(incAsc));
        double a21 = Math.sin(Math.toRadians(incDesc)) * Math.cos(Math.toRadians(azDesc + 90.0));
        double a22 = Math.cos(Math.toRadians(incDesc));
        double det = a11 * a22 - a12 * a21;
        if (Math.abs(det) < MIN_DET) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return EastUp.SINGULAR;
        }
        out[0] = (dAsc * a22 - a12 * dDesc) / det;   // Cramer's rule
        out[1] = (a11 * dDesc - a21 * dAsc) / det;
        return EastUp.OK;
    }

    /**
     * Whole raster: all arrays have one value per pixel of the common grid (resample one track first
     * with {@link GridResampler}). Angles in degrees; values in any unit (rates in m/yr, displacements in m).
     */
    public static EastUp decompose(float[] asc, float[] incAsc, float[] azAsc,
                                   float[] desc, float[] incDesc, float[] azDesc) {
        int n = asc.length;
        checkLengths(n, incAsc, azAsc, desc, incDesc, azDesc);
        float[] east = new float[n];
        float[] up = new float[n];
        byte[] flag = new byte[n];
        double[] eu = new double[2];
        for (int k = 0; k < n; k++) {
            flag[k] = decompose(asc[k], incAsc[k], azAsc[k], desc[k], incDesc[k], azDesc[k], eu);
            east[k] = (float) eu[0];
            up[k] = (float) eu[1];
        }
        return new EastUp(east, up, flag);
    }

    /**
     * Seasonal decomposition for one pixel. Amplitudes in any unit, peak days as day of year.
     * Writes {eastAmplitude, eastPeakDay, upAmplitude, upPeakDay} into {@code out[0..3]}; amplitudes are
     * non-negative, peak days in [0, 365.25). Returns the flag of {@link #decompose}.
     */
    public static byte decomposeSeasonal(double ampAsc, double peakAsc, double incAsc, double azAsc,
                                         double ampDesc, double peakDesc, double incDesc, double azDesc,
                                         double[] out) {
        double w = 2 * Math.PI / YEAR_DAYS;
        double[] eu = new double[2];
        byte f = decompose(ampAsc * Math.cos(w * peakAsc), incAsc, azAsc,
                ampDesc * Math.cos(w * peakDesc), incDesc, azDesc, eu);
        double ce = eu[0], cu = eu[1];
        decompose(ampAsc * Math.sin(w * peakAsc), incAsc, azAsc,
                ampDesc * Math.sin(w * peakDesc), incDesc, azDesc, eu);
        double se = eu[0], su = eu[1];
        out[0] = Math.hypot(ce, se);
        out[1] = peakDay(ce, se, w);
        out[2] = Math.hypot(cu, su);
        out[3] = peakDay(cu, su, w);
        return f;
    }

    private static double peakDay(double c, double s, double w) {
        double t = Math.atan2(s, c) / w;
        return t < 0 ? t + YEAR_DAYS : t;
    }

    private static void checkLengths(int n, float[]... arrays) {
        for (float[] a : arrays) {
            if (a.length != n) {
                throw new IllegalArgumentException("array lengths differ: expected " + n + " but found " + a.length);
            }
        }
    }
}

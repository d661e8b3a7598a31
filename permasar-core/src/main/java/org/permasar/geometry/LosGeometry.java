package org.permasar.geometry;

/**
 * Line-of-sight (LOS) geometry in MintPy 1.5.1's convention, so that angles read from a MintPy
 * {@code geometryGeo.h5} ({@code incidenceAngle}, {@code azimuthAngle}) can be used unchanged.
 *
 * <ul>
 *   <li>{@code inc}: incidence angle of the LOS from the local vertical, <b>degrees</b>, in [0, 90).</li>
 *   <li>{@code az}: azimuth angle of the LOS vector pointing from the ground to the satellite,
 *       <b>degrees</b>, measured from north, <b>anti-clockwise positive</b> (ISCE-2 {@code los.rdr}
 *       band 2). Typical Sentinel-1 values: about +102° ascending (right-looking, heading −12°), about −102°
 *       descending (heading −168°); heading = 90° − az.</li>
 *   <li>LOS displacement positive towards the satellite (uplift), as MintPy.</li>
 * </ul>
 * The ENU unit vector of the LOS is (MintPy {@code get_unit_vector4component_of_interest}, 'enu2los'):
 * <pre>  [ −sin(inc)·sin(az),  sin(inc)·cos(az),  cos(inc) ]</pre>
 * so that {@code d_LOS = d_E·u_E + d_N·u_N + d_U·u_U}.
 *
 * <p>Stateless and thread-safe. NaN in → NaN out.
 */
public final class LosGeometry {
    /**
     * Smallest cos(inc) for which {@link #losToVertical(double, double)} divides: 0.01, i.e. an incidence
     * above about 89.43°, where the vertical assumption would amplify LOS noise more than a hundredfold.
     */
    public static final double MIN_COS_INCIDENCE = 0.01;

    private LosGeometry() {
    }

    /** East component of the LOS unit vector, MintPy convention (see class doc). Angles in degrees. */
    public static double unitEast(double incDeg, double azDeg) {
        return -Math.sin(Math.toRadians(incDeg)) * Math.sin(Math.toRadians(azDeg));
    }

    /** North component of the LOS unit vector. Angles in degrees. */
    public static double unitNorth(double incDeg, double azDeg) {
        return Math.sin(Math.toRadians(incDeg)) * Math.cos(Math.toRadians(azDeg));
    }

    /** Up component of the LOS unit vector, cos(inc). */
    public static double unitUp(double incDeg) {
        return Math.cos(Math.toRadians(incDeg));
    }

    /**
     * Projects an east/north/up displacement (any length unit) onto the LOS; result in the same unit,
     * positive towards the satellite. Used to compare GNSS with InSAR.
     */
    public static double enuToLos(double e, double n, double u, double incDeg, double azDeg) {
        return e * unitEast(incDeg, azDeg) + n * unitNorth(incDeg, azDeg) + u * unitUp(incDeg);
    }

    /**
     * LOS → vertical under the assumption that the motion is purely vertical:
     * {@code d_up = d_LOS / cos(inc)} (SCIENCE.md §4; seed 002 §2.2: factor 1.17–1.46 over a
     * Sentinel-1 swath). The one owner of this conversion: every LOS → vertical in PermaSAR goes through here.
     *
     * <p>NaN policy (one rule): the result is NaN when {@code dLos} is NaN, when {@code incDeg} is NaN or
     * outside [0°, 90°), or when cos(inc) &lt; {@link #MIN_COS_INCIDENCE} (grazing geometry); otherwise it is
     * exactly {@code dLos / Math.cos(Math.toRadians(incDeg))}.
     *
     * @param dLos   LOS value (displacement, rate or seasonal amplitude), any unit
     * @param incDeg incidence angle, degrees
     */
    public static double losToVertical(double dLos, double incDeg) {
        if (!(incDeg >= 0 && incDeg < 90)) {
            return Double.NaN;
        }
        double c = Math.cos(Math.toRadians(incDeg));
        return c < MIN_COS_INCIDENCE ? Double.NaN : dLos / c;
    }

    /**
     * Whole-raster LOS → vertical with per-pixel incidence: {@code out[k] = los[k] / cos(inc[k])}.
     * NaN rule as {@link #losToVertical(double, double)}.
     *
     * @param los    LOS values, flat array
     * @param incDeg incidence angle per pixel, degrees, same length as {@code los}
     * @return new array of vertical values, same unit as {@code los}
     */
    public static float[] losToVertical(float[] los, float[] incDeg) {
        if (los.length != incDeg.length) {
            throw new IllegalArgumentException("los and incidence lengths differ: " + los.length + " vs " + incDeg.length);
        }
        float[] out = new float[los.length];
        for (int k = 0; k < los.length; k++) {
            out[k] = (float) losToVertical(los[k], incDeg[k]);
        }
        return out;
    }

    /** Same as {@link #losToVertical(float[], float[])} with one incidence angle for all pixels. */
    public static float[] losToVertical(float[] los, double incDeg) {
        float[] out = new float[los.length];
        for (int k = 0; k < los.length; k++) {
            out[k] = (float) losToVertical(los[k], incDeg);
        }
        return out;
    }

    /**
     * MintPy's azimuth angle (of the ground-to-satellite vector, anticlockwise from north) of a
     * right-looking radar whose flight heading is {@code headingDeg} (clockwise from north), in
     * (−180, 180]: az = 90° − heading (ascending S1 heading −12° → +102°, descending −168° → −102°).
     */
    public static double azimuthFromHeading(double headingDeg) {
        double az = 90.0 - headingDeg;
        az -= Math.rint(az / 360.0) * 360.0;
        return az;
    }
}

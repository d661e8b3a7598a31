package org.permasar.sim;

/**
 * Projection of east/north/up ground displacement onto the radar line of sight, in MintPy's
 * conventions (MintPy 1.5.1 {@code utils0.enu2los} and
 * {@code get_unit_vector4component_of_interest(comp='enu2los')}; Yunjun, Fattahi &amp; Amelung 2019):
 *
 * <ul>
 *   <li>incidence angle θ: angle of the LOS from the local vertical at the ground, degrees;</li>
 *   <li>azimuth angle α ({@code azimuthAngle} of MintPy's geometry file, as ISCE's {@code los.rdr}
 *       band 2): azimuth of the LOS vector <em>from the ground to the satellite</em>, measured from
 *       north, <em>anticlockwise positive</em>, degrees. For a right-looking radar
 *       α = 90° − heading, heading measured clockwise from north: Sentinel-1 ascending
 *       (heading ≈ −12°) has α ≈ +102°, descending (heading ≈ −168°) α ≈ −102°;</li>
 *   <li>LOS displacement positive towards the satellite.</li>
 * </ul>
 *
 * Unit vector (east, north, up) = (−sin θ·sin α, sin θ·cos α, cos θ), so
 * d_LOS = −d_E·sin θ·sin α + d_N·sin θ·cos α + d_U·cos θ. Eastward motion is away from an
 * ascending satellite (which looks east) and towards a descending one. Stateless.
 */
public final class LosGeometry {
    private LosGeometry() {
    }

    /** East component of the ground-to-satellite unit vector (inc, az in degrees). */
    public static double east(double incDeg, double azDeg) {
        return -Math.sin(Math.toRadians(incDeg)) * Math.sin(Math.toRadians(azDeg));
    }

    /** North component of the ground-to-satellite unit vector. */
    public static double north(double incDeg, double azDeg) {
        return Math.sin(Math.toRadians(incDeg)) * Math.cos(Math.toRadians(azDeg));
    }

    /** Up component of the ground-to-satellite unit vector. */
    public static double up(double incDeg) {
        return Math.cos(Math.toRadians(incDeg));
    }

    /**
     * LOS displacement (positive towards the satellite) of an east/north/up displacement, in the
     * unit of the inputs. NaN in, NaN out.
     */
    public static double enuToLos(double dEast, double dNorth, double dUp, double incDeg, double azDeg) {
        return dEast * east(incDeg, azDeg) + dNorth * north(incDeg, azDeg) + dUp * up(incDeg);
    }

    /** MintPy's azimuth angle (anticlockwise from north) of a right-looking radar with this heading (clockwise from north), in (−180, 180]. */
    public static double azimuthFromHeading(double headingDeg) {
        double az = 90.0 - headingDeg;
        az -= Math.rint(az / 360.0) * 360.0;
        return az;
    }
}

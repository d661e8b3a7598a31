package org.permasar.stats;

import java.time.LocalDate;
import org.permasar.geometry.LosGeometry;

/**
 * A GNSS station's daily position series in a local east/north/up frame, metres. Immutable: arrays are
 * copied in and out.
 *
 * @param station   station code (e.g. "USUD")
 * @param dates     epoch dates (UTC), strictly increasing
 * @param east      east component, m
 * @param north     north component, m
 * @param up        up component, m
 * @param sigmaEast one-sigma of east, m; NaN where the source gives none (same for the other sigmas)
 * @param latitude  station latitude, degrees, NaN when unknown
 * @param longitude station longitude, degrees, NaN when unknown
 */
public record GnssSeries(String station, LocalDate[] dates, double[] east, double[] north, double[] up,
                         double[] sigmaEast, double[] sigmaNorth, double[] sigmaUp, double latitude, double longitude) {
    public GnssSeries {
        int n = dates.length;
        for (double[] a : new double[][] {east, north, up, sigmaEast, sigmaNorth, sigmaUp}) {
            if (a.length != n) {
                throw new IllegalArgumentException("station " + station + ": " + n + " dates but a component of " + a.length);
            }
        }
        for (int k = 1; k < n; k++) {
            if (!dates[k].isAfter(dates[k - 1])) {
                throw new IllegalArgumentException("station " + station + ": dates not increasing at " + dates[k]);
            }
        }
        dates = dates.clone();
        east = east.clone();
        north = north.clone();
        up = up.clone();
        sigmaEast = sigmaEast.clone();
        sigmaNorth = sigmaNorth.clone();
        sigmaUp = sigmaUp.clone();
    }

    public int size() {
        return dates.length;
    }

    @Override public LocalDate[] dates() { return dates.clone(); }
    @Override public double[] east() { return east.clone(); }
    @Override public double[] north() { return north.clone(); }
    @Override public double[] up() { return up.clone(); }
    @Override public double[] sigmaEast() { return sigmaEast.clone(); }
    @Override public double[] sigmaNorth() { return sigmaNorth.clone(); }
    @Override public double[] sigmaUp() { return sigmaUp.clone(); }

    /**
     * Projection onto a radar LOS ({@link LosGeometry}, MintPy convention: angles in degrees, positive towards
     * the satellite), m. To compare with InSAR, re-reference both to a common date first.
     */
    public double[] toLos(double incDeg, double azDeg) {
        double ue = LosGeometry.unitEast(incDeg, azDeg), un = LosGeometry.unitNorth(incDeg, azDeg), uu = LosGeometry.unitUp(incDeg);
        double[] los = new double[dates.length];
        for (int k = 0; k < los.length; k++) {
            los[k] = east[k] * ue + north[k] * un + up[k] * uu;
        }
        return los;
    }

    /** One-sigma of the LOS projection assuming uncorrelated components, m. */
    public double[] toLosSigma(double incDeg, double azDeg) {
        double ue = LosGeometry.unitEast(incDeg, azDeg), un = LosGeometry.unitNorth(incDeg, azDeg), uu = LosGeometry.unitUp(incDeg);
        double[] s = new double[dates.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = Math.sqrt(Math.pow(sigmaEast[k] * ue, 2) + Math.pow(sigmaNorth[k] * un, 2) + Math.pow(sigmaUp[k] * uu, 2));
        }
        return s;
    }
}

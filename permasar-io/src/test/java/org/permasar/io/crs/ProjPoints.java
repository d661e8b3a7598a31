package org.permasar.io.crs;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Test helper for other modules' tests (through this module's test-jar): a point from one EPSG CRS to another with
 * Proj4J directly, independent of the classes under test, so those modules need not declare Proj4J.
 */
public final class ProjPoints {
    private static CoordinateTransform last;
    private static int lastFrom;
    private static int lastTo;

    private ProjPoints() {
    }

    /** {x, y} of (x, y) from EPSG:{@code from} in EPSG:{@code to} (geographic: lon, lat in degrees). */
    public static synchronized double[] transform(int from, int to, double x, double y) {
        if (last == null || lastFrom != from || lastTo != to) {
            CRSFactory f = new CRSFactory();
            last = new CoordinateTransformFactory().createTransform(f.createFromName("EPSG:" + from), f.createFromName("EPSG:" + to));
            lastFrom = from;
            lastTo = to;
        }
        CoordinateTransform t = last;
        ProjCoordinate out = new ProjCoordinate();
        t.transform(new ProjCoordinate(x, y), out);
        return new double[] {out.x, out.y};
    }
}

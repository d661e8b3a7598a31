package org.permasar.io.vector;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.permasar.hazard.UtmZone;
import org.permasar.io.crs.EpsgCrs;

/**
 * Moves vector layers between CRSs with Proj4J (a Java port of PROJ: its formulas, e.g. the transverse Mercator of
 * Snyder 1987 eq. 8-9 … 8-10 for UTM, and its EPSG table), the same library {@code LatLonLocator} uses for
 * latitude/longitude elsewhere. Coordinates are x = easting/longitude, y = northing/latitude. Geometries are
 * copied, never changed in place. Each call builds its own transform, so calls are thread-safe.
 */
public final class VectorReprojection {

    private VectorReprojection() {
    }

    /**
     * The layer in {@code toEpsg}; the same layer when it is already there.
     *
     * @throws IllegalArgumentException when the layer's CRS is unknown (0) or PROJ does not know a code
     */
    public static VectorLayer toEpsg(VectorLayer layer, int toEpsg) {
        if (layer.epsg() == toEpsg) {
            return layer;
        }
        CoordinateTransform t = transform(layer.name(), layer.epsg(), toEpsg);
        List<VectorFeature> out = new ArrayList<>(layer.features().size());
        for (VectorFeature f : layer.features()) {
            out.add(new VectorFeature(f.geometry() == null ? null : apply(f.geometry(), t), f.attributes()));
        }
        return new VectorLayer(layer.name(), toEpsg, out);
    }

    /** One geometry from {@code fromEpsg} to {@code toEpsg}. */
    public static Geometry transform(Geometry g, int fromEpsg, int toEpsg) {
        return fromEpsg == toEpsg ? g : apply(g, transform("geometry", fromEpsg, toEpsg));
    }

    /**
     * Points given as flat arrays, transformed in place: x[i], y[i] from {@code fromEpsg} to {@code toEpsg};
     * non-finite inputs stay NaN.
     */
    public static void transform(double[] x, double[] y, int fromEpsg, int toEpsg) {
        if (fromEpsg == toEpsg) {
            return;
        }
        CoordinateTransform t = transform("points", fromEpsg, toEpsg);
        ProjCoordinate src = new ProjCoordinate();
        ProjCoordinate dst = new ProjCoordinate();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                x[i] = Double.NaN;
                y[i] = Double.NaN;
                continue;
            }
            src.x = x[i];
            src.y = y[i];
            t.transform(src, dst);
            x[i] = dst.x;
            y[i] = dst.y;
        }
    }

    /**
     * The WGS 84 / UTM zone (EPSG code) of the centre of a layer's extent, taken in longitude/latitude
     * ({@link UtmZone#epsg}).
     */
    public static int utmFor(VectorLayer layer) {
        VectorLayer ll = toEpsg(layer, 4326);
        Envelope e = new Envelope();
        for (VectorFeature f : ll.features()) {
            if (f.geometry() != null) {
                e.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        }
        if (e.isNull()) {
            throw new IllegalArgumentException(layer.name() + ": no geometry to choose a UTM zone from");
        }
        return UtmZone.epsg(e.centre().x, e.centre().y);
    }

    private static CoordinateTransform transform(String what, int from, int to) {
        return new CoordinateTransformFactory().createTransform(crs(what, from), crs(what, to));
    }

    private static CoordinateReferenceSystem crs(String what, int epsg) {
        if (epsg <= 0) {
            throw new IllegalArgumentException(what + ": the CRS is unknown (no .prj, or one whose EPSG code could not be "
                    + "identified): name it");
        }
        try {
            return EpsgCrs.of(epsg);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static Geometry apply(Geometry g, CoordinateTransform t) {
        Geometry copy = g.copy();
        ProjCoordinate src = new ProjCoordinate();
        ProjCoordinate dst = new ProjCoordinate();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                src.x = seq.getX(i);
                src.y = seq.getY(i);
                t.transform(src, dst);
                seq.setOrdinate(i, 0, dst.x);
                seq.setOrdinate(i, 1, dst.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }
}

package org.permasar.io.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A layer of features read from a GeoJSON or Shapefile, with the EPSG code of its CRS (4326 for RFC 7946 GeoJSON;
 * 0 when a Shapefile has no .prj or one whose CRS could not be identified). Coordinates are in the CRS's axis
 * order as GIS files store them: x = easting or longitude, y = northing or latitude. Immutable.
 *
 * @param name     layer name (the file name without extension, or the name the user gave)
 * @param epsg     EPSG code of the CRS, 0 when unknown
 * @param features the features, file order; copied
 */
public record VectorLayer(String name, int epsg, List<VectorFeature> features) {
    public VectorLayer {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
    }

    /** The non-null geometries, file order. */
    public List<Geometry> geometries() {
        List<Geometry> g = new ArrayList<>(features.size());
        for (VectorFeature f : features) {
            if (f.geometry() != null) {
                g.add(f.geometry());
            }
        }
        return g;
    }

    /** A copy with another name. */
    public VectorLayer withName(String n) {
        return new VectorLayer(n, epsg, features);
    }
}

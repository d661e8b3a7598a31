package org.permasar.io.vector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a vector layer: a JTS geometry (in its layer's CRS) and its attributes (GeoJSON properties or
 * Shapefile .dbf fields: {@link String}, {@link Double}, {@link Boolean} or null), in file order. Immutable
 * (the geometry is not copied: callers do not modify it).
 *
 * @param geometry   the geometry, or null for a feature without one
 * @param attributes attributes by name, file order; copied into an unmodifiable map
 */
public record VectorFeature(Geometry geometry, Map<String, Object> attributes) {
    public VectorFeature {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}

package org.permasar.io.crs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.Proj4jException;

/**
 * The one place that turns an EPSG code into a Proj4J coordinate reference system (PROJ's EPSG
 * table, shipped with Proj4J), cached per code. Thread-safe.
 */
public final class EpsgCrs {
    private static final CRSFactory FACTORY = new CRSFactory();
    private static final Map<Integer, CoordinateReferenceSystem> CACHE = new ConcurrentHashMap<>();

    private EpsgCrs() {
    }

    /**
     * @param epsg EPSG code, &gt; 0
     * @throws IllegalArgumentException "EPSG:N is not a CRS that PROJ's EPSG table knows" (callers
     *                                  prefix the file or option it came from), or for a code ≤ 0
     */
    public static CoordinateReferenceSystem of(int epsg) {
        if (epsg <= 0) {
            throw new IllegalArgumentException("no EPSG code (" + epsg + ")");
        }
        CoordinateReferenceSystem c = CACHE.get(epsg);
        if (c == null) {
            try {
                c = FACTORY.createFromName("EPSG:" + epsg);
            } catch (Proj4jException | IllegalStateException | UnsupportedOperationException e) {
                c = null;
            }
            if (c == null) {
                throw new IllegalArgumentException("EPSG:" + epsg + " is not a CRS that PROJ's EPSG table knows");
            }
            CACHE.put(epsg, c);
        }
        return c;
    }
}

package org.permasar.io.geotiff;

import java.util.ArrayList;
import java.util.List;

/**
 * The few GeoTIFF keys PermaSAR reads and writes (GeoTIFF 1.0 specification, Ritter &amp; Ruth
 * 1995, §6.2: the GeoKeyDirectory is a SHORT array {@code [1, 1, 0, n, (key, location, count,
 * value)×n]}). Only EPSG-coded CRSs are handled; user-defined CRSs read as EPSG 0 (unknown).
 */
final class GeoKeys {
    static final int GT_MODEL_TYPE = 1024;
    static final int GT_RASTER_TYPE = 1025;
    static final int GEOGRAPHIC_TYPE = 2048;
    static final int PROJECTED_CS_TYPE = 3072;
    static final int MODEL_PROJECTED = 1;
    static final int MODEL_GEOGRAPHIC = 2;
    static final int RASTER_PIXEL_IS_AREA = 1;
    static final int RASTER_PIXEL_IS_POINT = 2;
    private static final int USER_DEFINED = 32767;

    private GeoKeys() {
    }

    /** True for EPSG codes of geographic 2-D CRSs (the 4000–4999 block: 4326 WGS 84, 4269 NAD83, …). */
    static boolean isGeographic(int epsg) {
        return epsg >= 4000 && epsg < 5000;
    }

    /** Directory for an EPSG code, pixel-is-area. */
    static List<Integer> directory(int epsg) {
        boolean geo = isGeographic(epsg);
        List<Integer> d = new ArrayList<>(List.of(1, 1, 0, 3,
                GT_MODEL_TYPE, 0, 1, geo ? MODEL_GEOGRAPHIC : MODEL_PROJECTED,
                GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA,
                geo ? GEOGRAPHIC_TYPE : PROJECTED_CS_TYPE, 0, 1, epsg));
        return d;
    }

    /** Value of a key stored directly in the directory (location 0), or −1 when absent. */
    static int value(List<Integer> dir, int key) {
        if (dir == null || dir.size() < 4) {
            return -1;
        }
        int n = dir.get(3);
        for (int i = 0; i < n && 4 + 4 * i + 3 < dir.size(); i++) {
            int k = dir.get(4 + 4 * i);
            if (k == key && dir.get(5 + 4 * i) == 0) {
                return dir.get(7 + 4 * i);
            }
        }
        return -1;
    }

    /** EPSG code declared by the directory, 0 when none or user-defined. */
    static int epsg(List<Integer> dir) {
        int p = value(dir, PROJECTED_CS_TYPE);
        if (p > 0 && p != USER_DEFINED) {
            return p;
        }
        int g = value(dir, GEOGRAPHIC_TYPE);
        return g > 0 && g != USER_DEFINED ? g : 0;
    }
}

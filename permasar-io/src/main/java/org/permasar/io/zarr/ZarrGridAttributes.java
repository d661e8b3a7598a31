package org.permasar.io.zarr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * Georeferencing of a PermaSAR Zarr store, kept in the group's {@code .zattrs} under MintPy's
 * attribute names so that MintPy users recognise them: {@code LENGTH}, {@code WIDTH},
 * {@code X_FIRST}, {@code Y_FIRST} (upper-left <em>corner</em> of the upper-left pixel, as in
 * MintPy and GDAL), {@code X_STEP}, {@code Y_STEP} (negative for north-up), {@code X_UNIT},
 * {@code Y_UNIT}, {@code EPSG} and {@code NO_DATA_VALUE}. A rotated grid, which MintPy cannot
 * describe, is stored as {@code GDAL_GEOTRANSFORM = "x0,dx,rx,y0,ry,dy"} instead of the
 * X_/Y_ terms. Radar-geometry grids carry only LENGTH and WIDTH (per-pixel latitude/longitude
 * are not stored here: write them as arrays). Numbers are written with Java's round-trip
 * {@link Double#toString(double)}.
 */
final class ZarrGridAttributes {
    static final String LENGTH = "LENGTH";
    static final String WIDTH = "WIDTH";
    static final String X_FIRST = "X_FIRST";
    static final String Y_FIRST = "Y_FIRST";
    static final String X_STEP = "X_STEP";
    static final String Y_STEP = "Y_STEP";
    static final String EPSG = "EPSG";
    static final String NO_DATA_VALUE = "NO_DATA_VALUE";
    static final String GDAL_GEOTRANSFORM = "GDAL_GEOTRANSFORM";

    private ZarrGridAttributes() {
    }

    /** The attributes that describe {@code grid}. */
    static Map<String, String> of(GridGeometry grid) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(LENGTH, Integer.toString(grid.rows()));
        a.put(WIDTH, Integer.toString(grid.cols()));
        if (grid.isGeocoded()) {
            GeoTransform t = grid.transform();
            if (t.isNorthUp()) {
                a.put(X_FIRST, Double.toString(t.originX()));
                a.put(Y_FIRST, Double.toString(t.originY()));
                a.put(X_STEP, Double.toString(t.pixelWidth()));
                a.put(Y_STEP, Double.toString(t.pixelHeight()));
            } else {
                double[] g = t.toGdal();
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    b.append(i > 0 ? "," : "").append(g[i]);
                }
                a.put(GDAL_GEOTRANSFORM, b.toString());
            }
            String unit = grid.isGeographic() ? "degrees" : "meters";
            a.put("X_UNIT", unit);
            a.put("Y_UNIT", unit);
            if (grid.epsg() > 0) {
                a.put(EPSG, Integer.toString(grid.epsg()));
            }
        }
        if (!Double.isNaN(grid.nodata())) {
            a.put(NO_DATA_VALUE, Double.toString(grid.nodata()));
        }
        return a;
    }

    /**
     * The grid described by {@code attrs}, for arrays of {@code rows × cols}.
     *
     * @throws IllegalArgumentException when a georeferencing attribute is not a number, or
     *                                  LENGTH/WIDTH contradict the array shape
     */
    static GridGeometry parse(Map<String, String> attrs, int rows, int cols) {
        check(attrs, LENGTH, rows);
        check(attrs, WIDTH, cols);
        String nd = attrs.get(NO_DATA_VALUE);
        double nodata = nd == null || nd.trim().equalsIgnoreCase("none") ? Double.NaN : number(attrs, NO_DATA_VALUE);
        GeoTransform t = null;
        if (attrs.containsKey(GDAL_GEOTRANSFORM)) {
            String[] p = attrs.get(GDAL_GEOTRANSFORM).split(",");
            double[] g = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                g[i] = Double.parseDouble(p[i].trim());
            }
            t = GeoTransform.fromGdal(g);
        } else if (attrs.containsKey(X_FIRST) && attrs.containsKey(Y_FIRST)) {
            t = GeoTransform.northUp(number(attrs, X_FIRST), number(attrs, X_STEP), number(attrs, Y_FIRST),
                    number(attrs, Y_STEP));
        }
        if (t == null) {
            return new GridGeometry(rows, cols, null, 0, nodata, null);
        }
        int epsg = attrs.containsKey(EPSG) ? (int) number(attrs, EPSG) : 0;
        return GridGeometry.geocoded(rows, cols, t, epsg, nodata);
    }

    private static void check(Map<String, String> attrs, String key, int expected) {
        if (attrs.containsKey(key) && (int) number(attrs, key) != expected) {
            throw new IllegalArgumentException(key + " = " + attrs.get(key) + " but the arrays have " + expected);
        }
    }

    private static double number(Map<String, String> attrs, String key) {
        String v = attrs.get(key);
        if (v == null) {
            throw new IllegalArgumentException("attribute " + key + " is missing");
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute " + key + " = \"" + v + "\" is not a number");
        }
    }
}

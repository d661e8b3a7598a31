package org.permasar.viewer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.crs.EpsgCrs;

/**
 * Where a point of a grid lies: its map coordinates in the grid's own CRS and its WGS 84 latitude and
 * longitude, for the viewer's cursor readout. The inverse direction of
 * {@link org.permasar.io.crs.LatLonLocator} (which takes a latitude/longitude onto a grid).
 *
 * <ul>
 *   <li>Geocoded grid: x, y from the GDAL geotransform at the fractional (col, row), GDAL's corner
 *   convention (pixel (r, c) spans [c, c + 1) × [r, r + 1), its centre is (c + 0.5, r + 0.5)); then
 *   EPSG:n → EPSG:4326 with Proj4J (the PROJ formulas, e.g. Snyder 1987 eq. 8-17…8-25 for the inverse
 *   transverse Mercator of UTM). On an EPSG:4326 grid (lon, lat) = (x, y). Unknown EPSG (0, or a code
 *   PROJ does not know): latitude/longitude NaN.</li>
 *   <li>Radar grid with per-pixel latitude/longitude: the values of the pixel holding the point; x, y NaN.</li>
 *   <li>Radar grid without coordinates: all NaN.</li>
 * </ul>
 * Thread-safe: Proj4J transforms keep scratch state and are used under a lock.
 */
public final class GridLocation {
    private static final Map<Integer, CoordinateTransform> TO_WGS84 = new ConcurrentHashMap<>();
    /** Cache marker for an EPSG code PROJ does not know. */
    private static final CoordinateTransform NONE = null;
    private static final Map<Integer, Boolean> UNKNOWN = new ConcurrentHashMap<>();

    private GridLocation() {
    }

    /**
     * A located point.
     *
     * @param x   map x in the grid's CRS (metres, or degrees of longitude on a geographic grid), NaN for radar grids
     * @param y   map y in the grid's CRS, NaN for radar grids
     * @param lat WGS 84 latitude, degrees, NaN when unknown
     * @param lon WGS 84 longitude, degrees, NaN when unknown
     */
    public record Point(double x, double y, double lat, double lon) {
    }

    /**
     * The point at fractional position ({@code row}, {@code col}) of {@code grid}; the centre of pixel (r, c) is
     * (r + 0.5, c + 0.5).
     */
    public static Point at(GridGeometry grid, double row, double col) {
        if (!grid.isGeocoded()) {
            int r = (int) Math.floor(row), c = (int) Math.floor(col);
            boolean inside = r >= 0 && c >= 0 && r < grid.rows() && c < grid.cols();
            return inside ? new Point(Double.NaN, Double.NaN, grid.latitude(r, c), grid.longitude(r, c))
                    : new Point(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        GeoTransform t = grid.transform();
        double x = t.x(col, row), y = t.y(col, row);
        double[] ll = latLon(grid.epsg(), x, y);
        return new Point(x, y, ll[0], ll[1]);
    }

    /** {lat, lon} of map point (x, y) in EPSG:{@code epsg}; NaNs when the code is 0 or unknown to PROJ. */
    public static double[] latLon(int epsg, double x, double y) {
        if (epsg == 4326) {
            return new double[] {y, x};
        }
        CoordinateTransform t = transform(epsg);
        if (t == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        ProjCoordinate out = new ProjCoordinate();
        synchronized (t) {
            t.transform(new ProjCoordinate(x, y), out);
        }
        return new double[] {out.y, out.x};
    }

    private static CoordinateTransform transform(int epsg) {
        if (epsg <= 0 || UNKNOWN.containsKey(epsg)) {
            return NONE;
        }
        return TO_WGS84.computeIfAbsent(epsg, code -> {
            try {
                CoordinateReferenceSystem src = EpsgCrs.of(code);
                CoordinateReferenceSystem dst = EpsgCrs.of(4326);
                return new CoordinateTransformFactory().createTransform(src, dst);
            } catch (IllegalArgumentException | Proj4jException | IllegalStateException | UnsupportedOperationException e) {
                UNKNOWN.put(code, Boolean.TRUE);
                return NONE;
            }
        });
    }
}

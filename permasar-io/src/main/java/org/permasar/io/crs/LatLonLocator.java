package org.permasar.io.crs;

import java.util.Locale;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * Puts a WGS 84 latitude/longitude on a grid: the one place where a point given in degrees (a GNSS station, a site
 * or borehole table, {@code invert --ref-lalo}, {@code plot --lalo}) becomes map coordinates and a row and column.
 *
 * <ul>
 *   <li><b>Geocoded grid with an EPSG code</b>: (lon, lat) on EPSG:4326 is transformed to the grid's CRS with Proj4J
 *   (a Java port of PROJ 4: its projection formulas, e.g. the transverse Mercator series of Snyder (1987, eq. 8-9
 *   … 8-10) for UTM, and its EPSG → PROJ definition table), then through the inverse of the grid's geotransform. Pixel (r, c) covers
 *   [c, c + 1) × [r, r + 1) in fractional (col, row), GDAL's corner convention, so the pixel is the floor. On an
 *   EPSG:4326 grid the map coordinates are (lon, lat) themselves, untouched; on a geographic grid the longitude is
 *   first wrapped to within 180° of the grid's centre (a station at 266° E lands on a −94° E grid). Another datum
 *   is shifted as PROJ does with the definition's {@code +towgs84} (none: only the ellipsoid changes).</li>
 *   <li><b>Radar grid with per-pixel latitude/longitude</b> ({@link GridGeometry#coordinates()}): the pixel whose
 *   centre is nearest on an equirectangular plane (Δlat, Δlon·cos lat), searched over the whole grid.</li>
 *   <li>Anything else (a geocoded grid without EPSG code, a radar grid without coordinates, an EPSG code PROJ does
 *   not know) cannot take latitude/longitude: {@link IllegalArgumentException} saying why.</li>
 * </ul>
 *
 * <p>Latitude must lie in −90 … 90 and longitude in −180 … 360 degrees; other values (metres given as degrees, say)
 * are refused with {@link IllegalArgumentException} naming the point. Messages name the point by the caller's
 * label ({@code "--ref-lalo"}, {@code "station G001"}). Thread-safe: the Proj4J transform, which keeps scratch
 * state, is used under this object's lock (few points go through it: stations and sites, not pixels).
 */
public final class LatLonLocator {
    /** EPSG code of WGS 84 latitude/longitude, the CRS of every point this class takes. */
    public static final int WGS84 = 4326;


    private final GridGeometry grid;
    /** WGS 84 → grid CRS, made on first use (guarded by this); stays null for EPSG:4326 grids (identity). */
    private CoordinateTransform toGrid;
    private boolean geographic;

    private LatLonLocator(GridGeometry grid) {
        this.grid = grid;
        this.geographic = !grid.isGeocoded() || grid.epsg() == WGS84;
    }

    /**
     * A locator for {@code grid}. A geocoded grid without EPSG code, or with one PROJ does not know, is accepted
     * here (its x/y positions still place) and refused by {@link #toMap} when a latitude/longitude comes.
     *
     * @throws IllegalArgumentException for a radar-geometry grid without per-pixel latitude/longitude
     */
    public static LatLonLocator on(GridGeometry grid) {
        if (!grid.isGeocoded() && grid.coordinates() == null) {
            throw new IllegalArgumentException("the grid (" + grid + ") has no latitude/longitude: a radar-geometry "
                    + "grid needs its geometry file's latitude/longitude datasets");
        }
        return new LatLonLocator(grid);
    }

    /** The WGS 84 → grid CRS transform, made on first use; null for EPSG:4326 grids. Caller holds the lock. */
    private CoordinateTransform transform(String what) {
        if (toGrid == null && grid.epsg() != WGS84) {
            if (grid.epsg() == 0) {
                throw new IllegalArgumentException(what + ": the grid (" + grid + ") has no EPSG code, so latitude/"
                        + "longitude cannot be placed on it: give the position as row/col or x/y, or a grid that names "
                        + "its CRS");
            }
            CoordinateReferenceSystem target = crs(what, grid.epsg());
            toGrid = new CoordinateTransformFactory().createTransform(crs(what, WGS84), target);
            geographic = target.getProjection() != null && Boolean.TRUE.equals(target.getProjection().isGeographic());
        }
        return toGrid;
    }

    /** The Proj4J CRS of an EPSG code, cached. */
    private static CoordinateReferenceSystem crs(String what, int epsg) {
        try {
            return EpsgCrs.of(epsg);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + ", so latitude/longitude cannot be placed on the grid", e);
        }
    }

    public GridGeometry grid() {
        return grid;
    }

    /**
     * Map coordinates {x, y} of a point in the grid's CRS (metres for a projected CRS, lon/lat degrees for a
     * geographic one). Geocoded grids only.
     *
     * @param what label of the point for messages, e.g. {@code "station G001"}
     */
    public double[] toMap(String what, double lat, double lon) {
        check(what, lat, lon);
        if (!grid.isGeocoded()) {
            throw new IllegalArgumentException(what + ": the radar-geometry grid has no map coordinates");
        }
        ProjCoordinate out = new ProjCoordinate();
        synchronized (this) {
            CoordinateTransform t = transform(what);
            if (t == null) {
                return new double[] {wrap(lon), lat};
            }
            t.transform(new ProjCoordinate(geographic ? wrap(lon) : normalise(lon), lat), out);
        }
        if (!Double.isFinite(out.x) || !Double.isFinite(out.y)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s (lat %s, lon %s) has no coordinates in "
                    + "EPSG:%d (outside the projection's domain)", what, lat, lon, grid.epsg()));
        }
        return new double[] {out.x, out.y};
    }

    /**
     * Fractional position {row, col} of a point: the pixel is ({@code floor(row)}, {@code floor(col)}); may lie
     * outside the grid. On a radar grid, the centre (r + 0.5, c + 0.5) of the nearest pixel.
     */
    public double[] toPixel(String what, double lat, double lon) {
        check(what, lat, lon);
        if (!grid.isGeocoded()) {
            int[] rc = nearest(lat, lon);
            return new double[] {rc[0] + 0.5, rc[1] + 0.5};
        }
        double[] xy = toMap(what, lat, lon);
        GeoTransform t = grid.transform();
        return new double[] {t.row(xy[0], xy[1]), t.col(xy[0], xy[1])};
    }

    /** The pixel {row, col} holding the point; may lie outside the grid (see {@link #contains}). */
    public int[] pixel(String what, double lat, double lon) {
        double[] p = toPixel(what, lat, lon);
        return new int[] {(int) Math.floor(p[0]), (int) Math.floor(p[1])};
    }

    /** True when {row, col} is a pixel of the grid. */
    public boolean contains(int[] rc) {
        return rc[0] >= 0 && rc[1] >= 0 && rc[0] < grid.rows() && rc[1] < grid.cols();
    }

    /**
     * The pixel {row, col} holding the point.
     *
     * @throws IllegalArgumentException when it lies outside the grid, naming the point, the pixel it falls on and
     *                                  the grid
     */
    public int[] pixelInside(String what, double lat, double lon) {
        int[] rc = pixel(what, lat, lon);
        if (!contains(rc)) {
            throw new IllegalArgumentException(outside(what, lat, lon, rc));
        }
        return rc;
    }

    /** "WHAT (lat …, lon …) lies outside the grid: row r, col c of R × C (EPSG:n)": for messages and logs. */
    public String outside(String what, double lat, double lon, int[] rc) {
        return String.format(Locale.ROOT, "%s (lat %s, lon %s) lies outside the grid: row %d, col %d of %d × %d px%s", what,
                lat, lon, rc[0], rc[1], grid.rows(), grid.cols(), grid.isGeocoded() ? " (EPSG:" + grid.epsg() + ")" : "");
    }

    private static void check(String what, double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 360)) {
            throw new IllegalArgumentException(what + ": latitude " + lat + ", longitude " + lon + " are not degrees "
                    + "(need −90 ≤ lat ≤ 90, −180 ≤ lon ≤ 360); map coordinates in the grid's CRS go in x/y columns");
        }
    }

    /** Longitude within 180° of the grid's centre longitude (geographic grids; unchanged when already so). */
    private double wrap(double lon) {
        if (!grid.isGeocoded()) {
            return lon;
        }
        GeoTransform t = grid.transform();
        double centre = t.x(grid.cols() / 2.0, grid.rows() / 2.0);
        while (lon - centre >= 180) {
            lon -= 360;
        }
        while (lon - centre < -180) {
            lon += 360;
        }
        return lon;
    }

    private static double normalise(double lon) {
        return lon > 180 ? lon - 360 : lon;
    }

    /** Radar grids: the pixel whose centre is nearest, Δlat² + (Δlon·cos lat)², first in row-major order on ties. */
    private int[] nearest(double lat, double lon) {
        double best = Double.POSITIVE_INFINITY;
        int[] rc = null;
        double coslat = Math.cos(Math.toRadians(lat));
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                double dl = grid.latitude(r, c) - lat, dx = (grid.longitude(r, c) - lon) * coslat;
                double d = dl * dl + dx * dx;
                if (d < best) {
                    best = d;
                    rc = new int[] {r, c};
                }
            }
        }
        if (rc == null) {
            throw new IllegalArgumentException("the grid's latitude/longitude are all NaN: no pixel is near lat " + lat
                    + ", lon " + lon);
        }
        return rc;
    }
}

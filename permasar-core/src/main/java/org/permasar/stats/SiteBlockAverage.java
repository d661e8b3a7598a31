package org.permasar.stats;

import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * Weighted average of a raster in a square block around a site, to compare an InSAR value with a point
 * measurement (seed 001 §4: 200 m × 200 m blocks). Pixels whose centres lie within ±half-size of the site
 * in x and y count, each with its weight (temporal coherence, or 1/σ²); pixels with a NaN value or a
 * NaN / non-positive weight are skipped.
 *
 * <p>Metric sizes on a geographic grid (EPSG:4326) are turned into degrees on a sphere of radius
 * 6 371 008.8 m (IUGG mean radius): Δlat = s/R, Δlon = s/(R·cos lat) — under 0.5 % error against the
 * ellipsoid, well below a pixel. On a projected grid x/y are metres. Stateless.
 */
public final class SiteBlockAverage {
    /** Mean Earth radius, m (IUGG). */
    public static final double EARTH_RADIUS = 6_371_008.8;

    /** The average and how many pixels went into it. */
    public record Result(double value, double sumWeights, int pixels) {
    }

    private SiteBlockAverage() {
    }

    /**
     * @param values   raster values, row-major
     * @param weights  raster weights, or null for equal weights
     * @param grid     geocoded grid of both
     * @param x, y     site coordinates in the grid's CRS (lon, lat in degrees for EPSG:4326)
     * @param sizeMetres full block width, m (e.g. 200)
     * @return value NaN and pixels 0 when no valid pixel lies in the block
     */
    public static Result average(float[] values, float[] weights, GridGeometry grid, double x, double y, double sizeMetres) {
        if (!grid.isGeocoded() || values.length != grid.size() || (weights != null && weights.length != grid.size())) {
            throw new IllegalArgumentException("need a geocoded grid matching the rasters: grid " + grid + ", values "
                    + values.length);
        }
        if (!(sizeMetres > 0)) {
            throw new IllegalArgumentException("block size must be > 0 m, got " + sizeMetres);
        }
        double hx = sizeMetres / 2, hy = sizeMetres / 2;
        if (grid.isGeographic()) {
            hy = Math.toDegrees(hy / EARTH_RADIUS);
            hx = Math.toDegrees(hx / (EARTH_RADIUS * Math.cos(Math.toRadians(y))));
        }
        GeoTransform t = grid.transform();
        // candidate pixel range from the block corners (north-up or not, take the bounding range)
        double c1 = t.col(x - hx, y - hy), c2 = t.col(x + hx, y + hy), r1 = t.row(x - hx, y - hy), r2 = t.row(x + hx, y + hy);
        double c3 = t.col(x - hx, y + hy), c4 = t.col(x + hx, y - hy), r3 = t.row(x - hx, y + hy), r4 = t.row(x + hx, y - hy);
        int cMin = Math.max(0, (int) Math.floor(Math.min(Math.min(c1, c2), Math.min(c3, c4))));
        int cMax = Math.min(grid.cols() - 1, (int) Math.ceil(Math.max(Math.max(c1, c2), Math.max(c3, c4))));
        int rMin = Math.max(0, (int) Math.floor(Math.min(Math.min(r1, r2), Math.min(r3, r4))));
        int rMax = Math.min(grid.rows() - 1, (int) Math.ceil(Math.max(Math.max(r1, r2), Math.max(r3, r4))));
        double sw = 0, swv = 0;
        int count = 0;
        for (int r = rMin; r <= rMax; r++) {
            for (int c = cMin; c <= cMax; c++) {
                double px = t.x(c + 0.5, r + 0.5), py = t.y(c + 0.5, r + 0.5);
                if (Math.abs(px - x) > hx || Math.abs(py - y) > hy) {
                    continue;
                }
                int k = r * grid.cols() + c;
                double v = values[k], w = weights == null ? 1 : weights[k];
                if (Double.isNaN(v) || !(w > 0)) {
                    continue;
                }
                sw += w;
                swv += w * v; // weighted mean Σ w v / Σ w
                count++;
            }
        }
        return new Result(count == 0 ? Double.NaN : swv / sw, sw, count);
    }
}

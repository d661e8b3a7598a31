package org.permasar.terrain;

import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * Slope and aspect of a DEM by Horn's method (Horn 1981, Proc. IEEE 69:14, eq. for the 3 × 3 weighted
 * differences; the method of {@code gdaldem slope/aspect}). With the 3 × 3 window
 * <pre>
 *   a b c
 *   d e f      (row above, this row, row below; north up)
 *   g h i
 * </pre>
 * ∂z/∂E = ((c + 2f + i) − (a + 2d + g)) / (8 Δx) and ∂z/∂N = ((a + 2b + c) − (g + 2h + i)) / (8 Δy);
 * slope = atan √((∂z/∂E)² + (∂z/∂N)²) in degrees, 0…90; aspect = the compass direction the slope faces (down-slope),
 * atan2(−∂z/∂E, −∂z/∂N) in degrees clockwise from north, 0…360 (0 = north-facing, 90 = east-facing).
 *
 * <p>Metric spacing: a projected grid's pixel size (CRS units taken as metres); a geographic grid (EPSG:4326) uses
 * the WGS 84 ellipsoid at each row's latitude φ: Δx = N(φ) cos φ Δλ, Δy = M(φ) Δφ, with N = a / √(1 − e² sin² φ)
 * and M = a (1 − e²) / (1 − e² sin² φ)^{3/2} (radii of curvature, e.g. Snyder 1987 eqs. 4-18, 4-20). Within one
 * window the centre row's Δx is used.
 *
 * <p>NaN policy: the DEM's NaN (nodata already NaN) in any of the nine cells, or a pixel on the grid's edge, gives
 * NaN slope and aspect (as gdaldem without {@code -compute_edges}); a flat window (zero gradient) has slope 0 and
 * aspect NaN. Stateless and thread-safe.
 */
public final class HornSlopeAspect {
    /** WGS 84 semi-major axis, m. */
    public static final double A = 6_378_137.0;
    /** WGS 84 first eccentricity squared. */
    public static final double E2 = 6.69437999014e-3;

    private HornSlopeAspect() {
    }

    /** Slope and aspect maps, degrees, row-major like the DEM. */
    public record Result(float[] slope, float[] aspect) {
    }

    /** Slope and aspect of {@code dem} (metres, NaN = missing) on {@code grid} (geocoded, north up). */
    public static Result compute(float[] dem, GridGeometry grid) {
        if (!grid.isGeocoded() || !grid.transform().isNorthUp()) {
            throw new IllegalArgumentException("slope and aspect need a geocoded north-up grid, got " + grid);
        }
        if (dem.length != grid.size()) {
            throw new IllegalArgumentException("DEM has " + dem.length + " values, its grid " + grid.size());
        }
        double[] dx = new double[grid.rows()], dy = new double[grid.rows()];
        spacing(grid, dx, dy);
        float[] slope = new float[dem.length], aspect = new float[dem.length];
        compute(dem, grid.rows(), grid.cols(), dx, dy, slope, aspect);
        return new Result(slope, aspect);
    }

    /** Metric pixel spacing Δx, Δy (m, positive) of every row of {@code grid}. */
    public static void spacing(GridGeometry grid, double[] dx, double[] dy) {
        GeoTransform t = grid.transform();
        for (int r = 0; r < grid.rows(); r++) {
            if (grid.isGeographic()) {
                double phi = Math.toRadians(t.y(0.5, r + 0.5));
                double s = Math.sin(phi);
                double w = 1 - E2 * s * s;
                double n = A / Math.sqrt(w);                  // prime-vertical radius N(φ)
                double m = A * (1 - E2) / (w * Math.sqrt(w));  // meridional radius M(φ)
                dx[r] = n * Math.cos(phi) * Math.toRadians(Math.abs(t.pixelWidth()));
                dy[r] = m * Math.toRadians(Math.abs(t.pixelHeight()));
            } else {
                dx[r] = Math.abs(t.pixelWidth());
                dy[r] = Math.abs(t.pixelHeight());
            }
        }
    }

    /**
     * The kernel on flat arrays: {@code dem} rows × cols row-major (north up), Δx and Δy per row in metres; writes
     * {@code slope} and {@code aspect} (degrees; NaN on edges and next to NaN).
     */
    public static void compute(float[] dem, int rows, int cols, double[] dx, double[] dy, float[] slope, float[] aspect) {
        final double deg = 180 / Math.PI;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                if (r == 0 || c == 0 || r == rows - 1 || c == cols - 1) {
                    slope[k] = Float.NaN;
                    aspect[k] = Float.NaN;
                    continue;
                }
                int up = k - cols, dn = k + cols;
                double a = dem[up - 1], b = dem[up], cc = dem[up + 1];
                double d = dem[k - 1], f = dem[k + 1];
                double g = dem[dn - 1], h = dem[dn], i = dem[dn + 1];
                double e = dem[k];
                double dzdx = ((cc + 2 * f + i) - (a + 2 * d + g)) / (8 * dx[r]);   // Horn 1981, east
                double dzdy = ((a + 2 * b + cc) - (g + 2 * h + i)) / (8 * dy[r]);   // north
                if (Double.isNaN(dzdx + dzdy + e)) {
                    slope[k] = Float.NaN;
                    aspect[k] = Float.NaN;
                    continue;
                }
                slope[k] = (float) (Math.atan(Math.sqrt(dzdx * dzdx + dzdy * dzdy)) * deg);
                if (dzdx == 0 && dzdy == 0) {
                    aspect[k] = Float.NaN;
                } else {
                    double az = Math.atan2(-dzdx, -dzdy) * deg;   // down-slope azimuth, clockwise from north
                    float v = (float) (az < 0 ? az + 360 : az);
                    aspect[k] = v >= 360f ? 0f : v;
                }
            }
        }
    }
}

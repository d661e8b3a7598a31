package org.permasar.hazard;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Thermokarst-lake density on a grid of square cells against the deformation in the same cells (SCIENCE.md §6,
 * seed 004: the lake density correlates positively with the linear subsidence rate and the seasonal amplitude).
 *
 * <p>Cells of {@code cell} metres from the north-west corner ({@code x0}, {@code y0}) of a projected CRS, row-major.
 * Per cell: the lakes counted once, in the cell of their centroid (JTS {@link Geometry#getCentroid()}); the lake
 * area fraction Σ area(lake ∩ cell) / cell² (a lake straddling cells shares its area among them); the mean rate and
 * mean seasonal amplitude of the pixels whose centre lies in the cell (finite values only). A cell with fewer than
 * {@code minPixels} finite pixels has NaN deformation (and is left out of the statistics by the caller).
 *
 * <p>Units: coordinates and cell in metres; rate and amplitude in the caller's unit. Stateless; thread-safe.
 */
public final class LakeDensity {
    private LakeDensity() {
    }

    /**
     * The cells, flat arrays of {@code rows·cols}, row-major.
     *
     * @param count        lakes whose centroid is in the cell
     * @param areaFraction lake area / cell area, 0…1
     * @param rate         mean rate of the cell's pixels (NaN below minPixels)
     * @param amplitude    mean seasonal amplitude (NaN below minPixels, or without amplitude)
     * @param pixels       finite-rate pixels in the cell
     * @param x            cell centre easting, m
     * @param y            cell centre northing, m
     */
    public record Cells(int rows, int cols, double cell, double[] count, double[] areaFraction, double[] rate,
                        double[] amplitude, int[] pixels, double[] x, double[] y) {
    }

    /**
     * Grids lakes and deformation.
     *
     * @param x0        west edge of the cell grid, m
     * @param y0        north edge of the cell grid, m
     * @param cell      cell size, m, &gt; 0
     * @param rows      cell rows, &gt; 0
     * @param cols      cell columns, &gt; 0
     * @param lakes     lake polygons in the same projected CRS (null or non-areal entries are skipped)
     * @param px        pixel centres' easting, m
     * @param py        pixel centres' northing, m
     * @param rate      rate per pixel (NaN = none)
     * @param amplitude seasonal amplitude per pixel, or null
     * @param minPixels least finite pixels for a cell's deformation, ≥ 1
     */
    public static Cells grid(double x0, double y0, double cell, int rows, int cols, List<Geometry> lakes,
                             double[] px, double[] py, double[] rate, double[] amplitude, int minPixels) {
        if (!(cell > 0) || Double.isInfinite(cell) || rows < 1 || cols < 1 || minPixels < 1) {
            throw new IllegalArgumentException("need cell > 0 m, rows and cols ≥ 1, minPixels ≥ 1; got " + cell + ", "
                    + rows + ", " + cols + ", " + minPixels);
        }
        int n = rows * cols;
        double[] count = new double[n];
        double[] frac = new double[n];
        double[] sumR = new double[n];
        double[] sumA = new double[n];
        int[] pix = new int[n];
        int[] pixA = new int[n];
        GeometryFactory gf = new GeometryFactory();
        double cellArea = cell * cell;
        for (Geometry lake : lakes) {
            if (lake == null || lake.isEmpty() || lake.getDimension() != 2) {
                continue;
            }
            Point c = lake.getCentroid();
            int cr = (int) Math.floor((y0 - c.getY()) / cell);
            int cc = (int) Math.floor((c.getX() - x0) / cell);
            if (cr >= 0 && cr < rows && cc >= 0 && cc < cols) {
                count[cr * cols + cc]++;
            }
            Envelope e = lake.getEnvelopeInternal();
            int r0 = Math.max(0, (int) Math.floor((y0 - e.getMaxY()) / cell));
            int r1 = Math.min(rows - 1, (int) Math.floor((y0 - e.getMinY()) / cell));
            int c0 = Math.max(0, (int) Math.floor((e.getMinX() - x0) / cell));
            int c1 = Math.min(cols - 1, (int) Math.floor((e.getMaxX() - x0) / cell));
            for (int r = r0; r <= r1; r++) {
                for (int col = c0; col <= c1; col++) {
                    double cx0 = x0 + col * cell, cy1 = y0 - r * cell;
                    Geometry box = gf.toGeometry(new Envelope(cx0, cx0 + cell, cy1 - cell, cy1));
                    Envelope ce = box.getEnvelopeInternal();
                    frac[r * cols + col] += ce.covers(e) ? lake.getArea() / cellArea
                            : lake.intersection(box).getArea() / cellArea;
                }
            }
        }
        for (int i = 0; i < px.length; i++) {
            int r = (int) Math.floor((y0 - py[i]) / cell);
            int c = (int) Math.floor((px[i] - x0) / cell);
            if (r < 0 || r >= rows || c < 0 || c >= cols || !Double.isFinite(rate[i])) {
                continue;
            }
            int k = r * cols + c;
            sumR[k] += rate[i];
            pix[k]++;
            if (amplitude != null && Double.isFinite(amplitude[i])) {
                sumA[k] += amplitude[i];
                pixA[k]++;
            }
        }
        double[] mr = new double[n];
        double[] ma = new double[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            mr[k] = pix[k] >= minPixels ? sumR[k] / pix[k] : Double.NaN;
            ma[k] = pix[k] >= minPixels && pixA[k] > 0 ? sumA[k] / pixA[k] : Double.NaN;
            xs[k] = x0 + (k % cols + 0.5) * cell;
            ys[k] = y0 - (k / cols + 0.5) * cell;
        }
        return new Cells(rows, cols, cell, count, frac, mr, ma, pix, xs, ys);
    }

    /**
     * Binned statistics of {@code v} by classes of {@code by}: class j holds edges[j] ≤ by &lt; edges[j+1] (the last
     * class includes its upper edge). Per class: {cells, mean, q25, median, q75} (Hyndman &amp; Fan type 7 quartiles),
     * NaN when empty; non-finite pairs skipped.
     */
    public static double[][] binned(double[] by, double[] v, double[] edges) {
        int m = edges.length - 1;
        if (m < 1) {
            throw new IllegalArgumentException("need at least two bin edges, got " + Arrays.toString(edges));
        }
        double[][] out = new double[m][];
        for (int j = 0; j < m; j++) {
            double[] vals = new double[by.length];
            int n = 0;
            for (int i = 0; i < by.length; i++) {
                boolean in = by[i] >= edges[j] && (by[i] < edges[j + 1] || (j == m - 1 && by[i] <= edges[j + 1]));
                if (in && Double.isFinite(v[i])) {
                    vals[n++] = v[i];
                }
            }
            if (n == 0) {
                out[j] = new double[] {0, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
                continue;
            }
            Arrays.sort(vals, 0, n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += vals[i];
            }
            out[j] = new double[] {n, sum / n, CorridorProfile.percentile(vals, 0, n, 25),
                CorridorProfile.percentile(vals, 0, n, 50), CorridorProfile.percentile(vals, 0, n, 75)};
        }
        return out;
    }
}

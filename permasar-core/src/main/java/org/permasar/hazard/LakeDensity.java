package org.permasar.hazard;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Thermokarst-lake density on a grid of square cells, or in square moving windows, against the deformation in the
 * same cells (SCIENCE.md §6, seed 004: the lake density correlates positively with the linear subsidence rate and the
 * seasonal amplitude).
 *
 * <p>Cells of {@code cell} metres from the north-west corner ({@code x0}, {@code y0}) of a projected CRS, row-major
 * ({@link #grid}), or windows of {@code window} metres every {@code step} metres ({@link #windows}; the cells are the
 * windows with step = window).
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
     * Grids lakes and deformation on cells: {@link #windows} with the step equal to the cell, so that the windows
     * tile the plane.
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
        return windows(x0, y0, cell, cell, rows, cols, lakes, px, py, rate, amplitude, minPixels);
    }

    /**
     * Lakes and deformation in square moving windows: window (r, c) is x ∈ [x0 + c·step, x0 + c·step + window),
     * y ∈ (y0 − r·step − window, y0 − r·step] (the west and north edges belong to it), centred at
     * (x0 + c·step + window/2, y0 − r·step − window/2). With step &lt; window the windows overlap: a lake is counted in
     * every window that holds its centroid, its area shared with every window it overlaps, a pixel averaged into every
     * window that holds its centre. The returned {@link Cells} has {@code cell} = window.
     *
     * @param x0        west edge of window (0, 0), m
     * @param y0        north edge of window (0, 0), m
     * @param window    side of a window, m, &gt; 0
     * @param step      distance between neighbouring windows' centres, m, 0 &lt; step ≤ window
     * @param rows      window rows, &gt; 0
     * @param cols      window columns, &gt; 0
     * @param lakes     lake polygons in the same projected CRS (null or non-areal entries are skipped)
     * @param px        pixel centres' easting, m
     * @param py        pixel centres' northing, m
     * @param rate      rate per pixel (NaN = none)
     * @param amplitude seasonal amplitude per pixel, or null
     * @param minPixels least finite pixels for a window's deformation, ≥ 1
     */
    public static Cells windows(double x0, double y0, double window, double step, int rows, int cols,
                                List<Geometry> lakes, double[] px, double[] py, double[] rate, double[] amplitude,
                                int minPixels) {
        if (!(window > 0) || Double.isInfinite(window) || !(step > 0) || step > window || rows < 1 || cols < 1
                || minPixels < 1) {
            throw new IllegalArgumentException("need window > 0 m, 0 < step ≤ window, rows and cols ≥ 1, minPixels ≥ 1; "
                    + "got " + window + ", " + step + ", " + rows + ", " + cols + ", " + minPixels);
        }
        int n = rows * cols;
        double[] count = new double[n];
        double[] frac = new double[n];
        double[] sumR = new double[n];
        double[] sumA = new double[n];
        int[] pix = new int[n];
        int[] pixA = new int[n];
        GeometryFactory gf = new GeometryFactory();
        double area = window * window;
        int[] span = new int[4];
        for (Geometry lake : lakes) {
            if (lake == null || lake.isEmpty() || lake.getDimension() != 2) {
                continue;
            }
            Point c = lake.getCentroid();
            if (holding(c.getX(), c.getY(), x0, y0, window, step, rows, cols, span)) {
                for (int r = span[0]; r <= span[1]; r++) {
                    for (int col = span[2]; col <= span[3]; col++) {
                        count[r * cols + col]++;
                    }
                }
            }
            Envelope e = lake.getEnvelopeInternal();
            int r0 = Math.max(0, (int) Math.floor((y0 - e.getMaxY() - window) / step));
            int r1 = Math.min(rows - 1, (int) Math.floor((y0 - e.getMinY()) / step));
            int c0 = Math.max(0, (int) Math.floor((e.getMinX() - x0 - window) / step));
            int c1 = Math.min(cols - 1, (int) Math.floor((e.getMaxX() - x0) / step));
            for (int r = r0; r <= r1; r++) {
                for (int col = c0; col <= c1; col++) {
                    double wx0 = x0 + col * step, wy1 = y0 - r * step;
                    Envelope we = new Envelope(wx0, wx0 + window, wy1 - window, wy1);
                    if (!we.intersects(e)) {
                        continue;
                    }
                    frac[r * cols + col] += we.covers(e) ? lake.getArea() / area
                            : lake.intersection(gf.toGeometry(we)).getArea() / area;
                }
            }
        }
        for (int i = 0; i < px.length; i++) {
            if (!Double.isFinite(rate[i]) || !holding(px[i], py[i], x0, y0, window, step, rows, cols, span)) {
                continue;
            }
            boolean withAmp = amplitude != null && Double.isFinite(amplitude[i]);
            for (int r = span[0]; r <= span[1]; r++) {
                for (int col = span[2]; col <= span[3]; col++) {
                    int k = r * cols + col;
                    sumR[k] += rate[i];
                    pix[k]++;
                    if (withAmp) {
                        sumA[k] += amplitude[i];
                        pixA[k]++;
                    }
                }
            }
        }
        double[] mr = new double[n];
        double[] ma = new double[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            mr[k] = pix[k] >= minPixels ? sumR[k] / pix[k] : Double.NaN;
            ma[k] = pix[k] >= minPixels && pixA[k] > 0 ? sumA[k] / pixA[k] : Double.NaN;
            xs[k] = x0 + (k % cols) * step + window / 2;
            ys[k] = y0 - (k / cols) * step - window / 2;
        }
        return new Cells(rows, cols, window, count, frac, mr, ma, pix, xs, ys);
    }

    /**
     * The windows holding point (x, y): rows span[0] … span[1], columns span[2] … span[3]; false when none. Along each
     * axis the window whose edge is at or before the point by {@code floor(d / step)} holds it (step ≤ window), and
     * the earlier ones while the point is less than a window from their edge.
     */
    private static boolean holding(double x, double y, double x0, double y0, double window, double step, int rows,
                                   int cols, int[] span) {
        return along(y0 - y, window, step, rows, span, 0) && along(x - x0, window, step, cols, span, 2);
    }

    /** The windows 0 … count − 1 along one axis holding a point d metres past window 0's edge, into span[at, at+1]. */
    private static boolean along(double d, double window, double step, int count, int[] span, int at) {
        double f = Math.floor(d / step);
        if (!(f >= 0)) {
            return false;                               // before the first window, or NaN
        }
        int hi = (int) Math.min(f, count - 1);
        if (hi < f && !(d - hi * step < window)) {
            return false;                               // past the last window
        }
        int lo = hi;
        while (lo > 0 && d - (lo - 1) * step < window) {
            lo--;
        }
        span[at] = lo;
        span[at + 1] = hi;
        return true;
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

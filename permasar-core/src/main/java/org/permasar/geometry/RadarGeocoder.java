package org.permasar.geometry;

import java.util.Arrays;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * Geocoding of radar-geometry products through a lookup table of latitude and longitude per radar
 * pixel (MintPy's {@code geometryRadar.h5} {@code latitude}/{@code longitude}), as MintPy's
 * {@code geocode.py} does it with its default nearest-neighbour resampling (pyresample's
 * {@code kd_tree.resample_nearest}): a regular north-up WGS 84 grid (EPSG:4326) covering the
 * lookup, every cell taking the value of the radar pixel nearest to its centre, or NaN when none
 * lies within the radius of influence.
 *
 * <p>Grid: cell centres from (W, N) = (min lon, max lat) of the finite lookup in steps of
 * {@code lonStep}, {@code latStep} degrees, as many as reach E, S. Without steps given, both are the
 * median over the lookup of the larger of a pixel's differences to its right and lower neighbours
 * (so that a cell is about one radar pixel). Distance: Δlat² + (Δlon·cos φ)² in degrees of latitude
 * (a local equirectangular metric, exact enough over a few pixels). Radius of influence: MintPy's,
 * {@value #RADIUS_FACTOR} × the larger output step (its {@code get_radius_of_influence}, which turns that
 * step into metres without cos φ), so the swath's edges are filled as MintPy fills them.
 *
 * <p>The plan (which radar pixel feeds each cell) is computed once and applied to every layer of every
 * dataset. Stateless; a {@link Plan} is immutable.
 */
public final class RadarGeocoder {
    /** Radius of influence in units of the larger output step (MintPy's ratio). */
    public static final double RADIUS_FACTOR = 3;

    private RadarGeocoder() {
    }

    /**
     * Which radar pixel feeds each output cell.
     *
     * @param grid   the output grid (EPSG:4326, north-up)
     * @param source per output cell (row-major), the radar pixel's index (row·cols + col), or −1
     */
    public record Plan(GridGeometry grid, int[] source) {
        /** Cells that took a value. */
        public int filled() {
            int n = 0;
            for (int s : source) {
                n += s >= 0 ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * @param lat     latitude per radar pixel, degrees (NaN = no lookup)
     * @param lon     longitude per radar pixel, degrees (NaN = no lookup)
     * @param rows    radar rows
     * @param cols    radar columns
     * @param latStep output latitude step, degrees, &gt; 0, or NaN for automatic
     * @param lonStep output longitude step, degrees, &gt; 0, or NaN for automatic
     * @throws IllegalArgumentException when the lookup has no finite pixel, the steps are not positive,
     *                                  or the grid would exceed 10⁸ cells
     */
    public static Plan plan(float[] lat, float[] lon, int rows, int cols, double latStep, double lonStep) {
        int n = rows * cols;
        if (lat.length != n || lon.length != n) {
            throw new IllegalArgumentException("lookup of " + rows + "×" + cols + " expected, got " + lat.length + " and "
                    + lon.length + " values");
        }
        double s = Double.POSITIVE_INFINITY, no = Double.NEGATIVE_INFINITY, w = Double.POSITIVE_INFINITY,
                e = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (int k = 0; k < n; k++) {
            if (ok(lat[k], lon[k])) {
                s = Math.min(s, lat[k]);
                no = Math.max(no, lat[k]);
                w = Math.min(w, lon[k]);
                e = Math.max(e, lon[k]);
                finite++;
            }
        }
        if (finite == 0) {
            throw new IllegalArgumentException("the lookup table has no pixel with a finite latitude and longitude in "
                    + "[-90, 90] × [-180, 360]");
        }
        double cosPhi = Math.cos(Math.toRadians(0.5 * (s + no)));
        double[] auto = autoSteps(lat, lon, rows, cols);
        double dLat = Double.isNaN(latStep) ? auto[0] : latStep;
        double dLon = Double.isNaN(lonStep) ? auto[1] : lonStep;
        if (!(dLat > 0) || !(dLon > 0) || Double.isInfinite(dLat) || Double.isInfinite(dLon)) {
            throw new IllegalArgumentException("latitude/longitude steps must be > 0 degrees, got " + dLat + ", " + dLon
                    + (Double.isNaN(latStep) ? " (automatic: the lookup has too few neighbouring pixels)" : ""));
        }
        long outRows = (long) Math.floor((no - s) / dLat + 1e-9) + 1, outCols = (long) Math.floor((e - w) / dLon + 1e-9) + 1;
        if (outRows * outCols > 100_000_000L) {
            throw new IllegalArgumentException("the geocoded grid would have " + outRows + " × " + outCols
                    + " cells: choose larger steps (--lalo-step)");
        }
        int R = (int) outRows, C = (int) outCols;
        GridGeometry grid = GridGeometry.geocoded(R, C, GeoTransform.northUp(w - dLon / 2, dLon, no + dLat / 2, -dLat),
                4326, Double.NaN);
        // radar pixels bucketed by the output cell whose centre is nearest (counting sort)
        int[] cellOf = new int[n];
        int[] count = new int[R * C + 1];
        for (int k = 0; k < n; k++) {
            cellOf[k] = -1;
            if (ok(lat[k], lon[k])) {
                int r = clamp((int) Math.round((no - lat[k]) / dLat), R), c = clamp((int) Math.round((lon[k] - w) / dLon), C);
                cellOf[k] = r * C + c;
                count[cellOf[k] + 1]++;
            }
        }
        for (int q = 0; q < R * C; q++) {
            count[q + 1] += count[q];
        }
        int[] start = Arrays.copyOf(count, count.length);
        int[] members = new int[finite];
        for (int k = 0; k < n; k++) {
            if (cellOf[k] >= 0) {
                members[start[cellOf[k]]++] = k;
            }
        }
        double radius = RADIUS_FACTOR * Math.max(dLat, dLon);
        int reachR = (int) Math.ceil(radius / dLat) + 1, reachC = (int) Math.ceil(radius / (dLon * cosPhi)) + 1;
        double r2 = radius * radius;
        int[] source = new int[R * C];
        for (int r = 0; r < R; r++) {
            double cy = no - r * dLat;
            for (int c = 0; c < C; c++) {
                double cx = w + c * dLon;
                int best = -1;
                double bestD = r2;
                for (int rr = Math.max(0, r - reachR); rr <= Math.min(R - 1, r + reachR); rr++) {
                    for (int cc = Math.max(0, c - reachC); cc <= Math.min(C - 1, c + reachC); cc++) {
                        int q = rr * C + cc;
                        for (int m = count[q]; m < count[q + 1]; m++) {
                            int k = members[m];
                            double dy = lat[k] - cy, dx = (lon[k] - cx) * cosPhi;
                            double d = dy * dy + dx * dx;
                            if (d < bestD || d == bestD && k < best) {     // ties: the lower radar index
                                bestD = d;
                                best = k;
                            }
                        }
                    }
                }
                source[r * C + c] = best;
            }
        }
        return new Plan(grid, source);
    }

    /**
     * The layers of a radar-geometry raster ({@code radar[layer·rows·cols + pixel]}) on the plan's grid,
     * layer-major; NaN where no radar pixel feeds a cell.
     */
    public static float[] apply(Plan plan, float[] radar, int layers) {
        if (layers < 1 || radar.length % layers != 0) {
            throw new IllegalArgumentException(radar.length + " values cannot be " + layers + " layers");
        }
        int n = radar.length / layers, m = plan.source().length;
        float[] out = new float[Math.multiplyExact(layers, m)];
        for (int t = 0; t < layers; t++) {
            for (int q = 0; q < m; q++) {
                int k = plan.source()[q];
                if (k >= n) {
                    throw new IllegalArgumentException("plan made for a larger radar grid (pixel " + k + " of " + n + ")");
                }
                out[t * m + q] = k < 0 ? Float.NaN : radar[t * n + k];
            }
        }
        return out;
    }

    /** Median of the larger neighbour difference per pixel, latitude and longitude (NaN when none). */
    static double[] autoSteps(float[] lat, float[] lon, int rows, int cols) {
        double[] dl = new double[lat.length], dn = new double[lat.length];
        int m = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                if (!ok(lat[k], lon[k])) {
                    continue;
                }
                double a = 0, b = 0;
                boolean any = false;
                if (c + 1 < cols && ok(lat[k + 1], lon[k + 1])) {
                    a = Math.max(a, Math.abs(lat[k + 1] - lat[k]));
                    b = Math.max(b, Math.abs(lon[k + 1] - lon[k]));
                    any = true;
                }
                if (r + 1 < rows && ok(lat[k + cols], lon[k + cols])) {
                    a = Math.max(a, Math.abs(lat[k + cols] - lat[k]));
                    b = Math.max(b, Math.abs(lon[k + cols] - lon[k]));
                    any = true;
                }
                if (any) {
                    dl[m] = a;
                    dn[m] = b;
                    m++;
                }
            }
        }
        if (m == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Arrays.sort(dl, 0, m);
        Arrays.sort(dn, 0, m);
        return new double[] {dl[m / 2], dn[m / 2]};
    }

    private static boolean ok(float la, float lo) {
        return la >= -90 && la <= 90 && lo >= -180 && lo <= 360;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}

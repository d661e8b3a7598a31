package org.permasar.viewer;

import java.util.Arrays;

/**
 * The pixels of a grid whose centres lie inside a polygon drawn on the map, by the even–odd rule
 * (a point is inside when a ray from it crosses the boundary an odd number of times; Shimrat 1962,
 * Algorithm 112, as in Franklin's PNPOLY). The polygon is given in fractional pixel coordinates of
 * the grid (row, col; the centre of pixel (r, c) is (r + 0.5, c + 0.5)), closed implicitly, and may be
 * concave or self-intersecting. Each pixel row is one scan line through the centres: the edges it crosses
 * (half-open in row, so a vertex on the line is counted once) are sorted, and the centres between
 * the 1st and 2nd, 3rd and 4th … crossings are inside. Stateless.
 */
final class PolygonPixels {
    /** Most vertices accepted (a hand-drawn polygon has a few dozen). */
    static final int MAX_VERTICES = 10_000;

    private PolygonPixels() {
    }

    /**
     * The flat indices {@code r·cols + c} of the pixels of a {@code rows × cols} grid whose centres are inside,
     * ascending; empty when none.
     *
     * @throws IllegalArgumentException with fewer than 3 vertices, more than {@link #MAX_VERTICES}, arrays of
     *                                  different lengths or a non-finite coordinate
     */
    static int[] inside(double[] vr, double[] vc, int rows, int cols) {
        check(vr, vc);
        int n = vr.length;
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double r : vr) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        int r0 = Math.max(0, (int) Math.floor(lo - 0.5)), r1 = Math.min(rows - 1, (int) Math.ceil(hi - 0.5));
        int[] out = new int[16];
        int m = 0;
        double[] xs = new double[n];
        for (int r = r0; r <= r1; r++) {
            double y = r + 0.5;
            int k = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                // edge (j → i) crosses the scan line y when y lies in [min, max) of its rows
                if ((vr[i] <= y) != (vr[j] <= y)) {
                    xs[k++] = vc[j] + (y - vr[j]) * (vc[i] - vc[j]) / (vr[i] - vr[j]);
                }
            }
            Arrays.sort(xs, 0, k);
            for (int e = 0; e + 1 < k; e += 2) {
                // centres c + 0.5 with xs[e] < c + 0.5 < xs[e+1] (a centre exactly on an edge: inside on the left)
                int c0 = Math.max(0, (int) Math.ceil(xs[e] - 0.5)), c1 = Math.min(cols - 1, (int) Math.ceil(xs[e + 1] - 0.5) - 1);
                for (int c = c0; c <= c1; c++) {
                    if (m == out.length) {
                        out = Arrays.copyOf(out, 2 * m);
                    }
                    out[m++] = r * cols + c;
                }
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * Parses "r,c;r,c;…" (fractional pixel coordinates) into {rows, cols}.
     *
     * @throws IllegalArgumentException naming the bad vertex
     */
    static double[][] parse(String text) {
        String[] parts = text.strip().split(";");
        double[] vr = new double[parts.length], vc = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] rc = parts[i].split(",");
            try {
                if (rc.length != 2) {
                    throw new NumberFormatException();
                }
                vr[i] = Double.parseDouble(rc[0].strip());
                vc[i] = Double.parseDouble(rc[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("polygon vertex " + (i + 1) + " must be 'row,col' (pixel "
                        + "coordinates), got '" + parts[i] + "'");
            }
        }
        check(vr, vc);
        return new double[][] {vr, vc};
    }

    private static void check(double[] vr, double[] vc) {
        if (vr.length != vc.length) {
            throw new IllegalArgumentException("polygon: " + vr.length + " rows but " + vc.length + " cols");
        }
        if (vr.length < 3 || vr.length > MAX_VERTICES) {
            throw new IllegalArgumentException("a polygon needs 3 to " + MAX_VERTICES + " vertices, got " + vr.length);
        }
        for (int i = 0; i < vr.length; i++) {
            if (!Double.isFinite(vr[i]) || !Double.isFinite(vc[i])) {
                throw new IllegalArgumentException("polygon vertex " + (i + 1) + " is not finite: " + vr[i] + ", " + vc[i]);
            }
        }
    }
}

package org.permasar.offset;

/**
 * Offsets measured on a regular grid of chip centres. Grid node (i, j) is the reference-image pixel
 * (row0 + i·step, col0 + j·step); the grid starts at chip/2 + search so that every search window fits (the chip centre: for an even chip of side C the chip covers rows
 * r − C/2 … r + C/2 − 1).
 *
 * <p>Sign convention: a feature at (r, c) in the reference found at (r + dr, c + dc) in the secondary
 * has offsets (dr, dc), pixels. Arrays are row-major {@code [i·cols + j]}; NaN where no match was kept
 * (chip or search window off the image or holding NaN, peak on the search border, correlation or SNR
 * below the thresholds, or rejected by the median filter). {@code peak} and {@code snr} are kept for
 * every node that was correlated, also those rejected afterwards.
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 *
 * @param rows   grid rows
 * @param cols   grid columns
 * @param row0   reference row of node (0, 0)
 * @param col0   reference column of node (0, 0)
 * @param step   grid step, pixels
 * @param dr     row offsets, pixels
 * @param dc     column offsets, pixels
 * @param peak   peak normalised cross-correlation, [−1, 1]
 * @param snr    peak / mean |correlation| over the search surface
 * @param rejected number of nodes the median filter rejected
 */
public record OffsetField(int rows, int cols, int row0, int col0, int step, float[] dr, float[] dc, float[] peak,
                          float[] snr, int rejected) {

    public OffsetField {
        int n = rows * cols;
        if (rows < 1 || cols < 1 || dr.length != n || dc.length != n || peak.length != n || snr.length != n) {
            throw new IllegalArgumentException("offset field arrays must hold " + rows + "×" + cols + " values");
        }
    }

    /** Reference-image row of grid row i. */
    public int row(int i) {
        return row0 + i * step;
    }

    /** Reference-image column of grid column j. */
    public int col(int j) {
        return col0 + j * step;
    }

    /** Number of nodes with a kept (non-NaN) offset. */
    public int valid() {
        int v = 0;
        for (int k = 0; k < dr.length; k++) {
            if (!Float.isNaN(dr[k]) && !Float.isNaN(dc[k])) {
                v++;
            }
        }
        return v;
    }

    /** Offset magnitude √(dr² + dc²), pixels, NaN where no match. */
    public float[] magnitude() {
        float[] m = new float[dr.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = (float) Math.hypot(dr[k], dc[k]);
        }
        return m;
    }
}

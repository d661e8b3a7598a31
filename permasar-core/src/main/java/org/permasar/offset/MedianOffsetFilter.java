package org.permasar.offset;

import org.permasar.stats.Medians;

/**
 * Outlier filter of an offset field by the normalised median test (Westerweel &amp; Scarano 2005,
 * "Universal outlier detection for PIV data", Exp. Fluids 39, eq. 2): for each node and each
 * component u, with u_m the median of its valid 3 × 3 neighbours (centre excluded) and r_m the median
 * of their residuals |u_i − u_m|,
 * <pre>  r₀* = |u₀ − u_m| / (r_m + ε),  ε = 0.1 px</pre>
 * and the node is rejected when r₀* &gt; threshold in either component (2 recommended). Nodes with
 * fewer than 3 valid neighbours are kept (nothing to compare with). Decisions are taken on the
 * unfiltered field, then applied at once. Stateless.
 */
public final class MedianOffsetFilter {
    /** ε of the normalised median test, pixels: the expected noise level of sub-pixel matching. */
    public static final double EPSILON = 0.1;

    private MedianOffsetFilter() {
    }

    /**
     * Sets rejected nodes of {@code dr} and {@code dc} (row-major rows × cols, pixels) to NaN in place.
     *
     * @return the number of nodes rejected
     */
    public static int apply(float[] dr, float[] dc, int rows, int cols, double threshold) {
        boolean[] reject = new boolean[dr.length];
        double[] a = new double[8], b = new double[8], res = new double[8];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                if (Float.isNaN(dr[k]) || Float.isNaN(dc[k])) {
                    continue;
                }
                int m = 0;
                for (int di = -1; di <= 1; di++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        int ii = i + di, jj = j + dj;
                        if ((di == 0 && dj == 0) || ii < 0 || jj < 0 || ii >= rows || jj >= cols) {
                            continue;
                        }
                        int q = ii * cols + jj;
                        if (!Float.isNaN(dr[q]) && !Float.isNaN(dc[q])) {
                            a[m] = dr[q];
                            b[m] = dc[q];
                            m++;
                        }
                    }
                }
                if (m < 3) {
                    continue;
                }
                if (normalisedResidual(dr[k], a, m, res) > threshold || normalisedResidual(dc[k], b, m, res) > threshold) {
                    reject[k] = true;
                    count++;
                }
            }
        }
        for (int k = 0; k < reject.length; k++) {
            if (reject[k]) {
                dr[k] = Float.NaN;
                dc[k] = Float.NaN;
            }
        }
        return count;
    }

    /** r₀* of value u0 against the first m neighbours (Westerweel &amp; Scarano 2005, eq. 2). */
    static double normalisedResidual(double u0, double[] nb, int m, double[] work) {
        double um = median(nb, m, work);
        for (int q = 0; q < m; q++) {
            work[q] = Math.abs(nb[q] - um);
        }
        double rm = median(work, m, work);
        return Math.abs(u0 - um) / (rm + EPSILON);
    }

    /** Median of the first m values of {@code v}, sorted in a copy held in {@code work} (may be v's own buffer). */
    private static double median(double[] v, int m, double[] work) {
        return Medians.sortInPlace(java.util.Arrays.copyOf(v, m), m);
    }
}

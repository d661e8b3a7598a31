package org.permasar.offset;

/**
 * Offsets on the node grid of {@link OffsetTracker} (node (i, j) at image pixel (first + i·step,
 * first + j·step)) interpolated to every image pixel, bilinearly between the four surrounding nodes; pixels
 * beyond the first or last node row / column take the nearest node row / column's interpolated value
 * (constant extrapolation). NaN policy: a NaN among the (up to four) nodes with non-zero weight gives NaN.
 * Stateless.
 */
public final class NodeGridUpsampler {
    private NodeGridUpsampler() {
    }

    /**
     * @param nodes row-major gr × gc node values
     * @param first image row (and column) of node 0, ≥ 0
     * @param step  node spacing, pixels, ≥ 1
     * @return row-major rows × cols values
     */
    public static float[] toPixels(float[] nodes, int gr, int gc, int first, int step, int rows, int cols) {
        if (gr < 1 || gc < 1 || nodes.length != gr * gc || step < 1 || first < 0 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("nodes " + nodes.length + " for " + gr + "×" + gc + ", first " + first + ", step "
                    + step + ", image " + rows + "×" + cols);
        }
        float[] out = new float[rows * cols];
        int[] j0 = new int[cols];
        double[] fx = new double[cols];
        for (int c = 0; c < cols; c++) {
            double x = Math.min(Math.max((c - first) / (double) step, 0), gc - 1);
            j0[c] = Math.min((int) Math.floor(x), Math.max(gc - 2, 0));
            fx[c] = gc == 1 ? 0 : x - j0[c];
        }
        for (int r = 0; r < rows; r++) {
            double y = Math.min(Math.max((r - first) / (double) step, 0), gr - 1);
            int i0 = Math.min((int) Math.floor(y), Math.max(gr - 2, 0));
            double fy = gr == 1 ? 0 : y - i0;
            int i1 = Math.min(i0 + 1, gr - 1);
            for (int c = 0; c < cols; c++) {
                int a = j0[c], b = Math.min(a + 1, gc - 1);
                double wx = fx[c];
                // (1−fy)·((1−fx)·v00 + fx·v01) + fy·((1−fx)·v10 + fx·v11), zero weights skipped so a NaN there does not spread
                double v = 0;
                v += term(nodes[i0 * gc + a], (1 - fy) * (1 - wx));
                v += term(nodes[i0 * gc + b], (1 - fy) * wx);
                v += term(nodes[i1 * gc + a], fy * (1 - wx));
                v += term(nodes[i1 * gc + b], fy * wx);
                out[r * cols + c] = (float) v;
            }
        }
        return out;
    }

    private static double term(float v, double w) {
        return w == 0 ? 0 : w * v;
    }
}

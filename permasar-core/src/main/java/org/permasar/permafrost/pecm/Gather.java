package org.permasar.permafrost.pecm;

/**
 * Row-major arrays {@code [row*pixels + p]} re-indexed by pixel: column q of the result is column {@code index[q]},
 * or a fill where {@code index[q] < 0}. Row by row, so the result is written in order and each source row read where
 * it is needed. The one gather of {@link PecmForcing} and {@link PecmDegreeDays}.
 */
final class Gather {

    private Gather() {
    }

    /** Float rows, NaN where {@code index[q] < 0}. */
    static float[] rows(float[] src, int rows, int pixels, int[] index) {
        int m = index.length;
        float[] out = new float[rows * m];
        for (int i = 0; i < rows; i++) {
            int s = i * pixels, d = i * m;
            for (int q = 0; q < m; q++) {
                int p = index[q];
                out[d + q] = p < 0 ? Float.NaN : src[s + p];
            }
        }
        return out;
    }

    /** Byte rows, {@code fill} where {@code index[q] < 0} (one row: per-pixel codes). */
    static byte[] rows(byte[] src, int rows, int pixels, int[] index, byte fill) {
        int m = index.length;
        byte[] out = new byte[rows * m];
        for (int i = 0; i < rows; i++) {
            int s = i * pixels, d = i * m;
            for (int q = 0; q < m; q++) {
                int p = index[q];
                out[d + q] = p < 0 ? fill : src[s + p];
            }
        }
        return out;
    }
}

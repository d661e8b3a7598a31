package org.permasar.inversion;

import java.util.Arrays;

/**
 * Spatial referencing of an interferogram block (SCIENCE.md §1, corrections; seed 001 §4.2.4):
 * every pair's phase is made relative to a reference pixel or to the median of a small window,
 * so that the unknown per-pair constant cancels. In-place operations on layer-major blocks
 * ({@code data[layer*pixelCount + p]}), radians. Stateless, thread-safe for distinct arrays.
 */
public final class ReferencePoint {
    private ReferencePoint() {
    }

    /**
     * Subtracts the reference pixel's value from every pixel of every layer.
     *
     * @param mintpyZeroIsNoData reproduce MintPy 1.5.1 exactly ({@code ifgram_inversion.read_stack_obs}
     *        and {@code run_ifgram_inversion_patch}): only non-zero values are referenced, and
     *        values that are exactly 0 afterwards (including the reference pixel itself) become NaN
     * @return the per-layer reference values that were subtracted (NaN where the reference was NaN,
     *         in which case that layer becomes all NaN)
     */
    public static float[] subtractPixel(float[] data, int pixelCount, int refPixel, boolean mintpyZeroIsNoData) {
        checkBlock(data, pixelCount);
        if (refPixel < 0 || refPixel >= pixelCount) {
            throw new IllegalArgumentException("reference pixel " + refPixel + " outside block of " + pixelCount + " pixels");
        }
        int layers = data.length / pixelCount;
        float[] ref = new float[layers];
        for (int k = 0; k < layers; k++) {
            ref[k] = data[k * pixelCount + refPixel];
            subtract(data, k * pixelCount, pixelCount, ref[k], mintpyZeroIsNoData);
        }
        return ref;
    }

    /**
     * Subtracts, per layer, the median of the finite values in a rectangular window of the block
     * (rows [r0, r1), cols [c0, c1) of a block {@code cols} wide). A layer whose window holds no
     * finite value becomes all NaN.
     *
     * @return the per-layer medians subtracted
     */
    public static float[] subtractWindowMedian(float[] data, int rows, int cols, int r0, int r1, int c0, int c1) {
        int npix = rows * cols;
        checkBlock(data, npix);
        if (r0 < 0 || c0 < 0 || r1 > rows || c1 > cols || r0 >= r1 || c0 >= c1) {
            throw new IllegalArgumentException("window rows [" + r0 + "," + r1 + ") cols [" + c0 + "," + c1
                    + ") outside " + rows + "×" + cols);
        }
        int layers = data.length / npix;
        float[] ref = new float[layers];
        float[] buf = new float[(r1 - r0) * (c1 - c0)];
        for (int k = 0; k < layers; k++) {
            int nb = 0;
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    float v = data[k * npix + r * cols + c];
                    if (!Float.isNaN(v)) {
                        buf[nb++] = v;
                    }
                }
            }
            ref[k] = median(buf, nb);
            subtract(data, k * npix, npix, ref[k], false);
        }
        return ref;
    }

    private static void subtract(float[] data, int off, int npix, float ref, boolean mintpy) {
        for (int p = off; p < off + npix; p++) {
            float v = data[p];
            if (mintpy) {
                if (v != 0f) {
                    v -= ref;
                }
                data[p] = v == 0f ? Float.NaN : v;
            } else {
                data[p] = v - ref;
            }
        }
    }

    private static float median(float[] buf, int n) {
        if (n == 0) {
            return Float.NaN;
        }
        Arrays.sort(buf, 0, n);
        return n % 2 == 1 ? buf[n / 2] : (float) ((buf[n / 2 - 1] + (double) buf[n / 2]) / 2);
    }

    private static void checkBlock(float[] data, int pixelCount) {
        if (data == null || pixelCount <= 0 || data.length % pixelCount != 0) {
            throw new IllegalArgumentException("block length " + (data == null ? "null" : data.length)
                    + " is not a multiple of pixelCount " + pixelCount);
        }
    }
}

package org.permasar.seaice;

import java.util.Arrays;

/**
 * Corner keypoints by the Harris detector (Harris &amp; Stephens 1988, "A combined corner and edge
 * detector", Alvey Vision Conf.: R = det M − k·(tr M)², k = 0.04, M the Gaussian-weighted structure tensor of
 * the image gradients) on a Gaussian-smoothed image, kept as 3 × 3 local maxima with R &gt; 0, at most
 * {@code perCell} of the strongest per square cell so that they cover the whole scene (bucketing, as
 * ORB-based drift trackers do; Muckenhuber et al. 2016). Stateless; hot loops on flat arrays.
 *
 * <p>NaN policy: a corner whose (2·margin + 1)² window in the raw image holds a NaN is dropped; no corner
 * is taken within {@link DriftParameters#margin()} of the image edge.
 */
public final class HarrisKeypoints {
    private static final double K = 0.04;

    private HarrisKeypoints() {
    }

    /** Keypoints as (row, col) pixel indices, strongest first within each cell; {@code out[0]} rows, {@code out[1]} cols. */
    public static int[][] detect(float[] smooth, float[] raw, int rows, int cols, DriftParameters p) {
        int n = rows * cols;
        float[] gx = new float[n], gy = new float[n];
        for (int r = 1; r < rows - 1; r++) {
            for (int c = 1; c < cols - 1; c++) {
                int k = r * cols + c;
                gx[k] = 0.5f * (smooth[k + 1] - smooth[k - 1]);
                gy[k] = 0.5f * (smooth[k + cols] - smooth[k - cols]);
            }
        }
        float[] xx = new float[n], yy = new float[n], xy = new float[n];
        for (int k = 0; k < n; k++) {
            xx[k] = gx[k] * gx[k];
            yy[k] = gy[k] * gy[k];
            xy[k] = gx[k] * gy[k];
        }
        double integration = 1.5 * p.smoothing();
        xx = Gaussian.smooth(xx, rows, cols, integration);
        yy = Gaussian.smooth(yy, rows, cols, integration);
        xy = Gaussian.smooth(xy, rows, cols, integration);
        float[] resp = new float[n];
        for (int k = 0; k < n; k++) {
            double tr = xx[k] + yy[k];
            resp[k] = (float) (xx[k] * (double) yy[k] - xy[k] * (double) xy[k] - K * tr * tr); // Harris & Stephens (1988)
        }
        int[] nanRows = nanIntegral(raw, rows, cols);
        int m = p.margin(), cs = p.cell();
        int gr = (rows + cs - 1) / cs, gc = (cols + cs - 1) / cs;
        int[] outR = new int[gr * gc * p.perCell()], outC = new int[outR.length];
        int count = 0;
        int[] candK = new int[cs * cs];
        float[] candR = new float[cs * cs];
        for (int bi = 0; bi < gr; bi++) {
            for (int bj = 0; bj < gc; bj++) {
                int nc = 0;
                for (int r = Math.max(m, bi * cs); r < Math.min(rows - m, (bi + 1) * cs); r++) {
                    for (int c = Math.max(m, bj * cs); c < Math.min(cols - m, (bj + 1) * cs); c++) {
                        int k = r * cols + c;
                        float v = resp[k];
                        if (!(v > 0) || !localMax(resp, k, cols, v)) {
                            continue;
                        }
                        candK[nc] = k;
                        candR[nc++] = v;
                    }
                }
                // strongest perCell of this cell (partial selection)
                for (int s = 0; s < Math.min(p.perCell(), nc); s++) {
                    int best = s;
                    for (int t = s + 1; t < nc; t++) {
                        if (candR[t] > candR[best]) {
                            best = t;
                        }
                    }
                    int kk = candK[best];
                    candK[best] = candK[s];
                    candR[best] = candR[s];
                    candK[s] = kk;
                    int r = kk / cols, c = kk % cols;
                    if (boxCount(nanRows, cols, r - m, c - m, 2 * m + 1) == 0) {
                        outR[count] = r;
                        outC[count++] = c;
                    }
                }
            }
        }
        return new int[][] {Arrays.copyOf(outR, count), Arrays.copyOf(outC, count)};
    }

    private static boolean localMax(float[] resp, int k, int cols, float v) {
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                if ((dr != 0 || dc != 0) && resp[k + dr * cols + dc] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Summed-area table of NaN flags, (rows + 1) × (cols + 1). */
    private static int[] nanIntegral(float[] raw, int rows, int cols) {
        int w = cols + 1;
        int[] t = new int[(rows + 1) * w];
        for (int r = 0; r < rows; r++) {
            int a = 0;
            for (int c = 0; c < cols; c++) {
                a += Float.isNaN(raw[r * cols + c]) ? 1 : 0;
                t[(r + 1) * w + c + 1] = t[r * w + c + 1] + a;
            }
        }
        return t;
    }

    private static int boxCount(int[] t, int cols, int r, int c, int s) {
        int w = cols + 1;
        return t[(r + s) * w + c + s] - t[r * w + c + s] - t[(r + s) * w + c] + t[r * w + c];
    }
}

package org.permasar.seaice;

import java.util.Random;

/**
 * A 256-bit binary descriptor of the patch about a keypoint, in the manner of BRIEF (Calonder, Lepetit,
 * Strecha &amp; Fua 2010, ECCV: bit i is 1 when the smoothed image at point a_i is less than at b_i, the pairs
 * drawn once from an isotropic Gaussian of σ = S/5 about the keypoint, their "G II" sampling) and, when
 * oriented, steered by the patch orientation as in ORB (Rublee, Rabaud, Konolige &amp; Bradski 2011, ICCV:
 * θ = atan2(m₀₁, m₁₀), the intensity centroid of Rosin 1999, here of the mean-removed patch so that dB
 * images with negative values work; the sampling pairs are rotated by θ). Points are read by bilinear
 * interpolation. The sampling pattern is fixed (seed 0x5EA1CE), so descriptors of two images compare.
 * Distances are Hamming distances ({@link #distance}). Immutable and thread-safe.
 */
public final class BinaryDescriptor {
    /** 64-bit words per descriptor. */
    public static final int WORDS = 4;
    private final double[] ax, ay, bx, by;
    private final int radius;
    private final boolean oriented;

    public BinaryDescriptor(int radius, boolean oriented) {
        this.radius = radius;
        this.oriented = oriented;
        ax = new double[256];
        ay = new double[256];
        bx = new double[256];
        by = new double[256];
        Random rnd = new Random(0x5EA1CEL);
        double s = (2 * radius + 1) / 5.0, lim = radius / Math.sqrt(2) - 1; // rotated points stay in the disc
        for (int i = 0; i < 256; i++) {
            ax[i] = clip(s * rnd.nextGaussian(), lim);
            ay[i] = clip(s * rnd.nextGaussian(), lim);
            bx[i] = clip(s * rnd.nextGaussian(), lim);
            by[i] = clip(s * rnd.nextGaussian(), lim);
        }
    }

    private static double clip(double v, double lim) {
        return Math.max(-lim, Math.min(lim, v));
    }

    /**
     * Describes the keypoints (row, col) of a smoothed image; each must lie at least radius + 2 pixels from
     * the edges. Returns {@link #WORDS} longs per keypoint, and writes the orientation (radians) to
     * {@code angle} when not null.
     */
    public long[] describe(float[] smooth, int rows, int cols, int[] kr, int[] kc, double[] angle) {
        int n = kr.length;
        long[] d = new long[n * WORDS];
        for (int q = 0; q < n; q++) {
            int r = kr[q], c = kc[q];
            if (r < radius + 2 || c < radius + 2 || r >= rows - radius - 2 || c >= cols - radius - 2) {
                throw new IllegalArgumentException("keypoint (" + r + ", " + c + ") is closer than " + (radius + 2)
                        + " px to the edge of the " + rows + "×" + cols + " image");
            }
            double th = oriented ? orientation(smooth, cols, r, c) : 0;
            if (angle != null) {
                angle[q] = th;
            }
            double cs = Math.cos(th), sn = Math.sin(th);
            for (int i = 0; i < 256; i++) {
                // rotate the pair by θ: (x, y) → (x cos θ − y sin θ, x sin θ + y cos θ)
                double va = bilinear(smooth, cols, r + ax[i] * sn + ay[i] * cs, c + ax[i] * cs - ay[i] * sn);
                double vb = bilinear(smooth, cols, r + bx[i] * sn + by[i] * cs, c + bx[i] * cs - by[i] * sn);
                if (va < vb) {
                    d[q * WORDS + (i >> 6)] |= 1L << (i & 63);
                }
            }
        }
        return d;
    }

    /** θ = atan2(m₀₁, m₁₀) of the mean-removed disc of the given radius (Rosin 1999; Rublee et al. 2011). */
    private double orientation(float[] img, int cols, int r, int c) {
        double sum = 0;
        int cnt = 0;
        int r2 = radius * radius;
        for (int u = -radius; u <= radius; u++) {
            for (int v = -radius; v <= radius; v++) {
                if (u * u + v * v <= r2) {
                    sum += img[(r + u) * cols + c + v];
                    cnt++;
                }
            }
        }
        double mean = sum / cnt, m10 = 0, m01 = 0;
        for (int u = -radius; u <= radius; u++) {
            for (int v = -radius; v <= radius; v++) {
                if (u * u + v * v <= r2) {
                    double w = img[(r + u) * cols + c + v] - mean;
                    m10 += v * w;
                    m01 += u * w;
                }
            }
        }
        return Math.atan2(m01, m10);
    }

    private static double bilinear(float[] img, int cols, double y, double x) {
        int iy = (int) Math.floor(y), ix = (int) Math.floor(x);
        double fy = y - iy, fx = x - ix;
        int k = iy * cols + ix;
        return (1 - fy) * ((1 - fx) * img[k] + fx * img[k + 1]) + fy * ((1 - fx) * img[k + cols] + fx * img[k + cols + 1]);
    }

    /** Hamming distance between descriptor i of {@code a} and j of {@code b}, bits. */
    public static int distance(long[] a, int i, long[] b, int j) {
        int s = 0;
        for (int w = 0; w < WORDS; w++) {
            s += Long.bitCount(a[i * WORDS + w] ^ b[j * WORDS + w]);
        }
        return s;
    }
}

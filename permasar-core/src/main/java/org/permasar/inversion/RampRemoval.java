package org.permasar.inversion;

import org.permasar.linalg.EnvelopeCholesky;

/**
 * Per-layer removal of a linear or quadratic phase ramp (orbital / long-wavelength residual;
 * seeds 001, 002): for every layer (epoch or pair) a surface
 * f(x, y) = a + b·x + c·y (+ d·x² + e·y² + g·x·y) is fitted by least squares to the valid pixels
 * and subtracted from all of them. x, y are column and row scaled to [−1, 1] for conditioning.
 * In place on layer-major blocks; NaN pixels stay NaN and do not enter the fit; a layer with
 * fewer valid pixels than coefficients (or a degenerate geometry) is left unchanged.
 * Stateless; thread-safe for distinct arrays.
 */
public final class RampRemoval {
    /** Surface type. */
    public enum Ramp {
        LINEAR(3), QUADRATIC(6);

        final int terms;

        Ramp(int terms) {
            this.terms = terms;
        }
    }

    private RampRemoval() {
    }

    /**
     * @param data layer-major block {@code data[layer*rows*cols + r*cols + c]} (any unit)
     * @param mask pixels allowed in the fit (non-zero), or null for all; length rows*cols
     * @return fitted coefficients per layer, {@code [layer*terms + j]} (NaN when left unchanged)
     */
    public static double[] remove(float[] data, int rows, int cols, float[] mask, Ramp ramp) {
        int npix = rows * cols;
        if (rows < 1 || cols < 1 || data.length % npix != 0) {
            throw new IllegalArgumentException("block length " + data.length + " does not fit " + rows + "×" + cols);
        }
        if (mask != null && mask.length != npix) {
            throw new IllegalArgumentException("mask length " + mask.length + " != " + npix);
        }
        int t = ramp.terms, layers = data.length / npix;
        double[] coef = new double[layers * t];
        double[] a = new double[t * t];
        double[] b = new double[t];
        double[] g = new double[t];
        for (int k = 0; k < layers; k++) {
            java.util.Arrays.fill(a, 0);
            java.util.Arrays.fill(b, 0);
            int nv = 0;
            for (int p = 0; p < npix; p++) {
                float v = data[k * npix + p];
                if (Float.isNaN(v) || (mask != null && (mask[p] == 0 || Float.isNaN(mask[p])))) {
                    continue;
                }
                terms(p, rows, cols, t, g);
                for (int i = 0; i < t; i++) {
                    b[i] += g[i] * v; // normal equations GᵀG c = Gᵀ φ
                    for (int j = 0; j <= i; j++) {
                        a[i * t + j] += g[i] * g[j];
                    }
                }
                nv++;
            }
            boolean ok = nv >= t && choleskySolve(a, b, t);
            for (int i = 0; i < t; i++) {
                coef[k * t + i] = ok ? b[i] : Double.NaN;
            }
            if (!ok) {
                continue;
            }
            for (int p = 0; p < npix; p++) {
                int idx = k * npix + p;
                if (!Float.isNaN(data[idx])) {
                    terms(p, rows, cols, t, g);
                    double s = 0;
                    for (int i = 0; i < t; i++) {
                        s += g[i] * b[i];
                    }
                    data[idx] = (float) (data[idx] - s);
                }
            }
        }
        return coef;
    }

    private static void terms(int p, int rows, int cols, int t, double[] g) {
        int r = p / cols, c = p % cols;
        double x = cols > 1 ? 2.0 * c / (cols - 1) - 1 : 0;
        double y = rows > 1 ? 2.0 * r / (rows - 1) - 1 : 0;
        g[0] = 1;
        g[1] = x;
        g[2] = y;
        if (t == 6) {
            g[3] = x * x;
            g[4] = y * y;
            g[5] = x * y;
        }
    }

    /** Dense Cholesky solve of a small SPD system (lower triangle of a), b replaced by the solution. */
    static boolean choleskySolve(double[] a, double[] b, int n) {
        int[] first = new int[n];
        if (!EnvelopeCholesky.factor(a, n, first, 1e-12)) {
            return false;
        }
        EnvelopeCholesky.solve(a, n, first, b);
        return true;
    }
}

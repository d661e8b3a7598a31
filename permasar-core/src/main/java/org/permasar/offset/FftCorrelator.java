package org.permasar.offset;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Cross-correlation sums of a chip with every placement inside a search window, by FFT (the
 * correlation theorem): for a real chip a (C × C, mean removed) and a real window b (h × w, h, w ≤ N),
 * <pre>  x(i, j) = Σ_u Σ_v a(u, v) · b(i + u, j + v) = IDFT[ conj(A) · B ](i, j),   0 ≤ i ≤ h − C, 0 ≤ j ≤ w − C</pre>
 * with A, B the N × N DFTs of the zero-padded arrays; N ≥ h, w means the circular correlation does not
 * wrap for these shifts. Both real arrays go through one complex FFT as z = a + i·b and are separated
 * by Hermitian symmetry: A(k) = (Z(k) + conj Z(−k)) / 2, B(k) = (Z(k) − conj Z(−k)) / 2i (Press et al.
 * 2007, Numerical Recipes 3rd ed., §12.3.2, "two real FFTs for the price of one").
 *
 * <p>Mutable workspace holding its FFT plan: one instance per thread, never shared.
 */
final class FftCorrelator {
    private final int n;
    private final DoubleFFT_2D fft;
    private final double[] z, p;

    /** A workspace for windows up to {@code maxSide} × {@code maxSide} pixels. */
    FftCorrelator(int maxSide) {
        n = smooth(maxSide);
        fft = new DoubleFFT_2D(n, n);
        z = new double[2 * n * n];
        p = new double[2 * n * n];
    }

    /** FFT side used: the smallest 2^a·3^b·5^c ≥ {@code m} (JTransforms' fast mixed-radix sizes). */
    static int smooth(int m) {
        for (int k = Math.max(1, m); ; k++) {
            int r = k;
            for (int f : new int[] {2, 3, 5}) {
                while (r % f == 0) {
                    r /= f;
                }
            }
            if (r == 1) {
                return k;
            }
        }
    }

    /**
     * Writes x(i, j) for i ∈ [0, h − C], j ∈ [0, w − C] into {@code out[i · (w − C + 1) + j]}.
     *
     * @param chip mean-removed reference chip, row-major C × C
     * @param b    image, row-major with {@code cols} columns; the window starts at (r0, c0)
     */
    void cross(double[] chip, int chipSide, float[] b, int cols, int r0, int c0, int h, int w, double[] out) {
        int C = chipSide;
        if (h > n || w > n || C > h || C > w) {
            throw new IllegalArgumentException("window " + h + "×" + w + " and chip " + C + " do not fit FFT size " + n);
        }
        java.util.Arrays.fill(z, 0);
        for (int u = 0; u < C; u++) {
            int zb = 2 * u * n, ab = u * C;
            for (int v = 0; v < C; v++) {
                z[zb + 2 * v] = chip[ab + v];
            }
        }
        for (int u = 0; u < h; u++) {
            int zb = 2 * u * n + 1, bb = (r0 + u) * cols + c0;
            for (int v = 0; v < w; v++) {
                z[zb + 2 * v] = b[bb + v];
            }
        }
        fft.complexForward(z);
        for (int kr = 0; kr < n; kr++) {
            int mr = kr == 0 ? 0 : n - kr;
            for (int kc = 0; kc < n; kc++) {
                int mc = kc == 0 ? 0 : n - kc;
                int k = 2 * (kr * n + kc), m = 2 * (mr * n + mc);
                double x1 = z[k], y1 = z[k + 1], x2 = z[m], y2 = z[m + 1];
                // A = (Z(k) + conj Z(−k)) / 2,  B = (Z(k) − conj Z(−k)) / 2i
                double ar = 0.5 * (x1 + x2), ai = 0.5 * (y1 - y2);
                double br = 0.5 * (y1 + y2), bi = -0.5 * (x1 - x2);
                // conj(A) · B
                p[k] = ar * br + ai * bi;
                p[k + 1] = ar * bi - ai * br;
            }
        }
        fft.complexInverse(p, true);
        int nj = w - C + 1, ni = h - C + 1;
        for (int i = 0; i < ni; i++) {
            for (int j = 0; j < nj; j++) {
                out[i * nj + j] = p[2 * (i * n + j)];
            }
        }
    }
}

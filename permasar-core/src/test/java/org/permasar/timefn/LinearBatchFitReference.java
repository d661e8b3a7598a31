package org.permasar.timefn;

import java.util.Arrays;
import org.permasar.linalg.CholeskyKernel;

/**
 * The implementation of LinearBatchFit before its pixel tiling, kept verbatim as the reference of the
 * equivalence tests and of {@link TimeFunctionBench}.
 *
 * <p>Ordinary least squares of many pixels that share one design matrix A (n dates × p unknowns):
 * {@code m = (AᵀA)⁻¹Aᵀ·y}, with covariance {@code σ̂²(AᵀA)⁻¹}, {@code σ̂² = ‖y − A·m‖²/(n − p)}
 * (MintPy 1.5.1 {@code timeseries2velocity}, "residue" uncertainty; Fattahi &amp; Amelung 2015).
 *
 * <p>Pixels without NaN go through one shared pseudo-inverse applied GEMM-like (date-major loops
 * over contiguous pixels). A pixel with NaN at some dates is solved alone on its valid dates
 * (per-pixel fallback, normal equations by Cholesky). A pixel with fewer than p valid dates, or whose
 * valid dates make AᵀA singular, gets NaN everywhere and a status code.
 *
 * <p>Layout: observations {@code y[date*npix + pixel]}; outputs {@code params[j*npix + pixel]}.
 * Not thread-safe (a reusable mutable workspace); use one instance per thread.
 */
final class LinearBatchFitReference {

    /** Status: solved. */
    public static final byte OK = 0;
    /** Status: fewer valid dates than unknowns. */
    public static final byte TOO_FEW_VALID = 1;
    /** Status: the valid dates leave AᵀA singular. */
    public static final byte SINGULAR = 2;

    private final int n;
    private final int p;
    private final double[] a;
    private final double[] pinv;     // p×n
    private final double[] inv;      // p×p, (AᵀA)⁻¹ of the full design
    private final boolean fullRank;
    private final double[] wsL;
    private final double[] wsB;
    private final double[] wsInv;
    private final double[] wsCol;

    /** Results of {@link #fit}; arrays are owned by the caller after return. */
    public record Result(int pixels, int parameters, double[] params, double[] covariance,
                         double[] residualSumSquares, int[] validCount, byte[] status) {

        /** Covariance entry (j,k) of a pixel, m² units of the parameters; NaN when unavailable. */
        public double cov(int pixel, int j, int k) {
            return covariance[(j * parameters + k) * pixels + pixel];
        }
    }

    /**
     * @param design row-major n×p design matrix (copied)
     * @param n      number of dates
     * @param p      number of unknowns, 1 ≤ p ≤ n
     */
    LinearBatchFitReference(double[] design, int n, int p) {
        if (p < 1 || n < p || design.length != n * p) {
            throw new IllegalArgumentException("need n >= p >= 1 and design.length == n*p, got n=" + n
                    + " p=" + p + " length=" + design.length);
        }
        this.n = n;
        this.p = p;
        this.a = design.clone();
        this.wsL = new double[p * p];
        this.wsB = new double[p];
        this.wsInv = new double[p * p];
        this.wsCol = new double[p];
        this.inv = new double[p * p];
        this.pinv = new double[p * n];
        normalMatrix(null, 0, 0, wsL);
        fullRank = CholeskyKernel.decompose(wsL, p);
        if (fullRank) {
            CholeskyKernel.invert(wsL, p, inv, wsCol);
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int k = 0; k < p; k++) {
                        s += inv[j * p + k] * a[i * p + k];
                    }
                    pinv[j * n + i] = s;
                }
            }
        } else {
            Arrays.fill(inv, Double.NaN);
        }
    }

    /** Whether AᵀA of the whole design is positive definite (Cholesky succeeded); false: no pixel without NaN is solved. */
    public boolean fullRank() {
        return fullRank;
    }

    /** AᵀA over the rows whose observation is finite (all rows when {@code y == null}). */
    private void normalMatrix(float[] y, int npix, int pix, double[] out) {
        Arrays.fill(out, 0, p * p, 0.0);
        for (int i = 0; i < n; i++) {
            if (y != null && Float.isNaN(y[i * npix + pix])) {
                continue;
            }
            int r = i * p;
            for (int j = 0; j < p; j++) {
                double aij = a[r + j];
                for (int k = 0; k <= j; k++) {
                    out[j * p + k] += aij * a[r + k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = j + 1; k < p; k++) {
                out[j * p + k] = out[k * p + j];
            }
        }
    }

    /**
     * Fits every pixel of a block.
     *
     * @param y    observations {@code y[date*npix + pixel]} (metres or any unit; NaN = missing)
     * @param npix number of pixels in the block
     */
    public Result fit(float[] y, int npix) {
        if (y.length != n * npix) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " = " + (n * npix)
                    + " values, got " + y.length);
        }
        double[] m = new double[p * npix];
        double[] cov = new double[p * p * npix];
        double[] e2 = new double[npix];
        int[] valid = new int[npix];
        byte[] status = new byte[npix];
        for (int i = 0; i < n; i++) {
            int off = i * npix;
            for (int q = 0; q < npix; q++) {
                if (!Float.isNaN(y[off + q])) {
                    valid[q]++;
                }
            }
        }
        // shared pseudo-inverse: m_j = Σ_i P_ji y_i (NaN pixels are overwritten below)
        for (int j = 0; j < p; j++) {
            int mo = j * npix;
            for (int i = 0; i < n; i++) {
                double pji = pinv[j * n + i];
                int off = i * npix;
                for (int q = 0; q < npix; q++) {
                    m[mo + q] += pji * y[off + q];
                }
            }
        }
        double[] pred = new double[npix];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pred, 0.0);
            for (int j = 0; j < p; j++) {
                double aij = a[i * p + j];
                int mo = j * npix;
                for (int q = 0; q < npix; q++) {
                    pred[q] += aij * m[mo + q];
                }
            }
            int off = i * npix;
            for (int q = 0; q < npix; q++) {
                double r = y[off + q] - pred[q];
                e2[q] += r * r;
            }
        }
        for (int q = 0; q < npix; q++) {
            if (valid[q] == n && fullRank) {
                double s2 = n > p ? e2[q] / (n - p) : Double.NaN;
                for (int jk = 0; jk < p * p; jk++) {
                    cov[jk * npix + q] = s2 * inv[jk];
                }
            } else {
                status[q] = solvePixel(y, npix, q, valid[q], m, cov, e2);
            }
        }
        return new Result(npix, p, m, cov, e2, valid, status);
    }

    /** Per-pixel fallback on the valid dates only. */
    private byte solvePixel(float[] y, int npix, int q, int nv, double[] m, double[] cov, double[] e2) {
        byte st = OK;
        if (nv < p) {
            st = TOO_FEW_VALID;
        } else {
            normalMatrix(y, npix, q, wsL);
            if (!CholeskyKernel.decompose(wsL, p)) {
                st = SINGULAR;
            }
        }
        if (st != OK) {
            for (int j = 0; j < p; j++) {
                m[j * npix + q] = Double.NaN;
            }
            for (int jk = 0; jk < p * p; jk++) {
                cov[jk * npix + q] = Double.NaN;
            }
            e2[q] = Double.NaN;
            return st;
        }
        Arrays.fill(wsB, 0.0);
        for (int i = 0; i < n; i++) {
            float v = y[i * npix + q];
            if (!Float.isNaN(v)) {
                for (int j = 0; j < p; j++) {
                    wsB[j] += a[i * p + j] * v;
                }
            }
        }
        CholeskyKernel.solve(wsL, p, wsB);
        double s = 0;
        for (int i = 0; i < n; i++) {
            float v = y[i * npix + q];
            if (!Float.isNaN(v)) {
                double pr = 0;
                for (int j = 0; j < p; j++) {
                    pr += a[i * p + j] * wsB[j];
                }
                s += (v - pr) * (v - pr);
            }
        }
        for (int j = 0; j < p; j++) {
            m[j * npix + q] = wsB[j];
        }
        e2[q] = s;
        CholeskyKernel.invert(wsL, p, wsInv, wsCol);
        double s2 = nv > p ? s / (nv - p) : Double.NaN;
        for (int jk = 0; jk < p * p; jk++) {
            cov[jk * npix + q] = s2 * wsInv[jk];
        }
        return OK;
    }
}

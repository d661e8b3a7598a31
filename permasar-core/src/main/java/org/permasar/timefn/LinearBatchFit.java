package org.permasar.timefn;

import java.util.Arrays;
import org.permasar.linalg.CholeskyKernel;

/**
 * Ordinary least squares of many pixels that share one design matrix A (n dates × p unknowns):
 * {@code m = (AᵀA)⁻¹Aᵀ·y}, with covariance {@code σ̂²(AᵀA)⁻¹}, {@code σ̂² = ‖y − A·m‖²/(n − p)}
 * (MintPy 1.5.1 {@code timeseries2velocity}, "residue" uncertainty; Fattahi &amp; Amelung 2015).
 *
 * <p>Pixels without NaN go through one shared pseudo-inverse applied GEMM-like (date-major loops
 * over contiguous pixels, tile by tile). A pixel with NaN at some dates is solved alone on its valid dates
 * (per-pixel fallback, normal equations by Cholesky; their sums taken for batches of such pixels at once).
 * A pixel with fewer than p valid dates, or whose valid dates make AᵀA singular, gets NaN everywhere and a
 * status code. Every result is, bit for bit, that of the plain per-pixel arithmetic (same operations in the
 * same order).
 *
 * <p>Layout: observations {@code y[date*npix + pixel]}; outputs {@code params[j*npix + pixel]}.
 * Not thread-safe (a reusable mutable workspace); use one instance per thread.
 */
public final class LinearBatchFit {

    /** Status: solved. */
    public static final byte OK = 0;
    /** Status: fewer valid dates than unknowns. */
    public static final byte TOO_FEW_VALID = 1;
    /** Status: the valid dates leave AᵀA singular. */
    public static final byte SINGULAR = 2;
    /** Most pixels per tile of {@link #fit} (fewer when n·TILE doubles would not stay in L2). */
    static final int TILE = 512;
    /** Pixels with NaN solved together by {@link Alone}. */
    static final int BATCH = 128;

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
    private final double[] wsTri;
    private final double[] outer;    // outer[i*t + jk] = A_ij·A_ik, (j, k ≤ j) in row order, t = p(p+1)/2
    private final boolean outerFinite;

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
    public LinearBatchFit(double[] design, int n, int p) {
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
        int t = p * (p + 1) / 2;
        this.wsTri = new double[t];
        this.outer = new double[n * t];
        for (int i = 0; i < n; i++) {
            for (int j = 0, jk = i * t; j < p; j++) {
                for (int k = 0; k <= j; k++, jk++) {
                    outer[jk] = a[i * p + j] * a[i * p + k];
                }
            }
        }
        boolean finite = true;
        for (double v : outer) {
            finite &= Math.abs(v) <= Double.MAX_VALUE;
        }
        this.outerFinite = finite;
        this.inv = new double[p * p];
        this.pinv = new double[p * n];
        normalMatrix(null, wsL);
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

    /**
     * AᵀA over the dates whose observation {@code col[date]} is not NaN (all dates when {@code col == null}): each
     * entry (j, k ≤ j) the sum from 0 of the products A_ij·A_ik over those dates, i ascending (the products are
     * tabulated once in {@link #outer}).
     */
    private void normalMatrix(double[] col, double[] out) {
        int t = p * (p + 1) / 2;
        double[] acc = wsTri;
        Arrays.fill(acc, 0.0);
        for (int i = 0; i < n; i++) {
            if (col != null && Double.isNaN(col[i])) {
                continue;
            }
            int o = i * t;
            for (int jk = 0; jk < t; jk++) {
                acc[jk] += outer[o + jk];
            }
        }
        for (int j = 0, jk = 0; j < p; j++) {
            for (int k = 0; k <= j; k++, jk++) {
                out[j * p + k] = acc[jk];
                out[k * p + j] = acc[jk];
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
        return fit(y, npix, true);
    }

    /**
     * Fits every pixel of a block; with {@code withCovariance} false only the parameters, valid counts and status
     * (the result's {@code covariance} and {@code residualSumSquares} are null), for callers that need no σ.
     * The parameters and status are the same either way.
     *
     * <p>Pixels are processed in tiles of at most {@link #TILE}: a tile's rows of y are read from memory once,
     * converted to double into a tile buffer that stays in L2, and its p parameter rows, residual sums and
     * prediction row stay in L1. The tile's arrays are separate, indexed alike, so that C2 vectorises the loops
     * over pixels. A pixel with NaN (its parameter 0 from the shared pseudo-inverse is then NaN: NaN propagates
     * through every product and sum) gets its column gathered from the tile buffer, its valid dates counted, and is
     * solved alone ({@link Alone}); every other pixel has all n dates valid. The arithmetic of each pixel is the one
     * of the untiled loops, operation for operation, so the results are the same bit for bit.
     */
    Result fit(float[] y, int npix, boolean withCovariance) {
        if (y.length != n * npix) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " = " + (n * npix)
                    + " values, got " + y.length);
        }
        double[] m = new double[p * npix];
        double[] cov = withCovariance ? new double[p * p * npix] : null;
        double[] e2 = withCovariance ? new double[npix] : null;
        int[] valid = new int[npix];
        byte[] status = new byte[npix];
        int tile = Math.max(1, Math.min(npix, Math.min(TILE, Math.max(64, (1 << 16) / n))));
        double[][] yt = new double[n][tile];
        double[][] mt = new double[p][tile];
        double[] et = new double[tile];
        double[] pred = new double[tile];
        double[] zeros = new double[tile];
        Alone alone = new Alone(npix, m, cov, e2, status);
        double s2den = n - p;
        for (int q0 = 0; q0 < npix; q0 += tile) {
            int len = Math.min(tile, npix - q0);
            for (int i = 0; i < n; i++) {
                double[] yr = yt[i];
                int off = i * npix + q0;
                for (int q = 0; q < len; q++) {
                    yr[q] = y[off + q];
                }
            }
            if (fullRank) {
                for (double[] row : mt) {
                    Arrays.fill(row, 0, len, 0.0);
                }
                sharedTile(yt, len, mt);
                for (int j = 0; j < p; j++) {
                    System.arraycopy(mt[j], 0, m, j * npix + q0, len);
                }
                if (withCovariance) {
                    Arrays.fill(et, 0, len, 0.0);
                    residualTile(yt, len, mt, et, pred, zeros);
                    System.arraycopy(et, 0, e2, q0, len);
                    double[] s2 = et;                 // σ̂² of the tile's pixels (a pixel with NaN is redone alone)
                    if (n > p) {
                        for (int q = 0; q < len; q++) {
                            s2[q] = s2[q] / s2den;
                        }
                    } else {
                        Arrays.fill(s2, 0, len, Double.NaN);
                    }
                    for (int jk = 0; jk < p * p; jk++) {
                        double v = inv[jk];
                        for (int q = 0; q < len; q++) {
                            pred[q] = s2[q] * v;
                        }
                        System.arraycopy(pred, 0, cov, jk * npix + q0, len);
                    }
                }
            }
            double[] m0 = mt[0];
            for (int q = 0; q < len; q++) {
                if (fullRank && !Double.isNaN(m0[q])) {
                    valid[q0 + q] = n;                // no NaN in the column: the shared solution stands
                } else {
                    valid[q0 + q] = alone.add(yt, q, q0 + q);
                }
            }
        }
        alone.flush();
        return new Result(npix, p, m, cov, e2, valid, status);
    }

    /**
     * The pixels with NaN, each solved on its valid dates, in batches of up to {@link #BATCH} (gathered while their
     * tile is in cache): the normal matrices
     * and right-hand sides of a batch are accumulated together, date by date, vectorised over its pixels, with a
     * NaN date's terms multiplied by 0 instead of skipped: the products of the tabulated A_ij·A_ik (finite) or A_ij
     * (finite) by 0 are ±0, which leave a sum that starts from +0.0 unchanged, bit for bit (such a sum is never
     * −0.0), so every sum is the per-pixel one. The rest (Cholesky, solve, residual, covariance) per pixel. A
     * design with a non-finite product goes the per-pixel way entirely.
     */
    private final class Alone {

        private final int npix;
        private final double[] m;
        private final double[] cov;
        private final double[] e2;
        private final byte[] status;
        private final int[] pix = new int[BATCH];
        private final int[] nvalid = new int[BATCH];
        private final double[][] v0 = new double[n][BATCH];       // the observation, 0 where NaN
        private final double[][] w = new double[n][BATCH];        // 1, 0 where NaN
        private final double[][] nt;                               // nt[jk][slot]: AᵀA lower triangle, row order
        private final double[][] rhs = new double[p][BATCH];      // Aᵀy
        private final double[] col = new double[n];
        private int count;

        Alone(int npix, double[] m, double[] cov, double[] e2, byte[] status) {
            this.npix = npix;
            this.m = m;
            this.cov = cov;
            this.e2 = e2;
            this.status = status;
            nt = new double[p * (p + 1) / 2][BATCH];
        }

        /** Gathers pixel q's column (tile column tq); returns its number of valid dates. */
        int add(double[][] yt, int tq, int q) {
            int s = count;
            int nv = 0;
            for (int i = 0; i < n; i++) {
                double v = yt[i][tq];
                boolean ok = !Double.isNaN(v);
                v0[i][s] = ok ? v : 0;
                w[i][s] = ok ? 1 : 0;
                nv += ok ? 1 : 0;
            }
            if (nv == n && fullRank) {
                return nv;                            // ±∞ but no NaN: the shared solution stands
            }
            if (nv < p) {
                fail(q, TOO_FEW_VALID);
                return nv;
            }
            pix[s] = q;
            nvalid[s] = nv;
            count++;
            if (count == BATCH) {
                flush();
            }
            return nv;
        }

        void flush() {
            int ns = count;
            count = 0;
            if (ns == 0) {
                return;
            }
            if (!outerFinite) {
                for (int s = 0; s < ns; s++) {
                    for (int i = 0; i < n; i++) {
                        col[i] = w[i][s] != 0 ? v0[i][s] : Double.NaN;
                    }
                    status[pix[s]] = solvePixel(col, npix, pix[s], nvalid[s], m, cov, e2);
                }
                return;
            }
            int t = p * (p + 1) / 2;
            for (double[] row : nt) {
                Arrays.fill(row, 0, ns, 0.0);
            }
            for (double[] row : rhs) {
                Arrays.fill(row, 0, ns, 0.0);
            }
            for (int i = 0; i < n; i++) {
                double[] wi = w[i], vi = v0[i];
                for (int jk = 0, o = i * t; jk < t; jk++) {
                    double c = outer[o + jk];
                    double[] row = nt[jk];
                    for (int s = 0; s < ns; s++) {
                        row[s] += c * wi[s];
                    }
                }
                for (int j = 0; j < p; j++) {
                    double c = a[i * p + j];
                    double[] row = rhs[j];
                    for (int s = 0; s < ns; s++) {
                        row[s] += c * vi[s];
                    }
                }
            }
            for (int s = 0; s < ns; s++) {
                int q = pix[s];
                for (int j = 0, jk = 0; j < p; j++) {
                    for (int k = 0; k <= j; k++, jk++) {
                        wsL[j * p + k] = nt[jk][s];
                        wsL[k * p + j] = nt[jk][s];
                    }
                }
                if (!CholeskyKernel.decompose(wsL, p)) {
                    fail(q, SINGULAR);
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    wsB[j] = rhs[j][s];
                }
                for (int i = 0; i < n; i++) {
                    col[i] = w[i][s] != 0 ? v0[i][s] : Double.NaN;
                }
                solved(col, npix, q, nvalid[s], m, cov, e2);
                status[q] = OK;
            }
        }

        private void fail(int q, byte st) {
            status[q] = st;
            failed(npix, q, m, cov, e2);
        }
    }

    /**
     * m_j += Σ_i P_ji·y_i over a tile ({@code yt[date][pixel]}, {@code mt[j][pixel]}), i ascending as the untiled
     * loop; four dates per pass over the pixels, each product added in turn.
     */
    private void sharedTile(double[][] yt, int len, double[][] mt) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            double[] y0 = yt[i], y1 = yt[i + 1], y2 = yt[i + 2], y3 = yt[i + 3];
            for (int j = 0; j < p; j++) {
                int o = j * n + i;
                double c0 = pinv[o], c1 = pinv[o + 1], c2 = pinv[o + 2], c3 = pinv[o + 3];
                double[] mr = mt[j];
                for (int q = 0; q < len; q++) {
                    double s = mr[q];
                    s += c0 * y0[q];
                    s += c1 * y1[q];
                    s += c2 * y2[q];
                    s += c3 * y3[q];
                    mr[q] = s;
                }
            }
        }
        for (; i < n; i++) {
            double[] yr = yt[i];
            for (int j = 0; j < p; j++) {
                double c = pinv[j * n + i];
                double[] mr = mt[j];
                for (int q = 0; q < len; q++) {
                    mr[q] += c * yr[q];
                }
            }
        }
    }

    /**
     * et += Σ_i (y_i − pred_i)² over a tile, pred_i = Σ_j A_ij·m_j summed from 0 with j ascending as the untiled
     * loop, up to four parameter rows per pass (a longer loop body is not vectorised by C2).
     */
    private void residualTile(double[][] yt, int len, double[][] mt, double[] et, double[] pred, double[] zeros) {
        for (int i = 0; i < n; i++) {
            int ai = i * p;
            double[] base = zeros;
            for (int j = 0; j < p; j += 4) {
                switch (Math.min(4, p - j)) {
                    case 1 -> {
                        double c0 = a[ai + j];
                        double[] m0 = mt[j];
                        for (int q = 0; q < len; q++) {
                            pred[q] = base[q] + c0 * m0[q];
                        }
                    }
                    case 2 -> {
                        double c0 = a[ai + j], c1 = a[ai + j + 1];
                        double[] m0 = mt[j], m1 = mt[j + 1];
                        for (int q = 0; q < len; q++) {
                            pred[q] = base[q] + c0 * m0[q] + c1 * m1[q];
                        }
                    }
                    case 3 -> {
                        double c0 = a[ai + j], c1 = a[ai + j + 1], c2 = a[ai + j + 2];
                        double[] m0 = mt[j], m1 = mt[j + 1], m2 = mt[j + 2];
                        for (int q = 0; q < len; q++) {
                            pred[q] = base[q] + c0 * m0[q] + c1 * m1[q] + c2 * m2[q];
                        }
                    }
                    default -> {
                        double c0 = a[ai + j], c1 = a[ai + j + 1], c2 = a[ai + j + 2], c3 = a[ai + j + 3];
                        double[] m0 = mt[j], m1 = mt[j + 1], m2 = mt[j + 2], m3 = mt[j + 3];
                        for (int q = 0; q < len; q++) {
                            pred[q] = base[q] + c0 * m0[q] + c1 * m1[q] + c2 * m2[q] + c3 * m3[q];
                        }
                    }
                }
                base = pred;
            }
            double[] yr = yt[i];
            for (int q = 0; q < len; q++) {
                double r = yr[q] - pred[q];
                et[q] += r * r;
            }
        }
    }

    /**
     * Per-pixel fallback on the valid dates only, on the pixel's gathered column {@code col[date]};
     * writes the pixel's parameters (and covariance and residual sum when {@code cov} is not null).
     */
    private byte solvePixel(double[] col, int npix, int q, int nv, double[] m, double[] cov, double[] e2) {
        byte st = OK;
        if (nv < p) {
            st = TOO_FEW_VALID;
        } else {
            normalMatrix(col, wsL);
            if (!CholeskyKernel.decompose(wsL, p)) {
                st = SINGULAR;
            }
        }
        if (st != OK) {
            failed(npix, q, m, cov, e2);
            return st;
        }
        Arrays.fill(wsB, 0.0);
        for (int i = 0; i < n; i++) {
            double v = col[i];
            if (!Double.isNaN(v)) {
                for (int j = 0; j < p; j++) {
                    wsB[j] += a[i * p + j] * v;
                }
            }
        }
        solved(col, npix, q, nv, m, cov, e2);
        return OK;
    }

    /** NaN outputs of an unsolved pixel. */
    private void failed(int npix, int q, double[] m, double[] cov, double[] e2) {
        for (int j = 0; j < p; j++) {
            m[j * npix + q] = Double.NaN;
        }
        if (cov != null) {
            for (int jk = 0; jk < p * p; jk++) {
                cov[jk * npix + q] = Double.NaN;
            }
            e2[q] = Double.NaN;
        }
    }

    /**
     * The outputs of a pixel solved alone, from its Cholesky factor in {@code wsL} and its Aᵀy in {@code wsB}:
     * solves, then (with {@code cov}) sums the squared residuals on its valid dates and scales (AᵀA)⁻¹.
     */
    private void solved(double[] col, int npix, int q, int nv, double[] m, double[] cov, double[] e2) {
        CholeskyKernel.solve(wsL, p, wsB);
        for (int j = 0; j < p; j++) {
            m[j * npix + q] = wsB[j];
        }
        if (cov == null) {
            return;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = col[i];
            if (!Double.isNaN(v)) {
                double pr = 0;
                for (int j = 0; j < p; j++) {
                    pr += a[i * p + j] * wsB[j];
                }
                s += (v - pr) * (v - pr);
            }
        }
        e2[q] = s;
        CholeskyKernel.invert(wsL, p, wsInv, wsCol);
        double s2 = nv > p ? s / (nv - p) : Double.NaN;
        for (int jk = 0; jk < p * p; jk++) {
            cov[jk * npix + q] = s2 * wsInv[jk];
        }
    }
}

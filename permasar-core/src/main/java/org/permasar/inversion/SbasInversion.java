package org.permasar.inversion;


import java.util.Arrays;
import org.permasar.linalg.EnvelopeCholesky;
import org.permasar.network.Network;
import org.permasar.stats.Medians;

/**
 * The SBAS solvers of {@link InversionMethod} on block arrays (SCIENCE.md §1).
 *
 * <p>Unknowns are the phases φ_1 … φ_{N−1} of all dates but the first (φ_0 = 0). Pair k = (i, j)
 * observes Δφ_k = φ_j − φ_i (Berardino et al. 2002, eq. 4). The weighted normal matrix
 * AᵀWA is a weighted graph Laplacian with the first date's row and column removed, assembled in
 * O(pairs) and factorised by {@link EnvelopeCholesky}.
 *
 * <p>Paths:
 * <ul>
 * <li>{@code l2} and unweighted {@code svd}: pixels whose pairs are all valid share one
 * solution operator P (n×M), applied to the block as one matrix product X = P·Φ; the other pixels
 * are solved one by one like MintPy ({@code ifgram_inversion.run_ifgram_inversion_patch}, 2.2).</li>
 * <li>{@code wls}: per pixel, NaN/masked pairs dropped, weights from coherence
 * ({@link WeightFunction}).</li>
 * <li>A pixel whose valid pairs leave a date other than the first uncovered is not solved
 * ({@link QualityFlag#TOO_FEW_PAIRS}, MintPy's min-redundancy 1); one whose valid pairs are
 * split into subsets gets the min-norm velocity solution ({@link MinNormVelocity}), as MintPy.</li>
 * <li>{@code l1}: IRLS, w_k = w0_k / max(|r_k|, ε) (Lauknes et al. 2011), starting from the
 * weighted L2 solution.</li>
 * <li>{@code huber}, {@code tukey}: IRLS with a robust loss on the coherence-weighted residuals,
 * scale by the median absolute deviation ({@link #solveRobust}).</li>
 * <li>{@code nsbas}: rows γ·(φ_d − c − v·t_d − a·cos ωt_d − b·sin ωt_d) = 0 for every date,
 * ω = 2π/yr (López-Quiroz et al. 2009; Doin et al. 2011); with an external rate the term v·t_d
 * moves to the right-hand side (data-constrained variant, seed 003).</li>
 * </ul>
 * Temporal coherence γ_t = |Σ_k exp(i r_k)| / M over the M used pairs with unweighted residuals
 * r = Δφ − A·φ̂ (Pepe &amp; Lanari 2006, eq. 19; MintPy {@code calc_inv_quality}).
 * Standard deviations are √diag((AᵀWA)⁻¹), scaled by the a-posteriori variance factor
 * σ̂₀² = rᵀWr/(M − n) unless the weights are inverse variances ({@code var}, non-L1).
 *
 * <p>Mutable workspace, allocated once in the constructor: not thread-safe; no per-pixel
 * allocation except on the rare rank-deficient pixels (EJML eigen-decomposition).
 */
final class SbasInversion implements TimeSeriesInversion {
    private static final int CHUNK = 64;
    private static final int ROW_BLOCK = 16;
    private static final double OMEGA = 2 * Math.PI; // rad/yr, annual period
    private static final double PIVOT_TOL = SbasNormalEquations.PIVOT_TOL;
    private static final double HUBER_C = 2.0; // 99.0 % efficiency under Gaussian noise
    private static final double TUKEY_C = 7.0; // 99.0 % efficiency under Gaussian noise
    private static final double ROBUST_TOL = 1e-3; // rad

    private final Network network;
    private final InversionParameters params;
    private final InversionMethod method;
    private final WeightFunction weightFn;
    private final double[] varTable;
    private final int m;
    private final int nDates;
    private final int n;
    private final int[] ra;
    private final int[] sa;
    private final float[] tYearsF;
    private final double[] tYears;
    private final int[] firstL2;
    private final int[] firstNs4;
    private final int[] firstNs3;
    private final double[] templ4;
    private final double[] templ3;
    // GEMM path
    private final boolean fastPath;
    private final double[] pt;
    private final double[] pdiag;
    private final byte fastFlag;
    // workspaces
    private final double[] nm;
    private final double[] rhs;
    private final double[] x;
    private final double[] xPrev;
    private final double[] z;
    private final double[] dg;
    private final int[] ua;
    private final int[] us;
    private final double[] uy;
    private final double[] uw0;
    private final double[] uw;
    private final double[] ss2;
    private final double[] sorted;
    private final int[] cnt;
    private final double[] acc;
    private final double[] ybuf;
    private final boolean[] chunkValid;
    private final double[] re;
    private final double[] im;
    private final double[] ss;
    private MinNormVelocity mnv;

    SbasInversion(Network network, InversionParameters params) {
        if (network == null || params == null) {
            throw new IllegalArgumentException("network and parameters are required");
        }
        this.network = network;
        this.params = params;
        this.method = params.method();
        this.weightFn = params.effectiveWeight();
        this.varTable = weightFn == WeightFunction.VAR ? WeightFunction.varianceTable(params.looks()) : null;
        this.m = network.pairCount();
        this.nDates = network.dateCount();
        this.n = nDates - 1;
        this.ra = new int[m];
        this.sa = new int[m];
        for (int k = 0; k < m; k++) {
            ra[k] = network.referenceIndex(k);
            sa[k] = network.secondaryIndex(k);
        }
        this.tYearsF = new float[nDates];
        this.tYears = new double[nDates];
        for (int d = 0; d < nDates; d++) {
            tYearsF[d] = (float) network.dayOffset(d) / 365.25f; // MintPy: float32 days / 365.25
            tYears[d] = network.dayOffset(d) / 365.25;
        }
        firstL2 = SbasNormalEquations.envelope(ra, sa, n);
        firstNs4 = Arrays.copyOf(firstL2, n + 4);
        firstNs3 = Arrays.copyOf(firstL2, n + 3);
        boolean nsbas = method == InversionMethod.NSBAS;
        templ4 = nsbas ? constraintTemplate(4) : null;
        templ3 = nsbas ? constraintTemplate(3) : null;
        int nmax = nsbas ? n + 4 : n;
        nm = new double[nmax * nmax];
        rhs = new double[nmax];
        x = new double[nmax];
        xPrev = new double[nmax];
        z = new double[nmax];
        dg = new double[nmax];
        ua = new int[m];
        us = new int[m];
        uy = new double[m];
        uw0 = new double[m];
        uw = new double[m];
        ss2 = new double[m];
        sorted = new double[m];
        cnt = new int[nDates];
        fastPath = (method == InversionMethod.L2 || method == InversionMethod.SVD) && weightFn == WeightFunction.NO
                && (!network.isConnected() || denseIsCheaper(firstL2, n, m));
        acc = fastPath ? new double[n * CHUNK] : null;
        ybuf = fastPath ? new double[m * CHUNK] : null;
        chunkValid = new boolean[CHUNK];
        re = new double[CHUNK];
        im = new double[CHUNK];
        ss = new double[CHUNK];
        if (fastPath) {
            pt = new double[m * n];
            pdiag = new double[n];
            fastFlag = buildOperator();
        } else {
            pt = null;
            pdiag = null;
            fastFlag = QualityFlag.OK.code();
        }
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public InversionParameters parameters() {
        return params;
    }

    /**
     * Whether the shared operator (n·M multiply-adds per pixel, X = P·Φ) costs less than the
     * per-pixel envelope Cholesky (Σ w_i²/2 for the factor, 2·Σ w_i for the solves, w_i the
     * envelope width of row i, plus O(M) assembly). For banded SBAS networks (short + annual
     * pairs) the envelope path wins: measured 20 999 vs 33 109 px/s at 770 pairs × 145 dates
     * ({@code permasar bench invert --methods l2,wls:no}). Split networks always take the
     * shared min-norm operator, which the per-pixel path would rebuild pixel by pixel.
     */
    static boolean denseIsCheaper(int[] first, int n, int m) {
        double envelope = 4.0 * m;
        for (int i = 0; i < n; i++) {
            double w = i - first[i] + 1;
            envelope += w * w / 2 + 2 * w;
        }
        return (double) n * m < envelope;
    }

    /** P = (AᵀA)⁻¹Aᵀ (connected L2) or the min-norm-velocity pseudo-inverse (SVD / split network), stored Pᵀ. */
    private byte buildOperator() {
        for (int k = 0; k < m; k++) {
            ua[k] = ra[k];
            us[k] = sa[k];
            uw[k] = 1;
        }
        assembleInto(m, uw, n, firstL2);
        if (method == InversionMethod.L2 && EnvelopeCholesky.factor(nm, n, firstL2, PIVOT_TOL)) {
            for (int k = 0; k < m; k++) {
                Arrays.fill(z, 0, n, 0);
                if (ra[k] >= 1) {
                    z[ra[k] - 1] = -1;
                }
                z[sa[k] - 1] = 1;
                EnvelopeCholesky.solve(nm, n, firstL2, z);
                System.arraycopy(z, 0, pt, k * n, n);
            }
            EnvelopeCholesky.inverseDiagonal(nm, n, firstL2, z, pdiag);
            return QualityFlag.OK.code();
        }
        MinNormVelocity v = minNorm();
        Arrays.fill(uy, 0);
        int rank = v.solve(ua, us, uy, uw, m, x);
        for (int k = 0; k < m; k++) {
            v.pseudoInverseColumn(ra[k], sa[k], z);
            System.arraycopy(z, 0, pt, k * n, n);
        }
        v.phaseCovarianceDiagonal(pdiag);
        return (rank == n ? QualityFlag.OK : QualityFlag.MIN_NORM_VELOCITY).code();
    }

    private MinNormVelocity minNorm() {
        if (mnv == null) {
            mnv = new MinNormVelocity(tYearsF, params.rcond());
        }
        return mnv;
    }

    @Override
    public void invert(InversionInput in, int fromPixel, int toPixel, InversionResult out) {
        int npix = in.pixelCount();
        if (in.layerCount() != m) {
            throw new IllegalArgumentException("block has " + in.layerCount() + " layers but the network has " + m + " pairs");
        }
        if (weightFn.needsCoherence() && in.coherence() == null) {
            throw new IllegalArgumentException("weight function " + weightFn + " needs a coherence block");
        }
        if (fromPixel < 0 || toPixel > npix || fromPixel > toPixel) {
            throw new IllegalArgumentException("pixel range [" + fromPixel + ", " + toPixel + ") outside block of " + npix);
        }
        if (out.pixelCount() != npix || out.dateCount() != nDates) {
            throw new IllegalArgumentException("result is " + out.dateCount() + "×" + out.pixelCount()
                    + ", expected " + nDates + "×" + npix);
        }
        if (fastPath) {
            for (int c0 = fromPixel; c0 < toPixel; c0 += CHUNK) {
                gemmChunk(in, c0, Math.min(CHUNK, toPixel - c0), out);
            }
        } else {
            for (int p = fromPixel; p < toPixel; p++) {
                solvePixel(in, p, out);
            }
        }
    }

    // ---------------------------------------------------------------- shared-operator path

    private void gemmChunk(InversionInput in, int c0, int w, InversionResult out) {
        int npix = in.pixelCount();
        float[] ph = in.phase();
        float[] mask = in.pairMask();
        Arrays.fill(chunkValid, 0, w, true);
        for (int k = 0; k < m; k++) {
            int off = k * npix + c0;
            for (int j = 0; j < w; j++) {
                float v = ph[off + j];
                if (Float.isNaN(v) || (mask != null && (mask[off + j] == 0 || Float.isNaN(mask[off + j])))) {
                    chunkValid[j] = false;
                }
            }
        }
        int nValid = 0;
        for (int j = 0; j < w; j++) {
            nValid += chunkValid[j] ? 1 : 0;
        }
        if (nValid * 4 < w) { // mostly gappy chunk: the shared product would be wasted work
            for (int j = 0; j < w; j++) {
                solvePixel(in, c0 + j, out);
            }
            return;
        }
        Arrays.fill(acc, 0, n * CHUNK, 0);
        for (int k = 0; k < m; k++) {
            int off = k * npix + c0, yo = k * CHUNK;
            for (int j = 0; j < w; j++) {
                float v = ph[off + j];
                ybuf[yo + j] = chunkValid[j] ? v : 0;
            }
        }
        // X = P·Φ, blocked over rows of X so that the accumulator block stays in L1
        for (int i0 = 0; i0 < n; i0 += ROW_BLOCK) {
            int i1 = Math.min(n, i0 + ROW_BLOCK);
            int k = 0;
            for (; k + 3 < m; k += 4) { // four pairs per sweep: one load/store of acc per four FMAs
                int po = k * n, yo = k * CHUNK;
                for (int i = i0; i < i1; i++) {
                    double p0 = pt[po + i], p1 = pt[po + n + i], p2 = pt[po + 2 * n + i], p3 = pt[po + 3 * n + i];
                    int ao = i * CHUNK;
                    for (int j = 0; j < w; j++) {
                        acc[ao + j] += p0 * ybuf[yo + j] + p1 * ybuf[yo + CHUNK + j]
                                + p2 * ybuf[yo + 2 * CHUNK + j] + p3 * ybuf[yo + 3 * CHUNK + j];
                    }
                }
            }
            for (; k < m; k++) {
                int po = k * n, yo = k * CHUNK;
                for (int i = i0; i < i1; i++) {
                    double pik = pt[po + i];
                    int ao = i * CHUNK;
                    for (int j = 0; j < w; j++) {
                        acc[ao + j] += pik * ybuf[yo + j];
                    }
                }
            }
        }
        Arrays.fill(re, 0, w, 0);
        Arrays.fill(im, 0, w, 0);
        Arrays.fill(ss, 0, w, 0);
        for (int k = 0; k < m; k++) {
            int off = k * npix + c0;
            int ao = (ra[k] - 1) * CHUNK;
            int bo = (sa[k] - 1) * CHUNK;
            for (int j = 0; j < w; j++) {
                double pred = acc[bo + j] - (ao >= 0 ? acc[ao + j] : 0);
                double r = ph[off + j] - pred;
                re[j] += Math.cos(r); // Pepe & Lanari (2006) eq. 19
                im[j] += Math.sin(r);
                ss[j] += r * r;
            }
        }
        for (int j = 0; j < w; j++) {
            int p = c0 + j;
            if (!chunkValid[j]) {
                solvePixel(in, p, out);
                continue;
            }
            float[] oph = out.phase();
            float[] ostd = out.std();
            oph[p] = 0;
            ostd[p] = 0;
            double s0 = m > n ? ss[j] / (m - n) : Double.NaN;
            for (int i = 0; i < n; i++) {
                oph[(i + 1) * npix + p] = (float) acc[i * CHUNK + j];
                ostd[(i + 1) * npix + p] = params.computeStd() ? (float) Math.sqrt(pdiag[i] * s0) : Float.NaN;
            }
            out.temporalCoherence()[p] = (float) (Math.hypot(re[j], im[j]) / m);
            out.pairsUsed()[p] = (short) m;
            out.flag()[p] = fastFlag;
        }
    }

    // ---------------------------------------------------------------- per-pixel path

    private void solvePixel(InversionInput in, int p, InversionResult out) {
        int used = gather(in, p);
        if (used == 0) {
            out.markUnsolved(p, QualityFlag.ALL_NAN, 0);
            return;
        }
        if (method != InversionMethod.NSBAS) {
            for (int d = 1; d < nDates; d++) {
                if (cnt[d] == 0) {
                    out.markUnsolved(p, QualityFlag.TOO_FEW_PAIRS, used);
                    return;
                }
            }
        }
        QualityFlag flag;
        switch (method) {
            case SVD:
                // full rank: the min-norm velocity solution equals the least-squares one, so factor first
                flag = solveL2(used, uw0);
                break;
            case NSBAS: {
                float[] ext = in.externalRate();
                double rate = ext == null ? Double.NaN : ext[p];
                if (ext != null && Float.isNaN(ext[p])) {
                    out.markUnsolved(p, QualityFlag.TOO_FEW_PAIRS, used);
                    return;
                }
                flag = solveNsbas(used, rate) ? QualityFlag.OK : QualityFlag.SINGULAR;
                break;
            }
            case L1:
                flag = solveL1(used);
                break;
            case HUBER:
            case TUKEY:
                flag = solveRobust(used);
                break;
            default:
                flag = solveL2(used, uw0);
        }
        if (flag == QualityFlag.SINGULAR) {
            out.markUnsolved(p, flag, used);
            return;
        }
        finishPixel(p, used, flag, in.pixelCount(), out);
    }

    /** Collects the valid pairs of pixel p into the u* arrays; counts pairs per date. */
    private int gather(InversionInput in, int p) {
        int npix = in.pixelCount();
        float[] ph = in.phase();
        float[] coh = in.coherence();
        float[] mask = in.pairMask();
        Arrays.fill(cnt, 0);
        int used = 0;
        for (int k = 0; k < m; k++) {
            int idx = k * npix + p;
            float v = ph[idx];
            if (Float.isNaN(v) || (mask != null && (mask[idx] == 0 || Float.isNaN(mask[idx])))) {
                continue;
            }
            ua[used] = ra[k];
            us[used] = sa[k];
            uy[used] = v;
            uw0[used] = weightFn == WeightFunction.NO ? 1.0 : weightFn.weight(coh[idx], params.looks(), varTable);
            cnt[ra[k]]++;
            cnt[sa[k]]++;
            used++;
        }
        return used;
    }

    /** Assembles AᵀWA (lower envelope {@code first}, row stride {@code stride}) and AᵀWΔφ from the used pairs. */
    private void assembleInto(int used, double[] w, int stride, int[] first) {
        for (int i = 0; i < stride; i++) {
            int ri = i * stride;
            Arrays.fill(nm, ri + first[i], ri + i + 1, 0);
        }
        Arrays.fill(rhs, 0, stride, 0);
        for (int e = 0; e < used; e++) {
            // Laplacian of the pair graph: N_aa += w, N_bb += w, N_ba −= w; rhs = Aᵀ W Δφ
            SbasNormalEquations.addPair(nm, rhs, stride, ua[e] - 1, us[e] - 1, w[e], uy[e]);
        }
    }

    /**
     * The end of an iterative solve on the factor in {@code nm}: the diagonal of the inverse for the
     * standard deviations when asked, and the flag.
     */
    private QualityFlag finish(QualityFlag flag) {
        if (params.computeStd()) {
            EnvelopeCholesky.inverseDiagonal(nm, n, firstL2, z, dg);
        }
        return flag;
    }

    private QualityFlag solveL2(int used, double[] w) {
        assembleInto(used, w, n, firstL2);
        if (EnvelopeCholesky.factor(nm, n, firstL2, PIVOT_TOL)) {
            System.arraycopy(rhs, 0, x, 0, n);
            EnvelopeCholesky.solve(nm, n, firstL2, x);
            return finish(QualityFlag.OK);
        }
        return solveMinNorm(used, w);
    }

    private QualityFlag solveMinNorm(int used, double[] w) {
        MinNormVelocity v = minNorm();
        int rank = v.solve(ua, us, uy, w, used, x);
        if (rank == 0) {
            return QualityFlag.SINGULAR;
        }
        if (params.computeStd()) {
            v.phaseCovarianceDiagonal(dg);
        }
        return rank == n ? QualityFlag.OK : QualityFlag.MIN_NORM_VELOCITY;
    }

    private QualityFlag solveL1(int used) {
        QualityFlag f = solveL2(used, uw0);
        if (f != QualityFlag.OK) {
            return f; // a split network keeps its min-norm L2 answer
        }
        double eps = params.l1Epsilon();
        for (int it = 0; it < params.l1MaxIterations(); it++) {
            System.arraycopy(x, 0, xPrev, 0, n);
            for (int e = 0; e < used; e++) {
                double r = uy[e] - predicted(e);
                uw[e] = uw0[e] / Math.max(Math.abs(r), eps); // Lauknes et al. (2011): IRLS weights for the L1 norm
            }
            double dmax = reweightedSolve(used);
            if (Double.isNaN(dmax)) {
                return QualityFlag.SINGULAR;
            }
            if (dmax < params.l1Tolerance()) {
                return finish(QualityFlag.OK);
            }
        }
        return finish(QualityFlag.NOT_CONVERGED);
    }

    /**
     * Robust IRLS (Huber 1981; Holland &amp; Welsch 1977) on top of the coherence weights w0: from the
     * weighted L2 solution, standardised residuals u_k = r_k·√w0_k / σ̂ with the robust scale
     * σ̂ = 1.4826·median|r·√w0|·√(M/(M−n)) (median absolute deviation, corrected for the n fitted
     * unknowns), and weights w_k = w0_k·ψ(u_k)/u_k: Huber min(1, c/|u|), c = 2.0; Tukey's biweight
     * (1 − (u/c)²)² for |u| &lt; c, c = 7.0, after the Huber iterations. Both constants give 99.0 %
     * asymptotic efficiency under Gaussian noise, (Eψ')²/Eψ², instead of the textbook 95 % of 1.345 and
     * 4.685 (which cost +2 % and +4.5 % RMSE against WLS on a simulated clean stack); a 2π error is still
     * ≥ 5σ̂ for any coherence above 0.3 at 8 looks. Weights (a redescending loss needs a robust start). Gaussian residuals all below c·σ̂ leave
     * w = w0: the WLS answer. Weights are floored at 1e-6·w0 so a rejected pair cannot split the network.
     */
    private QualityFlag solveRobust(int used) {
        QualityFlag f = solveL2(used, uw0);
        if (f != QualityFlag.OK || used <= n) {
            return f; // split network or no redundancy: keep the (min-norm) L2 answer
        }
        System.arraycopy(uw0, 0, uw, 0, used);
        QualityFlag h = robustIterations(used, false);
        if (h == QualityFlag.SINGULAR || method != InversionMethod.TUKEY) {
            return h;
        }
        return robustIterations(used, true);
    }

    /**
     * One step of an iteratively reweighted solve: the normal equations with the weights {@code uw}, their
     * envelope Cholesky and x; returns the largest change of x against {@code xPrev}, NaN when singular.
     */
    private double reweightedSolve(int used) {
        assembleInto(used, uw, n, firstL2);
        if (!EnvelopeCholesky.factor(nm, n, firstL2, PIVOT_TOL)) {
            return Double.NaN;
        }
        System.arraycopy(rhs, 0, x, 0, n);
        EnvelopeCholesky.solve(nm, n, firstL2, x);
        double dmax = 0;
        for (int i = 0; i < n; i++) {
            dmax = Math.max(dmax, Math.abs(x[i] - xPrev[i]));
        }
        return dmax;
    }

    private QualityFlag robustIterations(int used, boolean tukey) {
        double scaleCorr = Math.sqrt(used / (double) (used - n));
        for (int it = 0; it < params.l1MaxIterations(); it++) {
            System.arraycopy(x, 0, xPrev, 0, n);
            for (int e = 0; e < used; e++) {
                ss2[e] = Math.abs(uy[e] - predicted(e)) * Math.sqrt(uw0[e]);
            }
            System.arraycopy(ss2, 0, sorted, 0, used);
            double med = Medians.sortInPlace(sorted, used);
            double sigma = 1.4826 * med * scaleCorr; // MAD scale (Huber 1981, §5.1)
            if (!(sigma > 1e-12)) {
                return finish(QualityFlag.OK); // (nearly) exact fit: nothing to down-weight
            }
            for (int e = 0; e < used; e++) {
                double uu = ss2[e] / sigma;
                double g;
                if (tukey) {
                    double v = uu / TUKEY_C;
                    g = v < 1 ? (1 - v * v) * (1 - v * v) : 0; // Tukey biweight ψ(u)/u
                } else {
                    g = uu <= HUBER_C ? 1 : HUBER_C / uu; // Huber ψ(u)/u
                }
                uw[e] = uw0[e] * Math.max(g, 1e-6);
            }
            double dmax = reweightedSolve(used);
            if (Double.isNaN(dmax)) {
                return QualityFlag.SINGULAR;
            }
            if (dmax < ROBUST_TOL) {
                return finish(QualityFlag.OK);
            }
        }
        return finish(QualityFlag.NOT_CONVERGED);
    }

    private double predicted(int e) {
        int a = ua[e] - 1, b = us[e] - 1;
        return x[b] - (a >= 0 ? x[a] : 0);
    }

    /** γ²·Σ_d g_d g_dᵀ over all dates for the NSBAS model with q parameters (lower envelope, stride n+q). */
    private double[] constraintTemplate(int q) {
        int nn = n + q;
        double[] t = new double[nn * nn];
        double g2 = params.nsbasGamma() * params.nsbasGamma();
        double[] gm = new double[q];
        for (int d = 0; d < nDates; d++) {
            modelRow(d, q, gm);
            if (d >= 1) {
                t[(d - 1) * nn + (d - 1)] += g2;
                for (int a = 0; a < q; a++) {
                    t[(n + a) * nn + (d - 1)] += g2 * gm[a];
                }
            }
            for (int a = 0; a < q; a++) {
                for (int b = 0; b <= a; b++) {
                    t[(n + a) * nn + n + b] += g2 * gm[a] * gm[b];
                }
            }
        }
        return t;
    }

    /** Model part of a constraint row: −(1, t, cos ωt, sin ωt) or, with a fixed rate, −(1, cos ωt, sin ωt). */
    private void modelRow(int d, int q, double[] gm) {
        double t = tYears[d];
        gm[0] = -1;
        int o = 1;
        if (q == 4) {
            gm[o++] = -t;
        }
        gm[o++] = -Math.cos(OMEGA * t);
        gm[o] = -Math.sin(OMEGA * t);
    }

    private boolean solveNsbas(int used, double externalRate) {
        boolean fixed = !Double.isNaN(externalRate);
        int q = fixed ? 3 : 4;
        int nn = n + q;
        int[] first = fixed ? firstNs3 : firstNs4;
        double[] templ = fixed ? templ3 : templ4;
        for (int i = 0; i < nn; i++) {
            int ri = i * nn;
            System.arraycopy(templ, ri + first[i], nm, ri + first[i], i + 1 - first[i]);
        }
        Arrays.fill(rhs, 0, nn, 0);
        for (int e = 0; e < used; e++) {
            SbasNormalEquations.addPair(nm, rhs, nn, ua[e] - 1, us[e] - 1, uw0[e], uy[e]);
        }
        if (fixed) {
            // data-constrained NSBAS (seed 003): γ(φ_d − c − a cos ωt − b sin ωt) = γ·v_ext·t_d
            double g2 = params.nsbasGamma() * params.nsbasGamma();
            for (int d = 0; d < nDates; d++) {
                double target = g2 * externalRate * tYears[d];
                modelRow(d, 3, z);
                if (d >= 1) {
                    rhs[d - 1] += target;
                }
                for (int a = 0; a < 3; a++) {
                    rhs[n + a] += target * z[a];
                }
            }
        }
        if (!EnvelopeCholesky.factor(nm, nn, first, PIVOT_TOL)) {
            return false;
        }
        System.arraycopy(rhs, 0, x, 0, nn);
        EnvelopeCholesky.solve(nm, nn, first, x);
        if (params.computeStd()) {
            EnvelopeCholesky.inverseDiagonal(nm, nn, first, z, dg);
        }
        return true;
    }

    private void finishPixel(int p, int used, QualityFlag flag, int npix, InversionResult out) {
        double sr = 0, si = 0, wss = 0;
        double[] w = method == InversionMethod.L1 || method.isRobust() ? uw : uw0;
        for (int e = 0; e < used; e++) {
            double r = uy[e] - predicted(e);
            sr += Math.cos(r); // Pepe & Lanari (2006) eq. 19
            si += Math.sin(r);
            wss += w[e] * r * r;
        }
        boolean formal = weightFn == WeightFunction.VAR && method != InversionMethod.L1 && !method.isRobust();
        double s0 = formal ? 1.0 : (used > n ? wss / (used - n) : Double.NaN);
        float[] oph = out.phase();
        float[] ostd = out.std();
        oph[p] = 0;
        ostd[p] = 0;
        for (int i = 0; i < n; i++) {
            oph[(i + 1) * npix + p] = (float) x[i];
            ostd[(i + 1) * npix + p] = params.computeStd() ? (float) Math.sqrt(dg[i] * s0) : Float.NaN;
        }
        out.temporalCoherence()[p] = (float) (Math.hypot(sr, si) / used);
        out.pairsUsed()[p] = (short) used;
        out.flag()[p] = flag.code();
    }
}

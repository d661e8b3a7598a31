package org.permasar.unwrap;

import java.util.Arrays;

/**
 * Correction of phase-unwrapping errors by the closure phase of interferogram triplets
 * (Yunjun et al. 2019, §3.2, eq. 10): per pixel, the integer cycles U (one per pair) that make
 * every triplet close, found as the sparse solution of the L1-regularised least squares
 * (LASSO, the method's prescription, as MintPy 1.5.1 {@code unwrap_error_phase_closure} solves it
 * with {@code l1regls(A=−C, y=C_int, alpha=1e-2)})
 * <pre>
 *     minimise ‖C·U + C_int‖² + α‖U‖₁,   then   U ← round(U),   φ ← φ + 2π·U
 * </pre>
 * C is the closure matrix of {@link Triplets} and C_int the closure integers of
 * {@link PhaseClosure}. A 2π·n error on one pair gives U = −n on that pair as long as the pair
 * belongs to two or more triplets; an error on a pair of a single triplet is ambiguous (any of its
 * three pairs explains it) and rounds to no correction, as in MintPy.
 *
 * <p>Solver: majorise–minimise (iteratively reweighted ridge) on the LASSO objective:
 * |u| ≤ u²/(2|u_t|) + |u_t|/2 gives (CᵀC + (α/2)·diag(1/max(|U_t|, ε)))·U = −Cᵀ·C_int, started
 * from the ridge solution (diag = 1), which keeps symmetric ties split evenly, as the interior
 * point method of CVXOPT does (Andersen et al. 2011). Only pixels with a non-zero closure integer
 * are solved, and only the pairs of those triplets are unknowns (the other pairs keep U = 0); the
 * constraints are all complete triplets touching them, including the closed ones.
 *
 * <p>NaN policy: a pair whose phase is NaN is neither an unknown nor corrected; triplets with a NaN
 * pair are ignored. Mutable workspace: one instance per thread.
 */
public final class ClosureCorrection {
    /** MintPy's regularisation weight α of the L1 term. */
    public static final double DEFAULT_ALPHA = 1e-2;
    private static final double EPS = 1e-8;
    private static final int MAX_ITER = 100;
    private static final double TOL = 1e-6;
    private static final float TWO_PI = (float) (2 * Math.PI);

    private final Triplets t;
    private final double alpha;
    private final int[] cint;
    private final int[] local; // pair → unknown index, −1 when not an unknown
    private final int[] unknowns;
    private final boolean[] rowUsed;
    private final int[] rows;
    private double[] nm = new double[0];
    private double[] chol = new double[0];
    private double[] b = new double[0];
    private double[] u = new double[0];
    private double[] uPrev = new double[0];

    /** A solver with MintPy's α = 0.01. */
    public ClosureCorrection(Triplets triplets) {
        this(triplets, DEFAULT_ALPHA);
    }

    /**
     * @param triplets closed triangles of the network
     * @param alpha    weight of the L1 term, &gt; 0 (small: the closures must hold almost exactly)
     */
    public ClosureCorrection(Triplets triplets, double alpha) {
        if (triplets == null || !(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("triplets are required and alpha must be finite and > 0, got " + alpha);
        }
        this.t = triplets;
        this.alpha = alpha;
        this.cint = new int[triplets.count()];
        this.local = new int[triplets.pairCount()];
        Arrays.fill(local, -1);
        this.unknowns = new int[triplets.pairCount()];
        this.rowUsed = new boolean[triplets.count()];
        this.rows = new int[triplets.count()];
    }

    /** Triplets this solver closes. */
    public Triplets triplets() {
        return t;
    }

    /**
     * Corrects pixels [from, to) of a block in place.
     *
     * @param phase      layer-major unwrapped phase (rad, referenced), {@code triplets.pairCount()} layers; modified
     * @param pixelCount pixels of the block
     * @param cycles     receives U per pair and pixel (layer-major, same layout as phase; 0 = unchanged), or null
     * @return number of (pair, pixel) cells changed
     */
    public long correct(float[] phase, int pixelCount, int from, int to, int[] cycles) {
        int m = t.pairCount();
        if (phase.length != (long) m * pixelCount || (cycles != null && cycles.length != phase.length)) {
            throw new IllegalArgumentException("phase has " + phase.length + " values, expected " + m + " pairs × "
                    + pixelCount + " pixels" + (cycles == null ? "" : " (cycles " + cycles.length + ")"));
        }
        long changed = 0;
        for (int p = from; p < to; p++) {
            int s = solvePixel(phase, pixelCount, p);
            for (int e = 0; e < s; e++) {
                int k = unknowns[e];
                int c = (int) Math.rint(u[e]); // np.round: half to even
                local[k] = -1;
                if (c != 0) {
                    phase[k * pixelCount + p] += TWO_PI * c; // φ ← φ + 2π·U
                    changed++;
                    if (cycles != null) {
                        cycles[k * pixelCount + p] = c;
                    }
                }
            }
        }
        return changed;
    }

    /**
     * The real-valued LASSO solution of pixel p (before rounding), for every pair: 0 for pairs that
     * are not unknowns. For tests and diagnostics.
     */
    public double[] solution(float[] phase, int pixelCount, int p) {
        double[] x = new double[t.pairCount()];
        int s = solvePixel(phase, pixelCount, p);
        for (int e = 0; e < s; e++) {
            x[unknowns[e]] = u[e];
            local[unknowns[e]] = -1;
        }
        return x;
    }

    /** Solves pixel p; the unknowns are {@code unknowns[0..s)} with values {@code u[0..s)}; returns s. */
    private int solvePixel(float[] phase, int pixelCount, int p) {
        int nonzero = PhaseClosure.closureIntegers(phase, pixelCount, t, p, cint);
        if (nonzero == 0) {
            return 0;
        }
        int s = 0;
        for (int q = 0; q < t.count(); q++) {
            if (cint[q] != 0 && cint[q] != PhaseClosure.NO_CLOSURE) {
                s = addUnknown(t.pair12(q), s);
                s = addUnknown(t.pair23(q), s);
                s = addUnknown(t.pair13(q), s);
            }
        }
        // constraint rows: every complete triplet touching an unknown
        int nr = 0;
        for (int e = 0; e < s; e++) {
            int k = unknowns[e];
            for (int i = 0; i < t.tripletCountOf(k); i++) {
                int q = t.tripletOf(k, i);
                if (!rowUsed[q] && cint[q] != PhaseClosure.NO_CLOSURE) {
                    rowUsed[q] = true;
                    rows[nr++] = q;
                }
            }
        }
        ensure(s);
        Arrays.fill(nm, 0, s * s, 0);
        Arrays.fill(b, 0, s, 0);
        int[] idx = new int[3];
        int[] sg = {1, 1, -1};
        for (int r = 0; r < nr; r++) {
            int q = rows[r];
            rowUsed[q] = false;
            idx[0] = local[t.pair12(q)];
            idx[1] = local[t.pair23(q)];
            idx[2] = local[t.pair13(q)];
            for (int a = 0; a < 3; a++) {
                if (idx[a] < 0) {
                    continue;
                }
                b[idx[a]] -= sg[a] * cint[q]; // −Cᵀ·C_int
                for (int c = 0; c < 3; c++) {
                    if (idx[c] >= 0) {
                        nm[idx[a] * s + idx[c]] += sg[a] * sg[c]; // CᵀC
                    }
                }
            }
        }
        Arrays.fill(uPrev, 0, s, Double.NaN);
        double half = alpha / 2;
        for (int it = 0; it < MAX_ITER; it++) {
            System.arraycopy(nm, 0, chol, 0, s * s);
            for (int e = 0; e < s; e++) {
                // (CᵀC + (α/2)·D)·U = −Cᵀ·C_int, D = 1 first, then 1/max(|U_t|, ε) (majorise–minimise)
                chol[e * s + e] += it == 0 ? half : half / Math.max(Math.abs(u[e]), EPS);
            }
            System.arraycopy(b, 0, u, 0, s);
            if (!choleskySolve(chol, s, u)) {
                Arrays.fill(u, 0, s, 0); // cannot happen with α > 0; no correction rather than a wrong one
                return s;
            }
            double dmax = 0;
            for (int e = 0; e < s; e++) {
                dmax = Math.max(dmax, Math.abs(u[e] - uPrev[e]));
            }
            if (dmax < TOL) {
                break;
            }
            System.arraycopy(u, 0, uPrev, 0, s);
        }
        return s;
    }

    private int addUnknown(int k, int s) {
        if (local[k] < 0) {
            local[k] = s;
            unknowns[s] = k;
            return s + 1;
        }
        return s;
    }

    private void ensure(int s) {
        if (nm.length < s * s) {
            nm = new double[s * s];
            chol = new double[s * s];
        }
        if (b.length < s) {
            b = new double[s];
            u = new double[s];
            uPrev = new double[s];
        }
    }

    /** In-place Cholesky of the s×s symmetric positive definite matrix a, then solves a·x = rhs into rhs. */
    private static boolean choleskySolve(double[] a, int s, double[] x) {
        for (int j = 0; j < s; j++) {
            double d = a[j * s + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * s + k] * a[j * s + k];
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[j * s + j] = d;
            for (int i = j + 1; i < s; i++) {
                double v = a[i * s + j];
                for (int k = 0; k < j; k++) {
                    v -= a[i * s + k] * a[j * s + k];
                }
                a[i * s + j] = v / d;
            }
        }
        for (int i = 0; i < s; i++) { // L·y = rhs
            double v = x[i];
            for (int k = 0; k < i; k++) {
                v -= a[i * s + k] * x[k];
            }
            x[i] = v / a[i * s + i];
        }
        for (int i = s - 1; i >= 0; i--) { // Lᵀ·x = y
            double v = x[i];
            for (int k = i + 1; k < s; k++) {
                v -= a[k * s + i] * x[k];
            }
            x[i] = v / a[i * s + i];
        }
        return true;
    }
}

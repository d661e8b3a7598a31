package org.permasar.inversion;

import org.permasar.linalg.EnvelopeCholesky;

/**
 * The one owner of the SBAS normal equations {@code N·φ = AᵀWΔφ}, {@code N = AᵀWA} (Berardino et al. 2002,
 * eq. 4; SCIENCE.md §1). Row k of A, for pair k = (i, j), holds +1 in the column of date j and −1 in the
 * column of date i, with date 0 (φ_0 = 0) removed, so column c is date c + 1. N is then the weighted
 * Laplacian of the pair graph without the first date's row and column:
 * <pre>
 *   N_bb += w_k,  N_aa += w_k,  N_ba −= w_k,  (AᵀWΔφ)_b += w_k·Δφ_k,  (AᵀWΔφ)_a −= w_k·Δφ_k
 *   a = i − 1, b = j − 1 (the a terms drop when i = 0)
 * </pre>
 * Only the lower triangle is written, and only inside its envelope: row b is zero left of
 * {@code first[b] = min(b, min over pairs (i, j = b + 1) of i − 1)}, which is what {@link EnvelopeCholesky}
 * factors. Used by {@link SbasInversion} (L2, weighted L2, L1 and NSBAS assembly) and {@link PhaseCovariance}.
 *
 * <p>Static kernels on flat row-major arrays (row stride given), no allocation; the caller owns the arrays.
 */
final class SbasNormalEquations {

    /**
     * Pivot tolerance of the SBAS factorisations: a pivot is rejected when it is ≤ 1e-10 × its original
     * diagonal entry ({@link EnvelopeCholesky#factor}), i.e. when more than ten of the sixteen significant
     * digits of a date's total weight cancel: that date is not determined by the used pairs.
     */
    static final double PIVOT_TOL = 1e-10;

    private SbasNormalEquations() {
    }

    /**
     * Lower envelope of N for a network: {@code first[b]} is the leftmost non-zero column of row b.
     *
     * @param ra reference (earlier) date index of every pair, 0-based over all dates
     * @param sa secondary (later) date index of every pair
     * @param n  unknowns (dates − 1)
     */
    static int[] envelope(int[] ra, int[] sa, int n) {
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        for (int k = 0; k < ra.length; k++) {
            if (ra[k] >= 1) {
                int b = sa[k] - 1;
                first[b] = Math.min(first[b], ra[k] - 1);
            }
        }
        return first;
    }

    /**
     * Adds pair (a + 1, b + 1) with weight w to the lower triangle of N (a = −1: the pair starts at date 0).
     */
    static void addPair(double[] nm, int stride, int a, int b, double w) {
        nm[b * stride + b] += w;
        if (a >= 0) {
            nm[a * stride + a] += w;
            nm[b * stride + a] -= w;
        }
    }

    /** As {@link #addPair(double[], int, int, int, double)}, also adding w·Δφ to the right-hand side AᵀWΔφ. */
    static void addPair(double[] nm, double[] rhs, int stride, int a, int b, double w, double dphi) {
        double wy = w * dphi;
        addPair(nm, stride, a, b, w);
        rhs[b] += wy;
        if (a >= 0) {
            rhs[a] -= wy;
        }
    }
}

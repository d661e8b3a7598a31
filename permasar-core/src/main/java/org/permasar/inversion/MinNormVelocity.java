package org.permasar.inversion;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Minimum-norm <em>velocity</em> least-squares solution of an SBAS network (Berardino et al.
 * 2002, IEEE TGRS 40(11), eqs. 8–10): the unknowns are the mean phase velocities v_j between
 * consecutive dates t_j and t_{j+1}; pair (a, b) observes Σ_{j=a}^{b−1} v_j·Δt_j. When the pairs
 * split the dates into disconnected subsets the system is rank deficient and the pseudo-inverse
 * picks the velocities of least norm, which keeps the cumulated phase series continuous.
 *
 * <p>The pseudo-inverse is taken from the eigen-decomposition of the weighted normal matrix
 * G = Bᵀ W B: singular values s = √λ below {@code rcond · s_max} are dropped (as LAPACK gelsd,
 * which MintPy calls, does). Δt is in years, computed in float as MintPy does
 * ({@code ifgramStack.get_design_matrix4timeseries}) so rank-deficient results agree with it.
 *
 * <p>Mutable workspace: one instance per thread. Used on the rare disconnected pixels only; the
 * EJML decomposition may allocate internally.
 */
final class MinNormVelocity {
    private final int n;
    private final double[] dt;
    private final DMatrixRMaj g;
    private final double[] rhs;
    private final double[] v;
    private final EigenDecomposition_F64<DMatrixRMaj> eig;
    private final double rcond;
    private double[] lastLambda;
    private final double[][] lastVec;
    private int lastRank;

    /**
     * @param tYears date offsets from the first date in years (float precision as MintPy)
     */
    MinNormVelocity(float[] tYears, double rcond) {
        this.n = tYears.length - 1;
        this.dt = new double[n];
        for (int j = 0; j < n; j++) {
            dt[j] = tYears[j + 1] - tYears[j];
        }
        this.g = new DMatrixRMaj(n, n);
        this.rhs = new double[n];
        this.v = new double[n];
        this.eig = DecompositionFactory_DDRM.eig(n, true, true);
        this.rcond = rcond;
        this.lastLambda = new double[n];
        this.lastVec = new double[n][];
    }

    /**
     * Solves for one pixel.
     *
     * @param ra earlier date index of each used pair (full date indexing, 0 = first date)
     * @param sa later date index of each used pair
     * @param y observed phase of each used pair (rad)
     * @param w weight of each used pair
     * @param m number of used pairs
     * @param x output: phase of dates 1..n (rad), date 0 fixed at 0
     * @return the rank kept, or 0 when nothing could be solved
     */
    int solve(int[] ra, int[] sa, double[] y, double[] w, int m, double[] x) {
        double[] gd = g.data;
        java.util.Arrays.fill(gd, 0);
        java.util.Arrays.fill(rhs, 0);
        for (int e = 0; e < m; e++) {
            int a = ra[e], b = sa[e];
            double we = w[e];
            for (int i = a; i < b; i++) {
                double wi = we * dt[i];
                rhs[i] += wi * y[e];
                int ri = i * n;
                for (int j = a; j < b; j++) {
                    gd[ri + j] += wi * dt[j]; // G = Σ w g gᵀ, g_j = Δt_j on [a, b)
                }
            }
        }
        if (!eig.decompose(g)) {
            return 0;
        }
        double lmax = 0;
        for (int i = 0; i < n; i++) {
            lmax = Math.max(lmax, eig.getEigenvalue(i).real);
        }
        double cut = rcond * rcond * lmax;
        java.util.Arrays.fill(v, 0);
        int rank = 0;
        for (int i = 0; i < n; i++) {
            double lam = eig.getEigenvalue(i).real;
            if (lam > cut && lam > 0) {
                double[] u = eig.getEigenVector(i).data;
                double c = 0;
                for (int j = 0; j < n; j++) {
                    c += u[j] * rhs[j];
                }
                c /= lam;
                for (int j = 0; j < n; j++) {
                    v[j] += c * u[j];
                }
                lastLambda[rank] = lam;
                lastVec[rank] = u;
                rank++;
            }
        }
        lastRank = rank;
        double cum = 0;
        for (int j = 0; j < n; j++) {
            cum += v[j] * dt[j]; // φ(t_{j+1}) = Σ_{i≤j} v_i Δt_i
            x[j] = cum;
        }
        return rank;
    }

    /**
     * Diagonal of the phase covariance C·G⁺·Cᵀ (C the cumulative-sum operator) of the last
     * {@link #solve}, unscaled, into {@code out[0..n)}.
     */
    void phaseCovarianceDiagonal(double[] out) {
        java.util.Arrays.fill(out, 0, n, 0);
        for (int r = 0; r < lastRank; r++) {
            double[] u = lastVec[r];
            double cum = 0;
            for (int j = 0; j < n; j++) {
                cum += u[j] * dt[j];
                out[j] += cum * cum / lastLambda[r];
            }
        }
    }

    /**
     * Column of the pseudo-inverse for a unit observation on pair (a, b), using the
     * decomposition of the last {@link #solve}: x = C·G⁺·g with g_j = Δt_j on [a, b).
     */
    void pseudoInverseColumn(int a, int b, double[] x) {
        java.util.Arrays.fill(v, 0);
        for (int r = 0; r < lastRank; r++) {
            double[] u = lastVec[r];
            double c = 0;
            for (int j = a; j < b; j++) {
                c += u[j] * dt[j];
            }
            c /= lastLambda[r];
            for (int j = 0; j < n; j++) {
                v[j] += c * u[j];
            }
        }
        double cum = 0;
        for (int j = 0; j < n; j++) {
            cum += v[j] * dt[j];
            x[j] = cum;
        }
    }
}

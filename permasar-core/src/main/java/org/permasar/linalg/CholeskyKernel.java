package org.permasar.linalg;

/**
 * In-place dense Cholesky factorisation, solve and inverse of small symmetric positive-definite
 * matrices stored row-major in flat arrays ({@code m[i*n + j]}). Allocation-free; the caller owns
 * the workspaces. Stateless and thread-safe.
 *
 * <p>The two Cholesky kernels of PermaSAR divide the work by storage, not by rule: this one for small
 * dense normal matrices (time-function fits, HANTS), {@link EnvelopeCholesky} for SBAS normal matrices
 * with a known lower envelope. Both reject a pivot by the one rule of {@link #acceptsPivot}.
 */
public final class CholeskyKernel {

    /** Relative pivot tolerance of {@link #decompose(double[], int)}. */
    public static final double DEFAULT_REL_TOL = 1e-13;

    private CholeskyKernel() {
    }

    /**
     * The pivot rule of both Cholesky kernels: at step j, the pivot {@code d = N_jj − Σ_k L_jk²} is
     * accepted when {@code d > relTol·|N_jj|} (N_jj the original diagonal entry) and {@code d > 0}; otherwise
     * the matrix is declared not (numerically) positive definite: column j depends on the earlier ones to
     * within a relative {@code relTol}. NaN fails the test.
     */
    public static boolean acceptsPivot(double d, double originalDiagonal, double relTol) {
        return d > relTol * Math.abs(originalDiagonal) && d > 0;
    }

    /** {@link #decompose(double[], int, double)} with {@link #DEFAULT_REL_TOL}. */
    public static boolean decompose(double[] a, int n) {
        return decompose(a, n, DEFAULT_REL_TOL);
    }

    /**
     * Replaces the lower triangle of {@code a} (n×n, symmetric) with L such that A = L·Lᵀ.
     *
     * @param relTol relative pivot tolerance, see {@link #acceptsPivot}
     * @return false when A is not (numerically) positive definite; {@code a} is then garbage
     */
    public static boolean decompose(double[] a, int n, double relTol) {
        for (int j = 0; j < n; j++) {
            double d0 = a[j * n + j];
            double s = d0;
            for (int k = 0; k < j; k++) {
                s -= a[j * n + k] * a[j * n + k];   // L_jj² = N_jj − Σ_k L_jk²
            }
            if (!acceptsPivot(s, d0, relTol)) {
                return false;
            }
            double ljj = Math.sqrt(s);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = t / ljj;
            }
        }
        return true;
    }

    /** Solves L·Lᵀ·x = b in place in {@code b} (length n), with L from {@link #decompose}. */
    public static void solve(double[] l, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }

    /**
     * Writes (L·Lᵀ)⁻¹ into {@code inv} (n×n, full symmetric), using {@code col} (length n) as
     * workspace.
     */
    public static void invert(double[] l, int n, double[] inv, double[] col) {
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(col, 0, n, 0.0);
            col[j] = 1;
            solve(l, n, col);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = col[i];
            }
        }
    }
}

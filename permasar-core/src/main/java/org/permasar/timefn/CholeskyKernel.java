package org.permasar.timefn;

/**
 * In-place Cholesky factorisation, solve and inverse of small symmetric positive-definite
 * matrices stored row-major in flat arrays ({@code m[i*n + j]}). Allocation-free; the caller owns
 * the workspaces. Stateless and thread-safe.
 */
public final class CholeskyKernel {

    private CholeskyKernel() {
    }

    /**
     * Replaces the lower triangle of {@code a} (n×n, symmetric) with L such that A = L·Lᵀ.
     *
     * @return false when A is not (numerically) positive definite; {@code a} is then garbage
     */
    public static boolean decompose(double[] a, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[i * n + i]));
        }
        double tiny = scale * 1e-13;
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * n + k] * a[j * n + k];
            }
            if (!(s > tiny)) {
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

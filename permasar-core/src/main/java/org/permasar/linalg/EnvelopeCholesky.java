package org.permasar.linalg;

/**
 * Cholesky factorisation N = L·Lᵀ of a symmetric positive-definite matrix stored densely
 * (row-major, n×n) whose lower triangle has a known <em>envelope</em>: row i is zero left of
 * column {@code first[i]}. The factor keeps the envelope (George &amp; Liu 1981, §4.2), so the
 * cost is Σ_i (i − first[i])² / 2 instead of n³/6. SBAS normal matrices are weighted graph
 * Laplacians whose envelope is set by the longest pair in index space, so this is the main
 * saving of the per-pixel weighted solver.
 *
 * <p>Static kernels on flat arrays; no allocation. Only the lower envelope is read or written.
 * Pivots are accepted by the same rule as the dense {@link CholeskyKernel}
 * ({@link CholeskyKernel#acceptsPivot}). Stateless and thread-safe.
 */
public final class EnvelopeCholesky {
    private EnvelopeCholesky() {
    }

    /**
     * Factors {@code a} in place (lower envelope replaced by L).
     *
     * @param relTol relative pivot tolerance: {@link CholeskyKernel#acceptsPivot}
     * @return false when the matrix is not (numerically) positive definite
     */
    public static boolean factor(double[] a, int n, int[] first, double relTol) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            int fi = first[i];
            for (int j = fi; j < i; j++) {
                int rj = j * n;
                int k0 = Math.max(fi, first[j]);
                // L_ij = (N_ij − Σ_k L_ik L_jk) / L_jj
                a[ri + j] = (a[ri + j] - dot(a, ri, rj, k0, j)) / a[rj + j];
            }
            double d0 = a[ri + i];
            double d = d0 - dot(a, ri, ri, fi, i); // L_ii² = N_ii − Σ_k L_ik²
            if (!CholeskyKernel.acceptsPivot(d, d0, relTol)) {
                return false;
            }
            a[ri + i] = Math.sqrt(d);
        }
        return true;
    }

    /**
     * Σ_{k=k0}^{k1−1} a[r1+k]·a[r2+k] with four independent partial sums, so the loop is not
     * bound by the latency of one floating-point add chain.
     */
    private static double dot(double[] a, int r1, int r2, int k0, int k1) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = k0;
        for (; k + 3 < k1; k += 4) {
            s0 += a[r1 + k] * a[r2 + k];
            s1 += a[r1 + k + 1] * a[r2 + k + 1];
            s2 += a[r1 + k + 2] * a[r2 + k + 2];
            s3 += a[r1 + k + 3] * a[r2 + k + 3];
        }
        for (; k < k1; k++) {
            s0 += a[r1 + k] * a[r2 + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Solves L·Lᵀ·x = b in place ({@code b} becomes x). */
    public static void solve(double[] l, int n, int[] first, double[] b) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double s = b[i];
            for (int k = first[i]; k < i; k++) {
                s -= l[ri + k] * b[k];
            }
            b[i] = s / l[ri + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * n;
            double xi = b[i] / l[ri + i];
            b[i] = xi;
            for (int k = first[i]; k < i; k++) {
                b[k] -= l[ri + k] * xi;
            }
        }
    }

    /**
     * Diagonal of N⁻¹ = L⁻ᵀL⁻¹: (N⁻¹)_ii = ‖L⁻¹ e_i‖². {@code z} is scratch of length n.
     */
    public static void inverseDiagonal(double[] l, int n, int[] first, double[] z, double[] out) {
        for (int i = 0; i < n; i++) {
            double zi = 1.0 / l[i * n + i];
            z[i] = zi;
            double sum = zi * zi;
            for (int j = i + 1; j < n; j++) {
                int rj = j * n;
                double s = 0;
                for (int k = Math.max(first[j], i); k < j; k++) {
                    s -= l[rj + k] * z[k];
                }
                double zj = s / l[rj + j];
                z[j] = zj;
                sum += zj * zj;
            }
            out[i] = sum;
        }
    }
}

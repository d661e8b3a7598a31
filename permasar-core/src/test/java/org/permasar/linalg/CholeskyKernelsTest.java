package org.permasar.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Both Cholesky kernels (dense {@link CholeskyKernel}, envelope {@link EnvelopeCholesky}) against EJML on
 * random SPD matrices, and their one pivot rule ({@link CholeskyKernel#acceptsPivot}) on singular ones.
 */
class CholeskyKernelsTest {

    /** Random SPD matrix MᵀM + n·I with a band of half-width {@code band} (n = no band), seed logged. */
    private static double[] spd(int n, int band, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                if (i - j <= band) {
                    double v = r.nextGaussian();
                    a[i * n + j] = v;
                    a[j * n + i] = v;
                }
            }
            a[i * n + i] = Math.abs(a[i * n + i]) + 2 * band + 1;   // diagonally dominant → SPD
        }
        return a;
    }

    private static void checkAgainstEjml(int n, int band, long seed) {
        System.out.println("CholeskyKernelsTest seed " + seed);
        double[] a = spd(n, band, seed);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = Math.sin(i + 1.0);
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        assertThat(CommonOps_DDRM.solve(new DMatrixRMaj(n, n, true, a), new DMatrixRMaj(n, 1, true, b), x)).isTrue();
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        assertThat(CommonOps_DDRM.invert(new DMatrixRMaj(n, n, true, a), inv)).isTrue();

        double[] l = a.clone();
        assertThat(CholeskyKernel.decompose(l, n)).isTrue();
        double[] xd = b.clone();
        CholeskyKernel.solve(l, n, xd);
        double[] invd = new double[n * n];
        CholeskyKernel.invert(l, n, invd, new double[n]);

        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = Math.max(0, i - band);
        }
        double[] le = a.clone();
        assertThat(EnvelopeCholesky.factor(le, n, first, 1e-10)).isTrue();
        double[] xe = b.clone();
        EnvelopeCholesky.solve(le, n, first, xe);
        double[] diag = new double[n];
        EnvelopeCholesky.inverseDiagonal(le, n, first, new double[n], diag);

        for (int i = 0; i < n; i++) {
            assertThat(xd[i]).isCloseTo(x.get(i, 0), within(1e-12));
            assertThat(xe[i]).isCloseTo(x.get(i, 0), within(1e-12));
            assertThat(diag[i]).isCloseTo(inv.get(i, i), within(1e-12));
            for (int j = 0; j < n; j++) {
                assertThat(invd[i * n + j]).isCloseTo(inv.get(i, j), within(1e-12));
            }
        }
    }

    @Test
    void denseAndEnvelopeAgreeWithEjml() {
        checkAgainstEjml(6, 6, 1);
        checkAgainstEjml(25, 3, 2);
        checkAgainstEjml(40, 40, 3);
    }

    @Test
    void onePivotRuleRejectsSingularMatrices() {
        // rank 1: [[1, 2], [2, 4]] (second pivot 0); scaled: [[1e8, 1e4], [1e4, 1]] (second pivot 0 up to rounding)
        double[][] singular = {{1, 2, 2, 4}, {1e8, 1e4, 1e4, 1}};
        for (double[] s : singular) {
            assertThat(CholeskyKernel.decompose(s.clone(), 2)).isFalse();
            assertThat(EnvelopeCholesky.factor(s.clone(), 2, new int[2], CholeskyKernel.DEFAULT_REL_TOL)).isFalse();
        }
        // the rule itself: relative to the pivot's own diagonal entry, NaN and non-positive rejected
        assertThat(CholeskyKernel.acceptsPivot(2e-13, 1, 1e-13)).isTrue();
        assertThat(CholeskyKernel.acceptsPivot(1e-13, 1, 1e-13)).isFalse();
        assertThat(CholeskyKernel.acceptsPivot(Double.NaN, 1, 1e-13)).isFalse();
        assertThat(CholeskyKernel.acceptsPivot(0, 0, 0)).isFalse();
        assertThat(CholeskyKernel.acceptsPivot(-1, -5, 0)).isFalse();
    }
}

package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SbasNormalEquations} against AᵀWA and AᵀWΔφ formed explicitly from the design matrix. */
class SbasNormalEquationsTest {

    @Test
    void laplacianStampEqualsExplicitNormalMatrix() {
        // 5 dates, pairs (i, j); unknowns φ_1..φ_4 (date 0 removed)
        int[] ra = {0, 0, 1, 1, 2, 3, 0};
        int[] sa = {1, 2, 2, 3, 4, 4, 4};
        double[] w = {1, 0.5, 2, 0.25, 1.5, 3, 0.75};
        double[] dphi = {0.1, -0.2, 0.3, 0.05, -0.4, 0.6, 1.0};
        int n = 4, m = ra.length;
        double[][] a = new double[m][n];
        for (int k = 0; k < m; k++) {
            a[k][sa[k] - 1] = 1;
            if (ra[k] >= 1) {
                a[k][ra[k] - 1] = -1;
            }
        }
        double[] nm = new double[n * n];
        double[] rhs = new double[n];
        for (int k = 0; k < m; k++) {
            SbasNormalEquations.addPair(nm, rhs, n, ra[k] - 1, sa[k] - 1, w[k], dphi[k]);
        }
        int[] first = SbasNormalEquations.envelope(ra, sa, n);
        assertThat(first).containsExactly(0, 0, 0, 1);
        for (int r = 0; r < n; r++) {
            double b = 0;
            for (int k = 0; k < m; k++) {
                b += a[k][r] * w[k] * dphi[k];
            }
            assertThat(rhs[r]).isEqualTo(b, org.assertj.core.api.Assertions.within(1e-15));
            for (int c = 0; c <= r; c++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += a[k][r] * w[k] * a[k][c];
                }
                assertThat(nm[r * n + c]).as("N[%d][%d]", r, c).isEqualTo(s, org.assertj.core.api.Assertions.within(1e-15));
                if (c < first[r]) {
                    assertThat(s).isZero();
                }
            }
        }
    }
}

package org.permasar.cli.invert;

import java.time.LocalDate;
import java.util.List;

/**
 * Test-side referee: per-pixel least-squares fit of d(t) = b + a·t + c·cos ωt + s·sin ωt
 * (SCIENCE.md §2, ω = 2π/yr, t in years of 365.25 days from the first date), written
 * independently of the production fit code (4×4 normal equations, Gaussian elimination).
 */
final class RateFit {
    private RateFit() {
    }

    /** Rate a (input unit per year) of every pixel of a layer-major cube; NaN when any epoch is NaN. */
    static double[] rates(float[] cube, int npix, List<LocalDate> dates) {
        int nd = dates.size();
        double[][] g = new double[nd][4];
        for (int d = 0; d < nd; d++) {
            double t = (dates.get(d).toEpochDay() - dates.get(0).toEpochDay()) / 365.25;
            g[d] = new double[] {1, t, Math.cos(2 * Math.PI * t), Math.sin(2 * Math.PI * t)};
        }
        double[] out = new double[npix];
        for (int p = 0; p < npix; p++) {
            double[][] a = new double[4][5];
            boolean ok = true;
            for (int d = 0; d < nd && ok; d++) {
                double y = cube[d * npix + p];
                ok = Double.isFinite(y);
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        a[i][j] += g[d][i] * g[d][j];
                    }
                    a[i][4] += g[d][i] * y;
                }
            }
            out[p] = ok ? solve(a)[1] : Double.NaN;
        }
        return out;
    }

    /** Solves the n×(n+1) augmented system [A | b] in place by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}

package org.permasar.stats;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Two-dimensional thin-plate smoothing spline (Duchon 1976; Wahba 1990, "Spline Models for
 * Observational Data", §2.4): f(x, y) = a₀ + a₁x + a₂y + Σ_k w_k φ(‖p − p_k‖), φ(r) = r²·ln r,
 * with coefficients from the linear system
 * <pre>
 *   [ K + mλI   P ] [w]   [z]
 *   [ Pᵀ        0 ] [a] = [0]        K_jk = φ(‖p_j − p_k‖),  P_k = [1, x_k, y_k]
 * </pre>
 * solved with EJML (LU). λ = 0 interpolates the data exactly; larger λ smooths towards the
 * least-squares plane, which the spline reproduces exactly for any λ. Coordinates are centred and
 * scaled by the larger extent before fitting, so λ is dimensionless (relative to the data's span).
 *
 * <p>Needs ≥ 3 non-collinear points. Immutable and thread-safe after construction.
 */
public final class ThinPlateSpline {
    private final double[] px;
    private final double[] py;
    private final double[] w;
    private final double a0, a1, a2, cx, cy, scale;

    private ThinPlateSpline(double[] px, double[] py, double[] w, double a0, double a1, double a2,
                            double cx, double cy, double scale) {
        this.px = px;
        this.py = py;
        this.w = w;
        this.a0 = a0;
        this.a1 = a1;
        this.a2 = a2;
        this.cx = cx;
        this.cy = cy;
        this.scale = scale;
    }

    /**
     * Fits the spline.
     *
     * @param x, y   point coordinates (any planar unit)
     * @param z      values at the points
     * @param lambda smoothing ≥ 0 (dimensionless, see class doc)
     * @throws IllegalArgumentException fewer than 3 points, NaN inputs, or collinear / duplicate points
     */
    public static ThinPlateSpline fit(double[] x, double[] y, double[] z, double lambda) {
        int m = x.length;
        if (y.length != m || z.length != m) {
            throw new IllegalArgumentException("x, y, z lengths differ: " + m + ", " + y.length + ", " + z.length);
        }
        if (m < 3) {
            throw new IllegalArgumentException("thin-plate spline needs at least 3 points, got " + m);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("smoothing must be >= 0, got " + lambda);
        }
        double cx = 0, cy = 0;
        for (int k = 0; k < m; k++) {
            if (Double.isNaN(x[k] + y[k] + z[k])) {
                throw new IllegalArgumentException("NaN at point " + k);
            }
            cx += x[k] / m;
            cy += y[k] / m;
        }
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int k = 0; k < m; k++) {
            minX = Math.min(minX, x[k]);
            maxX = Math.max(maxX, x[k]);
            minY = Math.min(minY, y[k]);
            maxY = Math.max(maxY, y[k]);
        }
        double scale = Math.max(maxX - minX, maxY - minY);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("all " + m + " points coincide");
        }
        double[] px = new double[m], py = new double[m];
        for (int k = 0; k < m; k++) {
            px[k] = (x[k] - cx) / scale;
            py[k] = (y[k] - cy) / scale;
        }
        int n = m + 3;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                a.set(j, k, phi(px[j] - px[k], py[j] - py[k]));
            }
            a.add(j, j, m * lambda);
            a.set(j, m, 1);
            a.set(j, m + 1, px[j]);
            a.set(j, m + 2, py[j]);
            a.set(m, j, 1);
            a.set(m + 1, j, px[j]);
            a.set(m + 2, j, py[j]);
            b.set(j, 0, z[j]);
        }
        DMatrixRMaj sol = new DMatrixRMaj(n, 1);
        if (collinear(px, py) || !CommonOps_DDRM.solve(a, b, sol) || Double.isNaN(sol.get(0))) {
            throw new IllegalArgumentException("thin-plate system is singular: are the " + m
                    + " points collinear or duplicated?");
        }
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            w[k] = sol.get(k);
        }
        double a0 = sol.get(m), a1 = sol.get(m + 1), a2 = sol.get(m + 2);
        if (Double.isNaN(a0 + a1 + a2) || Double.isInfinite(a0 + a1 + a2)) {
            throw new IllegalArgumentException("thin-plate system is singular: are the points collinear?");
        }
        return new ThinPlateSpline(px, py, w, a0, a1, a2, cx, cy, scale);
    }

    /** True when all points lie on one line (within 1e-9 of the unit extent): the affine part is undetermined. */
    private static boolean collinear(double[] px, double[] py) {
        int far = 0;
        double best = 0;
        for (int k = 1; k < px.length; k++) {
            double d = Math.hypot(px[k] - px[0], py[k] - py[0]);
            if (d > best) {
                best = d;
                far = k;
            }
        }
        double ux = (px[far] - px[0]) / best, uy = (py[far] - py[0]) / best;
        for (int k = 1; k < px.length; k++) {
            if (Math.abs(ux * (py[k] - py[0]) - uy * (px[k] - px[0])) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    /** φ(r) = r² ln r, written as ½ r² ln r² (0 at r = 0). */
    private static double phi(double dx, double dy) {
        double r2 = dx * dx + dy * dy;
        return r2 == 0 ? 0 : 0.5 * r2 * Math.log(r2);
    }

    /** The spline at (x, y), same coordinate unit as the fit. NaN in → NaN out. */
    public double value(double x, double y) {
        double u = (x - cx) / scale, v = (y - cy) / scale;
        double f = a0 + a1 * u + a2 * v;
        for (int k = 0; k < w.length; k++) {
            f += w[k] * phi(u - px[k], v - py[k]);
        }
        return f;
    }
}

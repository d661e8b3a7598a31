package org.permasar.hydro;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits of −dQ/dt = a·Q^b to points (Q, −dQ/dt) (m³/s, m³/s per day). Points with a non-finite or
 * non-positive Q or rate are ignored. Each method needs at least 3 points and two distinct Q values,
 * otherwise it returns {@link PowerLawFit#failed}. Stateless, thread-safe.
 */
public final class RecessionFits {
    /** Default quantile of the lower-envelope fit. */
    public static final double DEFAULT_TAU = 0.05;

    private RecessionFits() {
    }

    /** Fit by {@code method}; {@code tau} is used by {@link FitMethod#QUANTILE} only. */
    public static PowerLawFit fit(FitMethod method, double[] q, double[] rate, double tau) {
        return switch (method) {
            case OLS -> ols(q, rate);
            case NLS -> nls(q, rate);
            case QUANTILE -> quantile(q, rate, tau);
        };
    }

    /** Least squares in log–log space: ln(−dQ/dt) = ln a + b·ln Q. */
    public static PowerLawFit ols(double[] q, double[] rate) {
        double[][] xy = logs(q, rate);
        int n = xy[0].length;
        if (n < 3) {
            return PowerLawFit.failed(FitMethod.OLS, n);
        }
        double[] x = xy[0], y = xy[1];
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            return PowerLawFit.failed(FitMethod.OLS, n);
        }
        double b = sxy / sxx;
        return new PowerLawFit(FitMethod.OLS, Math.exp(my - b * mx), b, n);
    }

    /**
     * a for a given exponent b by log–log least squares: ln a = mean(ln(−dQ/dt) − b·ln Q). Used to
     * follow a per year at a fixed b, since a and b trade off (Brutsaert &amp; Hiyama 2012 fix b).
     */
    public static PowerLawFit fixedExponent(double[] q, double[] rate, double b) {
        double[][] xy = logs(q, rate);
        int n = xy[0].length;
        if (n < 1 || !Double.isFinite(b)) {
            return PowerLawFit.failed(FitMethod.OLS, n);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += xy[1][i] - b * xy[0][i];
        }
        return new PowerLawFit(FitMethod.OLS, Math.exp(s / n), b, n);
    }

    /**
     * Nonlinear least squares of Σ(−dQ/dt − a·Q^b)², parameterised by (ln a, b) so a stays positive;
     * Hipparchus Levenberg–Marquardt from the OLS solution. Gives the high flows more weight than
     * the log–log fit does.
     */
    public static PowerLawFit nls(double[] q, double[] rate) {
        double[][] xy = logs(q, rate);
        int n = xy[0].length;
        PowerLawFit start = ols(q, rate);
        if (!start.ok()) {
            return PowerLawFit.failed(FitMethod.NLS, n);
        }
        double[] lq = xy[0];
        double[] obs = new double[n];
        for (int i = 0; i < n; i++) {
            obs[i] = Math.exp(xy[1][i]);
        }
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(new double[] {Math.log(start.a()), start.b()})
                    .target(obs)
                    .model(p -> {
                        double la = p.getEntry(0), b = p.getEntry(1);
                        RealVector f = new ArrayRealVector(n);
                        RealMatrix j = new Array2DRowRealMatrix(n, 2);
                        for (int i = 0; i < n; i++) {
                            double v = Math.exp(la + b * lq[i]); // a·Q^b
                            f.setEntry(i, v);
                            j.setEntry(i, 0, v);         // ∂/∂ln a
                            j.setEntry(i, 1, v * lq[i]); // ∂/∂b
                        }
                        return new Pair<>(f, j);
                    })
                    .maxEvaluations(2000).maxIterations(1000).build());
            double la = opt.getPoint().getEntry(0), b = opt.getPoint().getEntry(1);
            return Double.isFinite(la) && Double.isFinite(b) ? new PowerLawFit(FitMethod.NLS, Math.exp(la), b, n)
                    : PowerLawFit.failed(FitMethod.NLS, n);
        } catch (RuntimeException e) { // no convergence: a failed fit, not an error (STYLE.md tier 3)
            return PowerLawFit.failed(FitMethod.NLS, n);
        }
    }

    /**
     * Linear quantile regression of y = ln(−dQ/dt) on x = ln Q at quantile τ (Koenker &amp; Bassett
     * 1978): minimises Σ ρ_τ(y − c − b·x), ρ_τ(u) = u·(τ − 1[u &lt; 0]). For a fixed b the best c is
     * a τ-quantile of y − b·x, and the profile objective is convex in b, so b is found by golden-section
     * search (to 1e-10) on a bracket around the OLS slope.
     */
    public static PowerLawFit quantile(double[] q, double[] rate, double tau) {
        if (!(tau > 0 && tau < 1)) {
            throw new IllegalArgumentException("quantile τ must be in (0, 1), got " + tau);
        }
        double[][] xy = logs(q, rate);
        int n = xy[0].length;
        PowerLawFit start = ols(q, rate);
        if (!start.ok()) {
            return PowerLawFit.failed(FitMethod.QUANTILE, n);
        }
        double[] x = xy[0], y = xy[1], work = new double[n];
        double lo = start.b() - 10, hi = start.b() + 10;
        final double g = (Math.sqrt(5) - 1) / 2;
        double b1 = hi - g * (hi - lo), b2 = lo + g * (hi - lo);
        double f1 = checkLoss(x, y, b1, tau, work), f2 = checkLoss(x, y, b2, tau, work);
        while (hi - lo > 1e-10) {
            if (f1 <= f2) {
                hi = b2;
                b2 = b1;
                f2 = f1;
                b1 = hi - g * (hi - lo);
                f1 = checkLoss(x, y, b1, tau, work);
            } else {
                lo = b1;
                b1 = b2;
                f1 = f2;
                b2 = lo + g * (hi - lo);
                f2 = checkLoss(x, y, b2, tau, work);
            }
        }
        double b = 0.5 * (lo + hi);
        double c = interceptAt(x, y, b, tau, work);
        return new PowerLawFit(FitMethod.QUANTILE, Math.exp(c), b, n);
    }

    /** Σ ρ_τ(y − c − b·x) with c the best intercept for this b. */
    private static double checkLoss(double[] x, double[] y, double b, double tau, double[] work) {
        double c = interceptAt(x, y, b, tau, work);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double u = y[i] - c - b * x[i];
            s += u >= 0 ? tau * u : (tau - 1) * u;
        }
        return s;
    }

    /** A τ-quantile of r = y − b·x minimising the check loss: the order statistic r_(⌈τn⌉). */
    private static double interceptAt(double[] x, double[] y, double b, double tau, double[] work) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            work[i] = y[i] - b * x[i];
        }
        Arrays.sort(work, 0, n);
        int k = Math.max(1, (int) Math.ceil(tau * n));
        return work[k - 1];
    }

    /** (ln Q, ln rate) of the usable points. */
    static double[][] logs(double[] q, double[] rate) {
        if (q.length != rate.length) {
            throw new IllegalArgumentException("Q and −dQ/dt differ in length: " + q.length + " vs " + rate.length);
        }
        double[] x = new double[q.length], y = new double[q.length];
        int n = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0 && rate[i] > 0 && Double.isFinite(q[i]) && Double.isFinite(rate[i])) {
                x[n] = Math.log(q[i]);
                y[n++] = Math.log(rate[i]);
            }
        }
        return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }
}

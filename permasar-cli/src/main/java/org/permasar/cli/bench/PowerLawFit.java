package org.permasar.cli.bench;

import java.util.Arrays;

/**
 * Least-squares fit of y = a·x^b in log–log space: ln y = ln a + b·ln x, ordinary least squares
 * over the points with x &gt; 0 and y &gt; 0 (others are skipped). The exponent b is what a scaling
 * curve is read for: b ≈ 1 is linear in the size, b &lt; 1 means a fixed cost (JVM or Python
 * start-up) still weighs on the smaller sizes.
 *
 * @param a           prefactor (y at x = 1)
 * @param b           exponent
 * @param rSquared    coefficient of determination in log space (NaN for two points or constant ln y)
 * @param points      points used
 */
record PowerLawFit(double a, double b, double rSquared, int points) {

    /**
     * Fits the power law.
     *
     * @throws IllegalArgumentException when x and y differ in length or fewer than two points have
     *                                  positive x and y, or all those x are equal
     */
    static PowerLawFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
        }
        int n = 0;
        double sx = 0, sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                sx += Math.log(x[i]);
                sy += Math.log(y[i]);
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least two points with x > 0 and y > 0, got x "
                    + Arrays.toString(x) + ", y " + Arrays.toString(y));
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double dx = Math.log(x[i]) - mx, dy = Math.log(y[i]) - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("all x are equal: " + Arrays.toString(x));
        }
        double b = sxy / sxx; // slope of ln y on ln x
        double r2 = n > 2 && syy > 0 ? sxy * sxy / (sxx * syy) : Double.NaN;
        return new PowerLawFit(Math.exp(my - b * mx), b, r2, n);
    }

    /** y at x. */
    double at(double x) {
        return a * Math.pow(x, b);
    }
}

package org.permasar.hazard;

import java.time.LocalDate;
import java.util.List;
import org.permasar.linalg.CholeskyKernel;

/**
 * Time-series classes of thaw slumps (SCIENCE.md §6, seed 004: stable, abrupt thaw, linear subsidence)
 * for one deformation series (a pixel's, or a slump polygon's mean): a single line
 * {@code d = a + v·t} against a continuous line with one break
 * {@code d = a + v₁·t + (v₂ − v₁)·max(0, t − t_b)} whose break t_b is searched over the acquisition dates
 * (not the first and last {@code minSide} on either side), chosen by the Bayesian information criterion
 * {@code BIC = n·ln(RSS/n) + k·ln n} (Schwarz 1978; k = 2 for the line, 4 for the broken line: a, v₁,
 * v₂ and t_b). Classes:
 * <ul>
 *   <li>{@link Kind#ABRUPT_THAW}: the broken line wins by more than {@code bicMargin} and the rate
 *       changes by at least {@code minRateChange} towards subsidence (v₂ − v₁ ≤ −minRateChange);</li>
 *   <li>{@link Kind#LINEAR_SUBSIDENCE}: otherwise, the line's rate is at most −{@code rateThreshold};</li>
 *   <li>{@link Kind#STABLE}: otherwise.</li>
 * </ul>
 * <p><b>Seasonal motion</b> ({@code annual} true): an annual sinusoid {@code s·sin 2πt + c·cos 2πt} is fitted
 * jointly in both models (k = 4 against 6), so the frozen-ground heave and thaw subsidence of every year neither
 * masquerades as a break nor biases the rates; without it the series must be deseasoned first.
 *
 * <p>Rates in the series' unit per year (t in years of 365.25 days from the first date). NaN values are
 * left out; fewer than {@code 2·minSide + 2} valid dates give {@link Kind#TOO_SHORT}. Thread-safe,
 * allocation per call only.
 *
 * @param rateThreshold subsidence rate above which a series is not stable, &gt; 0 (series unit per year)
 * @param minRateChange least change of rate that makes an abrupt thaw, &gt; 0 (series unit per year)
 * @param bicMargin     BIC advantage the broken line needs, ≥ 0
 * @param minSide       least valid dates on each side of a break, ≥ 2
 * @param annual        fit an annual sinusoid jointly (seasonal motion removed), or not
 */
public record SlumpSeriesClassifier(double rateThreshold, double minRateChange, double bicMargin, int minSide,
                                    boolean annual) {
    /** Days per year of the rates. */
    static final double YEAR = 365.25;

    /** The class of a series. */
    public enum Kind { STABLE, ABRUPT_THAW, LINEAR_SUBSIDENCE, TOO_SHORT }

    /**
     * @param kind       the class
     * @param rate       the single line's rate
     * @param breakDate  the best break (null unless {@link Kind#ABRUPT_THAW})
     * @param rateBefore v₁ of the broken line (NaN unless abrupt)
     * @param rateAfter  v₂ of the broken line (NaN unless abrupt)
     * @param deltaBic   BIC(line) − BIC(broken line): &gt; 0 favours the break
     */
    public record Result(Kind kind, double rate, LocalDate breakDate, double rateBefore, double rateAfter, double deltaBic) {
    }

    public SlumpSeriesClassifier {
        if (!(rateThreshold > 0) || !(minRateChange > 0) || !(bicMargin >= 0) || minSide < 2
                || Double.isInfinite(rateThreshold) || Double.isInfinite(minRateChange) || Double.isInfinite(bicMargin)) {
            throw new IllegalArgumentException("need rateThreshold > 0, minRateChange > 0, bicMargin ≥ 0, minSide ≥ 2; got "
                    + rateThreshold + ", " + minRateChange + ", " + bicMargin + ", " + minSide);
        }
    }

    /** Without the annual term (series already deseasoned). */
    public SlumpSeriesClassifier(double rateThreshold, double minRateChange, double bicMargin, int minSide) {
        this(rateThreshold, minRateChange, bicMargin, minSide, false);
    }

    /** Thresholds for series in mm: 5 mm/yr, a change of 10 mm/yr, a BIC margin of 10, 4 dates a side; no annual term. */
    public static SlumpSeriesClassifier millimetreDefaults() {
        return new SlumpSeriesClassifier(5, 10, 10, 4);
    }

    /** A copy that fits (or not) the annual sinusoid jointly. */
    public SlumpSeriesClassifier withAnnual(boolean withAnnual) {
        return new SlumpSeriesClassifier(rateThreshold, minRateChange, bicMargin, minSide, withAnnual);
    }

    /**
     * @param dates  acquisition dates, increasing
     * @param series displacement at those dates (NaN = missing), any unit (rates come out per year)
     */
    public Result classify(List<LocalDate> dates, double[] series) {
        if (dates.size() != series.length) {
            throw new IllegalArgumentException(dates.size() + " dates but " + series.length + " values");
        }
        int n = 0;
        for (double v : series) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        if (n < 2 * minSide + 2) {
            return new Result(Kind.TOO_SHORT, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] t = new double[n], y = new double[n];
        LocalDate[] d = new LocalDate[n];
        long t0 = dates.get(0).toEpochDay();
        for (int i = 0, k = 0; i < series.length; i++) {
            if (Double.isFinite(series[i])) {
                t[k] = (dates.get(i).toEpochDay() - t0) / YEAR;
                y[k] = series[i];
                d[k] = dates.get(i);
                k++;
            }
        }
        int seasonal = annual ? 2 : 0;
        double[] sin = annual ? new double[n] : null;
        double[] cos = annual ? new double[n] : null;
        for (int i = 0; annual && i < n; i++) {
            sin[i] = Math.sin(2 * Math.PI * t[i]);
            cos[i] = Math.cos(2 * Math.PI * t[i]);
        }
        double[] line = fit(t, y, Double.NaN, sin, cos);       // {a, v, 0, rss}
        double bicLine = bic(line[3], n, 2 + seasonal);
        double[] best = breakSearch(t, y, sin, cos);            // {a, v1, v2 − v1, rss, k}
        double bestRss = best == null ? Double.POSITIVE_INFINITY : best[3];
        int bestK = best == null ? -1 : (int) best[4];
        double dBic = best == null ? Double.NaN : bicLine - bic(bestRss, n, 4 + seasonal);
        if (best != null && dBic > bicMargin && best[2] <= -minRateChange) {
            return new Result(Kind.ABRUPT_THAW, line[1], d[bestK], best[1], best[1] + best[2], dBic);
        }
        Kind kind = line[1] <= -rateThreshold ? Kind.LINEAR_SUBSIDENCE : Kind.STABLE;
        return new Result(kind, line[1], null, Double.NaN, Double.NaN, dBic);
    }

    /**
     * The best break over t[minSide … n−minSide−1]: the least-squares broken line (with the annual columns when
     * {@code sin} is not null) at every candidate, from the normal equations updated in O(1) per candidate with
     * suffix sums (the hinge h = max(0, t − t_b) is t − t_b on the dates after the break: Σh·x = Σt·x − t_b Σx,
     * Σh² = Σt² − 2 t_b Σt + t_b² Σ1 over them) and RSS = yᵀy − β̂ᵀXᵀy. Returns {a, v₁, v₂ − v₁, rss, k} of the
     * least RSS (the earliest on ties), or null when no candidate is solvable. Same fits as {@link #fit}, in
     * O(n·p + n·p³) instead of O(n²·p²).
     */
    double[] breakSearch(double[] t, double[] y, double[] sin, double[] cos) {
        int n = t.length;
        int p = sin == null ? 2 : 4;                // base columns: 1, t, [sin, cos]
        int m = p + 1;                              // + the hinge, last
        double[] g0 = new double[p * p];
        double[] b0 = new double[p];
        double[] x = new double[p];
        double yy = 0;
        for (int i = 0; i < n; i++) {
            base(x, t[i], sin, cos, i);
            for (int a = 0; a < p; a++) {
                b0[a] += x[a] * y[i];
                for (int c = 0; c < p; c++) {
                    g0[a * p + c] += x[a] * x[c];
                }
            }
            yy += y[i] * y[i];
        }
        double[] sx = new double[p];                // Σ x over the suffix
        double[] stx = new double[p];               // Σ t·x over the suffix
        double sy = 0, sty = 0;
        double[] a = new double[m * m];
        double[] b = new double[m];
        double[] rhs = new double[m];
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int k = n - 2; k >= minSide; k--) {
            int i = k + 1;                          // the suffix is i > k
            base(x, t[i], sin, cos, i);
            for (int c = 0; c < p; c++) {
                sx[c] += x[c];
                stx[c] += t[i] * x[c];
            }
            sy += y[i];
            sty += t[i] * y[i];
            if (k >= n - minSide) {
                continue;
            }
            double tb = t[k];
            for (int r = 0; r < p; r++) {
                System.arraycopy(g0, r * p, a, r * m, p);
                double hx = stx[r] - tb * sx[r];    // Σ h·x_r
                a[r * m + p] = hx;
                a[p * m + r] = hx;
                rhs[r] = b0[r];
            }
            a[p * m + p] = stx[1] - 2 * tb * sx[1] + tb * tb * sx[0];   // Σ h²
            rhs[p] = sty - tb * sy;                                       // Σ h·y
            System.arraycopy(rhs, 0, b, 0, m);
            if (!CholeskyKernel.decompose(a, m)) {
                continue;
            }
            CholeskyKernel.solve(a, m, b);
            double rss = yy;
            for (int r = 0; r < m; r++) {
                rss -= b[r] * rhs[r];
            }
            rss = Math.max(rss, 0);
            if (rss <= bestRss) {
                bestRss = rss;
                best = new double[] {b[0], b[1], b[p], rss, k};
            }
        }
        return best;
    }

    private static void base(double[] x, double t, double[] sin, double[] cos, int i) {
        x[0] = 1;
        x[1] = t;
        if (sin != null) {
            x[2] = sin[i];
            x[3] = cos[i];
        }
    }

    private static double bic(double rss, int n, int k) {
        return n * Math.log(Math.max(rss, 1e-300) / n) + k * Math.log(n);
    }

    static double[] fit(double[] t, double[] y, double tb) {
        return fit(t, y, tb, null, null);
    }

    /**
     * Least squares of y = a + v·t (+ c·max(0, t − tb) when tb is finite) (+ s·sin 2πt + k·cos 2πt when
     * {@code sin}, {@code cos} hold sin 2πt and cos 2πt, else null) through the normal equations (Cholesky,
     * {@link CholeskyKernel}); returns {a, v, c, rss}, rss = +∞ when the columns are dependent.
     */
    static double[] fit(double[] t, double[] y, double tb, double[] sin, double[] cos) {
        int n = t.length;
        int hinge = Double.isNaN(tb) ? 0 : 1;
        boolean annual = sin != null;
        int m = 2 + hinge + (annual ? 2 : 0);
        double[] a = new double[m * m], b = new double[m], x = new double[m];
        for (int i = 0; i < n; i++) {
            row(x, t[i], tb, hinge, annual ? sin[i] : 0, annual ? cos[i] : 0, annual);
            for (int p = 0; p < m; p++) {
                b[p] += x[p] * y[i];
                for (int q = 0; q < m; q++) {
                    a[p * m + q] += x[p] * x[q];
                }
            }
        }
        if (!CholeskyKernel.decompose(a, m)) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY};
        }
        CholeskyKernel.solve(a, m, b);
        double rss = 0;
        for (int i = 0; i < n; i++) {
            row(x, t[i], tb, hinge, annual ? sin[i] : 0, annual ? cos[i] : 0, annual);
            double r = y[i];
            for (int p = 0; p < m; p++) {
                r -= b[p] * x[p];
            }
            rss += r * r;
        }
        return new double[] {b[0], b[1], hinge == 1 ? b[2] : 0, rss};
    }

    /** One row of the design: 1, t, [max(0, t − tb)], [sin 2πt, cos 2πt]. */
    private static void row(double[] x, double t, double tb, int hinge, double sin, double cos, boolean annual) {
        x[0] = 1;
        x[1] = t;
        if (hinge == 1) {
            x[2] = Math.max(0, t - tb);
        }
        if (annual) {
            x[2 + hinge] = sin;
            x[3 + hinge] = cos;
        }
    }
}

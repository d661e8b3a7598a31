package org.permasar.hazard;

import java.time.LocalDate;
import java.util.List;
import org.hipparchus.special.Erf;
import org.permasar.linalg.CholeskyKernel;

/**
 * Time-series classes of thaw slumps (SCIENCE.md §6, seed 004: stable, abrupt thaw, linear subsidence)
 * for one deformation series (a pixel's, or a slump polygon's mean): a single line
 * {@code d = a + v·t} against a continuous line with one break
 * {@code d = a + v₁·t + (v₂ − v₁)·max(0, t − t_b)} whose break t_b is the least-squares one, at an acquisition date
 * or between two, with at least {@code minSide} dates before it and {@code minSide} after it, chosen by the Bayesian
 * information criterion
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
 * <p><b>Precision of the break.</b> The least-squares break is the maximum-likelihood one for white noise of
 * standard deviation σ; it is asymptotically normal (Feder 1975, Ann. Statist. 3(1), the identified continuous case) with the
 * Cramér–Rao standard deviation {@code σ_τ = σ / (|Δv|·‖P⊥s‖)}, s the unit step 1[t &gt; t_b] (the break's column
 * of the Jacobian is −Δv·s) and P⊥ the projection away from the other columns (1, t, the hinge and the annual pair):
 * {@link #breakStdDays}. For N dates Δt apart and no annual term its continuum limit is
 * {@code σ_τ ≈ (2σ/|Δv|)·√(Δt·T/(L₁·L₂))} (T = L₁ + L₂, L₁ and L₂ the spans before and after the break): the best
 * continuous broken line with a kink at t_b leaves L₁L₂/(4T) of a unit step's ∫s², so ‖P⊥s‖² ≈ L₁L₂/(4TΔt). The
 * reported acquisition is within one of a break that lies on an acquisition when |τ̂ − t_b| &lt; 1.5 Δt, with
 * probability 2Φ(1.5 Δt/σ_τ) − 1 ({@link #nearestAcquisitionWithin}): 95 % at σ_τ = 0.77 Δt, 99.7 % at
 * σ_τ = Δt/2, which without the annual term holds for {@code |Δv|/σ ≥ 4/(Δt·√(N·f(1 − f)))}, f = L₁/T.
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
     * @param breakDate  the acquisition nearest the least-squares break (null unless {@link Kind#ABRUPT_THAW})
     * @param rateBefore v₁ of the broken line (NaN unless abrupt)
     * @param rateAfter  v₂ of the broken line (NaN unless abrupt)
     * @param deltaBic   BIC(line) − BIC(broken line): &gt; 0 favours the break
     * @param breakDay   the least-squares break itself, in days since 1970-01-01 ({@link LocalDate#toEpochDay()} with
     *                   a fraction; NaN unless abrupt)
     * @param breakStdDays its Cramér–Rao standard deviation in days ({@link #breakStdDays} with the fitted v₂ − v₁ and
     *                   σ̂² = RSS/(n − k) of the broken line; NaN unless abrupt)
     */
    public record Result(Kind kind, double rate, LocalDate breakDate, double rateBefore, double rateAfter, double deltaBic,
                         double breakDay, double breakStdDays) {
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
            return new Result(Kind.TOO_SHORT, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
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
        double[] best = breakSearch(t, y, sin, cos, true);      // {a, v1, v2 − v1, rss, τ, nearest k}
        double dBic = best == null ? Double.NaN : bicLine - bic(best[3], n, 4 + seasonal);
        if (best != null && dBic > bicMargin && best[2] <= -minRateChange) {
            double sigma = Math.sqrt(best[3] / (n - 4 - seasonal));
            double std = breakStd(t, best[4], best[2], sigma, sin, cos) * YEAR;
            return new Result(Kind.ABRUPT_THAW, line[1], d[(int) best[5]], best[1], best[1] + best[2], dBic,
                    t0 + best[4] * YEAR, std);
        }
        Kind kind = line[1] <= -rateThreshold ? Kind.LINEAR_SUBSIDENCE : Kind.STABLE;
        return new Result(kind, line[1], null, Double.NaN, Double.NaN, dBic, Double.NaN, Double.NaN);
    }

    /**
     * The least-squares break τ in [t[minSide], t[n−minSide−1]], at an acquisition or (with {@code between}) anywhere
     * between two, with the annual columns when {@code sin} is not null. Adding one column h to a least-squares fit
     * on the base columns X (1, t, [sin, cos]) lowers the RSS by (rᵀh)²/(hᵀP⊥h), r = P⊥y the base fit's residual,
     * P⊥ = I − X(XᵀX)⁻¹Xᵀ. For τ in [t_k, t_{k+1}] the hinge is h = u − τ·w with u = t and w = 1 on the dates after
     * t_k (0 before), so the reduction is g(τ) = (r_u − τ·r_w)² / (A − 2Bτ + Cτ²) with r_u = uᵀr, r_w = wᵀr,
     * A = uᵀP⊥u, B = uᵀP⊥w, C = wᵀP⊥w, each from suffix sums over the dates after t_k (Xᵀu = Σt·x, Xᵀw = Σx,
     * uᵀy = Σt·y, …) and (XᵀX)⁻¹ (once, by Cholesky): O(p²) per interval, no refit. g' = 0 where r_u − τ·r_w = 0
     * (g = 0, its minimum) and at τ* = (r_w·A − r_u·B) / (r_w·B − r_u·C), so the best τ of an interval is t_k or τ*
     * when inside (t_{k+1} is the next interval's start). The coefficients at the best τ come from its normal equations
     * (the sums over the dates after it once more): O(n·p + n·p²) in all, the same fits as {@link #fit}.
     *
     * @param between search between acquisitions too, or only at them
     * @return {a, v₁, v₂ − v₁, rss, τ, index of the acquisition nearest τ}, the earliest τ on ties; null when the
     *         base columns are dependent or no break is solvable
     */
    double[] breakSearch(double[] t, double[] y, double[] sin, double[] cos, boolean between) {
        int n = t.length;
        int p = sin == null ? 2 : 4;                // base columns: 1, t, [sin, cos]
        double[] g0 = new double[p * p];            // XᵀX
        double[] b0 = new double[p];                // Xᵀy
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
        double[] l = g0.clone();                    // the Cholesky factor of XᵀX
        double[] beta = b0.clone();                 // the base fit
        if (!CholeskyKernel.decompose(l, p)) {
            return null;
        }
        CholeskyKernel.solve(l, p, beta);
        double[] gi = new double[p * p];            // (XᵀX)⁻¹
        CholeskyKernel.invert(l, p, gi, x);
        double[] sx = new double[p];                // Σ x over the dates after t_k  (Xᵀw)
        double[] stx = new double[p];               // Σ t·x over them               (Xᵀu)
        double sy = 0, sty = 0;
        double bestGain = -1, bestTau = Double.NaN;
        int bestK = -1;
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
            // A = uᵀu − (Xᵀu)ᵀ(XᵀX)⁻¹Xᵀu, … with uᵀu = Σt² = stx[1], uᵀw = Σt = sx[1], wᵀw = count = sx[0]
            double qa = stx[1], qb = sx[1], qc = sx[0], ru = sty, rw = sy;
            for (int c = 0; c < p; c++) {
                double zu = 0, zw = 0;              // ((XᵀX)⁻¹Xᵀu)_c, ((XᵀX)⁻¹Xᵀw)_c
                for (int d = 0; d < p; d++) {
                    zu += gi[c * p + d] * stx[d];
                    zw += gi[c * p + d] * sx[d];
                }
                qa -= stx[c] * zu;
                qb -= stx[c] * zw;
                qc -= sx[c] * zw;
                ru -= stx[c] * beta[c];
                rw -= sx[c] * beta[c];
            }
            double g = gain(t[k], qa, qb, qc, ru, rw, stx[1], sx[1], sx[0]);
            if (g >= bestGain) {
                bestGain = g;
                bestTau = t[k];
                bestK = k;
            }
            if (between && k < n - minSide - 1) {
                double star = (rw * qa - ru * qb) / (rw * qb - ru * qc);
                if (star > t[k] && star < t[k + 1]) {
                    double gs = gain(star, qa, qb, qc, ru, rw, stx[1], sx[1], sx[0]);
                    if (gs > bestGain) {
                        bestGain = gs;
                        bestTau = star;
                        bestK = k;
                    }
                }
            }
        }
        if (bestGain < 0) {
            return null;
        }
        int nearest = bestK + 1 < n && t[bestK + 1] - bestTau < bestTau - t[bestK] ? bestK + 1 : bestK;
        double[] fit = brokenLine(t, y, sin, cos, bestTau, bestK, g0, b0, yy);
        return fit == null ? null : new double[] {fit[0], fit[1], fit[2], fit[3], bestTau, nearest};
    }

    /**
     * The broken line with its break at τ in [t_k, t_{k+1}) from its normal equations: XᵀX ({@code g0}, p×p), Xᵀy
     * ({@code b0}), and the hinge's Σh·x = Σt·x − τΣx, Σh² = Σt² − 2τΣt + τ²Σ1, Σh·y = Σt·y − τΣy over the dates
     * after t_k; RSS = yᵀy − β̂ᵀXᵀy. Returns {a, v₁, v₂ − v₁, rss}, or null when the hinge depends on the base.
     */
    private static double[] brokenLine(double[] t, double[] y, double[] sin, double[] cos, double tau, int k, double[] g0,
                                       double[] b0, double yy) {
        int p = b0.length;
        double[] x = new double[p];
        double[] sx = new double[p];
        double[] stx = new double[p];
        double sy = 0, sty = 0;
        for (int i = k + 1; i < t.length; i++) {
            base(x, t[i], sin, cos, i);
            for (int c = 0; c < p; c++) {
                sx[c] += x[c];
                stx[c] += t[i] * x[c];
            }
            sy += y[i];
            sty += t[i] * y[i];
        }
        int m = p + 1;                              // + the hinge, last
        double[] a = new double[m * m];
        double[] rhs = new double[m];
        for (int r = 0; r < p; r++) {
            System.arraycopy(g0, r * p, a, r * m, p);
            a[r * m + p] = stx[r] - tau * sx[r];
            a[p * m + r] = a[r * m + p];
            rhs[r] = b0[r];
        }
        a[p * m + p] = stx[1] - 2 * tau * sx[1] + tau * tau * sx[0];
        rhs[p] = sty - tau * sy;
        double[] b = rhs.clone();
        if (!CholeskyKernel.decompose(a, m)) {
            return null;
        }
        CholeskyKernel.solve(a, m, b);
        double rss = yy;
        for (int r = 0; r < m; r++) {
            rss -= b[r] * rhs[r];
        }
        return new double[] {b[0], b[1], b[p], Math.max(rss, 0)};
    }

    /**
     * The RSS reduction (r_u − τ·r_w)² / (A − 2Bτ + Cτ²) of the hinge at τ, or −1 when the hinge depends on the base
     * columns (hᵀP⊥h ≤ 10⁻¹³·hᵀh, {@link CholeskyKernel}'s pivot rule; hᵀh = Σt² − 2τΣt + τ²·count).
     */
    private static double gain(double tau, double qa, double qb, double qc, double ru, double rw, double stt, double st,
                               double count) {
        double q = qa - 2 * tau * qb + tau * tau * qc;
        double hh = stt - 2 * tau * st + tau * tau * count;
        if (!CholeskyKernel.acceptsPivot(q, hh, CholeskyKernel.DEFAULT_REL_TOL)) {
            return -1;
        }
        double r = ru - tau * rw;
        return r * r / q;
    }

    /**
     * The Cramér–Rao standard deviation of the break time of a continuous broken line (with this classifier's annual
     * term when {@link #annual}) fitted to white noise of standard deviation {@code sigma} at {@code dates}: see the
     * class comment. Depends on the dates, where the break lies among them, and |Δv|/σ only.
     *
     * @param dates      the acquisitions with a value, increasing
     * @param breakDay   the break, days since 1970-01-01 (fractional)
     * @param rateChange v₂ − v₁, series unit per year, ≠ 0
     * @param sigma      noise standard deviation, series unit, &gt; 0
     * @return σ_τ in days; +∞ when the columns are dependent (too few dates on a side of the break)
     */
    public double breakStdDays(List<LocalDate> dates, double breakDay, double rateChange, double sigma) {
        if (!(sigma > 0) || !(Math.abs(rateChange) > 0) || !Double.isFinite(breakDay) || dates.isEmpty()) {
            throw new IllegalArgumentException("need dates, a finite break, rateChange ≠ 0, sigma > 0; got "
                    + dates.size() + " dates, " + breakDay + ", " + rateChange + ", " + sigma);
        }
        long t0 = dates.get(0).toEpochDay();
        double[] t = new double[dates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (dates.get(i).toEpochDay() - t0) / YEAR;
        }
        return breakStd(t, (breakDay - t0) / YEAR, rateChange, sigma, annual) * YEAR;
    }

    /**
     * The probability that the acquisition nearest a break estimate τ̂ ~ N(t_b, σ_τ²) is within {@code acquisitions}
     * of a true break t_b that lies on an acquisition, the dates {@code intervalDays} apart:
     * P(|τ̂ − t_b| &lt; (k + ½)·Δt) = erf((k + ½)·Δt / (σ_τ·√2)), i.e. 2Φ(1.5 Δt/σ_τ) − 1 for one acquisition.
     *
     * @param acquisitions k ≥ 0
     * @param sigmaDays    σ_τ in days, &gt; 0 ({@link #breakStdDays})
     * @param intervalDays Δt in days, &gt; 0
     */
    public static double nearestAcquisitionWithin(int acquisitions, double sigmaDays, double intervalDays) {
        if (acquisitions < 0 || !(sigmaDays > 0) || !(intervalDays > 0)) {
            throw new IllegalArgumentException("need acquisitions ≥ 0, sigmaDays > 0, intervalDays > 0; got "
                    + acquisitions + ", " + sigmaDays + ", " + intervalDays);
        }
        return Erf.erf((acquisitions + 0.5) * intervalDays / (sigmaDays * Math.sqrt(2)));
    }

    /** {@link #breakStd(double[], double, double, double, double[], double[])} with sin 2πt, cos 2πt when annual. */
    static double breakStd(double[] t, double tb, double rateChange, double sigma, boolean annual) {
        double[] sin = annual ? new double[t.length] : null;
        double[] cos = annual ? new double[t.length] : null;
        for (int i = 0; annual && i < t.length; i++) {
            sin[i] = Math.sin(2 * Math.PI * t[i]);
            cos[i] = Math.cos(2 * Math.PI * t[i]);
        }
        return breakStd(t, tb, rateChange, sigma, sin, cos);
    }

    /**
     * σ_τ (years) = σ / (|Δv|·‖P⊥s‖) with s = 1[t &gt; t_b] (½ at t = t_b, the mean of its one-sided derivatives):
     * ‖P⊥s‖ is the last diagonal entry of the Cholesky factor of the Gram matrix of (1, t, hinge, [sin, cos], s);
     * {@code sin}, {@code cos} hold sin 2πt and cos 2πt, or are null (no annual term).
     */
    static double breakStd(double[] t, double tb, double rateChange, double sigma, double[] sin, double[] cos) {
        int m = sin == null ? 4 : 6;
        double[] g = new double[m * m];
        double[] x = new double[m];
        for (int i = 0; i < t.length; i++) {
            x[0] = 1;
            x[1] = t[i];
            x[2] = Math.max(0, t[i] - tb);
            if (sin != null) {
                x[3] = sin[i];
                x[4] = cos[i];
            }
            x[m - 1] = t[i] > tb ? 1 : t[i] == tb ? 0.5 : 0;
            for (int a = 0; a < m; a++) {
                for (int c = 0; c <= a; c++) {      // the lower triangle, all that decompose reads
                    g[a * m + c] += x[a] * x[c];
                }
            }
        }
        if (!CholeskyKernel.decompose(g, m)) {
            return Double.POSITIVE_INFINITY;
        }
        return sigma / (Math.abs(rateChange) * g[m * m - 1]);
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

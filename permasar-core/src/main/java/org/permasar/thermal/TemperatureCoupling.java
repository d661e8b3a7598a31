package org.permasar.thermal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Lag between a deformation series and a temperature series (seed 002 §4.1: the peaks of surface
 * deformation lag the annual minimum of ground temperature by about four months).
 *
 * <p>Method. Times are days (epoch days, {@link LocalDate#toEpochDay()}, fractions allowed). The
 * temperature (any sampling, e.g. daily station values or LST composites) is put on a daily grid by
 * linear interpolation between valid samples at most {@code maxGapDays} apart, its least-squares line
 * is removed, and it is smoothed by a centred running mean of {@code smoothDays} days (so the smoothing
 * adds no lag). The deformation series (irregular InSAR dates) loses its least-squares line. For every
 * integer lag L in [{@code minLagDays}, {@code maxLagDays}] the Pearson correlation
 * r(L) = corr(d(t_i), T(t_i − L)) is taken over the dates where both exist; L &gt; 0 means the
 * deformation follows the temperature. With {@link Extremum#MIN} the lag is where r is most negative
 * (deformation maximum ↔ temperature minimum, the seed's reading); with {@link Extremum#MAX} where r is
 * largest. The integer extremum is refined by the vertex of the parabola through it and its two
 * neighbours.
 *
 * <p>Uncertainty: a block bootstrap over calendar years of the deformation dates (Künsch 1989; years are
 * the natural blocks of a seasonal process, and resampling single dates would treat autocorrelated
 * residuals as independent). Each replicate draws the years (those with ≥ minPairs pairs at the lag)
 * with replacement, recomputes r(L) with each date weighted by its year's multiplicity and takes its
 * extremum; deviations from the estimate are
 * wrapped into ±P/2 when the lag range spans a period P. The interval is lag ± t(1 − α/2, m − 1)·s_boot,
 * m the number of years (a Student quantile, because with a handful of blocks the bootstrap spread
 * understates the sampling spread). Cross-check: annual sinusoids A·cos(ω(t − t_max)) + a + v·t fitted
 * by least squares to each series (ω = 2π/365.25 d⁻¹) give the phase lag of the deformation maximum
 * behind the temperature minimum ({@code MIN}) or maximum ({@code MAX}), with its formal σ by the delta
 * method on (cos, sin) coefficients; the temperature's residual variance is inflated by the AR(1)
 * factor (1 + ρ)/(1 − ρ) of its daily residuals (weather is autocorrelated).
 *
 * <p>NaN policy: NaN samples of either series are skipped; a lag with fewer than {@code minPairs} pairs
 * has r = NaN; a result with no finite r has lag NaN. Units: days for lags, the input units for
 * amplitudes. Stateless and thread-safe.
 */
public final class TemperatureCoupling {
    private static final int MOMENTS = 6;
    /** Tropical year in days, the period of the annual terms. */
    public static final double YEAR_DAYS = 365.25;

    /** Which extremum of r(L) defines the lag. */
    public enum Extremum {
        /** Most negative r: deformation maximum follows the temperature minimum. */
        MIN,
        /** Largest r: deformation maximum follows the temperature maximum. */
        MAX
    }

    /**
     * Settings.
     *
     * @param minLagDays smallest lag, days
     * @param maxLagDays largest lag, days (≥ minLagDays)
     * @param extremum which extremum of r(L)
     * @param smoothDays width of the centred running mean of the daily temperature, days (odd ≥ 1)
     * @param maxGapDays largest gap between temperature samples bridged by linear interpolation, days
     * @param minPairs fewest (deformation, temperature) pairs for r(L)
     * @param bootstrap year-block bootstrap replicates (0: no interval)
     * @param confidence two-sided confidence level of the interval, in (0, 1)
     * @param seed random seed of the bootstrap
     */
    public record Parameters(int minLagDays, int maxLagDays, Extremum extremum, int smoothDays, int maxGapDays,
            int minPairs, int bootstrap, double confidence, long seed) {
        public Parameters {
            if (maxLagDays < minLagDays) {
                throw new IllegalArgumentException("lag range [" + minLagDays + ", " + maxLagDays + "] is empty");
            }
            if (extremum == null) {
                throw new IllegalArgumentException("extremum must be MIN or MAX");
            }
            if (smoothDays < 1 || smoothDays % 2 == 0) {
                throw new IllegalArgumentException("smoothDays must be odd and ≥ 1, got " + smoothDays);
            }
            if (maxGapDays < 1) {
                throw new IllegalArgumentException("maxGapDays must be ≥ 1, got " + maxGapDays);
            }
            if (minPairs < 3) {
                throw new IllegalArgumentException("minPairs must be ≥ 3, got " + minPairs);
            }
            if (bootstrap < 0) {
                throw new IllegalArgumentException("bootstrap must be ≥ 0, got " + bootstrap);
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
        }

        /** Lags 0…364 d, minimum, 31-day smoothing, gaps ≤ 20 d, ≥ 10 pairs, 1000 replicates, 95 %. */
        public static Parameters defaults() {
            return new Parameters(0, 364, Extremum.MIN, 31, 20, 10, 1000, 0.95, 20261207L);
        }

        public Parameters withBootstrap(int b) {
            return new Parameters(minLagDays, maxLagDays, extremum, smoothDays, maxGapDays, minPairs, b, confidence, seed);
        }

        public Parameters withSeed(long s) {
            return new Parameters(minLagDays, maxLagDays, extremum, smoothDays, maxGapDays, minPairs, bootstrap, confidence, s);
        }

        public Parameters withSmoothDays(int w) {
            return new Parameters(minLagDays, maxLagDays, extremum, w, maxGapDays, minPairs, bootstrap, confidence, seed);
        }

        public Parameters withMaxGapDays(int g) {
            return new Parameters(minLagDays, maxLagDays, extremum, smoothDays, g, minPairs, bootstrap, confidence, seed);
        }
    }

    /**
     * The outcome.
     *
     * @param lags the lags tried, days
     * @param r r(L) at each lag (NaN where too few pairs)
     * @param pairs pairs at each lag
     * @param lag lag of the extremum, days (sub-day refined), NaN if none
     * @param rAtLag r at the integer extremum
     * @param lagStd year-block bootstrap standard deviation, days (NaN without bootstrap or &lt; 2 years)
     * @param lagLow lower end of the interval, days
     * @param lagHigh upper end of the interval, days
     * @param years calendar years with ≥ minPairs pairs at the chosen lag (the bootstrap blocks; shorter
     *     stubs of years count in r(L) but are not drawn)
     * @param phaseLag lag of the fitted deformation maximum behind the fitted temperature extremum, days,
     *     wrapped into [minLag, minLag + P)
     * @param phaseLagStd its formal σ, days
     * @param deformationAmplitude fitted annual semi-amplitude of the deformation, input units
     * @param temperatureAmplitude fitted annual semi-amplitude of the temperature, input units
     * @param deformationAnomaly detrended deformation at each input date (NaN where input NaN)
     * @param temperatureStartDay epoch day of {@code temperatureDaily[0]}
     * @param temperatureDaily detrended, smoothed daily temperature
     */
    public record Result(int[] lags, double[] r, int[] pairs, double lag, double rAtLag, double lagStd, double lagLow,
            double lagHigh, int years, double phaseLag, double phaseLagStd, double deformationAmplitude,
            double temperatureAmplitude, double[] deformationAnomaly, long temperatureStartDay, double[] temperatureDaily) {
    }

    private TemperatureCoupling() {
    }

    /**
     * Cross-correlation, lag and its uncertainty.
     *
     * @param defDays epoch days of the deformation samples (any order)
     * @param def deformation (any unit, NaN = missing)
     * @param tempDays epoch days of the temperature samples, increasing
     * @param temp temperature (°C, NaN = missing)
     * @throws IllegalArgumentException when array lengths differ, temperature days do not increase, or
     *     fewer than four valid deformation samples remain
     */
    public static Result compute(double[] defDays, double[] def, double[] tempDays, double[] temp, Parameters p) {
        if (defDays.length != def.length || tempDays.length != temp.length) {
            throw new IllegalArgumentException("dates and values differ in length: deformation " + defDays.length + "/"
                    + def.length + ", temperature " + tempDays.length + "/" + temp.length);
        }
        for (int i = 1; i < tempDays.length; i++) {
            if (!(tempDays[i] > tempDays[i - 1])) {
                throw new IllegalArgumentException("temperature days must increase, day " + tempDays[i] + " after " + tempDays[i - 1]);
            }
        }
        // valid deformation samples
        int n = 0;
        for (int i = 0; i < def.length; i++) {
            n += Double.isFinite(def[i]) && Double.isFinite(defDays[i]) ? 1 : 0;
        }
        if (n < 4) {
            throw new IllegalArgumentException("the deformation series has " + n + " valid samples; at least 4 are needed");
        }
        double[] t = new double[n], d = new double[n];
        for (int i = 0, k = 0; i < def.length; i++) {
            if (Double.isFinite(def[i]) && Double.isFinite(defDays[i])) {
                t[k] = defDays[i];
                d[k++] = def[i];
            }
        }
        // the line of the joint fit a + v·t + annual term, so that part-years do not bend the line
        double[] fd = sinusoid(t, d, false);
        double[] anomaly = new double[def.length];
        for (int i = 0; i < def.length; i++) {
            anomaly[i] = def[i] - (fd[3] + fd[4] * defDays[i]);
        }
        double[] da = new double[n];
        for (int k = 0; k < n; k++) {
            da[k] = d[k] - (fd[3] + fd[4] * t[k]);
        }
        // daily temperature: interpolated, detrended, smoothed
        long start = (long) Math.floor(firstFinite(tempDays, temp));
        long end = (long) Math.ceil(lastFinite(tempDays, temp));
        double[] raw = daily(tempDays, temp, start, end, p.maxGapDays());
        double[] daysAxis = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            daysAxis[i] = start + i;
        }
        double[] fT = sinusoid(finiteDays(daysAxis, raw), finiteValues(raw), true);
        double[] detr = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            detr[i] = raw[i] - (fT[3] + fT[4] * daysAxis[i]);
        }
        double[] smooth = runningMean(detr, p.smoothDays());

        int nl = p.maxLagDays() - p.minLagDays() + 1;
        int[] lags = new int[nl];
        for (int l = 0; l < nl; l++) {
            lags[l] = p.minLagDays() + l;
        }
        // year of every date: the bootstrap blocks
        int[] distinct = Arrays.stream(t).mapToInt(x -> LocalDate.ofEpochDay((long) Math.floor(x)).getYear()).distinct().sorted()
                .toArray();
        int m = distinct.length;
        int[] yearOf = new int[n];
        for (int k = 0; k < n; k++) {
            yearOf[k] = Arrays.binarySearch(distinct, LocalDate.ofEpochDay((long) Math.floor(t[k])).getYear());
        }
        // per lag and year the moments {count, Σx, Σy, Σx², Σy², Σxy} of the pairs (x = T(t_k − L), y = d_k);
        // a bootstrap replicate is then a weighted sum over years, O(lags × years)
        double[] mom = new double[nl * m * MOMENTS];
        for (int l = 0; l < nl; l++) {
            for (int k = 0; k < n; k++) {
                double x = at(smooth, start, t[k] - lags[l]);
                if (Double.isNaN(x)) {
                    continue;
                }
                int o = (l * m + yearOf[k]) * MOMENTS;
                double y = da[k];
                mom[o] += 1;
                mom[o + 1] += x;
                mom[o + 2] += y;
                mom[o + 3] += x * x;
                mom[o + 4] += y * y;
                mom[o + 5] += x * y;
            }
        }
        int[] ones = new int[m];
        Arrays.fill(ones, 1);
        double[] r = new double[nl];
        int[] pairs = new int[nl];
        correlations(mom, m, ones, p.minPairs(), r, pairs);
        int best = extremum(r, p.extremum());
        double lag = best < 0 ? Double.NaN : refine(r, best, lags);
        double rAt = best < 0 ? Double.NaN : r[best];

        // blocks: the years with at least minPairs pairs at the chosen lag (a year outside the temperature
        // record adds nothing, and a stub of a few dates alone would give a meaningless r(L))
        int[] active = best < 0 ? new int[0]
                : java.util.stream.IntStream.range(0, m).filter(j -> mom[(best * m + j) * MOMENTS] >= p.minPairs()).toArray();
        int ma = active.length;
        double lagStd = Double.NaN, lo = Double.NaN, hi = Double.NaN;
        boolean periodic = nl >= YEAR_DAYS;
        if (p.bootstrap() > 0 && ma >= 2 && Double.isFinite(lag)) {
            SplittableRandom rnd = new SplittableRandom(p.seed());
            double[] rb = new double[nl];
            int[] pb = new int[nl];
            int[] mult = new int[m];
            double s1 = 0, s2 = 0;
            int ok = 0;
            for (int b = 0; b < p.bootstrap(); b++) {
                Arrays.fill(mult, 0);
                for (int j = 0; j < ma; j++) {
                    mult[active[rnd.nextInt(ma)]]++;
                }
                correlations(mom, m, mult, p.minPairs(), rb, pb);
                int bb = extremum(rb, p.extremum());
                if (bb < 0) {
                    continue;
                }
                double dev = refine(rb, bb, lags) - lag;
                if (periodic) {
                    dev -= YEAR_DAYS * Math.rint(dev / YEAR_DAYS);
                }
                s1 += dev;
                s2 += dev * dev;
                ok++;
            }
            if (ok >= 2) {
                double mean = s1 / ok;
                lagStd = Math.sqrt(Math.max(0, (s2 - ok * mean * mean) / (ok - 1)));
                double q = new TDistribution(ma - 1).inverseCumulativeProbability(0.5 + p.confidence() / 2);
                lo = lag - q * lagStd;
                hi = lag + q * lagStd;
            }
        }

        // sinusoid cross-check
        double shift = p.extremum() == Extremum.MIN ? YEAR_DAYS / 2 : 0;
        double ph = fd[1] - fT[1] - shift;
        ph = p.minLagDays() + mod(ph - p.minLagDays(), YEAR_DAYS);
        double phStd = Math.hypot(fd[2], fT[2]);
        return new Result(lags, r, pairs, lag, rAt, lagStd, lo, hi, ma, ph, phStd, fd[0], fT[0], anomaly, start, smooth);
    }

    /** Pearson r per lag from the per-year moments, each year counted {@code mult[j]} times. */
    private static void correlations(double[] mom, int m, int[] mult, int minPairs, double[] r, int[] pairs) {
        for (int l = 0; l < r.length; l++) {
            double c = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            int distinct = 0;
            for (int j = 0; j < m; j++) {
                if (mult[j] == 0) {
                    continue;
                }
                int o = (l * m + j) * MOMENTS;
                double w = mult[j];
                distinct += (int) mom[o];
                c += w * mom[o];
                sx += w * mom[o + 1];
                sy += w * mom[o + 2];
                sxx += w * mom[o + 3];
                syy += w * mom[o + 4];
                sxy += w * mom[o + 5];
            }
            pairs[l] = distinct; // distinct pairs: a year drawn twice adds no information
            if (distinct < minPairs) {
                r[l] = Double.NaN;
                continue;
            }
            // r = (Σxy − ΣxΣy/n) / √((Σx² − (Σx)²/n)(Σy² − (Σy)²/n)); both series are anomalies, so the
            // raw moments do not cancel badly
            double vx = sxx - sx * sx / c, vy = syy - sy * sy / c;
            r[l] = vx > 0 && vy > 0 ? (sxy - sx * sy / c) / Math.sqrt(vx * vy) : Double.NaN;
        }
    }

    private static int extremum(double[] r, Extremum e) {
        int best = -1;
        for (int l = 0; l < r.length; l++) {
            if (!Double.isNaN(r[l]) && (best < 0 || (e == Extremum.MIN ? r[l] < r[best] : r[l] > r[best]))) {
                best = l;
            }
        }
        return best;
    }

    /** Vertex of the parabola through the extremum and its neighbours (integer lag at the range ends). */
    private static double refine(double[] r, int i, int[] lags) {
        if (i == 0 || i == r.length - 1 || Double.isNaN(r[i - 1]) || Double.isNaN(r[i + 1])) {
            return lags[i];
        }
        double den = r[i - 1] - 2 * r[i] + r[i + 1];
        if (den == 0) {
            return lags[i];
        }
        double off = 0.5 * (r[i - 1] - r[i + 1]) / den;
        return lags[i] + Math.max(-0.5, Math.min(0.5, off));
    }

    /**
     * Least-squares a + v·t + c·cos ωt + s·sin ωt; returns {semi-amplitude, day of the maximum in [0, P)
     * relative to epoch day 0, formal σ of that day, a and v of the line a + v·t (t in epoch days)}.
     */
    static double[] sinusoid(double[] t, double[] y, boolean ar1) {
        int n = t.length;
        double w = 2 * Math.PI / YEAR_DAYS;
        double t0 = 0;
        for (double x : t) {
            t0 += x / n;
        }
        double[][] ata = new double[4][4];
        double[] aty = new double[4];
        double[] row = new double[4];
        for (int k = 0; k < n; k++) {
            fill(row, t[k], t0, w);
            for (int i = 0; i < 4; i++) {
                aty[i] += row[i] * y[k];
                for (int j = 0; j < 4; j++) {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
        double[][] inv = invert(ata);
        double[] beta = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                beta[i] += inv[i][j] * aty[j];
            }
        }
        double ss = 0, prev = Double.NaN, s01 = 0, s00 = 0;
        for (int k = 0; k < n; k++) {
            fill(row, t[k], t0, w);
            double e = y[k];
            for (int i = 0; i < 4; i++) {
                e -= row[i] * beta[i];
            }
            ss += e * e;
            if (!Double.isNaN(prev)) {
                s01 += prev * e;
                s00 += prev * prev;
            }
            prev = e;
        }
        double s2 = ss / Math.max(1, n - 4);
        if (ar1 && s00 > 0) {
            double rho = Math.max(0, Math.min(0.99, s01 / s00));
            s2 *= (1 + rho) / (1 - rho);
        }
        double c = beta[2], s = beta[3], a2 = c * c + s * s;
        // c·cos ωt + s·sin ωt = A·cos(ωt − φ), φ = atan2(s, c); maximum at t = φ/ω
        double phi = Math.atan2(s, c);
        double varPhi = s2 * (s * s * inv[2][2] - 2 * s * c * inv[2][3] + c * c * inv[3][3]) / (a2 * a2);
        double v = beta[1] / YEAR_DAYS;
        return new double[] {Math.sqrt(a2), mod(phi / w, YEAR_DAYS), Math.sqrt(varPhi) / w, beta[0] - v * t0, v};
    }

    private static void fill(double[] row, double t, double t0, double w) {
        row[0] = 1;
        row[1] = (t - t0) / YEAR_DAYS;
        row[2] = Math.cos(w * t);
        row[3] = Math.sin(w * t);
    }

    /** Gauss–Jordan inverse of a small symmetric positive-definite matrix. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[piv];
            m[piv] = tmp;
            double d = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** Daily values start…end by linear interpolation between valid samples ≤ maxGap days apart. */
    private static double[] daily(double[] days, double[] v, long start, long end, int maxGap) {
        double[] out = new double[(int) (end - start + 1)];
        Arrays.fill(out, Double.NaN);
        int prev = -1;
        for (int i = 0; i < days.length; i++) {
            if (!Double.isFinite(v[i])) {
                continue;
            }
            if (prev >= 0 && days[i] - days[prev] <= maxGap) {
                for (long d = (long) Math.ceil(days[prev]); d <= days[i]; d++) {
                    double f = (d - days[prev]) / (days[i] - days[prev]);
                    out[(int) (d - start)] = v[prev] + f * (v[i] - v[prev]);
                }
            } else if (days[i] == Math.rint(days[i])) {
                out[(int) ((long) days[i] - start)] = v[i];
            }
            prev = i;
        }
        return out;
    }

    /** Centred running mean of width w; NaN where fewer than half the window is valid. */
    private static double[] runningMean(double[] x, int w) {
        int h = w / 2;
        double[] out = new double[x.length];
        double s = 0;
        int c = 0;
        for (int i = 0; i < Math.min(h, x.length); i++) {
            if (!Double.isNaN(x[i])) {
                s += x[i];
                c++;
            }
        }
        for (int i = 0; i < x.length; i++) {
            int in = i + h, outIdx = i - h - 1;
            if (in < x.length && !Double.isNaN(x[in])) {
                s += x[in];
                c++;
            }
            if (outIdx >= 0 && !Double.isNaN(x[outIdx])) {
                s -= x[outIdx];
                c--;
            }
            out[i] = c > 0 && 2 * c >= w ? s / c : Double.NaN;
        }
        return out;
    }

    /** Linear interpolation of a daily array at a (fractional) epoch day; NaN outside. */
    private static double at(double[] daily, long start, double day) {
        double x = day - start;
        if (x < 0 || x > daily.length - 1) {
            return Double.NaN;
        }
        int i = (int) Math.floor(x);
        double f = x - i;
        if (f == 0 || i + 1 >= daily.length) {
            return daily[i];
        }
        return daily[i] * (1 - f) + daily[i + 1] * f;
    }

    private static double firstFinite(double[] t, double[] v) {
        for (int i = 0; i < t.length; i++) {
            if (Double.isFinite(v[i])) {
                return t[i];
            }
        }
        throw new IllegalArgumentException("the temperature series has no valid value");
    }

    private static double lastFinite(double[] t, double[] v) {
        for (int i = t.length - 1; i >= 0; i--) {
            if (Double.isFinite(v[i])) {
                return t[i];
            }
        }
        throw new IllegalArgumentException("the temperature series has no valid value");
    }

    private static double[] finiteDays(double[] t, double[] v) {
        return java.util.stream.IntStream.range(0, t.length).filter(i -> Double.isFinite(v[i])).mapToDouble(i -> t[i]).toArray();
    }

    private static double[] finiteValues(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static double mod(double x, double p) {
        double r = x % p;
        return r < 0 ? r + p : r;
    }
}

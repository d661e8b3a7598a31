package org.permasar.timefn;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Per-pixel seasonality test of Zhang et al. (seed 002, §2.3): remove the linear trend, fit three
 * sinusoids (annual, semi-annual and one-third-year harmonics), sample the fitted curve daily from
 * the first to the last date, count its peaks and troughs; a pixel is seasonal when the count lies
 * within {@code 2·Y ± tolerance}, Y = years covered (span in days / 365.25). The paper uses 16 ± 2
 * for 2014–2022.
 *
 * <p>Optional extensions, all off in {@link #PAPER}:
 * <ul>
 * <li>{@code prominence} &gt; 0: an extremum counts only when the curve has moved by more than
 * {@code prominence × (max − min)} of the daily curve since the previous one (a zig-zag filter).
 * Permafrost seasonal subsidence is not sinusoidal (a √ADDT rise in summer, a flat frozen winter);
 * three harmonics of such a curve ripple in winter and add small extrema that the paper's count
 * takes for extra seasons (measured on the simulated PECM scene: 7–8 extrema in 2 years instead of
 * 4, so 0–3 % of seasonal pixels pass the paper's count, 100 % with prominence 0.2).</li>
 * <li>{@code minPeakToTrough} &gt; 0 (m): the peak-to-trough amplitude 2|A| of a trend + annual fit
 * must reach it (e.g. 1 mm, below InSAR's detection limit).</li>
 * <li>{@code minAnnualSnr} &gt; 0: |A| ≥ minAnnualSnr · σ_|A| for the annual term of a trend +
 * annual fit, which rejects pure noise whose fitted harmonics happen to peak once a year.</li>
 * </ul>
 *
 * <p>Input layout {@code data[date*npix + pixel]} (m), NaN = missing. Pixels that cannot be fitted
 * are not seasonal (count −1). Thread-safe.
 *
 * @param tolerance       allowed |count − 2Y|, ≥ 0 (paper: 2)
 * @param minAnnualSnr    0 = off; else the amplitude-significance gate
 * @param prominence      fraction of the curve's range an extremum must stand out, in [0, 1) (0 = the paper's count)
 * @param minPeakToTrough amplitude floor in m, ≥ 0 (0 = off)
 */
public record SeasonalityClassifier(double tolerance, double minAnnualSnr, double prominence, double minPeakToTrough)
        implements java.io.Serializable {

    /** The paper's classifier (tolerance 2, no extension). */
    public static final SeasonalityClassifier PAPER = new SeasonalityClassifier(2, 0);

    public SeasonalityClassifier {
        if (!(tolerance >= 0) || !(minAnnualSnr >= 0) || Double.isInfinite(minAnnualSnr) || Double.isInfinite(tolerance)
                || !(prominence >= 0 && prominence < 1) || !(minPeakToTrough >= 0) || Double.isInfinite(minPeakToTrough)) {
            throw new IllegalArgumentException("need finite tolerance >= 0, minAnnualSnr >= 0, 0 <= prominence < 1, "
                    + "minPeakToTrough >= 0, got " + tolerance + ", " + minAnnualSnr + ", " + prominence + ", " + minPeakToTrough);
        }
    }

    /** The paper's count with an optional amplitude-significance gate. */
    public SeasonalityClassifier(double tolerance, double minAnnualSnr) {
        this(tolerance, minAnnualSnr, 0, 0);
    }

    /** PermaSAR's default for permafrost: the paper's test with prominence 0.2 and a 1 mm floor. */
    public static SeasonalityClassifier permafrost(double tolerance, double prominence, double minPeakToTrough) {
        return new SeasonalityClassifier(tolerance, 0, prominence, minPeakToTrough);
    }

    /**
     * @param extremaCount peaks + troughs of the daily-sampled harmonic fit, −1 when not fitted
     * @param years        Y, the years covered
     * @param seasonal     the classification
     */
    public record Result(int[] extremaCount, double years, boolean[] seasonal) {
    }

    /** Classifies a block. */
    public Result classify(List<LocalDate> dates, float[] data, int npix) {
        int n = dates.size();
        if (n < 8) {
            throw new IllegalArgumentException("seasonality test needs >= 8 dates, got " + n);
        }
        double[] t = new double[n];
        double t0 = TimeFunctionModel.mintpyYears(dates.get(0));
        for (int i = 0; i < n; i++) {
            t[i] = TimeFunctionModel.mintpyYears(dates.get(i)) - t0;
        }
        // 1. linear trend
        double[] lin = new double[n * 2];
        for (int i = 0; i < n; i++) {
            lin[2 * i] = 1;
            lin[2 * i + 1] = t[i];
        }
        LinearBatchFit.Result trend = new LinearBatchFit(lin, n, 2).fit(data, npix);
        float[] detrended = new float[n * npix];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < npix; q++) {
                detrended[i * npix + q] = (float) (data[i * npix + q] - trend.params()[q]
                        - t[i] * trend.params()[npix + q]);
            }
        }
        // 2. offset + annual, semi-annual, one-third-year harmonics
        TimeFunctionModel harm = new TimeFunctionModel(0, new double[] {1, 0.5, 1.0 / 3}, List.of());
        LinearBatchFit.Result h = new LinearBatchFit(harm.designMatrix(dates), n, 7).fit(detrended, npix);
        // 3. daily samples of the harmonic part
        int days = (int) ChronoUnit.DAYS.between(dates.get(0), dates.get(n - 1)) + 1;
        double years = (days - 1) / TimeFunctionModel.DAYS_PER_YEAR;
        double[] basis = new double[days * 6];
        for (int k = 0; k < days; k++) {
            double tk = TimeFunctionModel.mintpyYears(dates.get(0).plusDays(k)) - t0;
            for (int m = 0; m < 3; m++) {
                double w = 2 * Math.PI * (m + 1) * tk;
                basis[k * 6 + 2 * m] = Math.cos(w);
                basis[k * 6 + 2 * m + 1] = Math.sin(w);
            }
        }
        boolean[] gate = null;
        if (minAnnualSnr > 0 || minPeakToTrough > 0) {
            TimeFunctionFit.Result fa = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), dates, data, npix);
            gate = new boolean[npix];
            for (int q = 0; q < npix; q++) {
                gate[q] = fa.annualAmplitude()[q] >= minAnnualSnr * fa.annualAmplitudeStd()[q]
                        && fa.seasonalAmplitude()[q] >= minPeakToTrough;
            }
        }
        int[] count = new int[npix];
        boolean[] seasonal = new boolean[npix];
        double[] c = new double[6];
        double[] curve = prominence > 0 ? new double[days] : null;
        for (int q = 0; q < npix; q++) {
            if (h.status()[q] != LinearBatchFit.OK || trend.status()[q] != LinearBatchFit.OK) {
                count[q] = -1;
                continue;
            }
            for (int k = 0; k < 6; k++) {
                c[k] = h.params()[(k + 1) * npix + q];
            }
            count[q] = prominence > 0 ? countProminentExtrema(basis, days, c, prominence, curve)
                    : countExtrema(basis, days, c);
            seasonal[q] = Math.abs(count[q] - 2 * years) <= tolerance && (gate == null || gate[q]);
        }
        return new Result(count, years, seasonal);
    }

    /** Number of sign changes of the day-to-day difference of Σ c_k·basis_k (peaks + troughs). */
    static int countExtrema(double[] basis, int days, double[] c) {
        int count = 0;
        int lastSign = 0;
        double prev = 0;
        for (int k = 0; k < days; k++) {
            int o = k * 6;
            double f = c[0] * basis[o] + c[1] * basis[o + 1] + c[2] * basis[o + 2]
                    + c[3] * basis[o + 3] + c[4] * basis[o + 4] + c[5] * basis[o + 5];
            if (k > 0) {
                double df = f - prev;
                int sign = df > 0 ? 1 : df < 0 ? -1 : 0;
                if (sign != 0) {
                    if (lastSign != 0 && sign != lastSign) {
                        count++;
                    }
                    lastSign = sign;
                }
            }
            prev = f;
        }
        return count;
    }

    /**
     * Peaks + troughs of {@code f_k = Σ c_j·basis[k*6 + j]} that rise or fall by more than
     * {@code prominence·(max f − min f)} from the previous extremum (zig-zag filter).
     *
     * @param curve scratch of {@code days} values
     */
    static int countProminentExtrema(double[] basis, int days, double[] c, double prominence, double[] curve) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < days; k++) {
            int o = k * 6;
            double f = c[0] * basis[o] + c[1] * basis[o + 1] + c[2] * basis[o + 2]
                    + c[3] * basis[o + 3] + c[4] * basis[o + 4] + c[5] * basis[o + 5];
            curve[k] = f;
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        double h = prominence * (hi - lo);
        int count = 0;
        int dir = 0;                       // +1 rising, −1 falling, 0 not yet known
        double ext = curve[0], runLo = curve[0], runHi = curve[0];
        for (int k = 1; k < days; k++) {
            double f = curve[k];
            if (dir == 0) {
                runLo = Math.min(runLo, f);
                runHi = Math.max(runHi, f);
                if (f - runLo > h) {
                    dir = 1;
                    ext = f;
                } else if (runHi - f > h) {
                    dir = -1;
                    ext = f;
                }
            } else if (dir > 0) {
                if (f > ext) {
                    ext = f;
                } else if (ext - f > h) {   // a peak at ext
                    count++;
                    dir = -1;
                    ext = f;
                }
            } else {
                if (f < ext) {
                    ext = f;
                } else if (f - ext > h) {   // a trough at ext
                    count++;
                    dir = 1;
                    ext = f;
                }
            }
        }
        return count;
    }

    /**
     * Copy of a fit whose seasonal amplitude/timing (and annual amplitude/phase) are NaN where the
     * pixel is not seasonal (SCIENCE.md §2: only seasonal pixels get amplitude and timing).
     */
    public static TimeFunctionFit.Result maskNonSeasonal(TimeFunctionFit.Result r, boolean[] seasonal) {
        if (seasonal.length != r.pixels()) {
            throw new IllegalArgumentException("mask has " + seasonal.length + " pixels, fit has " + r.pixels());
        }
        double[][] arrays = {r.annualAmplitude().clone(), r.annualPhase().clone(), r.annualAmplitudeStd().clone(),
            r.annualPhaseStd().clone(), r.seasonalAmplitude().clone(), r.seasonalAmplitudeStd().clone(),
            r.seasonalTiming().clone(), r.seasonalTimingStd().clone()};
        for (int q = 0; q < seasonal.length; q++) {
            if (!seasonal[q]) {
                for (double[] a : arrays) {
                    a[q] = Double.NaN;
                }
            }
        }
        return new TimeFunctionFit.Result(r.model(), r.pixels(), r.params(), r.paramStd(), r.residualRms(),
                r.validCount(), r.status(), arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5],
                arrays[6], arrays[7]);
    }
}

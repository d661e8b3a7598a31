package org.permasar.timefn;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Seasonality test of Zhang et al. (seed 002, §2.3) — detrend, fit annual + semi-annual + one-third-year
 * harmonics, sample the fitted curve daily, count peaks and troughs, seasonal when the count is within
 * {@code 2·Y ± tolerance} — with one PermaSAR extension: an extremum counts only when the curve has moved
 * by more than {@code prominence × (max − min)} of the daily curve since the previous one (a "zig-zag"
 * filter). With {@code prominence = 0} every sign change of the day-to-day difference counts, exactly as
 * {@link SeasonalityClassifier}. Why: permafrost seasonal subsidence is not sinusoidal (a √ADDT rise in
 * summer, a flat frozen winter), and three harmonics of such a curve ripple in winter, adding small
 * extrema that the paper's count takes for extra seasons (measured on the simulated PECM scene: 7–8
 * extrema in 2 years instead of 4).
 *
 * <p>An amplitude floor ({@code minPeakToTrough}, m) additionally rejects pixels whose annual
 * peak-to-trough amplitude (trend + annual fit) is below it (e.g. 1 mm, below InSAR's detection limit).
 * Input {@code data[date*npix + pixel]} (m), NaN = missing; pixels that cannot be fitted are not seasonal
 * (count −1). Thread-safe.
 *
 * @param tolerance       allowed |count − 2Y|, ≥ 0 (paper: 2)
 * @param prominence      fraction of the curve's range an extremum must stand out, in [0, 1)
 * @param minPeakToTrough amplitude floor in m, ≥ 0 (0 = off)
 */
public record ProminentExtremaTest(double tolerance, double prominence, double minPeakToTrough) {

    public ProminentExtremaTest {
        if (!(tolerance >= 0) || !(prominence >= 0 && prominence < 1) || !(minPeakToTrough >= 0)
                || Double.isInfinite(tolerance) || Double.isInfinite(minPeakToTrough)) {
            throw new IllegalArgumentException("need tolerance >= 0, 0 <= prominence < 1, minPeakToTrough >= 0, got "
                    + tolerance + ", " + prominence + ", " + minPeakToTrough);
        }
    }

    /** Classifies a block; same result type as {@link SeasonalityClassifier}. */
    public SeasonalityClassifier.Result classify(List<LocalDate> dates, float[] data, int npix) {
        int n = dates.size();
        if (n < 8) {
            throw new IllegalArgumentException("seasonality test needs >= 8 dates, got " + n);
        }
        TimeFunctionFit.Result lin = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), dates, data, npix);
        // 1. detrend (linear part of a plain 2-parameter fit, as the paper)
        double[] t = new double[n];
        double[] a2 = new double[2 * n];
        double t0 = TimeFunctionModel.mintpyYears(dates.get(0));
        for (int i = 0; i < n; i++) {
            t[i] = TimeFunctionModel.mintpyYears(dates.get(i)) - t0;
            a2[2 * i] = 1;
            a2[2 * i + 1] = t[i];
        }
        LinearBatchFit.Result trend = new LinearBatchFit(a2, n, 2).fit(data, npix);
        float[] detrended = new float[n * npix];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < npix; q++) {
                detrended[i * npix + q] = (float) (data[i * npix + q] - trend.params()[q] - t[i] * trend.params()[npix + q]);
            }
        }
        // 2. three harmonics (seed 002 §2.3)
        TimeFunctionModel harm = new TimeFunctionModel(0, new double[] {1, 0.5, 1.0 / 3}, List.of());
        LinearBatchFit.Result h = new LinearBatchFit(harm.designMatrix(dates), n, 7).fit(detrended, npix);
        // 3. daily samples
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
        int[] count = new int[npix];
        boolean[] seasonal = new boolean[npix];
        double[] c = new double[6];
        double[] curve = new double[days];
        for (int q = 0; q < npix; q++) {
            if (h.status()[q] != LinearBatchFit.OK || trend.status()[q] != LinearBatchFit.OK) {
                count[q] = -1;
                continue;
            }
            for (int k = 0; k < 6; k++) {
                c[k] = h.params()[(k + 1) * npix + q];
            }
            count[q] = countExtrema(basis, days, c, prominence, curve);
            seasonal[q] = Math.abs(count[q] - 2 * years) <= tolerance
                    && lin.seasonalAmplitude()[q] >= minPeakToTrough;
        }
        return new SeasonalityClassifier.Result(count, years, seasonal);
    }

    /**
     * Peaks + troughs of {@code f_k = Σ c_j·basis[k*6 + j]} that rise or fall by more than
     * {@code prominence·(max f − min f)} from the previous extremum (zig-zag filter).
     *
     * @param curve scratch of {@code days} values
     */
    static int countExtrema(double[] basis, int days, double[] c, double prominence, double[] curve) {
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
}

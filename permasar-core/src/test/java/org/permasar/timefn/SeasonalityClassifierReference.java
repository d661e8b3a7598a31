package org.permasar.timefn;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@link SeasonalityClassifier#classify} and its extremum counts before the pixel tiling, kept verbatim on
 * {@link LinearBatchFitReference} (the amplitude gate's {@code TimeFunctionFit} of the trend + annual model written
 * out with the same formulas) as the reference of the equivalence tests and of {@link TimeFunctionBench}.
 */
final class SeasonalityClassifierReference {

    private SeasonalityClassifierReference() {
    }

    /** Classifies a block. */
    static SeasonalityClassifier.Result classify(SeasonalityClassifier sc, List<LocalDate> dates, float[] data, int npix) {
        double tolerance = sc.tolerance(), minAnnualSnr = sc.minAnnualSnr(), prominence = sc.prominence();
        double minPeakToTrough = sc.minPeakToTrough();
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
        LinearBatchFitReference.Result trend = new LinearBatchFitReference(lin, n, 2).fit(data, npix);
        float[] detrended = new float[n * npix];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < npix; q++) {
                detrended[i * npix + q] = (float) (data[i * npix + q] - trend.params()[q]
                        - t[i] * trend.params()[npix + q]);
            }
        }
        // 2. offset + annual, semi-annual, one-third-year harmonics
        TimeFunctionModel harm = new TimeFunctionModel(0, new double[] {1, 0.5, 1.0 / 3}, List.of());
        LinearBatchFitReference.Result h = new LinearBatchFitReference(harm.designMatrix(dates), n, 7).fit(detrended, npix);
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
            // TimeFunctionFit.fit(linearAnnual) before the tiling: its annual amplitude, std and peak-to-trough
            LinearBatchFitReference.Result fa = new LinearBatchFitReference(
                    TimeFunctionModel.linearAnnual().designMatrix(dates), n, 4).fit(data, npix);
            gate = new boolean[npix];
            for (int q = 0; q < npix; q++) {
                double cc = fa.params()[2 * npix + q];
                double s = fa.params()[3 * npix + q];
                double vc = fa.cov(q, 2, 2), vs = fa.cov(q, 3, 3), vcs = fa.cov(q, 2, 3);
                double a2 = cc * cc + s * s;
                double a = Math.sqrt(a2);
                double sa = Math.sqrt((cc * cc * vc + s * s * vs + 2 * cc * s * vcs) / a2);
                gate[q] = a >= minAnnualSnr * sa && 2 * a >= minPeakToTrough;
            }
        }
        int[] count = new int[npix];
        boolean[] seasonal = new boolean[npix];
        double[] c = new double[6];
        double[] curve = prominence > 0 ? new double[days] : null;
        for (int q = 0; q < npix; q++) {
            if (h.status()[q] != LinearBatchFitReference.OK || trend.status()[q] != LinearBatchFitReference.OK) {
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
        return new SeasonalityClassifier.Result(count, years, seasonal);
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
}

package org.permasar.timefn;

import java.time.LocalDate;
import java.util.List;

/**
 * Fits a {@link TimeFunctionModel} to a block of displacement time series and derives the
 * seasonal products.
 *
 * <p>Outputs per pixel (all arrays {@code [pixel]}, or {@code [param*npix + pixel]}):
 * <ul>
 * <li>{@code params}/{@code paramStd}: MintPy order (intercept m, rate m/yr, …, cos/sin pairs m, steps m);
 *     std from {@code σ̂²(AᵀA)⁻¹} with {@code σ̂² = Σr²/(n_valid − p)} (MintPy 1.5.1 "residue" mode).</li>
 * <li>{@code annualAmplitude} = |A| = √(c² + s²) (m) and {@code annualPhase} = atan2(c, s) (rad), exactly
 *     MintPy's {@code annualAmplitude}/{@code annualPhase} (Minchew et al. 2017, eq. 9–10), i.e.
 *     {@code c·cos ωt + s·sin ωt = |A|·sin(ωt + phase)}, t in years since the first date.</li>
 * <li>{@code seasonalAmplitude} = 2|A|, PermaSAR's peak-to-trough amplitude (m; SCIENCE.md §2).</li>
 * <li>{@code seasonalTiming}: day of year of the maximum of the annual term,
 *     {@code 1 + 365.25·frac(t0 + (π/2 − phase)/(2π))} with t0 the MintPy decimal year of the first
 *     date; range [1, 366.25).</li>
 * <li>Stds of amplitude, phase and timing by the delta method:
 *     {@code σ_A² = (c²σ_c² + s²σ_s² + 2cs·σ_cs)/A²},
 *     {@code σ_φ² = (s²σ_c² + c²σ_s² − 2cs·σ_cs)/A⁴}, {@code σ_timing = σ_φ·365.25/(2π)} days.</li>
 * <li>{@code residualRms} = √(Σr²/n_valid) (m). MintPy's {@code residue} dataset is √(Σr²).</li>
 * </ul>
 * NaN policy: NaN observations are skipped per pixel; unsolvable pixels are NaN with a
 * {@link LinearBatchFit} status code. Thread-safe (each call allocates its own workspace).
 */
public final class TimeFunctionFit {

    private TimeFunctionFit() {
    }

    /** Fit result of one block. */
    public record Result(TimeFunctionModel model, int pixels, double[] params, double[] paramStd,
                         double[] residualRms, int[] validCount, byte[] status,
                         double[] annualAmplitude, double[] annualPhase,
                         double[] annualAmplitudeStd, double[] annualPhaseStd,
                         double[] seasonalAmplitude, double[] seasonalAmplitudeStd,
                         double[] seasonalTiming, double[] seasonalTimingStd) {

        /** Parameter j of pixel q. */
        public double param(int j, int q) {
            return params[j * pixels + q];
        }

        /** Std of parameter j of pixel q. */
        public double std(int j, int q) {
            return paramStd[j * pixels + q];
        }

        /** Intercept (m) of every pixel, a copy. */
        public double[] intercept() {
            return java.util.Arrays.copyOfRange(params, 0, pixels);
        }

        /** Linear rate (m/yr) of every pixel, a copy; needs polynomial degree ≥ 1. */
        public double[] rate() {
            return java.util.Arrays.copyOfRange(params, pixels, 2 * pixels);
        }

        /** Residual norm √(Σr²) (m) of every pixel: MintPy's {@code residue}. */
        public double[] residue() {
            double[] e = new double[pixels];
            for (int q = 0; q < pixels; q++) {
                e[q] = residualRms[q] * Math.sqrt(validCount[q]);
            }
            return e;
        }

        /** Std of the linear rate (m/yr), a copy: MintPy's {@code velocityStd}. */
        public double[] rateStd() {
            return java.util.Arrays.copyOfRange(paramStd, pixels, 2 * pixels);
        }
    }

    /**
     * Fits a block.
     *
     * @param model time functions
     * @param dates dates of the layers (first = time origin), at least p of them
     * @param data  displacement {@code data[date*npix + pixel]} in metres, NaN = missing
     * @param npix  pixels in the block
     * @return per-pixel estimates; amplitude/phase/timing arrays are NaN when the model has no annual term
     */
    public static Result fit(TimeFunctionModel model, List<LocalDate> dates, float[] data, int npix) {
        return fit(model, dates, 0, data, npix);
    }

    /**
     * Fits a block of acquisitions taken at {@code secondsOfDay} after 00:00 UTC (MintPy's {@code CENTER_LINE_UTC};
     * it places the dates relative to steps and decay onsets, see {@link TimeFunctionModel#designMatrix(List, double)}).
     *
     * @param model        time functions
     * @param dates        dates of the layers (first = time origin), at least p of them
     * @param secondsOfDay acquisition time of day, seconds, 0 … 86400
     * @param data         displacement {@code data[date*npix + pixel]} in metres, NaN = missing
     * @param npix         pixels in the block
     * @return per-pixel estimates; amplitude/phase/timing arrays are NaN when the model has no annual term
     */
    public static Result fit(TimeFunctionModel model, List<LocalDate> dates, double secondsOfDay, float[] data,
                             int npix) {
        int n = dates.size();
        int p = model.parameterCount();
        if (n < p) {
            throw new IllegalArgumentException("need at least " + p + " dates for " + model + ", got " + n);
        }
        LinearBatchFit.Result r = new LinearBatchFit(model.designMatrix(dates, secondsOfDay), n, p).fit(data, npix);
        double[] std = new double[p * npix];
        for (int j = 0; j < p; j++) {
            for (int q = 0; q < npix; q++) {
                std[j * npix + q] = Math.sqrt(r.cov(q, j, j));
            }
        }
        double[] rms = new double[npix];
        for (int q = 0; q < npix; q++) {
            rms[q] = Math.sqrt(r.residualSumSquares()[q] / r.validCount()[q]);
        }
        double[] amp = nan(npix), pha = nan(npix), ampStd = nan(npix), phaStd = nan(npix);
        double[] ptt = nan(npix), pttStd = nan(npix), timing = nan(npix), timingStd = nan(npix);
        int ai = model.annualIndex();
        if (ai >= 0) {
            int jc = model.periodicColumn(ai);
            int js = jc + 1;
            double t0 = TimeFunctionModel.mintpyYears(dates.get(0));
            for (int q = 0; q < npix; q++) {
                double c = r.params()[jc * npix + q];
                double s = r.params()[js * npix + q];
                double vc = r.cov(q, jc, jc), vs = r.cov(q, js, js), vcs = r.cov(q, jc, js);
                double a2 = c * c + s * s;
                double a = Math.sqrt(a2);
                double phi = Math.atan2(c, s);                       // MintPy annualPhase
                amp[q] = a;
                pha[q] = phi;
                ptt[q] = 2 * a;                                      // peak-to-trough, SCIENCE.md §2
                // delta method on A = √(c²+s²), φ = atan2(c, s)
                double sa = Math.sqrt((c * c * vc + s * s * vs + 2 * c * s * vcs) / a2);
                double sp = Math.sqrt((s * s * vc + c * c * vs - 2 * c * s * vcs) / (a2 * a2));
                ampStd[q] = sa;
                phaStd[q] = sp;
                pttStd[q] = 2 * sa;
                // maximum where ωt + φ = π/2  →  t* = (π/2 − φ)/(2π) years after the first date
                double tMax = t0 + (Math.PI / 2 - phi) / (2 * Math.PI);
                double frac = tMax - Math.floor(tMax);
                timing[q] = Double.isNaN(phi) ? Double.NaN : 1 + TimeFunctionModel.DAYS_PER_YEAR * frac;
                timingStd[q] = sp * TimeFunctionModel.DAYS_PER_YEAR / (2 * Math.PI);
            }
        }
        return new Result(model, npix, r.params(), std, rms, r.validCount(), r.status(),
                amp, pha, ampStd, phaStd, ptt, pttStd, timing, timingStd);
    }

    private static double[] nan(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, Double.NaN);
        return x;
    }
}

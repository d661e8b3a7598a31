package org.permasar.timefn;

import java.time.LocalDate;

/**
 * The displacement model that MintPy's {@code timeseries2velocity} fits and stores in {@code velocity.h5}
 * (MintPy 1.5.1 {@code utils/time_func.py}, Yunjun et al. 2019; amplitude and phase as in Minchew et al.
 * 2017, JGR, eqs. 9–10):
 * <pre>
 *   d(t) = intercept + velocity·t
 *        + annualAmplitude·sin(2π·t + annualPhase)
 *        + semiAnnualAmplitude·sin(4π·t + semiAnnualPhase)
 *   t = (year + (dayOfYear − 1)/365.25) − (the same for REF_DATE)     [years]
 * </pre>
 * MintPy stores {@code annualAmplitude = √(c² + s²)} and {@code annualPhase = atan2(c, s)} for the fitted
 * {@code c·cos(2πt) + s·sin(2πt)}, which is the sine form above. Units: metres, years, radians. NaN in →
 * NaN out. Stateless and thread-safe. Used by the viewer's model curve, the pixel plot and
 * {@code permasar geometry} (MintPy products as input).
 */
public final class MintPyTimeFunction {
    /** Days per year of MintPy's decimal years and periodic terms. */
    public static final double YEAR_DAYS = 365.25;

    private MintPyTimeFunction() {
    }

    /** MintPy's decimal year of a date ({@code ptime.yyyymmdd2years}): year + (day of year − 1)/365.25. */
    public static double decimalYears(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / YEAR_DAYS;
    }

    /** Model value (m) at t years after REF_DATE; see the class doc for the terms. */
    public static double value(double t, double intercept, double velocity, double annualAmplitude,
                               double annualPhase, double semiAnnualAmplitude, double semiAnnualPhase) {
        // MintPy time_func: polynomial (t^0, t^1) + periodic cos/sin pairs, written in sine form
        return intercept + velocity * t
                + annualAmplitude * Math.sin(2 * Math.PI * t + annualPhase)
                + semiAnnualAmplitude * Math.sin(4 * Math.PI * t + semiAnnualPhase);
    }

    /**
     * MintPy {@code annualAmplitude} A (m) and {@code annualPhase} φ (rad) → (peak-to-trough amplitude, day of
     * year of the maximum), the seasonal products of SCIENCE.md §2. The signal is A·sin(ωΔt + φ), Δt in years
     * from REF_DATE, with its maximum at ωΔt = π/2 − φ.
     *
     * @param refDayOfYear day of year of REF_DATE (1 = 1 January)
     * @return {2A, peak day in [0, 365.25)}
     */
    public static double[] peakToTroughAndPeakDay(double amplitude, double phase, double refDayOfYear) {
        double y = YEAR_DAYS;
        double peak = refDayOfYear + (Math.PI / 2 - phase) / (2 * Math.PI) * y;
        peak = ((peak % y) + y) % y;
        return new double[] {2 * amplitude, peak};
    }
}

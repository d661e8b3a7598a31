package org.permasar.viewer;

import java.time.LocalDate;
import java.util.Objects;
import org.permasar.timefn.MintPyTimeFunction;

/**
 * The displacement model that MintPy's {@code timeseries2velocity} fits, rebuilt for one pixel
 * from the datasets of its {@code velocity.h5}, so that the viewer can draw it over the time
 * series. The science (model and decimal years) is {@link MintPyTimeFunction} in core; this record
 * holds one pixel's parameters and samples the curve.
 *
 * <p>Model (MintPy {@code utils/time_func.py}, Yunjun et al. 2019; amplitude and phase as in
 * Minchew et al. 2017, JGR, eqs. 9–10):
 * <pre>
 *   d(t) = intercept + velocity·t
 *        + annualAmplitude·sin(2π·t + annualPhase)
 *        + semiAnnualAmplitude·sin(4π·t + semiAnnualPhase)
 *   t = (year + (dayOfYear − 1)/365.25) − (the same for refDate)     [years]
 * </pre>
 * MintPy stores {@code annualAmplitude = √(c² + s²)} and {@code annualPhase = atan2(c, s)} for the
 * fitted {@code c·cos(2πt) + s·sin(2πt)}, which is the sine form above.
 *
 * @param refDate             the model's time origin (velocity.h5 REF_DATE, else the series' REF_DATE or first date)
 * @param velocity            linear rate, m/year (NaN → the model is undefined)
 * @param intercept           value at {@code refDate}, m (0 when velocity.h5 has no intercept)
 * @param annualAmplitude     m, ≥ 0 (0 when absent)
 * @param annualPhase         radians
 * @param semiAnnualAmplitude m, ≥ 0 (0 when absent)
 * @param semiAnnualPhase     radians
 */
public record ModelCurve(LocalDate refDate, double velocity, double intercept, double annualAmplitude,
                         double annualPhase, double semiAnnualAmplitude, double semiAnnualPhase) {

    public ModelCurve {
        Objects.requireNonNull(refDate, "refDate");
        if (annualAmplitude < 0 || semiAnnualAmplitude < 0) {
            throw new IllegalArgumentException("amplitudes must be ≥ 0, got annual " + annualAmplitude
                    + " m, semi-annual " + semiAnnualAmplitude + " m");
        }
    }

    /** Whether every term is a number (a masked pixel has NaN velocity). */
    public boolean isDefined() {
        return !Double.isNaN(velocity) && !Double.isNaN(intercept) && !Double.isNaN(annualAmplitude)
                && !Double.isNaN(annualPhase) && !Double.isNaN(semiAnnualAmplitude) && !Double.isNaN(semiAnnualPhase);
    }

    /** MintPy's decimal year of a date ({@code ptime.yyyymmdd2years}): year + (day of year − 1)/365.25. */
    public static double mintpyYears(LocalDate d) {
        return MintPyTimeFunction.decimalYears(d);
    }

    /** Model displacement at {@code date}, metres (NaN when the model is undefined). */
    public double valueAt(LocalDate date) {
        double t = mintpyYears(date) - mintpyYears(refDate);
        return MintPyTimeFunction.value(t, intercept, velocity, annualAmplitude, annualPhase, semiAnnualAmplitude,
                semiAnnualPhase);
    }

    /**
     * Samples the model between two dates, both included, about every {@code everyDays} days.
     *
     * @return the sampled dates (first) and values in millimetres (second)
     */
    public Sampled sample(LocalDate from, LocalDate to, int everyDays) {
        if (everyDays < 1 || to.isBefore(from)) {
            throw new IllegalArgumentException("need from ≤ to and everyDays ≥ 1, got " + from + ", " + to + ", "
                    + everyDays);
        }
        long span = java.time.temporal.ChronoUnit.DAYS.between(from, to);
        int n = (int) (span / everyDays) + 2;
        if (span % everyDays == 0) {
            n--;
        }
        LocalDate[] dates = new LocalDate[n];
        double[] mm = new double[n];
        for (int i = 0; i < n; i++) {
            LocalDate d = i == n - 1 ? to : from.plusDays((long) i * everyDays);
            dates[i] = d;
            mm[i] = 1000.0 * valueAt(d);
        }
        return new Sampled(dates, mm);
    }

    /** Dates and model values (mm) of a sampled curve. */
    public record Sampled(LocalDate[] dates, double[] mm) {
    }
}

package org.permasar.timefn;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Specification of a linear time-function model: polynomial, periodic (cos/sin pairs) and
 * Heaviside step terms, laid out exactly as MintPy 1.5.1 {@code utils/time_func.py} does:
 * columns {@code [t^0/0!, t^1/1!, …, t^k/k!, cos(2πt/P1), sin(2πt/P1), …, H(t − t_s1), …]}.
 *
 * <p>Time {@code t} is in decimal years relative to the first date, with MintPy's decimal-year
 * convention {@code year + (dayOfYear − 1)/365.25} (dates at 00:00 UTC). A step column is 1 for
 * dates strictly after the step date. Immutable and thread-safe.
 *
 * @param polynomialDegree 0 = offset only, 1 = offset + rate (m/yr), 2 = + acceleration …; 0..5
 * @param periodsYears     periods of the sinusoids in years (1 = annual, 0.5 = semi-annual); each > 0
 * @param stepDates        dates of Heaviside steps
 */
public record TimeFunctionModel(int polynomialDegree, double[] periodsYears, List<LocalDate> stepDates)
        implements java.io.Serializable {

    /** Days per year in MintPy's decimal-year convention. */
    public static final double DAYS_PER_YEAR = 365.25;

    public TimeFunctionModel {
        if (polynomialDegree < 0 || polynomialDegree > 5) {
            throw new IllegalArgumentException("polynomialDegree must be in 0..5, got " + polynomialDegree);
        }
        periodsYears = periodsYears == null ? new double[0] : periodsYears.clone();
        for (double p : periodsYears) {
            if (!(p > 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("periods must be finite and > 0 years, got "
                        + Arrays.toString(periodsYears));
            }
        }
        stepDates = stepDates == null ? List.of() : List.copyOf(stepDates);
        if (polynomialDegree + 1 + 2 * periodsYears.length + stepDates.size() <= 1) {
            throw new IllegalArgumentException("model has no time function besides the offset");
        }
    }

    /** Linear rate + annual sinusoid, MintPy's {@code --periodic 1.0}. */
    public static TimeFunctionModel linearAnnual() {
        return new TimeFunctionModel(1, new double[] {1.0}, List.of());
    }

    @Override
    public double[] periodsYears() {
        return periodsYears.clone();
    }

    /** Number of unknowns (columns of the design matrix). */
    public int parameterCount() {
        return polynomialDegree + 1 + 2 * periodsYears.length + stepDates.size();
    }

    /** Column of the cosine term of period {@code i}; the sine term follows it. */
    public int periodicColumn(int i) {
        return polynomialDegree + 1 + 2 * i;
    }

    /** Index of the annual (1-year) period, or −1 when the model has none. */
    public int annualIndex() {
        for (int i = 0; i < periodsYears.length; i++) {
            if (periodsYears[i] == 1.0) {
                return i;
            }
        }
        return -1;
    }

    /** MintPy decimal year: {@code year + (dayOfYear − 1)/365.25}. */
    public static double mintpyYears(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / DAYS_PER_YEAR;
    }

    /**
     * Design matrix, row-major {@code a[i*p + j]} for date i and parameter j.
     *
     * @param dates acquisition dates, at least {@link #parameterCount()} of them, first = time origin
     * @return a new array of {@code dates.size() * parameterCount()} values
     */
    public double[] designMatrix(List<LocalDate> dates) {
        int n = dates.size();
        int p = parameterCount();
        if (n == 0) {
            throw new IllegalArgumentException("no dates");
        }
        double t0 = mintpyYears(dates.get(0));
        double[] a = new double[n * p];
        for (int i = 0; i < n; i++) {
            LocalDate d = dates.get(i);
            double t = mintpyYears(d) - t0;
            int c = i * p;
            double fact = 1;
            for (int k = 0; k <= polynomialDegree; k++) {
                if (k > 0) {
                    fact *= k;
                }
                a[c++] = Math.pow(t, k) / fact; // MintPy: t^k / k!
            }
            for (double period : periodsYears) {
                double w = 2 * Math.PI / period * t;
                a[c++] = Math.cos(w);
                a[c++] = Math.sin(w);
            }
            for (LocalDate s : stepDates) {
                a[c++] = mintpyYears(d) > mintpyYears(s) ? 1 : 0;
            }
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeFunctionModel m && m.polynomialDegree == polynomialDegree
                && Arrays.equals(m.periodsYears, periodsYears) && m.stepDates.equals(stepDates);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * polynomialDegree + Arrays.hashCode(periodsYears)) + stepDates.hashCode();
    }

    @Override
    public String toString() {
        return "TimeFunctionModel[polynomialDegree=" + polynomialDegree + ", periodsYears="
                + Arrays.toString(periodsYears) + ", stepDates=" + stepDates + "]";
    }
}

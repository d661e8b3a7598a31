package org.permasar.timefn;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.permasar.network.Dates;

/**
 * Specification of a linear time-function model: polynomial, periodic (cos/sin pairs), Heaviside
 * step, exponential and logarithmic decay terms, laid out exactly as MintPy 1.5.1
 * {@code utils/time_func.py} does (Yunjun et al. 2019; decays from Hetland et al. 2012, JGR, eqs. 4–5
 * as corrected in MintPy): columns
 * <pre>
 *   [t^0/0!, t^1/1!, …, t^k/k!,                         polynomial, t = years since the first date
 *    cos(2πt/P1), sin(2πt/P1), …,                       periodic
 *    H(τ − T_s1), …,                                    steps
 *    H(τ − T_e1)·(1 − exp(−(τ − T_e1)/τ_e1)), …,        exponential decays
 *    H(τ − T_l1)·ln(1 + (τ − T_l1)/τ_l1), …]            logarithmic decays
 * </pre>
 * with H(x) = 1 for x &gt; 0, else 0. Times are MintPy decimal years,
 * {@code year + (dayOfYear − 1)/365.25}; τ is the acquisition's decimal year plus its time of day
 * ({@code secondsOfDay}/(365.25·86400), MintPy's {@code CENTER_LINE_UTC}), while step dates and decay
 * onsets are at 00:00 UTC, so an acquisition on a step's date with a time of day &gt; 0 counts as after
 * the step (MintPy's rule). The decay times τ_e, τ_l are whole days (MintPy truncates them to integers),
 * divided by 365.25 to years. Immutable and thread-safe.
 *
 * @param polynomialDegree 0 = offset only, 1 = offset + rate (m/yr), 2 = + acceleration (m/yr²) …; 0..5
 * @param periodsYears     periods of the sinusoids in years (1 = annual, 0.5 = semi-annual); each finite and &gt; 0
 * @param stepDates        dates of Heaviside steps, no duplicates
 * @param exponentials     exponential decays (onset, characteristic time), no duplicates
 * @param logarithms       logarithmic decays (onset, characteristic time), no duplicates
 */
public record TimeFunctionModel(int polynomialDegree, double[] periodsYears, List<LocalDate> stepDates,
                                List<Decay> exponentials, List<Decay> logarithms) implements Serializable {

    /** Days per year in MintPy's decimal-year convention. */
    public static final double DAYS_PER_YEAR = 365.25;
    /** Seconds per MintPy year (365.25 days). */
    public static final double SECONDS_PER_YEAR = DAYS_PER_YEAR * 86400;

    /**
     * One exponential or logarithmic decay term: its onset date (00:00 UTC) and characteristic time.
     *
     * @param onset   onset date T
     * @param tauDays characteristic (relaxation) time in whole days, &gt; 0
     */
    public record Decay(LocalDate onset, int tauDays) implements Serializable {
        public Decay {
            Objects.requireNonNull(onset, "onset");
            if (tauDays <= 0) {
                throw new IllegalArgumentException("characteristic time must be ≥ 1 day, got " + tauDays + " for onset "
                        + onset);
            }
        }

        /**
         * Parses MintPy's form {@code ONSET,TAU[,TAU…]} (onset YYYYMMDD or YYYY-MM-DD, characteristic times in
         * whole days) into one decay per characteristic time, in the given order.
         *
         * @throws IllegalArgumentException naming the text when it is not of that form
         */
        public static List<Decay> parse(String spec) {
            String[] parts = spec.trim().split("\\s*,\\s*");
            if (parts.length < 2 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("expected ONSET,TAU[,TAU…] (onset YYYYMMDD, characteristic times in "
                        + "days), got '" + spec + "'");
            }
            LocalDate onset = Dates.parse(parts[0]);
            Decay[] out = new Decay[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                int tau;
                try {
                    tau = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("characteristic time must be a whole number of days, got '"
                            + parts[i] + "' in '" + spec + "'", e);
                }
                out[i - 1] = new Decay(onset, tau);
            }
            return List.of(out);
        }

        /** MintPy's dataset name with {@code prefix} exp or log, e.g. {@code exp20181026Tau60D}. */
        public String name(String prefix) {
            return prefix + Dates.compact(onset) + "Tau" + tauDays + "D";
        }

        /** Characteristic time in MintPy years (days / 365.25). */
        public double tauYears() {
            return tauDays / DAYS_PER_YEAR;
        }
    }

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
        exponentials = exponentials == null ? List.of() : List.copyOf(exponentials);
        logarithms = logarithms == null ? List.of() : List.copyOf(logarithms);
        requireDistinct("step dates", stepDates);
        requireDistinct("exponential decays", exponentials);
        requireDistinct("logarithmic decays", logarithms);
        if (polynomialDegree + 1 + 2 * periodsYears.length + stepDates.size() + exponentials.size()
                + logarithms.size() <= 1) {
            throw new IllegalArgumentException("model has no time function besides the offset");
        }
    }

    /** Polynomial, periodic and step terms only (no decays). */
    public TimeFunctionModel(int polynomialDegree, double[] periodsYears, List<LocalDate> stepDates) {
        this(polynomialDegree, periodsYears, stepDates, List.of(), List.of());
    }

    private static void requireDistinct(String what, List<?> items) {
        if (new HashSet<>(items).size() != items.size()) {
            throw new IllegalArgumentException(what + " must be distinct (a repeated term makes the fit singular), got "
                    + items);
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
        return polynomialDegree + 1 + 2 * periodsYears.length + stepDates.size() + exponentials.size()
                + logarithms.size();
    }

    /** Column of the cosine term of period {@code i}; the sine term follows it. */
    public int periodicColumn(int i) {
        return polynomialDegree + 1 + 2 * i;
    }

    /** Column of step {@code i}. */
    public int stepColumn(int i) {
        return polynomialDegree + 1 + 2 * periodsYears.length + i;
    }

    /** Column of exponential decay {@code i}. */
    public int exponentialColumn(int i) {
        return stepColumn(stepDates.size()) + i;
    }

    /** Column of logarithmic decay {@code i}. */
    public int logarithmColumn(int i) {
        return exponentialColumn(exponentials.size()) + i;
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

    /** Longest period in years, 0 without periodic terms. */
    public double longestPeriod() {
        double m = 0;
        for (double p : periodsYears) {
            m = Math.max(m, p);
        }
        return m;
    }

    /**
     * MintPy's dataset name of polynomial coefficient {@code k} ({@code timeseries2velocity.model2hdf5_dataset}):
     * intercept, velocity, acceleration, then poly3, poly4 …
     */
    public static String polynomialName(int k) {
        return switch (k) {
            case 0 -> "intercept";
            case 1 -> "velocity";
            case 2 -> "acceleration";
            default -> "poly" + k;
        };
    }

    /** Unit of polynomial coefficient {@code k} as MintPy writes it: m, m/year, m/year^2 … */
    public static String polynomialUnit(int k) {
        return k == 0 ? "m" : k == 1 ? "m/year" : "m/year^" + k;
    }

    /**
     * MintPy's prefix of a period's {@code …Amplitude}/{@code …Phase} datasets: annual (1 year), semiAnnual
     * (0.5), else {@code period<P>Y} with P as Python prints the float (e.g. {@code period0.25Y}, {@code period2.0Y}).
     */
    public static String periodName(double years) {
        return years == 1.0 ? "annual" : years == 0.5 ? "semiAnnual" : "period" + years + "Y";
    }

    /** MintPy's dataset name of a step: {@code step<YYYYMMDD>}. */
    public static String stepName(LocalDate date) {
        return "step" + Dates.compact(date);
    }

    /** MintPy decimal year: {@code year + (dayOfYear − 1)/365.25}. */
    public static double mintpyYears(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / DAYS_PER_YEAR;
    }

    /** Design matrix of acquisitions at 00:00 UTC; see {@link #designMatrix(List, double)}. */
    public double[] designMatrix(List<LocalDate> dates) {
        return designMatrix(dates, 0);
    }

    /**
     * Design matrix, row-major {@code a[i*p + j]} for date i and parameter j.
     *
     * @param dates        acquisition dates, first = time origin of the polynomial and periodic terms
     * @param secondsOfDay acquisition time of day in seconds after 00:00 UTC (MintPy's {@code CENTER_LINE_UTC}),
     *                     which places the acquisitions relative to the steps and decay onsets; 0 … 86400
     * @return a new array of {@code dates.size() * parameterCount()} values
     */
    public double[] designMatrix(List<LocalDate> dates, double secondsOfDay) {
        int n = dates.size();
        int p = parameterCount();
        if (n == 0) {
            throw new IllegalArgumentException("no dates");
        }
        if (!(secondsOfDay >= 0 && secondsOfDay <= 86400)) {
            throw new IllegalArgumentException("secondsOfDay must be in 0 … 86400, got " + secondsOfDay);
        }
        double t0 = mintpyYears(dates.get(0));
        double dayFraction = secondsOfDay / SECONDS_PER_YEAR;
        double[] a = new double[n * p];
        for (int i = 0; i < n; i++) {
            LocalDate d = dates.get(i);
            double t = mintpyYears(d) - t0;
            double tau = mintpyYears(d) + dayFraction;      // absolute time of the acquisition
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
                a[c++] = tau > mintpyYears(s) ? 1 : 0;    // H(τ − T_s)
            }
            for (Decay e : exponentials) {
                double dt = tau - mintpyYears(e.onset());
                a[c++] = dt > 0 ? 1 - Math.exp(-dt / e.tauYears()) : 0;   // Hetland et al. 2012 eq. 5 (MintPy form)
            }
            for (Decay l : logarithms) {
                double dt = tau - mintpyYears(l.onset());
                a[c++] = dt > 0 ? Math.log(1 + dt / l.tauYears()) : 0;   // Hetland et al. 2012 eq. 4 (MintPy form)
            }
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeFunctionModel m && m.polynomialDegree == polynomialDegree
                && Arrays.equals(m.periodsYears, periodsYears) && m.stepDates.equals(stepDates)
                && m.exponentials.equals(exponentials) && m.logarithms.equals(logarithms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(polynomialDegree, Arrays.hashCode(periodsYears), stepDates, exponentials, logarithms);
    }

    /**
     * The model as a user reads it in logs, GeoTIFF band descriptions and the report, e.g.
     * "linear trend + annual", "quadratic + periods 1, 0.5 yr + step 2019-03-01 + exp(2020-01-01, 60 d)".
     */
    @Override
    public String toString() {
        String[] names = {"offset", "linear trend", "quadratic", "cubic"};
        StringBuilder s = new StringBuilder(polynomialDegree < names.length ? names[polynomialDegree]
                : "polynomial of degree " + polynomialDegree);
        if (periodsYears.length == 1 && periodsYears[0] == 1.0) {
            s.append(" + annual");
        } else if (periodsYears.length == 2 && periodsYears[0] == 1.0 && periodsYears[1] == 0.5) {
            s.append(" + annual + semi-annual");
        } else if (periodsYears.length > 0) {
            s.append(" + periods ");
            for (int i = 0; i < periodsYears.length; i++) {
                s.append(i == 0 ? "" : ", ").append(trim(periodsYears[i]));
            }
            s.append(" yr");
        }
        for (LocalDate d : stepDates) {
            s.append(" + step ").append(d);
        }
        for (Decay e : exponentials) {
            s.append(" + exp(").append(e.onset()).append(", ").append(e.tauDays()).append(" d)");
        }
        for (Decay l : logarithms) {
            s.append(" + log(").append(l.onset()).append(", ").append(l.tauDays()).append(" d)");
        }
        return s.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

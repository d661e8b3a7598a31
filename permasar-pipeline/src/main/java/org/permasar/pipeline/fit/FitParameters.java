package org.permasar.pipeline.fit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.permasar.inversion.WeightFunction;
import org.permasar.network.Dates;
import org.permasar.timefn.DateSelection;
import org.permasar.timefn.TimeFunctionModel;
import org.permasar.timefn.TimeFunctionModel.Decay;

/**
 * Settings of the fit step ({@link FitStep}): what {@code permasar fit} parses from its options and
 * what {@code permasar run} builds from its configuration. Validated on construction (an
 * {@link IllegalArgumentException} names the offending value); {@code withX} methods return modified
 * copies. {@link #of} holds the defaults: the command's options and the configuration schema are
 * checked against it.
 *
 * <p>Immutable and thread-safe; {@link #toString()} is deterministic and lists every setting (the
 * chain uses it as the step's fingerprint).
 *
 * @param timeseries           MintPy timeseries.h5 or a Zarr store, metres
 * @param out                  output folder
 * @param model                trend (the polynomial and the terms given), trend+annual (the same plus the annual
 *                             term), harmonics (plus periods 1 and 0.5 years unless {@code periods} are given) or pecm
 *                             (trend+annual and the PECM); stored lower case
 * @param periods              periods of sinusoids in years, added to those of the model
 * @param steps                Heaviside step dates, YYYYMMDD or YYYY-MM-DD
 * @param polynomial           polynomial degree, 0 … 5
 * @param exp                  exponential decays (onset, characteristic time in days), MintPy's {@code --exp}
 * @param log                  logarithmic decays (onset, characteristic time in days), MintPy's {@code --log}
 * @param startDate            first date the time functions use, or null (MintPy {@code --start-date})
 * @param endDate              last date the time functions use, or null (MintPy {@code --end-date})
 * @param excludeDates         dates the time functions leave out (MintPy {@code --exclude-date})
 * @param lst                  pecm: LST multi-band GeoTIFF or folder of dated GeoTIFFs, or null
 * @param kappaRatio           pecm: κ_f/κ_t, a number, a raster (FILE.h5:DATASET or .tif), or {@code estimate}
 *                             (per pixel from its series, the default)
 * @param lstCentreOffset      pecm: days from a composite's date to its window centre, 0 … 31
 * @param hantsHarmonics       pecm: HANTS harmonics of 365 days, ≥ 1
 * @param geometry             MintPy geometry file with incidenceAngle, or null
 * @param vertical             fit d_up = d_LOS / cos(incidence) (needs {@code geometry})
 * @param seasonalityTolerance seasonality test: allowed |extrema − 2·years|, ≥ 0
 * @param seasonalityProminence seasonality test: extremum prominence as a fraction of the range, [0, 1]
 * @param minSeasonalAmplitude seasonality test: peak-to-trough below this (m) is not seasonal, ≥ 0
 * @param degreeDays           pecm: expected or direct degree-days
 * @param dailyTemperatureStd  pecm, expected degree-days: σ_d in °C, [0, 50), or null for per pixel
 * @param stack                pecm: the stack the series was inverted from (a-priori uncertainty), or null
 * @param weight               pecm --stack: the inversion's weights, or null for the series' own
 * @param looks                pecm --stack: looks, ≥ 0 (0 = the series' PERMASAR_LOOKS, else 1)
 * @param maskConnComp         pecm --stack: the inversion masked connectComponent = 0
 * @param minCoherence         pecm --stack: the inversion's coherence threshold, [0, 1)
 * @param geotiff              also write one GeoTIFF per map
 * @param threads              worker threads, ≥ 1, or null for all cores
 * @param memoryMb             block memory, MiB, ≥ 0 (0 = a share of the JVM heap)
 */
public record FitParameters(Path timeseries, Path out, String model, List<Double> periods, List<String> steps,
                            int polynomial, List<Decay> exp, List<Decay> log, LocalDate startDate, LocalDate endDate,
                            List<LocalDate> excludeDates, Path lst, String kappaRatio, double lstCentreOffset, int hantsHarmonics,
                            Path geometry, boolean vertical, double seasonalityTolerance, double seasonalityProminence,
                            double minSeasonalAmplitude, String degreeDays, Double dailyTemperatureStd, Path stack,
                            String weight, int looks, boolean maskConnComp, float minCoherence, boolean geotiff,
                            Integer threads, long memoryMb) {
    /** Default polynomial degree. */
    public static final int POLYNOMIAL = 1;
    /** Default κ_f/κ_t. */
    /** {@link #kappaRatio} value asking for a per-pixel estimate (profile least squares, SCIENCE.md §2). */
    public static final String KAPPA_ESTIMATE = "estimate";
    public static final String KAPPA_RATIO = KAPPA_ESTIMATE;
    /** Default composite centre offset, days (MOD11A2). */
    public static final double LST_CENTRE_OFFSET = 3.5;
    /** Default HANTS harmonics. */
    public static final int HANTS_HARMONICS = 3;
    /** Default seasonality tolerance (Zhang et al.). */
    public static final double SEASONALITY_TOLERANCE = 2;
    /** Default seasonality prominence. */
    public static final double SEASONALITY_PROMINENCE = 0.2;
    /** Default minimum seasonal amplitude, m. */
    public static final double MIN_SEASONAL_AMPLITUDE = 0.001;
    /** Default degree-days mode. */
    public static final String DEGREE_DAYS = "expected";
    /** The models, as {@code --model} names them. */
    public static final List<String> MODELS = List.of("trend", "trend+annual", "harmonics", "pecm");

    public FitParameters {
        Objects.requireNonNull(timeseries, "timeseries");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(model, "model");
        model = model.trim().toLowerCase(Locale.ROOT);
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("--model must be trend, trend+annual, harmonics or pecm, got '" + model + "'");
        }
        periods = periods == null ? List.of() : List.copyOf(periods);
        for (double d : periods) {
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("--periods must be positive years, got " + d);
            }
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        for (String s : steps) {
            Dates.parse(s.trim());
        }
        if (polynomial < 0) {
            throw new IllegalArgumentException("--polynomial must be ≥ 0, got " + polynomial);
        }
        if (polynomial > 5) {
            throw new IllegalArgumentException("--polynomial must be at most 5, got " + polynomial);
        }
        exp = exp == null ? List.of() : List.copyOf(exp);
        log = log == null ? List.of() : List.copyOf(log);
        excludeDates = excludeDates == null ? List.of() : List.copyOf(excludeDates);
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("--end-date " + Dates.compact(endDate) + " is before --start-date "
                    + Dates.compact(startDate));
        }
        try {
            timeFunctions(model, periods, steps, polynomial, exp, log);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model " + model + " --polynomial " + polynomial + ": " + e.getMessage(), e);
        }
        Objects.requireNonNull(kappaRatio, "kappaRatio");
        if (!(lstCentreOffset >= 0) || lstCentreOffset > 31) {
            throw new IllegalArgumentException("--lst-centre-offset must be in 0 … 31 days, got " + lstCentreOffset);
        }
        if (hantsHarmonics < 1) {
            throw new IllegalArgumentException("--hants-harmonics must be ≥ 1, got " + hantsHarmonics);
        }
        if (vertical && geometry == null) {
            throw new IllegalArgumentException("--vertical needs --geometry (a MintPy geometry file with incidenceAngle)");
        }
        if (model.equals("pecm") && lst == null) {
            throw new IllegalArgumentException("--model pecm needs --lst (land-surface temperature rasters)");
        }
        if (!(seasonalityTolerance >= 0) || !(seasonalityProminence >= 0 && seasonalityProminence <= 1)
                || !(minSeasonalAmplitude >= 0)) {
            throw new IllegalArgumentException("seasonality test: need --seasonality-tolerance ≥ 0, --seasonality-prominence "
                    + "in [0, 1] and --min-seasonal-amplitude ≥ 0, got " + seasonalityTolerance + ", "
                    + seasonalityProminence + ", " + minSeasonalAmplitude);
        }
        degreeDays = degreeDays == null ? DEGREE_DAYS : degreeDays.trim().toLowerCase(Locale.ROOT);
        if (!degreeDays.equals("expected") && !degreeDays.equals("direct")) {
            throw new IllegalArgumentException("--degree-days must be expected or direct, got '" + degreeDays + "'");
        }
        if (dailyTemperatureStd != null && !(dailyTemperatureStd >= 0 && dailyTemperatureStd < 50)) {
            throw new IllegalArgumentException("--daily-temperature-std must be in [0, 50) °C, got " + dailyTemperatureStd);
        }
        if (weight != null) {
            WeightFunction.byName(weight);
        }
        if (looks < 0 || !(minCoherence >= 0 && minCoherence < 1)) {
            throw new IllegalArgumentException("--looks must be ≥ 1 (0 = from the series) and --min-coherence in [0, 1), got "
                    + looks + ", " + minCoherence);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be ≥ 1, got " + threads);
        }
        if (memoryMb < 0) {
            throw new IllegalArgumentException("--memory-mb must be ≥ 0 (0: from the heap), got " + memoryMb);
        }
    }

    /** The defaults of {@code permasar fit TIMESERIES --model MODEL --out OUT}. */
    public static FitParameters of(Path timeseries, Path out, String model) {
        return new FitParameters(timeseries, out, model, List.of(), List.of(), POLYNOMIAL, List.of(), List.of(), null,
                null, List.of(), null, KAPPA_RATIO, LST_CENTRE_OFFSET, HANTS_HARMONICS, null, false,
                SEASONALITY_TOLERANCE, SEASONALITY_PROMINENCE, MIN_SEASONAL_AMPLITUDE, DEGREE_DAYS, null, null, null, 0,
                false, 0f, false, null, 0);
    }

    /** The defaults of {@code permasar fit TIMESERIES --model pecm --lst LST --out OUT}. */
    public static FitParameters pecm(Path timeseries, Path out, Path lst) {
        return new FitParameters(timeseries, out, "pecm", List.of(), List.of(), POLYNOMIAL, List.of(), List.of(), null,
                null, List.of(), lst, KAPPA_RATIO, LST_CENTRE_OFFSET, HANTS_HARMONICS, null, false,
                SEASONALITY_TOLERANCE, SEASONALITY_PROMINENCE, MIN_SEASONAL_AMPLITUDE, DEGREE_DAYS, null, null, null, 0,
                false, 0f, false, null, 0);
    }

    /** Whether the model is the PECM. */
    public boolean isPecm() {
        return model.equals("pecm");
    }

    /** With another polynomial degree. */
    public FitParameters withPolynomial(int degree) {
        return new FitParameters(timeseries, out, model, periods, steps, degree, exp, log, startDate, endDate,
                excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical,
                seasonalityTolerance, seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd,
                stack, weight, looks, maskConnComp, minCoherence, geotiff, threads, memoryMb);
    }

    /** With other time-function terms besides the model's own (periods in years, step dates, decays). */
    public FitParameters withTerms(List<Double> morePeriods, List<String> stepDates, List<Decay> exponentials,
                                   List<Decay> logarithms) {
        return new FitParameters(timeseries, out, model, morePeriods, stepDates, polynomial, exponentials, logarithms,
                startDate, endDate, excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical,
                seasonalityTolerance, seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd,
                stack, weight, looks, maskConnComp, minCoherence, geotiff, threads, memoryMb);
    }

    /** With the dates the time functions use: first and last (null = open) and dates left out. */
    public FitParameters withDates(LocalDate start, LocalDate end, List<LocalDate> exclude) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, start, end, exclude, lst,
                kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical, seasonalityTolerance,
                seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd, stack, weight, looks,
                maskConnComp, minCoherence, geotiff, threads, memoryMb);
    }

    /** The time functions these settings fit (for pecm: trend + annual and the terms given). */
    public TimeFunctionModel timeFunctions() {
        return timeFunctions(model, periods, steps, polynomial, exp, log);
    }

    /** The dates of the series the time functions use. */
    public DateSelection dateSelection() {
        return new DateSelection(startDate, endDate, excludeDates);
    }

    /**
     * The model's time functions: the polynomial, the model's own periods (trend+annual and pecm: 1 year;
     * harmonics: 1 and 0.5 years unless {@code periods} are given) followed by {@code periods} not already
     * there, then the steps, exponential and logarithmic decays, in MintPy's column order.
     */
    private static TimeFunctionModel timeFunctions(String model, List<Double> periods, List<String> steps, int polynomial,
                                                   List<Decay> exp, List<Decay> log) {
        List<Double> all = new ArrayList<>();
        if (model.equals("harmonics")) {
            if (periods.isEmpty()) {
                all.add(1.0);
                all.add(0.5);
            }
        } else if (!model.equals("trend")) {
            all.add(1.0);
        }
        for (double d : periods) {
            if (!all.contains(d)) {
                all.add(d);
            }
        }
        List<LocalDate> st = new ArrayList<>();
        for (String s : steps) {
            st.add(Dates.parse(s.trim()));
        }
        return new TimeFunctionModel(polynomial, all.stream().mapToDouble(Double::doubleValue).toArray(), st, exp, log);
    }

    /** With the seasonality test's tolerance, prominence and minimum peak-to-trough (m). */
    public FitParameters withSeasonality(double tolerance, double prominence, double minAmplitude) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, startDate, endDate,
                excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical, tolerance,
                prominence, minAmplitude, degreeDays, dailyTemperatureStd, stack, weight, looks, maskConnComp,
                minCoherence, geotiff, threads, memoryMb);
    }

    /** With the PECM's LST, HANTS harmonics, κ ratio (number or raster) and composite centre offset. */
    /** Whether κ_f/κ_t is estimated per pixel rather than given. */
    public boolean estimateKappa() {
        return kappaRatio.trim().equalsIgnoreCase(KAPPA_ESTIMATE);
    }

    public FitParameters withLst(Path lstPath, int harmonics, String kappa, double centreOffset) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, startDate, endDate,
                excludeDates, lstPath, kappa, centreOffset, harmonics, geometry, vertical, seasonalityTolerance,
                seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd, stack, weight, looks,
                maskConnComp, minCoherence, geotiff, threads, memoryMb);
    }

    /** With a geometry file and whether to fit vertical displacement. */
    public FitParameters withGeometry(Path geometryFile, boolean toVertical) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, startDate, endDate,
                excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometryFile, toVertical,
                seasonalityTolerance, seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd,
                stack, weight, looks, maskConnComp, minCoherence, geotiff, threads, memoryMb);
    }

    /** With the a-priori uncertainty of the PECM from the inversion's stack and its settings. */
    public FitParameters withStack(Path stackPath, String weights, int nlooks, boolean connComp, float minCoh) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, startDate, endDate,
                excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical,
                seasonalityTolerance, seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd,
                stackPath, weights, nlooks, connComp, minCoh, geotiff, threads, memoryMb);
    }

    /** With or without the GeoTIFF outputs. */
    public FitParameters withGeotiff(boolean tiffs) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, startDate, endDate,
                excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical,
                seasonalityTolerance, seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd,
                stack, weight, looks, maskConnComp, minCoherence, tiffs, threads, memoryMb);
    }

    /** With the block engine's resources (null threads = all cores). */
    public FitParameters withResources(Integer nthreads, long memory) {
        return new FitParameters(timeseries, out, model, periods, steps, polynomial, exp, log, startDate, endDate,
                excludeDates, lst, kappaRatio, lstCentreOffset, hantsHarmonics, geometry, vertical,
                seasonalityTolerance, seasonalityProminence, minSeasonalAmplitude, degreeDays, dailyTemperatureStd,
                stack, weight, looks, maskConnComp, minCoherence, geotiff, nthreads, memory);
    }
}

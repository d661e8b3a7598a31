package org.permasar.pipeline.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.network.Dates;
import org.permasar.permafrost.pecm.DailyCheckpoints;
import org.permasar.permafrost.pecm.PecmForcingBuilder;
import org.permasar.permafrost.pecm.PecmStatus;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.BlockOutput;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.pipeline.block.MemoryBlockSink;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.HantsParameters;
import org.permasar.timefn.LinearBatchFit;
import org.permasar.timefn.SeasonalityClassifier;
import org.permasar.timefn.TimeFunctionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fit step: time functions and the seasonal products of a MintPy time series (SCIENCE.md §2)
 * and, with model {@code pecm}, the piecewise elevation change model (Chen et al. 2018) whose
 * thermal forcing is built from the LST regridded onto the series' grid. Called by
 * {@code permasar fit} and by the {@code permasar run} chain alike. This (driver) side checks the
 * inputs and prepares a {@link FitKernel} job that any {@link BlockRunner} computes, then writes
 * {@code OUT/velocity.h5} in MintPy's layout and names (and one GeoTIFF per map when asked).
 *
 * <p>Stateless and thread-safe; each call opens its own readers.
 */
public final class FitStep {
    private static final Logger LOG = LoggerFactory.getLogger(FitStep.class);
    /** Product of the kernel's seasonality counts: kept in memory, never written. */
    private static final String COUNTS = "fit-counts";
    private static final String VELOCITY_FILE = "velocity.h5";

    /** What a fit produced: the file, the maps (for plots), and the summary lines. */
    public record Result(Path velocityFile, GridGeometry grid, String summary, String pecmSummary, FitProducts products) {
    }

    private FitStep() {
    }

    /** The kernel's PECM settings from the parameters (checks the LST's CRS against the grid). */
    private static FitKernel.Pecm pecmSettings(FitParameters p, GridGeometry grid, int refIndex, PecmUncertainty stackUnc)
            throws IOException {
        HantsParameters hp = HantsParameters.lstDefaults().withFrequencies(p.hantsHarmonics());
        try (LstSource probe = LstSource.open(p.lst(), LstOptions.auto())) {
            new LstRegridder(probe, grid, GridResampler.Method.BILINEAR); // CRS check before the run
            float[] kappa = p.estimateKappa() ? null
                    : ProductRasters.numberOrRaster(p.kappaRatio(), grid, "--kappa-ratio");
            return new FitKernel.Pecm(p.lst().toString(), probe.dates(), hp, p.lstCentreOffset(),
                    FreezeThawOnsets.defaults(), kappa, refIndex, stackUnc, p.degreeDays().equals("expected"),
                    p.dailyTemperatureStd() == null ? Double.NaN : p.dailyTemperatureStd());
        }
    }

    /**
     * The fitted PECM model of one pixel at every date of the series, in the series' own unit and geometry
     * (LOS metres, relative to the reference date's offset as fitted): the same LST chain, forcing and
     * least squares as {@link #run} on a 1 × 1 block, so a plot draws exactly the model the maps hold
     * (c + v·L + d·I, projected back to LOS when fitted with {@code --vertical}). NaN where the pixel has
     * no PECM fit.
     *
     * @throws IllegalArgumentException when {@code p} is not a PECM fit or the pixel is outside the grid
     */
    public static float[] pecmModelAt(FitParameters p, int row, int col) throws IOException {
        return pecmCurveAt(p, row, col).model();
    }

    /**
     * The PECM model of one pixel and the seasonal forcing it was fitted with, at every date of the series.
     *
     * @param model   c + v·L + d·I at each date, the series' unit and geometry (see {@link #pecmModelAt}); NaN where
     *                the pixel has no PECM fit
     * @param forcing I(τ) = max(0, √ADDT(τ) − √(κ_f/κ_t)·√ADDF(τ)) at each date, √(°C·day): the seasonal regressor of
     *                the piecewise elevation change model (Chen et al. 2018; SCIENCE.md §2), ADDT/ADDF accumulated
     *                from the thaw/freeze onsets of the current permafrost year ({@code PecmForcingBuilder}); NaN where
     *                the LST gives none
     */
    public record PecmCurve(float[] model, float[] forcing) {
    }

    /**
     * {@link #pecmModelAt} and the forcing I(τ) behind it, from one evaluation of the fit at the pixel.
     *
     * @throws IllegalArgumentException when {@code p} is not a PECM fit or the pixel is outside the grid
     */
    public static PecmCurve pecmCurveAt(FitParameters p, int row, int col) throws IOException {
        if (!p.isPecm()) {
            throw new IllegalArgumentException("not a PECM fit: --model " + p.model());
        }
        try (TimeSeriesProduct ts = TimeSeriesProduct.open(p.timeseries())) {
            GridGeometry grid = ts.grid();
            if (row < 0 || col < 0 || row >= grid.rows() || col >= grid.cols()) {
                throw new IllegalArgumentException("pixel (" + row + ", " + col + ") is outside the " + grid.rows() + " × "
                        + grid.cols() + " grid of " + p.timeseries());
            }
            List<LocalDate> dates = ts.dates();
            int refIndex = refIndex(ts);
            FitKernel.Pecm pecmCfg = pecmSettings(p, grid, refIndex, null);
            List<String> names = new ArrayList<>(declare(grid, p.timeFunctions(), pecmCfg, null).names());
            names.add(FitKernel.PECM_MODEL);
            names.add(FitKernel.PECM_FORCING);
            FitKernel kernel = new FitKernel(p.timeseries().toString(), grid, dates, p.timeFunctions(),
                    p.dateSelection().indices(dates), secondsOfDay(ts),
                    SeasonalityClassifier.permafrost(p.seasonalityTolerance(), p.seasonalityProminence(),
                            p.minSeasonalAmplitude()),
                    p.vertical() ? p.geometry().toString() : null, pecmCfg, null, names);
            try (BlockKernel.Worker w = kernel.open()) {
                Map<String, float[]> out = w.compute(new Window(row, col, 1, 1));
                return new PecmCurve(out.get(FitKernel.PECM_MODEL), out.get(FitKernel.PECM_FORCING));
            }
        }
    }

    /** Runs the fit in this process, without progress reporting. */
    public static Result run(FitParameters p) throws IOException {
        return run(p, null, Progress.NONE);
    }

    /** Runs the fit's blocks on {@code runner} (any engine). */
    public static Result run(FitParameters p, BlockRunner runner) throws IOException {
        return run(p, runner, Progress.NONE);
    }

    /**
     * Runs the fit and writes its products under {@code p.out()}.
     *
     * @param runner   engine of the per-block job, or null for the in-process {@link LocalBlockRunner}
     *                 on {@link #engine}
     * @param progress progress of the local runner
     * @throws InvalidInputException naming the series, and nothing written, when the fit cannot be made: see
     *                               {@link #unfittable}, or no pixel (time functions nor PECM) could be fitted
     */
    public static Result run(FitParameters p, BlockRunner runner, Progress progress) throws IOException {
        String m = p.model();
        boolean pecm = p.isPecm();
        TimeFunctionModel tfm = p.timeFunctions();
        try (TimeSeriesProduct ts = TimeSeriesProduct.open(p.timeseries())) {
            if (!ts.has("timeseries") || ts.dates().isEmpty()) {
                throw new InvalidInputException(p.timeseries(), "timeseries",
                        "expected a MintPy time series (3-D 'timeseries' and 'date')");
            }
            GridGeometry grid = ts.grid();
            List<LocalDate> dates = ts.dates();
            int refIndex = refIndex(ts);
            int[] layers = p.dateSelection().indices(dates);
            List<LocalDate> used = new ArrayList<>();
            for (int k : layers) {
                used.add(dates.get(k));
            }
            double seconds = secondsOfDay(ts);
            String problem = unfittable(tfm, used, dates, seconds, p);
            if (problem != null) {
                throw new InvalidInputException(p.timeseries(), "timeseries", problem);
            }
            if (p.geometry() != null) {
                try (MintPyGeometry g = MintPyGeometry.open(p.geometry())) {
                    if (!g.has("incidenceAngle")) {
                        throw new InvalidInputException(p.geometry(), "incidenceAngle", "dataset is missing");
                    }
                    if (g.grid().rows() != grid.rows() || g.grid().cols() != grid.cols()) {
                        throw new InvalidInputException(p.geometry(), "incidenceAngle", "grid " + g.grid().rows() + "×"
                                + g.grid().cols() + " differs from the time series' " + grid.rows() + "×" + grid.cols());
                    }
                }
            }
            FitKernel.Pecm pecmCfg = null;
            PecmUncertainty stackUnc = p.stack() == null ? null
                    : new PecmUncertainty(p.stack(), dates, ts.attributes(), p.weight(),
                            looksFor(p.looks(), ts.attributes()), p.maskConnComp(), p.minCoherence());
            if (pecm) {
                pecmCfg = pecmSettings(p, grid, refIndex, stackUnc);
            }
            SeasonalityClassifier classifier = SeasonalityClassifier.permafrost(p.seasonalityTolerance(),
                    p.seasonalityProminence(), p.minSeasonalAmplitude());
            FitProducts products = declare(grid, tfm, pecmCfg, pecm ? null : stackUnc);
            FitKernel kernel = new FitKernel(p.timeseries().toString(), grid, dates, tfm, layers, seconds, classifier,
                    p.vertical() ? p.geometry().toString() : null, pecmCfg, stackUnc, products.names());
            long bytesPerPixel = 4L * dates.size() * 6 + (pecm ? pecmBytesPerPixel(pecmCfg, dates.size()) : 0) + 200;
            List<BlockOutput> outputs = new ArrayList<>();
            MemoryBlockSink maps = new MemoryBlockSink(p.out().resolve(VELOCITY_FILE), grid);
            for (String name : products.names()) {
                outputs.add(new BlockOutput(VELOCITY_FILE, DatasetSpec.plane(name, grid.rows(), grid.cols())));
                maps.create(outputs.get(outputs.size() - 1).dataset());
            }
            MemoryBlockSink counts = new MemoryBlockSink(p.out().resolve(COUNTS), grid);
            outputs.add(new BlockOutput(COUNTS, DatasetSpec.plane(FitKernel.SEASONAL_TEST, grid.rows(), grid.cols())));
            counts.create(outputs.get(outputs.size() - 1).dataset());
            BlockEngine engine = engine(p, progress);
            long[] jvm0 = StageTimes.jvmMillis();
            long t0 = System.nanoTime();
            Map<String, BlockSink> sinks = Map.of(VELOCITY_FILE, maps, COUNTS, counts);
            (runner == null ? new LocalBlockRunner(engine) : runner)
                    .run(new BlockJob("fit " + m, grid, bytesPerPixel, outputs, kernel), sinks);
            maps.commit();
            counts.commit();
            double sec = (System.nanoTime() - t0) / 1e9;
            LOG.info(String.format(Locale.ROOT, "fit %s: %d px × %d dates in %.2f s (%.0f px/s, %d threads)", m,
                    grid.size(), dates.size(), sec, grid.size() / Math.max(sec, 1e-9), engine.threads()));
            if (runner == null || runner instanceof LocalBlockRunner) {  // a cluster counts on its executors
                LOG.info("fit {}: {}", m, kernel.times().summary(jvm0));
            }
            for (String name : products.names()) {
                products.set(name, maps.array(name));
            }
            long[] fitCounts = fitCounts(products.map("fitStatus"), counts.array(FitKernel.SEASONAL_TEST));
            String summary = summary(tfm, kernel.tooShort(), fitCounts);
            long[] pc = pecm ? pecmCounts(products.map("pecmStatus")) : null;
            if (fitCounts[0] == 0 && (pc == null || pc[PecmStatus.OK] == 0)) {
                // nothing estimated anywhere: no all-NaN product, the reason instead
                throw new InvalidInputException(p.timeseries(), "timeseries", "no pixel could be fitted, nothing written ("
                        + counts(tfm, kernel.tooShort(), fitCounts) + (pc == null ? "" : "; " + pecmSummary(pc)) + ")");
            }
            Files.createDirectories(p.out());
            Path vel = p.out().resolve(VELOCITY_FILE);
            products.writeHdf5(vel, attributes(ts, tfm, m, used, dates.get(refIndex)));
            if (p.geotiff()) {
                products.writeGeoTiffs(p.out());
            }
            String pecmSummary = pecm ? pecmSummary(pc) : null;
            return new Result(vel, grid, summary, pecmSummary, products);
        }
    }

    /**
     * Working memory of the PECM per pixel of a block, from what the kernel holds at once: the daily
     * series and the smooth HANTS curve (float per day each), their gathered copies and the onset
     * smoothing (as many again), the composites, HANTS' filled and reconstructed series and the
     * regridded cube (float per composite, about 6), and the forcing, its degree-day sums and the fit
     * (about 12 floats per SAR date), and the stack of the yearly-maximum hull of the degree-day pass
     * ({@link PecmForcingBuilder#peaksBytesPerCell()}). Measured: the former 4·(4·composites + 1200) bytes let a
     * 1000 × 1000 px run with 368 composites over 8 years run out of a 1 GiB heap.
     */
    static long pecmBytesPerPixel(FitKernel.Pecm pecm, int sarDates) {
        List<LocalDate> lst = pecm.lstDates();
        long days = lst.get(lst.size() - 1).toEpochDay() - lst.get(0).toEpochDay() + 1;
        return 4L * (4 * days + 6L * lst.size() + 12L * sarDates) + 400 + PecmForcingBuilder.peaksBytesPerCell()
                + DailyCheckpoints.bytesPerCell((int) days);
    }

    /** The in-process engine of {@code p}: its threads (null = all cores) and block memory. */
    public static BlockEngine engine(FitParameters p, Progress progress) {
        int nthreads = p.threads() == null ? Runtime.getRuntime().availableProcessors() : p.threads();
        return new BlockEngine(BlockPlanner.forMemoryMb(p.memoryMb(), nthreads), nthreads, progress);
    }

    /**
     * The maps a fit writes, in the order of {@code velocity.h5}: MintPy's datasets of the time functions
     * ({@code timeseries2velocity}: intercept, velocity, acceleration, poly3 …, each with its Std;
     * annual/semiAnnual/period&lt;P&gt;Y Amplitude and Phase; step&lt;DATE&gt;, exp&lt;DATE&gt;Tau&lt;DAYS&gt;D,
     * log&lt;DATE&gt;Tau&lt;DAYS&gt;D with Std; residue), the seasonal products when the model has an annual
     * term, residualRms and fitStatus, then the PECM's maps.
     */
    static FitProducts declare(GridGeometry grid, TimeFunctionModel model, FitKernel.Pecm pecm, PecmUncertainty stack) {
        FitProducts products = new FitProducts(grid);
        for (int k = 0; k <= model.polynomialDegree(); k++) {
            String name = TimeFunctionModel.polynomialName(k), unit = TimeFunctionModel.polynomialUnit(k);
            String what = k == 0 ? "intercept" : k == 1 ? "linear rate" : k == 2 ? "acceleration"
                    : "polynomial coefficient of t^" + k + "/" + k + "!";
            products.declare(name, unit, what + ", " + model);
            products.declare(name + "Std", unit, "one-sigma of the " + what + (k == 1 && stack != null
                    ? ", sqrt(max(a-priori, residual-based variance)); a-priori: " + stack.describe()
                    : " (residual-based, as MintPy)"));
            if (k == 1 && stack != null) {
                products.declare(name + "StdApriori", unit, "a-priori one-sigma of the linear rate, " + stack.describe());
            }
        }
        for (double period : model.periodsYears()) {
            String name = TimeFunctionModel.periodName(period);
            products.declare(name + "Amplitude", "m", "amplitude |A| of the " + period + "-year sinusoid (MintPy)");
            products.declare(name + "Phase", "radian", "phase atan2(cos, sin) of the " + period + "-year sinusoid (MintPy)");
        }
        for (LocalDate d : model.stepDates()) {
            String name = TimeFunctionModel.stepName(d);
            products.declare(name, "m", "Heaviside step at " + d);
            products.declare(name + "Std", "m", "one-sigma of the step at " + d);
        }
        for (TimeFunctionModel.Decay e : model.exponentials()) {
            products.declare(e.name("exp"), "m", "amplitude of the exponential decay from " + e.onset() + ", tau "
                    + e.tauDays() + " days");
            products.declare(e.name("exp") + "Std", "m", "one-sigma of that amplitude");
        }
        for (TimeFunctionModel.Decay l : model.logarithms()) {
            products.declare(l.name("log"), "m", "amplitude of the logarithmic decay from " + l.onset() + ", tau "
                    + l.tauDays() + " days");
            products.declare(l.name("log") + "Std", "m", "one-sigma of that amplitude");
        }
        if (model.annualIndex() >= 0) {
            products.declare("seasonalAmplitude", "m", "seasonal peak-to-trough amplitude 2|A| (seasonal pixels only)");
            products.declare("seasonalAmplitudeStd", "m", "one-sigma of the peak-to-trough amplitude");
            products.declare("seasonalTiming", "day", "day of year of the annual maximum (seasonal pixels only)");
            products.declare("seasonalMask", "1", "1 = seasonal (extrema test), 0 = not seasonal or not fitted");
        }
        products.declare("residualRms", "m", "RMS of the time-function residuals");
        products.declare("residue", "m", "norm of the time-function residuals, sqrt(sum r^2) (MintPy)");
        products.declare("fitStatus", "1", "0 ok, 1 too few valid dates / series too short, 2 singular");
        if (pecm != null) {
            products.declare("pecmVelocity", "m/year", "PECM long-term rate v (Chen et al. 2018)");
            String std = pecm.uncertainty() == null ? "residual-based (Santer n_e)"
                    : "sqrt(max(a-priori, residual-based variance)); a-priori: " + pecm.uncertainty().describe();
            products.declare("pecmVelocityStd", "m/year", "one-sigma of v, " + std);
            products.declare("pecmSeasonalCoef", "m/sqrt(degC*day)", "PECM seasonal coefficient d");
            products.declare("pecmSeasonalCoefStd", "m/sqrt(degC*day)", "one-sigma of d, " + std);
            if (pecm.uncertainty() != null) {
                products.declare("pecmVelocityStdApriori", "m/year", "a-priori one-sigma of v, " + pecm.uncertainty().describe());
                products.declare("pecmSeasonalCoefStdApriori", "m/sqrt(degC*day)", "a-priori one-sigma of d");
            }
            if (pecm.kappaRatio() == null) {
                products.declare("pecmKappaRatio", "1", "kappa_f/kappa_t estimated per pixel by profile least squares "
                        + "(NaN where the series cannot tell it; there the fit used " + FitKernel.FALLBACK_KAPPA + ")");
                products.declare("pecmKappaRatioStd", "1", "one-sigma of the estimated kappa_f/kappa_t (profile likelihood)");
            }
            products.declare("pecmResidualRms", "m", "RMS of the PECM residuals");
            products.declare(FitKernel.THAW_SEASON, "1", "1 where the LST shows a freeze-thaw cycle (thaw and freeze "
                    + "onsets found), 0 where not: where an active-layer thickness means something");
            products.declare("pecmPeakToTrough", "m", "modelled seasonal peak-to-trough |d|·max I, mean over years");
            products.declare("pecmStatus", "1", "PECM reason code (0 ok, 1 no LST, 2 no thaw, 3 no freeze, "
                    + "4 dates outside LST, 5 too short, 6 singular, 7 LST gap, 8 no reference)");
        }
        return products;
    }

    /** ok, too few valid dates / too short, singular, seasonal (by the extrema test, whatever the status). */
    private static long[] fitCounts(float[] status, float[] seasonal) {
        long[] c = new long[4];
        for (int q = 0; q < status.length; q++) {
            byte s = (byte) status[q];
            c[0] += s == LinearBatchFit.OK ? 1 : 0;
            c[1] += s == LinearBatchFit.TOO_FEW_VALID ? 1 : 0;
            c[2] += s == LinearBatchFit.SINGULAR ? 1 : 0;
            c[3] += seasonal[q] > 0 ? 1 : 0;
        }
        return c;
    }

    /** Pixels per PECM reason code (codes above 15 counted as 15). */
    private static long[] pecmCounts(float[] status) {
        long[] c = new long[16];
        for (float v : status) {
            c[Math.min(15, ((byte) v) & 0xff)]++;
        }
        return c;
    }

    /**
     * Why the time functions cannot be fitted on {@code used} dates, or null when they can. Parameter problems
     * (a step outside the dates, an onset at or after the last date, no dates left) are reasons for every model; a
     * series too short for the model (fewer dates than unknowns, shorter than its longest period) or a singular
     * design are reasons only without PECM, whose own fit does not need them (the time-function maps are then NaN).
     */
    static String unfittable(TimeFunctionModel m, List<LocalDate> used, List<LocalDate> all, double seconds,
                             FitParameters p) {
        if (used.size() < 2) {
            return used.size() + " of the " + all.size() + " dates (" + Dates.compact(all.get(0)) + " … "
                    + Dates.compact(all.get(all.size() - 1)) + ") left by --start-date " + p.startDate() + ", --end-date "
                    + p.endDate() + " and --exclude-date " + p.excludeDates() + ": nothing to fit";
        }
        LocalDate first = used.get(0), last = used.get(used.size() - 1);
        String span = Dates.compact(first) + " … " + Dates.compact(last);
        double y0 = TimeFunctionModel.mintpyYears(first), y1 = TimeFunctionModel.mintpyYears(last);
        for (LocalDate d : m.stepDates()) {
            double y = TimeFunctionModel.mintpyYears(d);
            if (!(y0 < y && y < y1)) {   // MintPy inps2model: ymin < step < ymax
                return "step date " + Dates.compact(d) + " is not inside the dates fitted, " + span
                        + " (a step needs dates on both sides)";
            }
        }
        List<TimeFunctionModel.Decay> decays = new ArrayList<>(m.exponentials());
        decays.addAll(m.logarithms());
        for (TimeFunctionModel.Decay e : decays) {
            if (TimeFunctionModel.mintpyYears(e.onset()) >= y1) {   // MintPy inps2model: onset < ymax
                return "decay onset " + Dates.compact(e.onset()) + " is not before the last date fitted, " + span;
            }
        }
        if (p.isPecm()) {
            return null;
        }
        if (FitKernel.tooShort(m, used)) {
            double years = ChronoUnit.DAYS.between(first, last) / TimeFunctionModel.DAYS_PER_YEAR;
            return String.format(Locale.ROOT, "series too short for --model %s: %d dates over %.2f years (%s), the model "
                    + "has %d unknowns%s", p.model(), used.size(), years, span, m.parameterCount(),
                    m.longestPeriod() > 0 ? String.format(Locale.ROOT, " and a %s-year period", m.longestPeriod()) : "")
                    + (m.annualIndex() >= 0 && years < 1 ? "; --model trend (fit.model = trend in a run configuration) fits the rate alone" : "");
        }
        if (!new LinearBatchFit(m.designMatrix(used, seconds), used.size(), m.parameterCount()).fullRank()) {
            return "the design matrix of " + m + " is singular on the dates " + span + " (terms that no date tells apart, "
                    + "e.g. two steps between the same acquisitions or a decay onset long before the first date)";
        }
        return null;
    }

    /** MintPy's acquisition time of day ({@code CENTER_LINE_UTC}, seconds), 0 when absent or unreadable. */
    static double secondsOfDay(TimeSeriesProduct ts) {
        String v = ts.attributes().get("CENTER_LINE_UTC");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            double s = Double.parseDouble(v.trim());
            return s >= 0 && s <= 86400 ? s : 0;
        } catch (NumberFormatException e) {
            LOG.warn("{}: CENTER_LINE_UTC '{}' is not a number of seconds; taking 00:00 UTC", ts.path(), v);
            return 0;
        }
    }

    private static int refIndex(TimeSeriesProduct ts) {
        String ref = ts.attributes().get("REF_DATE");
        if (ref == null || ref.isBlank()) {
            return 0;
        }
        LocalDate d = Dates.parse(ref.trim());
        int i = ts.dates().indexOf(d);
        if (i < 0) {
            LOG.warn("{}: REF_DATE {} is not one of the dates; using the first date", ts.path(), ref);
            return 0;
        }
        return i;
    }

    /** The series' attributes with MintPy's of a velocity file; START_DATE … END_DATE are the dates fitted. */
    private static Map<String, String> attributes(TimeSeriesProduct ts, TimeFunctionModel tfm, String m,
                                                  List<LocalDate> dates, LocalDate refDate) {
        Map<String, String> a = new LinkedHashMap<>(ts.attributes());
        a.remove("UNIT");
        String start = Dates.compact(dates.get(0)), end = Dates.compact(dates.get(dates.size() - 1));
        a.put("REF_DATE", Dates.compact(refDate));
        a.put("START_DATE", start);
        a.put("END_DATE", end);
        a.put("DATE12", start + "_" + end);
        a.put("UNIT", "m/year");
        a.put("PERMASAR_MODEL", m + ": " + tfm);
        return a;
    }

    /** The looks when given (&gt; 0), else those {@code invert} recorded in the series (PERMASAR_LOOKS), else 1. */
    static int looksFor(int looks, Map<String, String> tsAttributes) {
        if (looks > 0) {
            return looks;
        }
        try {
            return Math.max(1, Integer.parseInt(tsAttributes.getOrDefault("PERMASAR_LOOKS", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** "N pixels fitted, M NaN: k too few valid dates, …; S seasonal". */
    static String summary(TimeFunctionModel model, boolean tooShort, long[] fitCounts) {
        return model + ": " + counts(model, tooShort, fitCounts);
    }

    /** "N pixels fitted, M NaN: k too few valid dates, …; S seasonal". */
    private static String counts(TimeFunctionModel model, boolean tooShort, long[] fitCounts) {
        long ok = fitCounts[0], few = fitCounts[1], sing = fitCounts[2];
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d pixels fitted, %d NaN", ok, few + sing));
        if (few + sing > 0) {
            s.append(": ");
            String sep = "";
            if (few > 0) {
                s.append(few).append(tooShort ? " series too short for the model" : " too few valid dates");
                sep = ", ";
            }
            if (sing > 0) {
                s.append(sep).append(sing).append(" singular");
            }
        }
        if (model.annualIndex() >= 0) {
            s.append("; ").append(fitCounts[3]).append(" seasonal");
        }
        return s.toString();
    }

    /** "PECM: N pixels fitted, M NaN: k no thaw onset, …", or null without PECM. */
    static String pecmSummary(long[] pecmCounts) {
        long total = 0;
        for (long c : pecmCounts) {
            total += c;
        }
        long ok = pecmCounts[PecmStatus.OK];
        StringBuilder s = new StringBuilder("PECM: " + ok + " pixels fitted, " + (total - ok) + " NaN");
        String sep = ": ";
        for (int k = 1; k < pecmCounts.length; k++) {
            if (pecmCounts[k] > 0) {
                s.append(sep).append(pecmCounts[k]).append(' ').append(PecmStatus.describe((byte) k));
                sep = ", ";
            }
        }
        return s.toString();
    }
}

package org.permasar.pipeline.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.network.Dates;
import org.permasar.permafrost.pecm.PecmStatus;
import org.permasar.pipeline.block.BlockJob;
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
     */
    public static Result run(FitParameters p, BlockRunner runner, Progress progress) throws IOException {
        String m = p.model();
        boolean pecm = p.isPecm();
        TimeFunctionModel tfm = timeFunctions(p);
        try (TimeSeriesProduct ts = TimeSeriesProduct.open(p.timeseries())) {
            if (!ts.has("timeseries") || ts.dates().isEmpty()) {
                throw new InvalidInputException(p.timeseries(), "timeseries",
                        "expected a MintPy time series (3-D 'timeseries' and 'date')");
            }
            GridGeometry grid = ts.grid();
            List<LocalDate> dates = ts.dates();
            int refIndex = refIndex(ts);
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
            if (pecm) {
                HantsParameters hp = HantsParameters.lstDefaults().withFrequencies(p.hantsHarmonics());
                try (LstSource probe = LstSource.open(p.lst(), LstOptions.auto())) {
                    new LstRegridder(probe, grid, GridResampler.Method.BILINEAR); // CRS check before the run
                    float[] kappa = p.estimateKappa() ? null
                            : ProductRasters.numberOrRaster(p.kappaRatio(), grid, "--kappa-ratio");
                    PecmUncertainty unc = p.stack() == null ? null
                            : new PecmUncertainty(p.stack(), dates, ts.attributes(), p.weight(),
                                    looksFor(p.looks(), ts.attributes()), p.maskConnComp(), p.minCoherence());
                    pecmCfg = new FitKernel.Pecm(p.lst().toString(), probe.dates(), hp, p.lstCentreOffset(),
                            FreezeThawOnsets.defaults(), kappa, refIndex, unc, p.degreeDays().equals("expected"),
                            p.dailyTemperatureStd() == null ? Double.NaN : p.dailyTemperatureStd());
                }
            }
            SeasonalityClassifier classifier = SeasonalityClassifier.permafrost(p.seasonalityTolerance(),
                    p.seasonalityProminence(), p.minSeasonalAmplitude());
            FitProducts products = declare(grid, tfm, pecmCfg);
            FitKernel kernel = new FitKernel(p.timeseries().toString(), grid, dates, tfm, classifier,
                    p.vertical() ? p.geometry().toString() : null, pecmCfg, products.names());
            long bytesPerPixel = 4L * dates.size() * 6 + (pecm ? 4L * (pecmCfg.lstDates().size() * 4 + 400 * 3) : 0) + 200;
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
            long t0 = System.nanoTime();
            Map<String, BlockSink> sinks = Map.of(VELOCITY_FILE, maps, COUNTS, counts);
            (runner == null ? new LocalBlockRunner(engine) : runner)
                    .run(new BlockJob("fit " + m, grid, bytesPerPixel, outputs, kernel), sinks);
            maps.commit();
            counts.commit();
            double sec = (System.nanoTime() - t0) / 1e9;
            LOG.info(String.format(Locale.ROOT, "fit %s: %d px × %d dates in %.2f s (%.0f px/s, %d threads)", m,
                    grid.size(), dates.size(), sec, grid.size() / Math.max(sec, 1e-9), engine.threads()));
            for (String name : products.names()) {
                products.set(name, maps.array(name));
            }
            Files.createDirectories(p.out());
            Path vel = p.out().resolve(VELOCITY_FILE);
            products.writeHdf5(vel, attributes(ts, tfm, m, dates, refIndex));
            if (p.geotiff()) {
                products.writeGeoTiffs(p.out());
            }
            String summary = summary(tfm, kernel.tooShort(), fitCounts(products.map("fitStatus"),
                    counts.array(FitKernel.SEASONAL_TEST)));
            String pecmSummary = pecm ? pecmSummary(pecmCounts(products.map("pecmStatus"))) : null;
            return new Result(vel, grid, summary, pecmSummary, products);
        }
    }

    /** The in-process engine of {@code p}: its threads (null = all cores) and block memory. */
    public static BlockEngine engine(FitParameters p, Progress progress) {
        int nthreads = p.threads() == null ? Runtime.getRuntime().availableProcessors() : p.threads();
        return new BlockEngine(BlockPlanner.forMemoryMb(p.memoryMb(), nthreads), nthreads, progress);
    }

    /** The maps a fit writes, in the order of {@code velocity.h5}. */
    static FitProducts declare(GridGeometry grid, TimeFunctionModel model, FitKernel.Pecm pecm) {
        FitProducts products = new FitProducts(grid);
        products.declare("intercept", "m", "intercept of the time-function fit");
        products.declare("velocity", "m/year", "linear rate, " + model);
        products.declare("velocityStd", "m/year", "one-sigma of the linear rate (residual-based, as MintPy)");
        products.declare("annualAmplitude", "m", "annual amplitude |A| (MintPy)");
        products.declare("annualPhase", "radian", "annual phase atan2(cos, sin) (MintPy)");
        products.declare("seasonalAmplitude", "m", "seasonal peak-to-trough amplitude 2|A| (seasonal pixels only)");
        products.declare("seasonalAmplitudeStd", "m", "one-sigma of the peak-to-trough amplitude");
        products.declare("seasonalTiming", "day", "day of year of the annual maximum (seasonal pixels only)");
        products.declare("seasonalMask", "1", "1 = seasonal (extrema test), 0 = not seasonal or not fitted");
        products.declare("residualRms", "m", "RMS of the time-function residuals");
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

    static TimeFunctionModel timeFunctions(FitParameters p) {
        List<Double> periods = new ArrayList<>();
        if (p.model().equals("harmonics")) {
            if (p.periods().isEmpty()) {
                periods.add(1.0);
                periods.add(0.5);
            }
        } else {
            periods.add(1.0);
        }
        for (double d : p.periods()) {
            if (!periods.contains(d)) {
                periods.add(d);
            }
        }
        double[] arr = periods.stream().mapToDouble(Double::doubleValue).toArray();
        List<LocalDate> st = new ArrayList<>();
        for (String s : p.steps()) {
            st.add(Dates.parse(s.trim().replace("-", "")));
        }
        return new TimeFunctionModel(p.polynomial(), arr, st);
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

    private static Map<String, String> attributes(TimeSeriesProduct ts, TimeFunctionModel tfm, String m,
                                                  List<LocalDate> dates, int refIndex) {
        Map<String, String> a = new LinkedHashMap<>(ts.attributes());
        a.remove("UNIT");
        String start = Dates.compact(dates.get(0)), end = Dates.compact(dates.get(dates.size() - 1));
        a.put("REF_DATE", Dates.compact(dates.get(refIndex)));
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
        long ok = fitCounts[0], few = fitCounts[1], sing = fitCounts[2];
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d pixels fitted, %d NaN", model, ok, few + sing));
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
        s.append("; ").append(fitCounts[3]).append(" seasonal");
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

package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.permasar.cli.products.ProductRasters;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.engine.BlockEngine;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.network.Dates;
import org.permasar.stack.BlockPlanner;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.HantsParameters;
import org.permasar.timefn.SeasonalityClassifier;
import org.permasar.timefn.TimeFunctionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar fit TIMESERIES --model trend+annual|harmonics|pecm --out DIR}: time functions and the
 * seasonal products of a MintPy time series (SCIENCE.md §2), block by block on all cores, written as
 * {@code DIR/velocity.h5} in MintPy's layout and names ({@link FitStep} does the per-block work).
 * With {@code --model pecm} the piecewise elevation change model (Chen et al. 2018) is fitted too, its
 * thermal forcing built from {@code --lst} regridded onto the time series grid.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit time functions (trend, annual, harmonics, steps) or the PECM to a MintPy time series.")
public final class FitCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FitCommand.class);

    @Parameters(index = "0", paramLabel = "TIMESERIES", description = "Time series (m): MintPy timeseries.h5 or a Zarr store such as timeseries.zarr.")
    Path timeseries;
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "trend+annual, harmonics or pecm.")
    String model;
    @Option(names = "--periods", split = ",", paramLabel = "YEARS",
            description = "Periods of sinusoids in years (harmonics: default 1,0.5; trend+annual: added to the annual term).")
    double[] periods;
    @Option(names = "--steps", split = ",", paramLabel = "DATES", description = "Heaviside step dates (YYYYMMDD or YYYY-MM-DD).")
    List<String> steps;
    @Option(names = "--polynomial", defaultValue = "1", paramLabel = "N", description = "Polynomial degree (default ${DEFAULT-VALUE}).")
    int polynomial;
    @Option(names = "--lst", paramLabel = "LST", description = "pecm: LST multi-band GeoTIFF (band descriptions = dates) or folder of dated GeoTIFFs.")
    Path lst;
    @Option(names = "--kappa-ratio", defaultValue = "1.0", paramLabel = "RATIO",
            description = "pecm: κ_f/κ_t, a number or a raster (FILE.h5:DATASET or .tif) (default ${DEFAULT-VALUE}).")
    String kappaRatio;
    @Option(names = "--lst-centre-offset", defaultValue = "3.5", paramLabel = "DAYS",
            description = "pecm: days from a composite's date to its window centre (MOD11A2: 3.5) (default ${DEFAULT-VALUE}).")
    double centreOffset;
    @Option(names = "--hants-harmonics", defaultValue = "3", paramLabel = "K", description = "pecm: HANTS harmonics of 365 days (default ${DEFAULT-VALUE}).")
    int hantsHarmonics;
    @Option(names = "--geometry", paramLabel = "GEOMETRY", description = "MintPy geometry file with incidenceAngle (for --vertical).")
    Path geometry;
    @Option(names = "--vertical", description = "Fit vertical displacement: d_up = d_LOS / cos(incidence) (needs --geometry).")
    boolean vertical;
    @Option(names = "--seasonality-tolerance", defaultValue = "2", paramLabel = "N",
            description = "Seasonality test: allowed |extrema − 2·years| (Zhang et al.: 2) (default ${DEFAULT-VALUE}).")
    double tolerance;
    @Option(names = "--seasonality-prominence", defaultValue = "0.2", paramLabel = "F",
            description = "Seasonality test extension: an extremum must stand out by F × the curve's range; 0 = the paper's count (default ${DEFAULT-VALUE}).")
    double prominence;
    @Option(names = "--min-seasonal-amplitude", defaultValue = "0.001", paramLabel = "M",
            description = "Seasonality test extension: peak-to-trough amplitude below this (m) is not seasonal; 0 = off (default ${DEFAULT-VALUE}).")
    double minAmplitude;
    @Option(names = "--degree-days", defaultValue = "expected", paramLabel = "MODE",
            description = "pecm: ADDT/ADDF as 'expected' positive/negative parts of daily temperatures scattered around the "
                    + "smooth HANTS curve (Thom 1954), or 'direct' clipping of the gap-filled daily series (default ${DEFAULT-VALUE}).")
    String degreeDays;
    @Option(names = "--daily-temperature-std", paramLabel = "DEGC",
            description = "pecm, expected degree-days: day-to-day temperature scatter σ_d in °C (default: per pixel, the "
                    + "composites' scatter around the HANTS curve × √(composite days), composite days = 2·offset + 1).")
    Double dailyStd;
    @Option(names = "--stack", paramLabel = "IFGRAMSTACK",
            description = "pecm: the interferogram stack the time series was inverted from; adds the a-priori (decorrelation-noise) uncertainty of v and d.")
    Path stack;
    @Option(names = "--weight", paramLabel = "W",
            description = "pecm --stack: weights the inversion used, var, fim, coh or no (default: the series' PERMASAR_INVERSION, else var).")
    String weight;
    @Option(names = "--looks", defaultValue = "0", paramLabel = "L",
            description = "pecm --stack: independent looks of the phase-noise model and var/fim weights, as given to invert "
                    + "(default: the series' PERMASAR_LOOKS, else 1).")
    int looks;
    @Option(names = "--mask-dset", description = "pecm --stack: the inversion masked pairs with connectComponent = 0.")
    boolean maskConnComp;
    @Option(names = "--min-coherence", defaultValue = "0", paramLabel = "C",
            description = "pecm --stack: the inversion's coherence threshold (default ${DEFAULT-VALUE}).")
    float minCoherence;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;
    @Option(names = "--geotiff", description = "Also write one GeoTIFF per map.")
    boolean geotiff;
    @Option(names = "--plots", description = "Also write PNG maps.")
    boolean plots;
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;
    @Option(names = "--memory-mb", defaultValue = "0", paramLabel = "MB", description = "Block memory budget, all threads "
            + "together (default 0: a share of the JVM heap).")
    long memoryMb;

    /** What {@link #execute()} produced. */
    public record Result(Path velocityFile, GridGeometry grid, String summary, String pecmSummary) {
    }

    @Override
    public Integer call() throws Exception {
        Result r = execute();
        System.out.println(r.summary());
        if (r.pecmSummary() != null) {
            System.out.println(r.pecmSummary());
        }
        System.out.println("wrote " + r.velocityFile());
        return 0;
    }

    /** Runs the fit and writes the products; returns the summary. */
    public Result execute() throws IOException {
        String m = model.trim().toLowerCase(Locale.ROOT);
        boolean pecm = m.equals("pecm");
        if (!pecm && !m.equals("trend+annual") && !m.equals("harmonics")) {
            throw new IllegalArgumentException("--model must be trend+annual, harmonics or pecm, got '" + model + "'");
        }
        if (vertical && geometry == null) {
            throw new IllegalArgumentException("--vertical needs --geometry (a MintPy geometry file with incidenceAngle)");
        }
        if (pecm && lst == null) {
            throw new IllegalArgumentException("--model pecm needs --lst (land-surface temperature rasters)");
        }
        TimeFunctionModel tfm = timeFunctions(m);
        ConcurrentLinkedQueue<AutoCloseable> open = new ConcurrentLinkedQueue<>();
        try {
            TimeSeriesProduct ts = TimeSeriesProduct.open(timeseries);
            open.add(ts);
            if (!ts.has("timeseries") || ts.dates().isEmpty()) {
                throw new InvalidInputException(timeseries, "timeseries", "expected a MintPy time series (3-D 'timeseries' and 'date')");
            }
            GridGeometry grid = ts.grid();
            List<LocalDate> dates = ts.dates();
            int refIndex = refIndex(ts);
            if (geometry != null) {
                try (MintPyGeometry g = MintPyGeometry.open(geometry)) {
                    if (!g.has("incidenceAngle")) {
                        throw new InvalidInputException(geometry, "incidenceAngle", "dataset is missing");
                    }
                    if (g.grid().rows() != grid.rows() || g.grid().cols() != grid.cols()) {
                        throw new InvalidInputException(geometry, "incidenceAngle", "grid " + g.grid().rows() + "×"
                                + g.grid().cols() + " differs from the time series' " + grid.rows() + "×" + grid.cols());
                    }
                }
            }
            FitStep.Pecm pecmCfg = null;
            if (pecm) {
                HantsParameters hp = HantsParameters.lstDefaults().withFrequencies(hantsHarmonics);
                LstSource probe = LstSource.open(lst, LstOptions.auto());
                open.add(probe);
                new LstRegridder(probe, grid, GridResampler.Method.BILINEAR); // CRS check before the run
                float[] kappa = ProductRasters.numberOrRaster(kappaRatio, grid, "--kappa-ratio");
                PecmUncertainty unc = stack == null ? null
                        : new PecmUncertainty(stack, dates, ts.attributes(), weight, looksFor(ts.attributes()), maskConnComp,
                                minCoherence);
                String dd = degreeDays.trim().toLowerCase(Locale.ROOT);
                if (!dd.equals("expected") && !dd.equals("direct")) {
                    throw new IllegalArgumentException("--degree-days must be expected or direct, got '" + degreeDays + "'");
                }
                if (dailyStd != null && !(dailyStd >= 0 && dailyStd < 50)) {
                    throw new IllegalArgumentException("--daily-temperature-std must be in [0, 50) °C, got " + dailyStd);
                }
                pecmCfg = new FitStep.Pecm(probe.dates(), hp, centreOffset, FreezeThawOnsets.defaults(), kappa, refIndex, unc,
                        dd.equals("expected"), dailyStd == null ? Double.NaN : dailyStd);
            }
            FitStep step = new FitStep(grid, dates, tfm, SeasonalityClassifier.permafrost(tolerance, prominence, minAmplitude), pecmCfg);
            int nthreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            BlockEngine engine = new BlockEngine(BlockPlanner.forMemoryMb(memoryMb, nthreads), nthreads,
                    ConsoleProgress.create());
            long bytesPerPixel = 4L * dates.size() * 6 + (pecm ? 4L * (pecmCfg.lstDates().size() * 4 + 400 * 3) : 0) + 200;
            long t0 = System.nanoTime();
            final boolean isPecm = pecm;
            engine.run("fit " + m, grid.rows(), grid.cols(), bytesPerPixel, () -> {
                try {
                    TimeSeriesProduct t = TimeSeriesProduct.open(timeseries);
                    open.add(t);
                    MintPyGeometry g = null;
                    if (vertical) {
                        g = MintPyGeometry.open(geometry);
                        open.add(g);
                    }
                    LstRegridder rg = null;
                    if (isPecm) {
                        LstSource s = LstSource.open(lst, LstOptions.auto());
                        open.add(s);
                        rg = new LstRegridder(s, grid, GridResampler.Method.BILINEAR);
                    }
                    FitStep.Workspace ws = step.workspace(t, g, rg);
                    if (ws.uncertainty() != null) {
                        open.add(ws.uncertainty());
                    }
                    return ws;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, step::process);
            double sec = (System.nanoTime() - t0) / 1e9;
            LOG.info(String.format(Locale.ROOT, "fit %s: %d px × %d dates in %.2f s (%.0f px/s, %d threads)", m,
                    grid.size(), dates.size(), sec, grid.size() / Math.max(sec, 1e-9), nthreads));
            Files.createDirectories(out);
            Path vel = out.resolve("velocity.h5");
            step.products().writeHdf5(vel, attributes(ts, tfm, m, dates, refIndex));
            if (geotiff) {
                step.products().writeGeoTiffs(out);
            }
            if (plots) {
                step.products().writePlots(out, List.of("velocity", "seasonalAmplitude", "seasonalTiming", "residualRms",
                        "pecmVelocity", "pecmSeasonalCoef", "pecmPeakToTrough"));
            }
            return new Result(vel, grid, step.summary(), step.pecmSummary());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("close failed", e);
                }
            }
        }
    }

    private TimeFunctionModel timeFunctions(String m) {
        List<Double> p = new ArrayList<>();
        if (m.equals("harmonics")) {
            if (periods == null || periods.length == 0) {
                p.add(1.0);
                p.add(0.5);
            }
        } else {
            p.add(1.0);
        }
        if (periods != null) {
            for (double d : periods) {
                if (!p.contains(d)) {
                    p.add(d);
                }
            }
        }
        double[] arr = p.stream().mapToDouble(Double::doubleValue).toArray();
        List<LocalDate> st = new ArrayList<>();
        if (steps != null) {
            for (String s : steps) {
                st.add(Dates.parse(s.trim().replace("-", "")));
            }
        }
        return new TimeFunctionModel(polynomial, arr, st);
    }

    private int refIndex(TimeSeriesProduct ts) {
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

    /** --looks when given, else the looks {@code invert} recorded in the series (PERMASAR_LOOKS), else 1. */
    int looksFor(java.util.Map<String, String> tsAttributes) {
        if (looks > 0) {
            return looks;
        }
        try {
            return Math.max(1, Integer.parseInt(tsAttributes.getOrDefault("PERMASAR_LOOKS", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

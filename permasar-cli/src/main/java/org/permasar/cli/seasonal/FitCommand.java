package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.EngineOptions;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.network.Dates;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.pipeline.fit.FitProducts;
import org.permasar.pipeline.fit.FitStep;
import org.permasar.timefn.TimeFunctionModel.Decay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar fit TIMESERIES --model trend|trend+annual|harmonics|pecm --out DIR}: time functions and the
 * seasonal products of a MintPy time series (SCIENCE.md §2), block by block on all cores, written as
 * {@code DIR/velocity.h5} in MintPy's layout and names. Parses its options into {@link FitParameters}
 * and runs {@link FitStep}, as the {@code permasar run} chain does; draws the PNG maps itself.
 * With {@code --model pecm} the piecewise elevation change model (Chen et al. 2018) is fitted too, its
 * thermal forcing built from {@code --lst} regridded onto the time series grid.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit time functions (polynomial, periods, steps, exponential and logarithmic decays, as MintPy's "
                + "timeseries2velocity) or the PECM to a MintPy time series.")
public final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TIMESERIES", description = "Time series (m): MintPy timeseries.h5 or a Zarr store such as timeseries.zarr.")
    Path timeseries;
    @Mixin
    EngineOptions engine = EngineOptions.local();
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "trend (the polynomial and the terms "
            + "given, MintPy's timeseries2velocity), trend+annual (plus the annual term), harmonics (plus 1- and 0.5-year "
            + "periods unless --periods) or pecm.")
    String model;
    @Option(names = "--periods", split = ",", paramLabel = "YEARS",
            description = "Periods of sinusoids in years, added to the model's (harmonics: default 1,0.5; trend+annual: 1).")
    double[] periods;
    @Option(names = "--steps", split = ",", paramLabel = "DATES", description = "Heaviside step dates (YYYYMMDD or YYYY-MM-DD), "
            + "strictly inside the dates fitted.")
    List<String> steps;
    @Option(names = "--polynomial", defaultValue = "1", paramLabel = "N",
            description = "Polynomial degree 0 … 5: 1 rate, 2 + acceleration (default ${DEFAULT-VALUE}).")
    int polynomial;
    @Option(names = "--exp", paramLabel = "ONSET,TAU[,TAU...]",
            description = "Exponential decay H(t−T)·(1 − exp(−(t−T)/τ)) from onset T (YYYYMMDD) with characteristic "
                    + "times τ in whole days, one term per τ; repeatable (MintPy --exp).")
    List<String> exp;
    @Option(names = "--log", paramLabel = "ONSET,TAU[,TAU...]", description = "Logarithmic decay H(t−T)·ln(1 + (t−T)/τ) "
            + "from onset T (YYYYMMDD) with characteristic times τ in whole days, one term per τ; repeatable (MintPy --log).")
    List<String> log;
    @Option(names = "--start-date", paramLabel = "DATE",
            description = "Fit the time functions from this date on (MintPy --start-date).")
    String startDate;
    @Option(names = "--end-date", paramLabel = "DATE",
            description = "Fit the time functions up to this date (MintPy --end-date).")
    String endDate;
    @Option(names = "--exclude-date", split = ",", paramLabel = "DATES",
            description = "Dates the time functions leave out (MintPy --exclude-date).")
    List<String> excludeDates;
    @Option(names = "--lst", paramLabel = "LST", description = "pecm: LST multi-band GeoTIFF (band descriptions = dates) or folder of dated GeoTIFFs.")
    Path lst;
    @Option(names = "--kappa-ratio", defaultValue = FitParameters.KAPPA_RATIO, paramLabel = "RATIO",
            description = "pecm: κ_f/κ_t, a number, a raster (FILE.h5:DATASET or .tif), or 'estimate' (per pixel from "
                    + "its series by profile least squares, with pecmKappaRatio and its σ in the output) "
                    + "(default ${DEFAULT-VALUE}).")
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
            description = "The interferogram stack the time series was inverted from; adds the a-priori (decorrelation-noise) "
                    + "uncertainty of the rate (velocityStdApriori; velocityStd becomes the larger of it and the "
                    + "residual-based one) and, with pecm, of v and d.")
    Path stack;
    @Option(names = "--weight", paramLabel = "W",
            description = "--stack: weights the inversion used, var, fim, coh or no (default: the series' PERMASAR_INVERSION, else var).")
    String weight;
    @Option(names = "--looks", defaultValue = "0", paramLabel = "L",
            description = "--stack: independent looks of the phase-noise model and var/fim weights, as given to invert "
                    + "(default: the series' PERMASAR_LOOKS, else 1).")
    int looks;
    @Option(names = "--mask-dset", description = "--stack: the inversion masked pairs with connectComponent = 0.")
    boolean maskConnComp;
    @Option(names = "--min-coherence", defaultValue = "0", paramLabel = "C",
            description = "--stack: the inversion's coherence threshold (default ${DEFAULT-VALUE}).")
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

    @Override
    public Integer call() throws Exception {
        engine.check();
        FitStep.Result r = execute();
        print(r);
        return 0;
    }

    /** Prints the summary lines and where the products went, as {@code permasar fit} does. */
    public static void print(FitStep.Result r) {
        System.out.println(r.summary());
        if (r.pecmSummary() != null) {
            System.out.println(r.pecmSummary());
        }
        System.out.println("wrote " + r.velocityFile());
    }

    /** Runs the fit and writes the products (PNG maps with {@code --plots}); returns what it produced. */
    public FitStep.Result execute() throws IOException {
        FitParameters p = parameters();
        ConsoleProgress progress = ConsoleProgress.create();
        FitStep.Result r = engine.run(() -> FitStep.engine(p, progress), runner -> FitStep.run(p, runner, progress));
        if (plots) {
            writePlots(p.out(), r.products());
        }
        return r;
    }

    /** The options as the step's parameters (validated there). */
    FitParameters parameters() {
        return new FitParameters(timeseries, out, model, periods == null ? List.of() : Arrays.stream(periods).boxed().toList(),
                steps, polynomial, decays(exp), decays(log), date(startDate), date(endDate),
                excludeDates == null ? List.of() : excludeDates.stream().map(Dates::parse).toList(), lst, kappaRatio,
                centreOffset, hantsHarmonics, geometry, vertical, tolerance, prominence, minAmplitude, degreeDays, dailyStd, stack, weight, looks, maskConnComp, minCoherence, geotiff, threads,
                memoryMb);
    }

    /** MintPy's {@code ONSET,TAU[,TAU…]} texts as decay terms, in order. */
    private static List<Decay> decays(List<String> specs) {
        List<Decay> d = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs) {
                d.addAll(Decay.parse(spec));
            }
        }
        return d;
    }

    private static LocalDate date(String text) {
        return text == null ? null : Dates.parse(text);
    }

    /** Names of the maps drawn as PNG, when the fit made them. */
    static final List<String> PLOTTED = List.of("velocity", "seasonalAmplitude", "seasonalTiming", "residualRms",
            "pecmVelocity", "pecmSeasonalCoef", "pecmPeakToTrough");

    /** PNG maps {@code dir/NAME.png} of the {@link #PLOTTED} maps the fit made. */
    public static void writePlots(Path dir, FitProducts products) throws IOException {
        for (String n : PLOTTED) {
            if (!products.has(n)) {
                continue;
            }
            String lower = n.toLowerCase(Locale.ROOT);
            Colormap cm = lower.contains("velocity") || lower.contains("coef") ? Colormap.RDBU
                    : lower.contains("timing") ? Colormap.TWILIGHT : Colormap.VIRIDIS;
            // pictures in mm and mm/yr (the files stay SI): displacements and rates of the fit
            String unit = products.unit(n);
            boolean metres = unit.equals("m") || unit.equals("m/year");
            float[] data = metres ? RasterMap.millimetres(products.map(n)) : products.map(n);
            new RasterMap(products.description(n), metres ? (unit.equals("m") ? "mm" : "mm/yr") : unit, cm)
                    .write(dir.resolve(n + ".png"), products.grid(), data);
        }
    }
}

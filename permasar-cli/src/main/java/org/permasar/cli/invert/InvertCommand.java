package org.permasar.cli.invert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.permasar.cli.EngineOptions;
import org.permasar.cli.plot.NetworkPlot;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.pipeline.invert.InversionRun;
import org.permasar.pipeline.invert.InvertParameters;
import org.permasar.pipeline.invert.InvertStep;
import org.permasar.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar invert}: SBAS time series of an interferogram stack, block by block on all
 * cores, written in MintPy's layout (metres, MintPy's sign: d = −λ/(4π)·φ). Parses its options
 * into {@link InvertParameters} and runs {@link InvertStep}, as the {@code permasar run} chain does.
 */
@Command(name = "invert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Invert an interferogram stack into a displacement time series (SBAS).",
                "Writes DIR/timeseries.h5, DIR/temporalCoherence.h5, DIR/numInvIfgram.h5 (MintPy layout, metres), "
                        + "DIR/numTriNonzeroIntAmbiguity.h5 (triplets with a non-zero closure integer per pixel), "
                        + "DIR/network.png, and GeoTIFFs with --geotiff. Cubes larger than --max-cube-mb (or 60 % of the heap) "
                        + "stream block by block into the same HDF5 files instead of staying in memory."})
public final class InvertCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STACK", description = "MintPy ifgramStack.h5 or a folder of interferograms (HyP3, LiCSAR, GAMMA, ROI_PAC, GeoTIFF).")
    Path stackPath;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--method", defaultValue = "wls", description = "l2, wls, l1, nsbas, svd, huber or tukey (robust IRLS on "
            + "top of the coherence weights; robust = huber) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--unwrap-correction", defaultValue = "none", paramLabel = "none|phase-closure|bridging|bridging+phase-closure|phase-closure-region",
            description = "Correct unwrapping errors before the inversion: phase-closure = integer cycles per pair and pixel "
                    + "from the closure of interferogram triplets (Yunjun et al. 2019); bridging = shift connected components "
                    + "by whole cycles to match their neighbours (needs connectComponent); both = bridging, then phase "
                    + "closure; phase-closure-region = MintPy's variant: the closure cycles of 100 sample pixels per common "
                    + "connected region, their median applied to each pair's component holding them (needs "
                    + "connectComponent). The cycles go to DIR/unwrapCorrection.h5 (default: ${DEFAULT-VALUE}). "
                    + "DIR/numTriNonzeroIntAmbiguity.h5 is written either way.")
    String unwrapCorrection;

    @Option(names = "--weight", description = "Coherence weight for wls/l1/nsbas: var, fim, coh or no (default: var for wls, no otherwise).")
    String weight;

    @Option(names = "--looks", defaultValue = "0",
            description = "Independent looks for var/fim weights (default: MintPy's rule from ALOOKS×RLOOKS, at least 1).")
    int looks;

    @Option(names = "--ref-yx", paramLabel = "ROW,COL", split = ",", description = "Reference pixel (row, column). Default: "
            + "the stack's REF_Y/REF_X, else automatic: the most coherent 3×3 patch valid in every pair and on land, at "
            + "least 10 % of the shorter side (2 … 10 px) from the edges.")
    int[] refYx;

    @Option(names = "--ref-lalo", paramLabel = "LAT,LON", split = ",", description = "Reference pixel by WGS 84 latitude "
            + "and longitude, on a grid of any EPSG CRS (UTM, lat/lon, polar stereographic …) or a radar grid with --geometry.")
    double[] refLalo;

    @Option(names = "--ref-date", paramLabel = "YYYYMMDD", description = "Reference date (default: the first date).")
    String refDate;

    @Option(names = "--geometry", paramLabel = "FILE", description = "MintPy geometry file: waterMask excludes water, height feeds --elevation-correction.")
    Path geometry;

    @Option(names = "--mask-dset", description = "Mask pairs per pixel where connectComponent is 0 (MintPy --mask-dset connectComponent).")
    boolean maskConnComp;

    @Option(names = "--min-coherence", defaultValue = "0", description = "Mask pairs per pixel where coherence is below this (default: ${DEFAULT-VALUE}).")
    float minCoherence;

    @Option(names = "--max-temporal-baseline", paramLabel = "DAYS", description = "Keep pairs no longer than this.")
    Long maxDays;

    @Option(names = "--max-perp-baseline", paramLabel = "M", description = "Keep pairs with |B⊥| up to this.")
    Double maxBperp;

    @Option(names = "--seasonal-pairs", description = "Seed-001 rule: pairs ≤ 40 days plus 350–380 and 725–735 days.")
    boolean seasonalPairs;

    @Option(names = "--drop-date", split = ",", paramLabel = "YYYYMMDD", description = "Drop every pair using these dates.")
    List<String> dropDates = new ArrayList<>();

    @Option(names = "--external-rate", paramLabel = "FILE[:DATASET]",
            description = "NSBAS data-constrained variant (as in the long-term Qilian Mountain study, EGUsphere 2025-5611): LOS rate in m/yr held fixed (GeoTIFF or MintPy velocity.h5).")
    String externalRate;

    @Option(names = "--nsbas-gamma", defaultValue = "0.01", description = "Weight of the NSBAS temporal-model rows (default: ${DEFAULT-VALUE}).")
    double nsbasGamma;

    @Option(names = "--l1-tolerance", defaultValue = "0.05",
            description = "l1: stop when no epoch moves by more than this, rad (default: ${DEFAULT-VALUE}).")
    double l1Tolerance;

    @Option(names = "--l1-epsilon", defaultValue = "0.05",
            description = "l1: ε of the IRLS weights 1/max(|r|, ε), rad (default: ${DEFAULT-VALUE}).")
    double l1Epsilon;

    @Option(names = "--l1-iterations", defaultValue = "30", description = "l1: iteration limit (default: ${DEFAULT-VALUE}).")
    int l1Iterations;

    @Option(names = "--ramp", description = "Remove a per-epoch ramp from the series: linear or quadratic.")
    String ramp;

    @Option(names = "--tropo", paramLabel = "FILE", description = "External tropospheric delay time series (MintPy timeseries layout, metres) to subtract.")
    Path tropo;

    @Option(names = "--elevation-correction", description = "Remove the elevation-correlated phase (stratified delay) per epoch; needs --geometry.")
    boolean elevationCorrection;

    @Option(names = "--std", description = "Also write the standard deviation of every epoch (DIR/timeseriesStd.h5).")
    boolean std;

    @Option(names = "--geotiff", description = "Also write GeoTIFFs: temporalCoherence, numInvIfgram and the time series (one band per date).")
    boolean geotiff;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--memory-mb", defaultValue = "0", description = "Working memory for blocks, all threads together, MiB "
            + "(default 0: a share of the JVM heap, see BlockPlanner.fromHeap).")
    long memoryMb;

    @Option(names = "--max-cube-mb", defaultValue = "1024",
            description = "Largest time-series cube kept in memory and written as HDF5; larger cubes stream to Zarr (default: ${DEFAULT-VALUE}).")
    long maxCubeMb;

    @Mixin
    EngineOptions engine = EngineOptions.local();

    @Override
    public Integer call() throws IOException {
        engine.check();
        InversionRun.Result r = execute();
        System.out.println(r.summary());
        return 0;
    }

    /** Runs the inversion and returns where its outputs went (for tests and the demo chain). */
    public InversionRun.Result execute() throws IOException {
        InvertParameters p = parameters();
        Progress progress = ConsoleProgress.create();
        return engine.run(() -> InvertStep.engine(p, progress), runner -> InvertStep.run(p, runner, progress, networkPlot(p)));
    }

    /** Draws {@code OUT/network.png} once the step has selected its pairs (the CLI's and the chain's plot). */
    public static InvertStep.NetworkListener networkPlot(InvertParameters p) {
        return (net, keep) -> NetworkPlot.write(p.out().resolve("network.png"), net, keep,
                "Network: " + p.stack().getFileName());
    }

    /** The options as the step's parameters (validated there). */
    InvertParameters parameters() {
        return new InvertParameters(stackPath, out, method, weight, looks, refYx == null ? null
                : Arrays.stream(refYx).boxed().toList(), refLalo == null ? null : Arrays.stream(refLalo).boxed().toList(),
                refDate, geometry, maskConnComp, minCoherence, maxDays, maxBperp, seasonalPairs, dropDates, externalRate,
                nsbasGamma, l1Tolerance, l1Epsilon, l1Iterations, InvertParameters.ramp(ramp), tropo, elevationCorrection,
                std, geotiff, threads, memoryMb, maxCubeMb, unwrapCorrection);
    }
}

package org.permasar.cli.invert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.NetworkPlot;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.inversion.InversionMethod;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.QualityFlag;
import org.permasar.inversion.WeightFunction;
import org.permasar.io.RasterFormats;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.PairSelection;
import org.permasar.stack.BlockPlanner;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar invert}: SBAS time series of an interferogram stack, block by block on all
 * cores, written in MintPy's layout (metres, MintPy's sign: d = −λ/(4π)·φ).
 */
@Command(name = "invert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Invert an interferogram stack into a displacement time series (SBAS).",
                "Writes DIR/timeseries.h5, DIR/temporalCoherence.h5, DIR/numInvIfgram.h5 (MintPy layout, metres), "
                        + "DIR/network.png, and GeoTIFFs with --geotiff. Cubes larger than --max-cube-mb (or 60 % of the heap) "
                        + "stream block by block into the same HDF5 files instead of staying in memory."})
public final class InvertCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(InvertCommand.class);

    @Parameters(paramLabel = "STACK", description = "MintPy ifgramStack.h5 or a folder of interferograms (HyP3, LiCSAR, GAMMA, ROI_PAC, GeoTIFF).")
    Path stackPath;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--method", defaultValue = "wls", description = "l2, wls, l1, nsbas or svd (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--weight", description = "Coherence weight for wls/l1/nsbas: var, fim, coh or no (default: var for wls, no otherwise).")
    String weight;

    @Option(names = "--looks", defaultValue = "0",
            description = "Independent looks for var/fim weights (default: MintPy's rule from ALOOKS×RLOOKS, at least 1).")
    int looks;

    @Option(names = "--ref-yx", paramLabel = "ROW,COL", split = ",", description = "Reference pixel (row, column).")
    int[] refYx;

    @Option(names = "--ref-lalo", paramLabel = "LAT,LON", split = ",", description = "Reference pixel by latitude and longitude (geographic or radar grids).")
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
            description = "NSBAS data-constrained variant (seed 003): LOS rate in m/yr held fixed (GeoTIFF or MintPy velocity.h5).")
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
            description = "Largest time-series cube kept in memory (also capped at 60 % of the heap); larger cubes stream block by block to timeseries.h5 (default: ${DEFAULT-VALUE}).")
    long maxCubeMb;

    @Override
    public Integer call() throws IOException {
        InversionRun.Result r = execute();
        System.out.println(r.summary());
        return 0;
    }

    /** Runs the inversion and returns where its outputs went (for tests and the demo chain). */
    public InversionRun.Result execute() throws IOException {
        InversionRun.Corrections corr = corrections();
        try (InterferogramStack stack = RasterFormats.openStack(stackPath)) {
            InversionParameters params = parameters(stack.attributes());
            Network net = stack.network();
            boolean[] keep = selectPairs(stack);
            int nthreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (nthreads < 1) {
                throw new IllegalArgumentException("--threads must be ≥ 1, got " + nthreads);
            }
            if (memoryMb != 0 && memoryMb < 16) {
                throw new IllegalArgumentException("--memory-mb must be 0 (from the heap) or ≥ 16, got " + memoryMb);
            }
            Files.createDirectories(out);
            if (!Files.isWritable(out)) {
                throw new InvalidInputException(out, "output folder is not writable");
            }
            InversionRun run = new InversionRun(stack, keep, params, corr, out);
            run.geometry(geometry).referenceDate(refDate == null ? null : Dates.parse(refDate))
                    .masks(maskConnComp, minCoherence).externalRate(externalRate)
                    .outputs(std, geotiff, maxCubeMb << 20);
            int[] ref = referencePixel(stack);
            if (ref != null) {
                run.referencePixel(ref[0], ref[1]);
            }
            NetworkPlot.write(out.resolve("network.png"), net, keep, "Network: " + stackPath.getFileName());
            BlockEngine engine = new BlockEngine(BlockPlanner.forMemoryMb(memoryMb, nthreads), nthreads,
                    ConsoleProgress.create());
            return run.run(engine);
        }
    }

    /** Looks from the option, else MintPy's rule on the stack's NCORRLOOKS / ALOOKS×RLOOKS, else 1. */
    static int looksOf(int option, java.util.Map<String, String> attrs) {
        if (option > 0) {
            return option;
        }
        try {
            double ncorr = attrs.containsKey("NCORRLOOKS") ? Double.parseDouble(attrs.get("NCORRLOOKS").trim()) : Double.NaN;
            if (Double.isFinite(ncorr) || (attrs.containsKey("ALOOKS") && attrs.containsKey("RLOOKS"))) {
                int a = attrs.containsKey("ALOOKS") ? Integer.parseInt(attrs.get("ALOOKS").trim()) : 1;
                int r = attrs.containsKey("RLOOKS") ? Integer.parseInt(attrs.get("RLOOKS").trim()) : 1;
                return WeightFunction.mintpyLooks(ncorr, a, r);
            }
        } catch (NumberFormatException e) {
            LOG.warn("unreadable NCORRLOOKS/ALOOKS/RLOOKS ({}); using 1 look", e.getMessage());
        }
        return 1;
    }

    InversionParameters parameters(java.util.Map<String, String> attrs) {
        InversionMethod m = InversionMethod.byName(method);
        InversionParameters p = InversionParameters.of(m);
        if (weight != null) {
            p = p.withWeight(WeightFunction.byName(weight));
        }
        if (looks < 0) {
            throw new IllegalArgumentException("--looks must be ≥ 1, got " + looks);
        }
        p = p.withLooks(looksOf(looks, attrs));
        return p.withNsbasGamma(nsbasGamma).withComputeStd(std).withL1(l1Epsilon, l1Iterations, l1Tolerance);
    }

    InversionRun.Corrections corrections() {
        if (elevationCorrection && geometry == null) {
            throw new IllegalArgumentException("--elevation-correction needs --geometry (for the height)");
        }
        InversionRun.Ramp r = InversionRun.Ramp.NONE;
        if (ramp != null) {
            r = switch (ramp.toLowerCase(Locale.ROOT)) {
                case "linear" -> InversionRun.Ramp.LINEAR;
                case "quadratic" -> InversionRun.Ramp.QUADRATIC;
                case "none" -> InversionRun.Ramp.NONE;
                default -> throw new IllegalArgumentException("--ramp must be linear, quadratic or none, got '" + ramp + "'");
            };
        }
        return new InversionRun.Corrections(r, tropo, elevationCorrection);
    }

    private boolean[] selectPairs(InterferogramStack stack) {
        Network net = stack.network();
        List<boolean[]> masks = new ArrayList<>();
        masks.add(stack.keptPairs());
        if (maxDays != null) {
            masks.add(PairSelection.maxTemporalBaseline(net, maxDays));
        }
        if (maxBperp != null) {
            masks.add(PairSelection.maxPerpendicularBaseline(net, maxBperp));
        }
        if (seasonalPairs) {
            masks.add(PairSelection.seasonalRule(net));
        }
        if (!dropDates.isEmpty()) {
            List<LocalDate> d = dropDates.stream().map(Dates::parse).toList();
            for (LocalDate x : d) {
                if (net.indexOf(x) < 0) {
                    throw new IllegalArgumentException("--drop-date " + Dates.compact(x) + " is not a date of the stack");
                }
            }
            masks.add(PairSelection.dropDates(net, d));
        }
        boolean[] keep = PairSelection.and(masks.toArray(new boolean[0][]));
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (kept == 0) {
            throw new IllegalArgumentException("no pair left after pair selection (" + net.pairCount() + " pairs in "
                    + stackPath + ")");
        }
        LOG.info("network: {} of {} pairs kept, {} dates", kept, net.pairCount(), net.subset(keep).dateCount());
        return keep;
    }

    /** Reference pixel from the options, the stack's REF_Y/REF_X, or null for the automatic choice. */
    private int[] referencePixel(InterferogramStack stack) throws IOException {
        GridGeometry g = stack.grid();
        if (refYx != null) {
            if (refYx.length != 2) {
                throw new IllegalArgumentException("--ref-yx needs ROW,COL, got " + Arrays.toString(refYx));
            }
            return refYx;
        }
        if (refLalo != null) {
            if (refLalo.length != 2) {
                throw new IllegalArgumentException("--ref-lalo needs LAT,LON, got " + Arrays.toString(refLalo));
            }
            return nearestPixel(g, refLalo[0], refLalo[1]);
        }
        Map<String, String> a = stack.attributes();
        if (a.containsKey("REF_Y") && a.containsKey("REF_X")) {
            try {
                return new int[] {Integer.parseInt(a.get("REF_Y").trim()), Integer.parseInt(a.get("REF_X").trim())};
            } catch (NumberFormatException e) {
                throw new InvalidInputException(stackPath, "REF_Y/REF_X", "not integers: " + a.get("REF_Y") + ", " + a.get("REF_X"));
            }
        }
        return null;
    }

    static int[] nearestPixel(GridGeometry g, double lat, double lon) {
        if (g.isGeocoded()) {
            if (!g.isGeographic()) {
                throw new IllegalArgumentException("--ref-lalo needs a geographic (EPSG:4326) or radar grid; this grid is EPSG:"
                        + g.epsg() + ": use --ref-yx");
            }
            int c = (int) Math.floor(g.transform().col(lon, lat));
            int r = (int) Math.floor(g.transform().row(lon, lat));
            if (r < 0 || c < 0 || r >= g.rows() || c >= g.cols()) {
                throw new IllegalArgumentException("--ref-lalo " + lat + "," + lon + " is outside the grid");
            }
            return new int[] {r, c};
        }
        if (g.coordinates() == null) {
            throw new IllegalArgumentException("--ref-lalo needs latitude/longitude: give --geometry with a radar grid, or use --ref-yx");
        }
        double best = Double.POSITIVE_INFINITY;
        int[] rc = null;
        double coslat = Math.cos(Math.toRadians(lat));
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                double dl = g.latitude(r, c) - lat, dx = (g.longitude(r, c) - lon) * coslat;
                double d = dl * dl + dx * dx;
                if (d < best) {
                    best = d;
                    rc = new int[] {r, c};
                }
            }
        }
        return rc;
    }


    /** Quality-flag summary like "1998 solved, 2 NaN (2 all pairs NaN)". */
    static String flagSummary(byte[] flags) {
        long[] n = new long[QualityFlag.values().length];
        for (byte f : flags) {
            n[QualityFlag.of(f).ordinal()]++;
        }
        StringBuilder b = new StringBuilder();
        for (QualityFlag q : QualityFlag.values()) {
            if (n[q.ordinal()] > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(n[q.ordinal()]).append(' ')
                        .append(q.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return b.toString();
    }



}

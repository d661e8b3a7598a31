package org.permasar.pipeline.invert;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.inversion.InversionMethod;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.WeightFunction;
import org.permasar.io.RasterFormats;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.PairSelection;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invert step: SBAS time series of an interferogram stack ({@link InversionRun}) with the
 * pair selection, reference pixel and block engine its {@link InvertParameters} ask for. Called by
 * {@code permasar invert} and by the {@code permasar run} chain alike; the per-block work is an
 * {@link InvertKernel} job that any {@link BlockRunner} computes (in this process by default, or a
 * cluster engine), while this side prepares it and writes the outputs.
 *
 * <p>Stateless and thread-safe; each call opens its own stack.
 */
public final class InvertStep {
    private static final Logger LOG = LoggerFactory.getLogger(InvertStep.class);

    /**
     * Told the pair selection once the step has written its outputs (the CLI draws network.png then, so a
     * step that fails leaves no plot behind).
     */
    @FunctionalInterface
    public interface NetworkListener {
        /**
         * @param network every pair of the stack
         * @param kept    the pairs the inversion uses, one flag per pair of {@code network}
         */
        void selected(Network network, boolean[] kept) throws IOException;
    }

    private InvertStep() {
    }

    /** Runs the inversion in this process, without progress reporting; returns where the outputs went. */
    public static InversionRun.Result run(InvertParameters p) throws IOException {
        return run(p, null, Progress.NONE, null);
    }

    /** Runs the inversion's blocks on {@code runner} (any engine); returns where the outputs went. */
    public static InversionRun.Result run(InvertParameters p, BlockRunner runner) throws IOException {
        return run(p, runner, Progress.NONE, null);
    }

    /**
     * Runs the inversion and writes its outputs under {@code p.out()}; returns where they went.
     *
     * @param runner   engine of the per-block job, or null for the in-process {@link LocalBlockRunner}
     *                 on {@link #engine}
     * @param progress progress of the driver-side passes and of the local runner
     * @param network  told the pair selection after the outputs are written, or null
     */
    public static InversionRun.Result run(InvertParameters p, BlockRunner runner, Progress progress,
                                          NetworkListener network) throws IOException {
        InversionRun.Corrections corr = new InversionRun.Corrections(p.ramp(), p.tropo(), p.elevationCorrection());
        try (InterferogramStack stack = RasterFormats.openStack(p.stack())) {
            InversionParameters params = parameters(p, stack.attributes());
            Network net = stack.network();
            boolean[] keep = selectPairs(p, stack);
            Files.createDirectories(p.out());
            if (!Files.isWritable(p.out())) {
                throw new InvalidInputException(p.out(), "output folder is not writable");
            }
            InversionRun run = new InversionRun(stack, keep, params, corr, p.out());
            run.source(p.stack()).geometry(p.geometry())
                    .referenceDate(p.refDate() == null ? null : Dates.parse(p.refDate()))
                    .masks(p.maskConnComp(), p.minCoherence()).externalRate(p.externalRate())
                    .outputs(p.std(), p.geotiff(), p.maxCubeMb() << 20)
                    .closureCorrection(p.unwrapCorrection().endsWith(InvertParameters.PHASE_CLOSURE))
                    .bridging(p.unwrapCorrection().startsWith(InvertParameters.BRIDGING))
                    .regionClosure(p.unwrapCorrection().equals(InvertParameters.PHASE_CLOSURE_REGION));
            int[] ref = referencePixel(p, stack);
            if (ref != null) {
                run.referencePixel(ref[0], ref[1]);
            }
            BlockEngine engine = engine(p, progress);
            InversionRun.Result result = run.run(runner == null ? new LocalBlockRunner(engine) : runner, engine);
            if (network != null) {
                network.selected(net, keep);
            }
            return result;
        }
    }

    /**
     * The in-process engine of {@code p}: its threads (null = all cores) and block memory, capped at
     * half the Java heap.
     */
    public static BlockEngine engine(InvertParameters p, Progress progress) {
        int nthreads = p.threads() == null ? Runtime.getRuntime().availableProcessors() : p.threads();
        BlockPlanner planner = BlockPlanner.forMemoryMb(p.memoryMb(), nthreads);
        long half = Runtime.getRuntime().maxMemory() / 2;
        if (p.memoryMb() > 0 && (p.memoryMb() << 20) > half) {
            LOG.info("--memory-mb {} exceeds half the Java heap ({} MiB): blocks use {} MiB", p.memoryMb(),
                    Runtime.getRuntime().maxMemory() >> 20, half >> 20);
            planner = BlockPlanner.forMemory(half, nthreads);
        }
        return new BlockEngine(planner, nthreads, progress);
    }

    static InversionParameters parameters(InvertParameters p, Map<String, String> attrs) {
        InversionParameters ip = InversionParameters.of(InversionMethod.byName(p.method()));
        if (p.weight() != null) {
            ip = ip.withWeight(WeightFunction.byName(p.weight()));
        }
        ip = ip.withLooks(looksOf(p.looks(), attrs));
        return ip.withNsbasGamma(p.nsbasGamma()).withComputeStd(p.std()).withL1(p.l1Epsilon(), p.l1Iterations(),
                p.l1Tolerance());
    }

    /** Looks from the option, else MintPy's rule on the stack's NCORRLOOKS / ALOOKS×RLOOKS, else 1. */
    static int looksOf(int option, Map<String, String> attrs) {
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

    private static boolean[] selectPairs(InvertParameters p, InterferogramStack stack) {
        Network net = stack.network();
        List<boolean[]> masks = new ArrayList<>();
        masks.add(stack.keptPairs());
        if (p.maxTemporalBaseline() != null) {
            masks.add(PairSelection.maxTemporalBaseline(net, p.maxTemporalBaseline()));
        }
        if (p.maxPerpBaseline() != null) {
            masks.add(PairSelection.maxPerpendicularBaseline(net, p.maxPerpBaseline()));
        }
        if (p.seasonalPairs()) {
            masks.add(PairSelection.seasonalRule(net));
        }
        if (!p.dropDates().isEmpty()) {
            List<LocalDate> d = p.dropDates().stream().map(Dates::parse).toList();
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
                    + p.stack() + ")");
        }
        LOG.info("network: {} of {} pairs kept, {} dates", kept, net.pairCount(), net.subset(keep).dateCount());
        return keep;
    }

    /** Reference pixel from the options, the stack's REF_Y/REF_X, or null for the automatic choice. */
    private static int[] referencePixel(InvertParameters p, InterferogramStack stack) throws IOException {
        GridGeometry g = stack.grid();
        if (p.refYx() != null) {
            return new int[] {p.refYx().get(0), p.refYx().get(1)};
        }
        if (p.refLalo() != null) {
            return refLaloPixel(g, p.refLalo().get(0), p.refLalo().get(1));
        }
        Map<String, String> a = stack.attributes();
        if (a.containsKey("REF_Y") && a.containsKey("REF_X")) {
            try {
                return new int[] {Integer.parseInt(a.get("REF_Y").trim()), Integer.parseInt(a.get("REF_X").trim())};
            } catch (NumberFormatException e) {
                throw new InvalidInputException(p.stack(), "REF_Y/REF_X", "not integers: " + a.get("REF_Y") + ", " + a.get("REF_X"));
            }
        }
        return null;
    }

    /**
     * The pixel of {@code --ref-lalo}: on a geocoded grid of any EPSG CRS through {@link LatLonLocator}, on a radar
     * grid the nearest pixel by its per-pixel latitude/longitude; outside the grid is an error naming the option.
     */
    static int[] refLaloPixel(GridGeometry g, double lat, double lon) {
        if (!g.isGeocoded() && g.coordinates() == null) {
            throw new IllegalArgumentException("--ref-lalo needs latitude/longitude: give --geometry with a radar grid, or use --ref-yx");
        }
        return LatLonLocator.on(g).pixelInside("--ref-lalo", lat, lon);
    }
}

package org.permasar.pipeline.invert;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.inversion.DelayCorrection;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.QualityFlag;
import org.permasar.inversion.RampRemoval;
import org.permasar.inversion.ReferencePoint;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.network.DateBaselines;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockOutput;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.pipeline.block.MemoryBlockSink;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.permasar.unwrap.PairClosureQuality;
import org.permasar.unwrap.Triplets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SBAS inversion of a stack, block by block: the driver side of the invert step. It checks the
 * inputs, reads the land mask, chooses and checks the reference pixel, and builds the
 * {@link InvertKernel} job (reference phase per pair, per-pair masks, the solver, conversion to
 * metres) that a {@link BlockRunner} computes; then it applies the optional corrections (which need
 * the whole cube) and writes the MintPy-layout outputs. Not thread-safe: one run per instance.
 */
public final class InversionRun {
    private static final Logger LOG = LoggerFactory.getLogger(InversionRun.class);
    private static final String TIMESERIES_FILE = "timeseries.h5";
    private static final String TIMESERIES_STD_FILE = "timeseriesStd.h5";
    private static final String QUALITY_FILE = "inversionQuality.h5";
    private static final String CLOSURE_FILE = "numTriNonzeroIntAmbiguity.h5";
    private static final String CYCLES_FILE = "unwrapCorrection.h5";
    /** The closure count after correction: written into {@link #CLOSURE_FILE} as a second dataset. */
    private static final String CLOSURE_AFTER = "closure-after";
    /** Per-pair closure quality ({@link org.permasar.unwrap.PairClosureQuality}): a CSV and the same columns in HDF5. */
    static final String QUALITY_CSV = UnwrapPlanes.QUALITY_CSV;
    static final String QUALITY_H5 = UnwrapPlanes.QUALITY_H5;
    /** Product of the kernel's coherence check: kept in memory, never written. */
    private static final String COHERENCE_CHECK = "coherence-check";

    /** Per-epoch ramp removed from the series after the inversion. */
    public enum Ramp { NONE, LINEAR, QUADRATIC }

    /** Corrections applied to the whole time series after the inversion. */
    public record Corrections(Ramp ramp, Path tropo, boolean elevation) {
        boolean any() {
            return ramp != Ramp.NONE || tropo != null || elevation;
        }
    }

    /** What a run produced. */
    public record Result(Path timeseries, Path temporalCoherence, Path numInvIfgram, GridGeometry grid,
                         List<LocalDate> dates, int refRow, int refCol, double pixelsPerSecond, String summary) {
    }

    private final InterferogramStack stack;
    private final boolean[] keep;
    private final int[] keptLayers;
    private final Network network;
    private final InversionParameters params;
    private final Corrections corrections;
    private final Path out;
    private final GridGeometry grid;
    /**
     * The grid of the outputs: NaN marks no data. The input's nodata (0 for GeoTIFF phase) must not
     * be carried over, since 0 m is a valid displacement (the whole reference epoch is 0).
     */
    private final GridGeometry outGrid;
    private Path source;
    private Path geometryFile;
    private LocalDate refDate;
    private boolean maskConnComp;
    private float minCoherence;
    private String externalRateSpec;
    private boolean writeStd;
    private boolean writeGeotiff;
    private boolean closureCorrection;
    private boolean bridging;
    private boolean regionClosure;
    private long maxCubeBytes = 1L << 30;
    private int refRow = -1;
    private int refCol = -1;

    public InversionRun(InterferogramStack stack, boolean[] keep, InversionParameters params, Corrections corrections,
                        Path out) {
        this.stack = stack;
        this.keep = keep.clone();
        this.network = stack.network().subset(keep);
        this.params = params;
        this.corrections = corrections;
        this.out = out;
        this.grid = stack.grid();
        this.outGrid = grid.withNodata(Double.NaN);
        this.source = stack.path();
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        keptLayers = new int[n];
        for (int k = 0, j = 0; k < keep.length; k++) {
            if (keep[k]) {
                keptLayers[j++] = k;
            }
        }
    }

    /** The path workers re-open the stack from (default: the stack's own {@code path()}). */
    public InversionRun source(Path stackPath) {
        this.source = stackPath;
        return this;
    }

    public InversionRun geometry(Path g) {
        this.geometryFile = g;
        return this;
    }

    public InversionRun referenceDate(LocalDate d) {
        this.refDate = d;
        return this;
    }

    public InversionRun masks(boolean connComp, float minCoh) {
        if (!(minCoh >= 0 && minCoh < 1)) {
            throw new IllegalArgumentException("--min-coherence must be in [0, 1), got " + minCoh);
        }
        this.maskConnComp = connComp;
        this.minCoherence = minCoh;
        return this;
    }

    public InversionRun externalRate(String spec) {
        this.externalRateSpec = spec;
        return this;
    }

    public InversionRun outputs(boolean std, boolean geotiff, long maxCube) {
        this.writeStd = std;
        this.writeGeotiff = geotiff;
        this.maxCubeBytes = maxCube;
        return this;
    }

    /** Corrects unwrapping errors by phase closure before the inversion ({@link org.permasar.unwrap.ClosureCorrection}). */
    public InversionRun closureCorrection(boolean on) {
        this.closureCorrection = on;
        return this;
    }

    /**
     * Bridges the connected components of every kept pair before the inversion (and before the
     * phase-closure correction when both are on): {@link org.permasar.unwrap.ComponentBridging} on whole planes here, the
     * cycles per connectComponent label applied by the kernel.
     */
    public InversionRun bridging(boolean on) {
        this.bridging = on;
        return this;
    }

    /**
     * Corrects unwrapping errors by phase closure per common connected region (MintPy's variant,
     * {@link org.permasar.unwrap.RegionClosureCorrection}) before the inversion: cycles per connectComponent label of each kept pair,
     * found here on whole planes and applied by the kernel as bridging's are. Not combined with the other corrections.
     */
    public InversionRun regionClosure(boolean on) {
        this.regionClosure = on;
        return this;
    }

    public InversionRun referencePixel(int row, int col) {
        if (row < 0 || col < 0 || row >= grid.rows() || col >= grid.cols()) {
            throw new IllegalArgumentException("reference pixel (" + row + ", " + col + ") is outside the "
                    + grid.rows() + " × " + grid.cols() + " grid");
        }
        this.refRow = row;
        this.refCol = col;
        return this;
    }

    private boolean needsCoherence() {
        return params.effectiveWeight().needsCoherence() || minCoherence > 0;
    }

    /** Runs the inversion in this process on the engine's blocks and threads. */
    public Result run(BlockEngine engine) throws IOException {
        return run(new LocalBlockRunner(engine), engine);
    }

    /**
     * Runs the inversion: prepares it on this (driver) side with {@code engine} (automatic reference
     * pixel, block plan of the streamed files' chunks), hands the {@link InvertKernel} job to
     * {@code runner}, and writes the outputs through sinks: whole-grid arrays written with jHDF's
     * {@link MintPyWriter} (as before: the same bytes), or the time series streamed into HDF5 block
     * by block when it exceeds the cube budget.
     */
    public Result run(BlockRunner runner, BlockEngine engine) throws IOException {
        int npix = grid.size();
        int nd = network.dateCount();
        int m = stack.network().pairCount();
        int refDateIndex = refDate == null ? 0 : network.indexOf(refDate);
        if (refDateIndex < 0) {
            throw new IllegalArgumentException("--ref-date " + Dates.compact(refDate) + " is not a date of the network");
        }
        if (needsCoherence() && !stack.has(InterferogramStack.COHERENCE)) {
            throw new InvalidInputException(stack.path(), InterferogramStack.COHERENCE,
                    "missing, but the " + params.effectiveWeight() + " weights / --min-coherence need it");
        }
        if (maskConnComp && !stack.has(InterferogramStack.CONNECT_COMPONENT)) {
            throw new InvalidInputException(stack.path(), InterferogramStack.CONNECT_COMPONENT,
                    "missing, but --mask-dset needs it");
        }
        boolean[] land = landMask();
        float[] height = corrections.elevation() ? geometryLayer("height") : null;
        String[] extRate = externalRate();
        if (refRow < 0) {
            ReferenceSelection.Choice rc = ReferenceSelection.automatic(stack, keptLayers, land, maskConnComp, engine);
            refRow = rc.row();
            refCol = rc.col();
            LOG.info("reference pixel chosen automatically: row {}, col {} ({})", refRow, refCol,
                    rc.rule(stack.has(InterferogramStack.COHERENCE)));
        }
        float[] refPhase = ReferenceSelection.check(stack, keptLayers, land, refRow, refCol, maskConnComp);

        long cubeBytes = (long) nd * npix * 4L * (writeStd ? 2 : 1);
        boolean inMemory = TimeseriesStreams.fitsInMemory(cubeBytes, (long) nd * npix * 4L, maxCubeBytes);
        if (!inMemory && corrections.any()) {
            throw new IllegalArgumentException("the time series (" + (cubeBytes >> 20) + " MiB) exceeds --max-cube-mb ("
                    + (maxCubeBytes >> 20) + " MiB) or " + (int) (TimeseriesStreams.HEAP_SHARE * 100) + " % of the heap ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB), and --ramp/--tropo/--elevation-correction need it "
                    + "in memory: raise --max-cube-mb or the heap (-Xmx), or run without them");
        }
        boolean hasTriplets = Triplets.of(network).count() > 0;
        if (regionClosure && (bridging || closureCorrection)) {
            throw new IllegalArgumentException("--unwrap-correction phase-closure-region is not combined with bridging or "
                    + "per-pixel phase-closure");
        }
        boolean corrects = closureCorrection || bridging || regionClosure;
        long cyclesBytes = 4L * keptLayers.length * npix * (bridging || regionClosure ? 3 : 1);
        if (corrects && cyclesBytes > maxCubeBytes) {
            throw new IllegalArgumentException("--unwrap-correction keeps the cycles of every pair in memory (and bridging the "
                    + "whole stack's phase and connectComponent: " + (cyclesBytes >> 20) + " MiB), more than --max-cube-mb ("
                    + (maxCubeBytes >> 20) + " MiB): raise --max-cube-mb or invert a smaller area");
        }
        int[][] bridgeCycles = bridging ? planes().bridgeTables(land) : regionClosure ? planes().regionTables(land, refPhase)
                : null;
        ClosureQualityCollector pairQuality = hasTriplets ? new ClosureQualityCollector() : null;
        InvertKernel kernel = new InvertKernel(source.toString(), keep, params, refPhase, refDateIndex,
                maskConnComp, minCoherence, needsCoherence(), land == null ? null : geometryFile.toString(),
                extRate == null ? null : extRate[0], extRate == null ? null : extRate[1], stack.wavelength(), writeStd,
                closureCorrection, bridgeCycles, pairQuality);
        // the corrections hold four more pairs × pixels arrays per block (cycles, closure cycles, labels, output)
        long bpp = 4L * m * 3 + 4L * nd * 3 + 16 + (corrects ? 16L * keptLayers.length : 0);
        List<Window> plan = engine.planner().plan(grid.rows(), grid.cols(), bpp);
        Map<String, String> attrs = outputAttributes(refDateIndex);
        TimeseriesStreams streams = inMemory ? null : TimeseriesStreams.open(out, outGrid, network.dates(),
                DateBaselines.of(network), attrs, writeStd, writeGeotiff, plan);
        if (streams != null) {
            LOG.info("time series of {} MiB streams block by block to {}", cubeBytes >> 20, out.resolve("timeseries.h5"));
        }
        List<BlockOutput> outputs = new ArrayList<>();
        Map<String, BlockSink> sinks = new LinkedHashMap<>();
        DatasetSpec cubeSpec = streams != null ? streams.spec() : DatasetSpec.cube(InvertKernel.TIMESERIES, nd,
                grid.rows(), grid.cols());
        output(outputs, sinks, TIMESERIES_FILE, cubeSpec, streams == null ? null : streams.seriesTarget());
        if (writeStd) {
            output(outputs, sinks, TIMESERIES_STD_FILE, DatasetSpec.cube(InvertKernel.TIMESERIES_STD, nd, grid.rows(),
                    grid.cols()).withChunks(cubeSpec.chunks()).withDeflate(cubeSpec.deflateLevel()),
                    streams == null ? null : streams.stdTarget());
        }
        output(outputs, sinks, "temporalCoherence.h5", DatasetSpec.plane(InvertKernel.TEMPORAL_COHERENCE, grid.rows(),
                grid.cols()), null);
        output(outputs, sinks, "numInvIfgram.h5", DatasetSpec.plane(InvertKernel.NUM_INV_IFGRAM, grid.rows(),
                grid.cols()), null);
        output(outputs, sinks, QUALITY_FILE, DatasetSpec.plane(InvertKernel.INVERSION_FLAG, grid.rows(), grid.cols()),
                null);
        if (hasTriplets) {
            output(outputs, sinks, CLOSURE_FILE, DatasetSpec.plane(InvertKernel.NUM_TRI_NONZERO, grid.rows(), grid.cols()),
                    null);
        }
        if (corrects) {
            output(outputs, sinks, CYCLES_FILE, DatasetSpec.cube(InvertKernel.UNWRAP_CYCLES, keptLayers.length, grid.rows(),
                    grid.cols()), null);
            if (hasTriplets) {
                output(outputs, sinks, CLOSURE_AFTER, DatasetSpec.plane(InvertKernel.NUM_TRI_NONZERO_AFTER, grid.rows(),
                        grid.cols()), null);
            }
        }
        if (needsCoherence()) {
            output(outputs, sinks, COHERENCE_CHECK, DatasetSpec.plane(InvertKernel.COHERENCE_SEEN, grid.rows(),
                    grid.cols()), null);
        }
        BlockJob job = new BlockJob("invert", grid, bpp, outputs, kernel);
        long t0 = System.nanoTime();
        try {
            runner.run(job, sinks);
            for (BlockSink s : sinks.values()) {
                if (s instanceof MemoryBlockSink) {
                    s.commit(); // every pixel computed
                }
            }
            if (needsCoherence() && !any(memory(sinks, COHERENCE_CHECK).array(InvertKernel.COHERENCE_SEEN))) {
                throw new InvalidInputException(stack.path(), InterferogramStack.COHERENCE, "is 0 or NaN in every kept pair "
                        + "at every pixel, so " + (params.effectiveWeight().needsCoherence() ? "the "
                        + params.effectiveWeight().name().toLowerCase(Locale.ROOT) + " weights carry" : "--min-coherence leaves")
                        + " no information: use --method l2 or --weight no");
            }
        } catch (IOException | RuntimeException e) {
            if (streams != null) {
                streams.close(); // deletes the partial files
            }
            throw e;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double pxs = npix / Math.max(seconds, 1e-9);
        float[] tcoh = memory(sinks, "temporalCoherence.h5").array(InvertKernel.TEMPORAL_COHERENCE);
        float[] numInv = memory(sinks, "numInvIfgram.h5").array(InvertKernel.NUM_INV_IFGRAM);
        float[] flagF = memory(sinks, QUALITY_FILE).array(InvertKernel.INVERSION_FLAG);
        float[] cube = null;
        Path tsPath;
        if (streams == null) {
            cube = memory(sinks, TIMESERIES_FILE).array(InvertKernel.TIMESERIES);
            applyCorrections(cube, height, land, refDateIndex);
            tsPath = out.resolve(TIMESERIES_FILE);
            MintPyWriter.writeTimeseries(tsPath, outGrid, network.dates(), cube, DateBaselines.of(network), attrs);
            if (writeStd) {
                MintPyWriter.writeTimeseries(out.resolve(TIMESERIES_STD_FILE), outGrid, network.dates(),
                        memory(sinks, TIMESERIES_STD_FILE).array(InvertKernel.TIMESERIES_STD), null, attrs);
            }
        } else {
            tsPath = streams.commit();
            streams.close();
        }
        Path tcohPath = out.resolve("temporalCoherence.h5");
        MintPyWriter.writeTemporalCoherence(tcohPath, outGrid, tcoh, attrs);
        Path numPath = out.resolve("numInvIfgram.h5");
        MintPyWriter.writeNumInvIfgram(numPath, outGrid, numInv, attrs);
        String closureSummary = writeClosure(sinks, attrs, hasTriplets, corrects);
        if (hasTriplets) {
            PairClosureQuality quality = pairQuality.merged(Triplets.of(network), npix);
            if (quality == null) {                          // the workers ran elsewhere: the driver's own pass
                quality = planes().pairQuality(plan, land, refPhase, engine.threads());
            }
            closureSummary += "; " + planes().writePairQuality(out, quality, attrs);
        }
        LinkedHashMap<String, float[]> q = new LinkedHashMap<>();
        q.put("inversionFlag", flagF);
        MintPyWriter.writeGeometry(out.resolve(QUALITY_FILE), outGrid, q, attrs);
        if (writeGeotiff) {
            geotiffs(cube, tcoh, numInv);
        }
        byte[] flags = new byte[npix];
        for (int i = 0; i < npix; i++) {
            flags[i] = (byte) flagF[i];
        }
        long good = 0;
        for (float t : tcoh) {
            good += t >= org.permasar.inversion.TemporalCoherence.RELIABLE ? 1 : 0;
        }
        String summary = String.format(Locale.ROOT,
                "Inverted %d pixels × %d dates from %d pairs (%s, weight %s) in %.1f s: %.0f pixels/s; %s; "
                        + "%d pixels with temporal coherence ≥ " + org.permasar.inversion.TemporalCoherence.RELIABLE
                        + "; %s; reference pixel row %d col %d; outputs in %s",
                npix, nd, keptLayers.length, params.method().cliName(), params.effectiveWeight().name().toLowerCase(Locale.ROOT),
                seconds, pxs, flagSummary(flags), good, closureSummary, refRow, refCol, out);
        LOG.debug(summary);
        return new Result(tsPath, tcohPath, numPath, grid, network.dates(), refRow, refCol, pxs, summary);
    }

    /** Adds an output and its sink: {@code target}, or a {@link MemoryBlockSink} when null. */
    private void output(List<BlockOutput> outputs, Map<String, BlockSink> sinks, String product, DatasetSpec spec,
                        BlockSink target) {
        outputs.add(new BlockOutput(product, spec));
        if (target != null) {
            sinks.put(product, target);
        } else {
            MemoryBlockSink s = new MemoryBlockSink(out.resolve(product), grid);
            s.create(spec);
            sinks.put(product, s);
        }
    }

    /**
     * Writes numTriNonzeroIntAmbiguity.h5 (and, with the correction, the count after it and
     * unwrapCorrection.h5: the cycles U per kept pair in MintPy's ifgramStack layout, {@code unwrapPhase} = 2π·U
     * in radians, the phase added to the referenced input); returns a one-line account.
     */
    private String writeClosure(Map<String, BlockSink> sinks, Map<String, String> attrs, boolean hasTriplets,
                                boolean corrects) throws IOException {
        int npix = grid.size();
        LinkedHashMap<String, float[]> c = new LinkedHashMap<>();
        String account = "no triplet in the network: no closure check";
        if (hasTriplets) {
            float[] before = memory(sinks, CLOSURE_FILE).array(InvertKernel.NUM_TRI_NONZERO);
            c.put(InvertKernel.NUM_TRI_NONZERO, before);
            account = String.format(Locale.ROOT, "%d pixels with a non-zero closure integer in some of the %d triplets",
                    countPositive(before), Triplets.of(network).count());
        }
        if (corrects) {
            float[] after = hasTriplets ? memory(sinks, CLOSURE_AFTER).array(InvertKernel.NUM_TRI_NONZERO_AFTER) : null;
            if (after != null) {
                c.put(InvertKernel.NUM_TRI_NONZERO_AFTER, after);
            }
            String kind = bridging && closureCorrection ? "bridging + phase-closure" : bridging ? "bridging"
                    : regionClosure ? "phase-closure-region" : "phase-closure";
            float[] cycles = memory(sinks, CYCLES_FILE).array(InvertKernel.UNWRAP_CYCLES);
            int m = keptLayers.length;
            long total = 0;
            int pairsChanged = 0;
            float[] rad = new float[cycles.length];
            StringBuilder perPair = new StringBuilder();
            for (int k = 0; k < m; k++) {
                long nk = 0;
                for (int p = 0, i = k * npix; p < npix; p++, i++) {
                    float u = cycles[i];
                    rad[i] = (float) (2 * Math.PI * u);
                    nk += u != 0 && !Float.isNaN(u) ? 1 : 0;
                }
                if (nk > 0) {
                    pairsChanged++;
                    total += nk;
                    perPair.append(String.format(Locale.ROOT, "%n  %s: %d pixels", network.pairs().get(k), nk));
                }
            }
            LOG.info("{} correction: {} (pair, pixel) cells in {} of {} pairs{}", kind, total, pairsChanged, m, perPair);
            Map<String, String> a = new LinkedHashMap<>(attrs);
            a.put("PERMASAR_UNWRAP_CORRECTION", kind);
            a.put("UNIT", "radian");
            MintPyWriter.writeIfgramStack(out.resolve(CYCLES_FILE), outGrid, network, null, rad, null, null, a);
            account += String.format(Locale.ROOT, "; %s correction changed %d (pair, pixel) cells in %d of %d pairs", kind,
                    total, pairsChanged, m);
            if (after != null) {
                account += String.format(Locale.ROOT, ", %d pixels still with a non-zero closure integer", countPositive(after));
            }
        }
        if (hasTriplets) {
            MintPyWriter.writeGeometry(out.resolve(CLOSURE_FILE), outGrid, c, attrs);
        }
        return account;
    }

    /** The driver-side whole-plane work of the unwrapping corrections, for the reference pixel now chosen. */
    private UnwrapPlanes planes() {
        return new UnwrapPlanes(stack, keptLayers, network, grid, refRow, refCol);
    }

    private static long countPositive(float[] a) {
        long n = 0;
        for (float v : a) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    private static MemoryBlockSink memory(Map<String, BlockSink> sinks, String product) {
        return (MemoryBlockSink) sinks.get(product);
    }

    private static boolean any(float[] seen) {
        for (float v : seen) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    /** Quality-flag summary like "1998 solved, 2 NaN (2 all pairs NaN)". */
    public static String flagSummary(byte[] flags) {
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

    /** MintPy's waterMask: 1 = land, 0 = water; NaN counts as water. */
    static boolean isLand(float waterMask) {
        return waterMask != 0 && !Float.isNaN(waterMask);
    }

    /** Phase per metre of LOS range: φ = −4π/λ·d. */
    static double radiansPerMetre(double wavelength) {
        return -4 * Math.PI / wavelength;
    }

    private boolean[] landMask() throws IOException {
        if (geometryFile == null) {
            return null;
        }
        try (RasterSource g = RasterFormats.open(geometryFile)) {
            checkGrid(g, geometryFile);
            if (!g.has("waterMask")) {
                return null;
            }
            float[] wm = g.read("waterMask", Window.of(grid));
            boolean[] land = new boolean[wm.length];
            for (int i = 0; i < wm.length; i++) {
                land[i] = isLand(wm[i]); // MintPy: 1 = land, 0 = water
            }
            return land;
        }
    }

    private float[] geometryLayer(String name) throws IOException {
        try (RasterSource g = RasterFormats.open(geometryFile)) {
            checkGrid(g, geometryFile);
            if (!g.has(name)) {
                throw new InvalidInputException(geometryFile, name, "missing (needed by --elevation-correction)");
            }
            return g.read(name, Window.of(grid));
        }
    }

    private void checkGrid(RasterSource s, Path file) throws InvalidInputException {
        if (s.grid().rows() != grid.rows() || s.grid().cols() != grid.cols()) {
            throw new InvalidInputException(file, "grid " + s.grid().rows() + " × " + s.grid().cols()
                    + " does not match the stack's " + grid.rows() + " × " + grid.cols());
        }
    }

    /**
     * The external LOS rate file and dataset (m/yr), checked on the driver: {file, dataset}, or null
     * without one. Workers read it window by window ({@link InvertKernel}).
     */
    private String[] externalRate() throws IOException {
        if (externalRateSpec == null) {
            return null;
        }
        int colon = externalRateSpec.lastIndexOf(':');
        Path file = Path.of(colon > 1 ? externalRateSpec.substring(0, colon) : externalRateSpec);
        String ds = colon > 1 ? externalRateSpec.substring(colon + 1) : null;
        try (RasterSource s = RasterFormats.open(file)) {
            checkGrid(s, file);
            String name = ds != null ? ds : s.has("velocity") ? "velocity" : s.datasets().get(0);
            if (!s.has(name)) {
                throw new InvalidInputException(file, name, "no such dataset (has " + s.datasets() + ")");
            }
            return new String[] {file.toString(), name};
        }
    }

    private void applyCorrections(float[] cube, float[] height, boolean[] land, int refDateIndex) throws IOException {
        int npix = grid.size();
        if (corrections.tropo() != null) {
            float[] delay = tropoDelays();
            DelayCorrection.subtractDelayStack(cube, delay, npix, refDateIndex);
            LOG.info("subtracted tropospheric delays from {}", corrections.tropo());
        }
        float[] mask = null;
        if (land != null) {
            mask = new float[npix];
            for (int i = 0; i < npix; i++) {
                mask[i] = land[i] ? 1f : 0f;
            }
        }
        if (corrections.elevation()) {
            double[] k = DelayCorrection.removeElevationCorrelation(cube, height, mask, npix);
            LOG.info("removed elevation-correlated delay: slope of the first epochs {} m/m", k.length > 1 ? k[1] : Double.NaN);
        }
        if (corrections.ramp() != Ramp.NONE) {
            RampRemoval.remove(cube, grid.rows(), grid.cols(), mask,
                    corrections.ramp() == Ramp.LINEAR ? RampRemoval.Ramp.LINEAR : RampRemoval.Ramp.QUADRATIC);
            LOG.info("removed a {} ramp from every epoch", corrections.ramp().name().toLowerCase(Locale.ROOT));
        }
        if (corrections.any()) {
            // the corrections change the reference pixel too (a delay there, a ramp or height term): keep the series
            // relative to it, as MintPy's diff.py re-references a correction to the series' REF_Y/REF_X
            int ref = refRow * grid.cols() + refCol;
            if (!land(land, ref) || !Float.isFinite(cube[(refDateIndex == 0 ? 1 : 0) * npix + ref])) {
                LOG.warn("reference pixel row {} col {} has no corrected value: series left as corrected", refRow, refCol);
            } else {
                ReferencePoint.subtractPixel(cube, npix, ref, false);
            }
            DelayCorrection.referenceToDate(cube, npix, refDateIndex);
        }
    }

    private static boolean land(boolean[] land, int p) {
        return land == null || land[p];
    }

    private float[] tropoDelays() throws IOException {
        Path f = corrections.tropo();
        try (MintPyProduct p = MintPyProduct.open(f)) {
            checkGrid(p, f);
            List<LocalDate> have = p.dates();
            int npix = grid.size();
            float[] all = p.read("timeseries", Window.of(grid));
            float[] sel = new float[network.dateCount() * npix];
            for (int d = 0; d < network.dateCount(); d++) {
                int j = have.indexOf(network.dates().get(d));
                if (j < 0) {
                    throw new InvalidInputException(f, "timeseries", "has no delay for " + network.dates().get(d));
                }
                System.arraycopy(all, j * npix, sel, d * npix, npix);
            }
            return sel;
        }
    }


    private Map<String, String> outputAttributes(int refDateIndex) {
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> src = stack.attributes();
        for (String k : new String[] {"PLATFORM", "ORBIT_DIRECTION", "HEADING", "ALOOKS", "RLOOKS", "CENTER_LINE_UTC",
                "PROCESSOR", "STARTING_RANGE", "RANGE_PIXEL_SIZE", "AZIMUTH_PIXEL_SIZE", "EARTH_RADIUS", "HEIGHT"}) {
            if (src.containsKey(k)) {
                a.put(k, src.get(k));
            }
        }
        a.put("WAVELENGTH", String.valueOf(stack.wavelength()));
        a.put("REF_DATE", Dates.compact(network.dates().get(refDateIndex)));
        a.put("REF_Y", String.valueOf(refRow));
        a.put("REF_X", String.valueOf(refCol));
        if (grid.isGeocoded() && grid.isGeographic()) {
            a.put("REF_LAT", String.valueOf(grid.latitude(refRow, refCol)));
            a.put("REF_LON", String.valueOf(grid.longitude(refRow, refCol)));
        }
        a.put("PERMASAR_INVERSION", params.method().cliName() + "/" + params.effectiveWeight().name().toLowerCase(Locale.ROOT));
        a.put("PERMASAR_LOOKS", String.valueOf(params.looks()));
        a.put("PERMASAR_SOURCE", String.valueOf(stack.path().getFileName()));
        return a;
    }

    private void geotiffs(float[] cube, float[] tcoh, float[] numInv) throws IOException {
        GridGeometry g = grid.withNodata(Double.NaN);
        GeoTiffWriter.write(out.resolve("temporalCoherence.tif"), g, tcoh, 1, Map.of("UNIT", "1"), List.of("temporalCoherence"));
        GeoTiffWriter.write(out.resolve("numInvIfgram.tif"), g, numInv, 1, Map.of("UNIT", "1"), List.of("numInvIfgram"));
        if (cube != null) {
            List<String> names = network.dates().stream().map(LocalDate::toString).toList();
            GeoTiffWriter.write(out.resolve("timeseries.tif"), g, cube, names.size(), Map.of("UNIT", "m"), names);
        }
    }

}

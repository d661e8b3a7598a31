package org.permasar.cli.invert;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.inversion.DelayCorrection;
import org.permasar.inversion.InversionInput;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.InversionResult;
import org.permasar.inversion.PhaseConversion;
import org.permasar.inversion.RampRemoval;
import org.permasar.inversion.TimeSeriesInversion;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SBAS inversion of a stack, block by block: reference point, per-pair masks, the solver,
 * conversion to metres, optional corrections, and the MintPy-layout outputs. Reads of the stack
 * are serialised (readers are not thread-safe); solving runs on all of the engine's threads.
 */
public final class InversionRun {
    private static final Logger LOG = LoggerFactory.getLogger(InversionRun.class);

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
    private Path geometryFile;
    private LocalDate refDate;
    private boolean maskConnComp;
    private float minCoherence;
    private String externalRateSpec;
    private boolean writeStd;
    private boolean writeGeotiff;
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

    /** Runs the inversion with the engine's blocks and threads. */
    public Result run(BlockEngine engine) throws IOException {
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
        float[] extRate = externalRateRadPerYear();
        if (refRow < 0) {
            int[] rc = ReferenceSelection.automatic(stack, keptLayers, land, engine);
            refRow = rc[0];
            refCol = rc[1];
            LOG.info("reference pixel chosen automatically: row {}, col {} (highest mean coherence, valid in every pair)",
                    refRow, refCol);
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
        float[] cube = inMemory ? new float[nd * npix] : null;
        float[] stdCube = inMemory && writeStd ? new float[nd * npix] : null;
        float[] tcoh = new float[npix];
        float[] numInv = new float[npix];
        byte[] flags = new byte[npix];

        long bpp = 4L * m * 3 + 4L * nd * 3 + 16;
        List<Window> plan = engine.planner().plan(grid.rows(), grid.cols(), bpp);
        final TimeseriesStreams sink = inMemory ? null : TimeseriesStreams.open(out, outGrid, network.dates(),
                org.permasar.cli.plot.NetworkPlot.dateBaselines(network), outputAttributes(refDateIndex), writeStd, plan);
        if (sink != null) {
            LOG.info("time series of {} MiB streams block by block to {}", cubeBytes >> 20, out.resolve("timeseries.h5"));
        }
        double scale = PhaseConversion.phaseToRange(stack.wavelength());
        final boolean[] anyCoherence = {false};
        long t0 = System.nanoTime();
        try {
        engine.run("invert", grid.rows(), grid.cols(), bpp, () -> TimeSeriesInversion.create(network, params), (w, solver) -> {
            int n = w.size();
            float[] phase = readKept(InterferogramStack.UNWRAP_PHASE, w);
            float[] coh = needsCoherence() ? readKept(InterferogramStack.COHERENCE, w) : null;
            float[] mask = maskConnComp ? readKept(InterferogramStack.CONNECT_COMPONENT, w) : null;
            if (coh != null && !anyCoherence[0]) {
                for (float v : coh) {
                    if (v > 0) {
                        anyCoherence[0] = true; // benign race: only ever set to true
                        break;
                    }
                }
            }
            int layers = keptLayers.length;
            for (int k = 0; k < layers; k++) {
                float ref = refPhase[k];
                for (int p = 0, i = k * n; p < n; p++, i++) {
                    phase[i] -= ref; // phase relative to the reference pixel (SCIENCE.md §1, corrections)
                }
            }
            if (minCoherence > 0) {
                if (mask == null) {
                    mask = new float[phase.length];
                    java.util.Arrays.fill(mask, 1f);
                }
                for (int i = 0; i < mask.length; i++) {
                    if (!(coh[i] >= minCoherence)) {
                        mask[i] = 0f;
                    }
                }
            }
            if (land != null) {
                for (int r = 0; r < w.rows(); r++) {
                    for (int c = 0; c < w.cols(); c++) {
                        if (!land[(w.row0() + r) * grid.cols() + w.col0() + c]) {
                            int p = r * w.cols() + c;
                            for (int k = 0; k < layers; k++) {
                                phase[k * n + p] = Float.NaN;
                            }
                        }
                    }
                }
            }
            float[] rate = extRate == null ? null : windowOf(extRate, w);
            InversionResult res = new InversionResult(nd, n);
            solver.invert(new InversionInput(phase, coh, mask, rate, n), 0, n, res);
            float[] ts = res.phase();
            PhaseConversion.toMetres(ts, stack.wavelength());
            if (refDateIndex != 0) {
                DelayCorrection.referenceToDate(ts, n, refDateIndex);
            }
            float[] sd = res.std();
            if (sd != null) {
                for (int i = 0; i < sd.length; i++) {
                    sd[i] = (float) Math.abs(sd[i] * scale);
                }
            }
            for (int r = 0; r < w.rows(); r++) {
                int g0 = (w.row0() + r) * grid.cols() + w.col0(), b0 = r * w.cols();
                for (int c = 0; c < w.cols(); c++) {
                    tcoh[g0 + c] = res.temporalCoherence()[b0 + c];
                    numInv[g0 + c] = res.pairsUsed()[b0 + c];
                    flags[g0 + c] = res.flag()[b0 + c];
                }
                if (cube != null) {
                    for (int d = 0; d < nd; d++) {
                        System.arraycopy(ts, d * n + b0, cube, d * npix + g0, w.cols());
                        if (stdCube != null && sd != null) {
                            System.arraycopy(sd, d * n + b0, stdCube, d * npix + g0, w.cols());
                        }
                    }
                }
            }
            if (sink != null) {
                sink.write(w, ts, sd);
            }
        });
        } catch (IOException | RuntimeException e) {
            if (sink != null) {
                sink.close(); // deletes the partial files
            }
            throw e;
        }
        if (needsCoherence() && !anyCoherence[0]) {
            if (sink != null) {
                sink.close();
            }
            throw new InvalidInputException(stack.path(), InterferogramStack.COHERENCE, "is 0 or NaN in every kept pair at "
                    + "every pixel, so " + (params.effectiveWeight().needsCoherence() ? "the " + params.effectiveWeight()
                    .name().toLowerCase(Locale.ROOT) + " weights carry" : "--min-coherence leaves") + " no information: "
                    + "use --method l2 or --weight no");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double pxs = npix / Math.max(seconds, 1e-9);
        Map<String, String> attrs = outputAttributes(refDateIndex);
        Path tsPath;
        if (cube != null) {
            applyCorrections(cube, height, land, refDateIndex);
            tsPath = out.resolve("timeseries.h5");
            MintPyWriter.writeTimeseries(tsPath, outGrid, network.dates(), cube, org.permasar.network.DateBaselines.of(network), attrs);
            if (stdCube != null) {
                MintPyWriter.writeTimeseries(out.resolve("timeseriesStd.h5"), outGrid, network.dates(), stdCube, null, attrs);
            }
        } else {
            tsPath = sink.commit();
            sink.close();
        }
        Path tcohPath = out.resolve("temporalCoherence.h5");
        MintPyWriter.writeTemporalCoherence(tcohPath, outGrid, tcoh, attrs);
        Path numPath = out.resolve("numInvIfgram.h5");
        MintPyWriter.writeNumInvIfgram(numPath, outGrid, numInv, attrs);
        float[] flagF = new float[npix];
        for (int i = 0; i < npix; i++) {
            flagF[i] = flags[i];
        }
        LinkedHashMap<String, float[]> q = new LinkedHashMap<>();
        q.put("inversionFlag", flagF);
        MintPyWriter.writeGeometry(out.resolve("inversionQuality.h5"), outGrid, q, attrs);
        if (writeGeotiff) {
            geotiffs(cube, tcoh, numInv);
        }
        long good = 0;
        for (float t : tcoh) {
            good += t >= 0.6f ? 1 : 0;
        }
        String summary = String.format(Locale.ROOT,
                "Inverted %d pixels × %d dates from %d pairs (%s, weight %s) in %.1f s: %.0f pixels/s; %s; "
                        + "%d pixels with temporal coherence ≥ 0.6; reference pixel row %d col %d; outputs in %s",
                npix, nd, keptLayers.length, params.method().cliName(), params.effectiveWeight().name().toLowerCase(Locale.ROOT),
                seconds, pxs, InvertCommand.flagSummary(flags), good, refRow, refCol, out);
        LOG.debug(summary);
        return new Result(tsPath, tcohPath, numPath, grid, network.dates(), refRow, refCol, pxs, summary);
    }

    /** Reads a 3-D dataset for a window and keeps only the selected pairs (serialised on the stack). */
    private float[] readKept(String dataset, Window w) throws IOException {
        float[] all;
        synchronized (stack) {
            all = stack.read(dataset, w);
        }
        if (keptLayers.length == keep.length) {
            return all;
        }
        int n = w.size();
        float[] kept = new float[keptLayers.length * n];
        for (int j = 0; j < keptLayers.length; j++) {
            System.arraycopy(all, keptLayers[j] * n, kept, j * n, n);
        }
        return kept;
    }

    private float[] windowOf(float[] full, Window w) {
        float[] o = new float[w.size()];
        for (int r = 0; r < w.rows(); r++) {
            System.arraycopy(full, (w.row0() + r) * grid.cols() + w.col0(), o, r * w.cols(), w.cols());
        }
        return o;
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
                land[i] = wm[i] != 0 && !Float.isNaN(wm[i]); // MintPy: 1 = land, 0 = water
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

    /** External LOS rate (m/yr) as phase rate (rad/yr): φ = −4π/λ·d. */
    private float[] externalRateRadPerYear() throws IOException {
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
            float[] v = s.read(name, Window.of(grid));
            double f = -4 * Math.PI / stack.wavelength();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] * f);
            }
            return v;
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
                org.permasar.inversion.ReferencePoint.subtractPixel(cube, npix, ref, false);
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

package org.permasar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.hdf5.Hdf5BlockSink;
import org.permasar.io.geotiff.GeoTiffBlockSink;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.sim.SceneBlock;
import org.permasar.sim.SceneSink;
import org.permasar.sim.SceneStream;
import org.permasar.sim.StreamedTrack;
import org.permasar.sim.TrackBlock;

/**
 * Writes a streamed simulated scene ({@link org.permasar.sim.SceneSimulator#stream}) in the
 * layout of {@link SimulateCommand#write}, band by band: per track {@code ifgramStack.h5}
 * (date |S8 pairs × 2, bperp, dropIfgram bool, unwrapPhase / coherence float32 and
 * connectComponent int16, pairs × LENGTH × WIDTH), {@code truthTimeseries.h5} and
 * {@code troposphericDelay.h5} (MintPy timeseries layout) through the streamed HDF5 sink
 * (libhdf5); the maps ({@code geometryGeo.h5}, {@code truth.h5}, {@code dem.tif}) through the
 * in-memory writers as before. Chunks are [all layers, band rows, ≈4 MiB of columns], so each
 * band is written as whole chunks and a pixel's series lies in one chunk.
 *
 * <p>{@code lst_8day.tif} (8-day composites × pixels, 1.4 GiB at 1000 × 1000 px × 368 composites)
 * streams too, through a {@link GeoTiffBlockSink}: the simulator gives every composite of a band of
 * rows at once and bands in row order, which is what a pixel-interleaved strip needs, so nothing
 * waits in the sink; the file is the one {@link SimulateCommand#writeLst} writes, byte for byte
 * (BigTIFF past 4 GiB). Each file is written to a temporary sibling and renamed into place when
 * complete. Not thread-safe (the simulator calls it from one thread).
 */
final class StreamedSceneWriter implements SceneSink, AutoCloseable {
    private static final String LST = "lst_8day";

    private final Path dir;
    private final List<BlockSink> stacks = new ArrayList<>();
    private final List<MintPyTimeseriesSink> truths = new ArrayList<>();
    private final List<MintPyTimeseriesSink> delays = new ArrayList<>();
    private GeoTiffBlockSink lst;
    private float[] scratch = new float[0];
    private final List<Path> written = new ArrayList<>();

    StreamedSceneWriter(Path dir) {
        this.dir = dir;
    }

    /** Files committed so far. */
    List<Path> written() {
        return List.copyOf(written);
    }

    @Override
    public void begin(SceneStream s) throws IOException {
        Files.createDirectories(dir);
        GridGeometry grid = s.grid();
        Map<String, String> common = SimulateCommand.commonAttributes(s.spec());
        int rows = Math.min(s.bandRows(), grid.rows());
        for (StreamedTrack t : s.tracks()) {
            Path td = Files.createDirectories(dir.resolve(t.isAscending() ? "asc" : "desc"));
            Map<String, String> attrs = SimulateCommand.trackAttributes(common, t.isAscending(), t.wavelength(),
                    t.heading(), s.spec().looks());
            Network net = t.network();
            int m = net.pairCount(), nd = t.dates().size();
            BlockSink ifg = Hdf5BlockSink.open(td.resolve("ifgramStack.h5"), grid,
                    MintPyWriter.ifgramStackAttributes(grid, net, attrs));
            stacks.add(ifg);
            String[][] dates = new String[m][2];
            float[] bperp = new float[m];
            boolean[] keep = new boolean[m];
            for (int k = 0; k < m; k++) {
                dates[k][0] = Dates.compact(net.pairs().get(k).reference());
                dates[k][1] = Dates.compact(net.pairs().get(k).secondary());
                bperp[k] = (float) net.bperp(k);
                keep[k] = true;
            }
            ifg.writeStrings("date", dates, 8);
            ifg.writeVector("bperp", bperp);
            ifg.writeBooleans("dropIfgram", keep);
            int cols = MintPyTimeseriesSink.chunkCols(grid, m, rows, grid.cols());
            DatasetSpec cube = DatasetSpec.cube("unwrapPhase", m, grid.rows(), grid.cols()).withChunks(m, rows, cols);
            ifg.create(cube);
            ifg.create(DatasetSpec.cube("coherence", m, grid.rows(), grid.cols()).withChunks(m, rows, cols));
            ifg.create(DatasetSpec.cube("connectComponent", m, grid.rows(), grid.cols()).withChunks(m, rows, cols)
                    .withType(SinkDataType.INT16, 0));
            Map<String, String> ts = new LinkedHashMap<>(attrs);
            ts.put("REF_DATE", Dates.compact(t.dates().get(0)));
            int tcols = MintPyTimeseriesSink.chunkCols(grid, nd, rows, grid.cols());
            truths.add(MintPyTimeseriesSink.open(Hdf5BlockSink::open, td.resolve("truthTimeseries.h5"), grid,
                    t.dates(), null, ts, "m", rows, tcols, 0));
            delays.add(MintPyTimeseriesSink.open(Hdf5BlockSink::open, td.resolve(SimulateCommand.TROPO_FILE), grid,
                    t.dates(), null, SimulateCommand.tropoAttributes(attrs), "m", rows, tcols, 0));
            SimulateCommand.writeGeometry(td.resolve("geometryGeo.h5"), grid, t.height(), t.incidenceAngle(),
                    t.azimuthAngle(), s.truth().regions(), attrs);
        }
        SimulateCommand.writeDem(dir.resolve("dem.tif"), grid, s.truth().height());
        lst = GeoTiffBlockSink.open(dir, grid.withNodata(Double.NaN), Map.of());
        lst.create(DatasetSpec.cube(LST, s.lstCompositeDates().size(), grid.rows(), grid.cols()).withDeflate(6)
                .withAttributes(SimulateCommand.LST_METADATA));
        lst.describeBands(LST, s.lstCompositeDates().stream().map(LocalDate::toString).toList());
    }

    @Override
    public void block(SceneBlock b) throws IOException {
        Window w = b.window();
        for (int t = 0; t < 2; t++) {
            TrackBlock tb = b.tracks().get(t);
            BlockSink ifg = stacks.get(t);
            ifg.writeBlock("unwrapPhase", w, tb.unwrapPhase());
            ifg.writeBlock("coherence", w, tb.coherence());
            ifg.writeBlock("connectComponent", w, tb.connectComponent());
            truths.get(t).write(w, tb.truthLosDisplacement());
            float[] a = tb.truthAtmosphereDelay();
            if (scratch.length < a.length) {
                scratch = new float[a.length];
            }
            for (int i = 0; i < a.length; i++) {
                scratch[i] = -a[i]; // displacement-series sign, see SimulateCommand.writeTroposphericDelay
            }
            delays.get(t).write(w, scratch);
        }
        float[] c = b.lstComposites();
        if (scratch.length < c.length) {
            scratch = new float[c.length];
        }
        for (int i = 0; i < c.length; i++) {
            scratch[i] = Float.isNaN(c[i]) ? Float.NaN : c[i] + 273.15f; // °C → K as SimulateCommand.writeLst
        }
        lst.writeBlock(LST, w, scratch);
    }

    @Override
    public void end(SceneStream s) throws IOException {
        for (int t = 0; t < 2; t++) {
            written.add(stacks.get(t).commit());
            written.add(truths.get(t).commit());
            written.add(delays.get(t).commit());
        }
        written.add(lst.commit().resolve(LST + ".tif"));
        SimulateCommand.writeTruth(dir.resolve("truth.h5"), s.grid(), s.truth(),
                List.of(s.ascending().truthLosVelocity(), s.descending().truthLosVelocity()),
                List.of(s.ascending().truthLosSeasonalAmplitude(), s.descending().truthLosSeasonalAmplitude()),
                SimulateCommand.commonAttributes(s.spec()));
        SimulateCommand.writeReadme(s.spec(), s.ascending().dates().size(), s.ascending().network().pairCount(),
                dir.resolve("README.txt"));
    }

    /** Closes every sink; those not committed delete their temporary files. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        List<AutoCloseable> all = new ArrayList<>(stacks);
        all.addAll(truths);
        all.addAll(delays);
        if (lst != null) {
            all.add(lst);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

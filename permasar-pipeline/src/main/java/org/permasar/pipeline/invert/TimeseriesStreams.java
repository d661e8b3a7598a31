package org.permasar.pipeline.invert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.hdf5.Hdf5BlockSink;
import org.permasar.io.geotiff.GeoTiffBlockSink;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.io.sink.BlockSink;
import org.permasar.pipeline.block.TimeseriesFileSink;
import org.permasar.io.sink.DatasetSpec;

/**
 * Where {@code invert} puts its time series when the cube does not stay in memory: {@code timeseries.h5}
 * (and {@code timeseriesStd.h5}) streamed block by block through the HDF5 sink, in MintPy's layout,
 * readable by h5py, MintPy and our own readers. Chunks are {@code [dates, plan rows, ≤ 4 MiB of
 * columns]}, so every window of the block plan is whole chunks and nothing is read back.
 *
 * <p>With {@code --geotiff}, {@code timeseries.tif} (one band per date, described by the date) is
 * streamed from the same blocks through a {@link GeoTiffBlockSink}, which holds out-of-order row
 * bands in at most {@link GeoTiffBlockSink#DEFAULT_BUFFER_BYTES} and spills the rest to disk.
 *
 * <p>Below the budget {@code invert} keeps the cube in memory and writes it with
 * {@link org.permasar.io.mintpy.MintPyWriter} (jHDF), as before: jHDF and libhdf5 lay out bytes
 * differently, and the in-memory path keeps today's files byte for byte. Thread-safe: blocks may
 * arrive from every engine thread (the HDF5 sink serialises them), through {@link #seriesTarget()}
 * and {@link #stdTarget()}, the sinks a {@link org.permasar.pipeline.block.BlockRunner} writes to.
 */
final class TimeseriesStreams implements Closeable {
    /** Deflate level of streamed cubes (with byte shuffle): 1, the fastest; see the README for the measurement. */
    static final int DEFLATE_LEVEL = 1;
    /** Share of the heap the in-memory path may take (cubes plus jHDF's nested copy of one of them). */
    static final double HEAP_SHARE = 0.6;

    private final MintPyTimeseriesSink timeseries;
    private final MintPyTimeseriesSink std;
    private final GeoTiffBlockSink tif;
    private final DatasetSpec spec;
    private final GridGeometry grid;

    private TimeseriesStreams(MintPyTimeseriesSink timeseries, MintPyTimeseriesSink std, GeoTiffBlockSink tif,
                              DatasetSpec spec, GridGeometry grid) {
        this.grid = grid;
        this.tif = tif;
        this.timeseries = timeseries;
        this.std = std;
        this.spec = spec;
    }

    /**
     * True when the cubes may stay in memory: within {@code --max-cube-mb} and, since jHDF copies
     * one cube again while writing, within {@link #HEAP_SHARE} of the heap.
     *
     * @param cubeBytes  all cubes together (series, and std when written)
     * @param oneCube    bytes of one cube
     * @param maxCube    the {@code --max-cube-mb} budget in bytes
     */
    static boolean fitsInMemory(long cubeBytes, long oneCube, long maxCube) {
        return cubeBytes <= maxCube && cubeBytes + oneCube <= HEAP_SHARE * Runtime.getRuntime().maxMemory();
    }

    /**
     * Opens {@code dir/timeseries.h5} (and {@code dir/timeseriesStd.h5} when {@code withStd}, and
     * {@code dir/timeseries.tif} when {@code withGeotiff}) for the windows of {@code plan}.
     */
    static TimeseriesStreams open(Path dir, GridGeometry grid, List<LocalDate> dates, double[] bperp,
                                  Map<String, String> attrs, boolean withStd, boolean withGeotiff, List<Window> plan)
            throws IOException {
        Window first = plan.get(0);
        int chunkCols = MintPyTimeseriesSink.chunkCols(grid, dates.size(), first.rows(), first.cols());
        MintPyTimeseriesSink ts = MintPyTimeseriesSink.open(Hdf5BlockSink::open, dir.resolve("timeseries.h5"), grid,
                dates, bperp, attrs, "m", first.rows(), chunkCols, DEFLATE_LEVEL);
        MintPyTimeseriesSink sd = null;
        if (withStd) {
            try {
                sd = MintPyTimeseriesSink.open(Hdf5BlockSink::open, dir.resolve("timeseriesStd.h5"), grid, dates, null,
                        attrs, "m", first.rows(), chunkCols, DEFLATE_LEVEL);
            } catch (IOException | RuntimeException e) {
                ts.close();
                throw e;
            }
        }
        DatasetSpec spec = DatasetSpec.cube(MintPyTimeseriesSink.DATASET, dates.size(), grid.rows(), grid.cols())
                .withChunks(dates.size(), Math.min(first.rows(), grid.rows()), Math.min(chunkCols, grid.cols()))
                .withDeflate(DEFLATE_LEVEL);
        GeoTiffBlockSink tif = null;
        if (withGeotiff) {
            // the file the in-memory path writes, byte for byte: NaN nodata, UNIT m, one band per date, deflate 6
            tif = GeoTiffBlockSink.open(dir, grid.withNodata(Double.NaN), Map.of());
            try {
                tif.create(DatasetSpec.cube(MintPyTimeseriesSink.DATASET, dates.size(), grid.rows(), grid.cols())
                        .withDeflate(6).withAttributes(Map.of("UNIT", "m")));
                tif.describeBands(MintPyTimeseriesSink.DATASET, dates.stream().map(LocalDate::toString).toList());
            } catch (RuntimeException e) {
                tif.close();
                ts.close();
                if (sd != null) {
                    sd.close();
                }
                throw e;
            }
        }
        return new TimeseriesStreams(ts, sd, tif, spec, grid);
    }

    /** The cube as the streamed files hold it (name {@code timeseries}, chunks, deflate). */
    DatasetSpec spec() {
        return spec;
    }

    /** {@code timeseries.h5} as a block sink of the job's {@code timeseries} output (commit/close: see {@link Target}). */
    BlockSink seriesTarget() {
        return new TimeseriesFileSink(timeseries, tif, grid);
    }

    /** {@code timeseriesStd.h5} as a block sink of the job's {@code timeseriesStd} output. */
    BlockSink stdTarget() {
        if (std == null) {
            throw new IllegalStateException("timeseriesStd.h5 was not opened");
        }
        return new TimeseriesFileSink(std, null, grid);
    }

    /** Commits every file; returns the path of timeseries.h5. */
    Path commit() throws IOException {
        if (tif != null) {
            tif.commit();
        }
        if (std != null) {
            std.commit();
        }
        return timeseries.commit();
    }

    /** Deletes what was not committed. */
    @Override
    public void close() throws IOException {
        try {
            timeseries.close();
        } finally {
            try {
                if (std != null) {
                    std.close();
                }
            } finally {
                if (tif != null) {
                    tif.close();
                }
            }
        }
    }
}

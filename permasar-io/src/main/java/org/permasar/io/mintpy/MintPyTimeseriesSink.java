package org.permasar.io.mintpy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.BlockSinkFactory;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.network.Dates;

/**
 * MintPy's {@code timeseries.h5} layout written block by block through any {@link BlockSink}: the
 * same root attributes as {@link MintPyWriter#writeTimeseries} (sorted), {@code date} ({@code |S8}),
 * {@code bperp} (float32, NaN when unknown) and {@code timeseries} (float32, dates × LENGTH × WIDTH,
 * metres unless another unit is given), chunked {@code [dates, chunkRows, chunkCols]} so that a
 * pixel's whole series lies in one chunk.
 *
 * <p>Use: {@link #open}, {@link #write} every window, {@link #commit()}; {@link #close()} without a
 * commit deletes the partial file. Thread-safe as the underlying sink.
 */
public final class MintPyTimeseriesSink implements AutoCloseable {
    /** Name of the cube dataset. */
    public static final String DATASET = "timeseries";
    /** Target uncompressed size of one chunk: 4 MiB (jHDF and h5py read a window chunk by chunk). */
    static final long CHUNK_BYTES = 4L << 20;

    private final BlockSink sink;

    private MintPyTimeseriesSink(BlockSink sink) {
        this.sink = sink;
    }

    /**
     * Opens {@code path} through {@code factory} and writes everything but the cube.
     *
     * @param chunkRows    rows per chunk: the row count of the windows that will be written (see
     *                     {@link #chunkCols} for the columns)
     * @param chunkCols    columns per chunk
     * @param deflateLevel 0 (uncompressed, MintPy's default) … 9
     */
    public static MintPyTimeseriesSink open(BlockSinkFactory factory, Path path, GridGeometry grid,
                                            List<LocalDate> dates, double[] bperp, Map<String, String> attrs,
                                            String unit, int chunkRows, int chunkCols, int deflateLevel)
            throws IOException {
        int n = dates.size();
        if (bperp != null && bperp.length != n) {
            throw new IllegalArgumentException("bperp has " + bperp.length + " values for " + n + " dates");
        }
        for (int i = 1; i < n; i++) {
            if (!dates.get(i).isAfter(dates.get(i - 1))) {
                throw new IllegalArgumentException("dates must be strictly increasing, got " + dates.get(i - 1)
                        + " then " + dates.get(i));
            }
        }
        Map<String, String> a = MintPyWriter.timeseriesAttributes(grid, dates, attrs, unit);
        BlockSink s = factory.open(path, grid, a);
        try {
            String[] d = new String[n];
            float[] bp = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = Dates.compact(dates.get(i));
                bp[i] = bperp == null ? Float.NaN : (float) bperp[i];
            }
            s.writeStrings("date", d, 8);
            s.writeVector("bperp", bp);
            s.create(DatasetSpec.cube(DATASET, n, grid.rows(), grid.cols())
                    .withChunks(n, Math.min(chunkRows, grid.rows()), Math.min(chunkCols, grid.cols()))
                    .withDeflate(deflateLevel));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new MintPyTimeseriesSink(s);
    }

    /**
     * Chunk columns for windows of {@code windowRows × windowCols} on {@code grid}: the window's
     * columns when windows are pieces of rows, else as many columns as keep a chunk of
     * {@code dates × windowRows × cols} float32 near {@link #CHUNK_BYTES} — so every window of
     * a {@link org.permasar.stack.BlockPlanner} plan is made of whole chunks.
     */
    public static int chunkCols(GridGeometry grid, int dates, int windowRows, int windowCols) {
        if (windowCols < grid.cols()) {
            return windowCols;
        }
        long perCol = 4L * dates * windowRows;
        return (int) Math.max(1, Math.min(grid.cols(), CHUNK_BYTES / perCol));
    }

    /** Writes the series of every pixel of {@code w}: {@code block[d·w.size() + r·w.cols() + c]}. */
    public void write(Window w, float[] block) throws IOException {
        sink.writeBlock(DATASET, w, block, 0);
    }

    /** Final path. */
    public Path path() {
        return sink.path();
    }

    /** Renames the finished file into place; see {@link BlockSink#commit()}. */
    public Path commit() throws IOException {
        return sink.commit();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}

package org.permasar.pipeline.block;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.WrittenPixels;

/**
 * A {@link BlockSink} that keeps every gridded dataset as one whole-grid array in memory, for the
 * products a step still writes at the end with a whole-array writer (the jHDF
 * {@link org.permasar.io.mintpy.MintPyWriter} files that stay byte for byte as before, small 2-D
 * maps, cubes that corrections need whole) and for values the driver only counts. Nothing is
 * written to disk: {@link #commit()} checks that every pixel was written and returns
 * {@link #path()}, the file the caller will write from {@link #array}.
 *
 * <p>Arrays are band-major over the whole grid ({@code [layer·rows·cols + row·cols + col]}), NaN
 * where nothing was written. Thread-safe for {@code writeBlock} calls on disjoint windows (each
 * copies into its own elements).
 */
public final class MemoryBlockSink implements BlockSink {
    private final Path path;
    private final GridGeometry grid;
    private final Map<String, DatasetSpec> specs = new LinkedHashMap<>();
    private final Map<String, float[]> arrays = new LinkedHashMap<>();
    private final Map<String, WrittenPixels> written = new LinkedHashMap<>();
    private volatile boolean closed;

    /**
     * @param path the file the caller will write from these arrays (reported by {@link #path()});
     *             nothing is written there by this sink
     * @param grid grid of every dataset
     */
    public MemoryBlockSink(Path path, GridGeometry grid) {
        this.path = path;
        this.grid = grid;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public synchronized void create(DatasetSpec spec) {
        if (closed) {
            throw new IllegalStateException("sink for " + path + " is closed");
        }
        if (specs.containsKey(spec.name())) {
            throw new IllegalArgumentException("dataset " + spec.name() + " already exists in " + path);
        }
        spec.requireOn(grid);
        long n = (long) spec.layers() * grid.size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("dataset " + spec.name() + " of " + n + " values does not fit one array");
        }
        float[] a = new float[(int) n];
        Arrays.fill(a, Float.NaN);
        specs.put(spec.name(), spec);
        arrays.put(spec.name(), a);
        written.put(spec.name(), new WrittenPixels(grid));
    }

    /** Not kept: a memory sink holds gridded datasets only. */
    @Override
    public void writeStrings(String name, String[] values, int width) {
        throw new UnsupportedOperationException("MemoryBlockSink keeps gridded datasets only (" + name + ")");
    }

    /** Not kept: a memory sink holds gridded datasets only. */
    @Override
    public void writeVector(String name, float[] values) {
        throw new UnsupportedOperationException("MemoryBlockSink keeps gridded datasets only (" + name + ")");
    }

    @Override
    public void writeBlock(String dataset, Window w, float[] data, int offset) {
        DatasetSpec spec;
        float[] a;
        WrittenPixels done;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("sink for " + path + " is closed");
            }
            spec = specs.get(dataset);
            if (spec == null) {
                throw new IllegalArgumentException("no dataset " + dataset + " in " + path + " (have " + specs.keySet() + ")");
            }
            a = arrays.get(dataset);
            done = written.get(dataset);
        }
        WrittenPixels.check(path.toString(), spec, w, data, offset);
        int n = w.size(), cols = grid.cols(), npix = grid.size();
        for (int k = 0; k < spec.layers(); k++) {
            for (int r = 0; r < w.rows(); r++) {
                System.arraycopy(data, offset + k * n + r * w.cols(), a, k * npix + (w.row0() + r) * cols + w.col0(),
                        w.cols());
            }
        }
        done.add(w);
    }

    /**
     * The whole-grid array of {@code dataset} (live, not a copy).
     *
     * @throws IllegalArgumentException when there is no such dataset
     */
    public synchronized float[] array(String dataset) {
        float[] a = arrays.get(dataset);
        if (a == null) {
            throw new IllegalArgumentException("no dataset " + dataset + " in " + path + " (have " + arrays.keySet() + ")");
        }
        return a;
    }

    /**
     * Checks that every pixel of every dataset was written.
     *
     * @throws IllegalStateException naming the first incomplete dataset
     */
    @Override
    public synchronized Path commit() {
        for (Map.Entry<String, WrittenPixels> e : written.entrySet()) {
            long missing = e.getValue().missing();
            if (missing > 0) {
                throw new IllegalStateException(path + ": " + missing + " pixels of " + e.getKey() + " were never written");
            }
        }
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
    }
}

package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.io.sink.TextVectors;
import org.permasar.io.sink.WrittenPixels;

/**
 * A {@link BlockSink} that writes one GeoTIFF per gridded dataset, {@code DIR/<name>.tif}, through
 * {@link GeoTiffStripWriter} (pixel-interleaved deflate strips, LONG strip counts, BigTIFF past
 * 4 GiB): a cube becomes one band per layer, a plane one band. The target is a folder, which may
 * hold other files (an output folder); only the sink's own files are replaced.
 *
 * <p><b>Order.</b> A TIFF strip holds every band of its rows, so rows must reach the file in
 * order. Windows may still arrive in any order from any thread: a window is collected into its
 * <em>row band</em> (the rows {@code [row0, row0 + rows)} of the window); a band made complete
 * by whole-row windows (BlockPlanner's row bands) or by the column-split windows of that band is
 * streamed as soon as every row above it has been, and the bands waiting behind it follow. All
 * windows that start on the same row must cover the same rows (true of any tiling); rows already
 * streamed cannot be written again ({@link IllegalStateException}), unlike the HDF5 and Zarr sinks.
 *
 * <p><b>Memory.</b> Waiting bands are held in memory up to {@code bufferBytes} for the whole
 * sink (default {@value #DEFAULT_BUFFER_BYTES} bytes, set by {@link #open(Path, GridGeometry, Map, long)});
 * beyond it they go to a spill file next to the output ({@code .<name>.tif.spill-<pid>}, deleted
 * at commit or close), so the heap needed is that budget plus, per dataset, one strip
 * ({@link GeoTiffStripWriter#STRIP_BYTES}) and one band being streamed back from the spill file,
 * whatever the order of arrival. Blocks written in row order (one thread, or a pool taking bands
 * in order) rarely wait at all.
 *
 * <p><b>Metadata.</b> The root attributes, then the 1-D datasets ({@link #writeStrings},
 * {@link #writeVector}, values joined by ','), then the dataset's own attributes become GDAL
 * metadata items of every file; {@link #describeBands} sets a dataset's band descriptions (e.g.
 * dates, as {@code timeseries.tif} has them). Float datasets declare nodata NaN; integer ones their
 * fill value. Deflate level 0 (uncompressed in HDF5 and Zarr) is written with level 1: the strip
 * writer always deflates.
 *
 * <p><b>Life cycle</b> as {@link BlockSink}: each file is written to a temporary sibling;
 * {@link #commit()} checks every dataset and then renames each file into place (one atomic rename
 * per file); {@link #close()} without commit deletes the temporary files (and the folder when the
 * sink created it and it is empty). Thread-safe: datasets are written under one lock each, so
 * different datasets compress in parallel.
 */
public final class GeoTiffBlockSink implements BlockSink {
    /** Default budget for waiting rows in memory, in bytes. */
    public static final long DEFAULT_BUFFER_BYTES = 64L << 20;

    private final Path target;
    private final GridGeometry grid;
    private final Map<String, String> items = new LinkedHashMap<>();
    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private final Map<String, List<String>> descriptions = new LinkedHashMap<>();
    private final boolean createdFolder;
    private final long bufferBytes;
    private final AtomicLong buffered = new AtomicLong();
    private volatile boolean started;
    private boolean committed;
    private boolean closed;

    private GeoTiffBlockSink(Path target, GridGeometry grid, Map<String, String> attributes, long bufferBytes) {
        if (bufferBytes < 0) {
            throw new IllegalArgumentException("buffer must be ≥ 0 bytes, got " + bufferBytes);
        }
        this.target = target.toAbsolutePath().normalize();
        this.grid = grid;
        this.bufferBytes = bufferBytes;
        this.createdFolder = !Files.isDirectory(this.target);
        if (attributes != null) {
            items.putAll(new TreeMap<>(attributes));
        }
    }

    /** A sink writing {@code dir/<dataset>.tif} files, waiting rows held in at most {@value #DEFAULT_BUFFER_BYTES} bytes. */
    public static GeoTiffBlockSink open(Path dir, GridGeometry grid, Map<String, String> attributes) {
        return new GeoTiffBlockSink(dir, grid, attributes, DEFAULT_BUFFER_BYTES);
    }

    /** Same with an explicit in-memory budget for waiting rows (0 spills every out-of-order band). */
    public static GeoTiffBlockSink open(Path dir, GridGeometry grid, Map<String, String> attributes, long bufferBytes) {
        return new GeoTiffBlockSink(dir, grid, attributes, bufferBytes);
    }

    /** The file a dataset is written to. */
    public Path file(String dataset) {
        return target.resolve(dataset + ".tif");
    }

    @Override
    public Path path() {
        return target;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public synchronized void create(DatasetSpec spec) {
        spec.requireOn(grid);
        defining(spec.name());
        datasets.put(spec.name(), new Dataset(spec));
    }

    /**
     * Sets the band descriptions of a dataset (one per layer), before the first block.
     *
     * @throws IllegalArgumentException when the dataset is unknown or the count differs from its layers
     */
    public synchronized void describeBands(String dataset, List<String> names) {
        Dataset d = datasets.get(dataset);
        if (d == null || names.size() != d.spec.layers()) {
            throw new IllegalArgumentException(target + ": " + names.size() + " band descriptions for dataset " + dataset
                    + (d == null ? ", which was not created" : " of " + d.spec.layers() + " layers"));
        }
        if (started || committed || closed) {
            throw new IllegalStateException(target + ": band descriptions of " + dataset + " must be set before the first block");
        }
        descriptions.put(dataset, List.copyOf(names));
    }

    @Override
    public synchronized void writeStrings(String name, String[] values, int width) {
        defining(name);
        items.put(name, TextVectors.strings(name, values, width));
    }

    @Override
    public synchronized void writeVector(String name, float[] values) {
        defining(name);
        items.put(name, TextVectors.floats(values));
    }

    private void defining(String name) {
        if (committed || closed) {
            throw new IllegalStateException(target + ": sink already committed or closed");
        }
        if (started) {
            throw new IllegalStateException(target + ": dataset " + name + " must be created before the first block");
        }
        if (datasets.containsKey(name) || items.containsKey(name)) {
            throw new IllegalArgumentException(target + ": dataset " + name + " exists already");
        }
    }

    @Override
    public void writeBlock(String dataset, Window w, float[] data, int offset) throws IOException {
        if (!started) {
            start();
        }
        Dataset d = datasets.get(dataset);
        if (d == null) {
            throw new IllegalArgumentException(target + ": no gridded dataset \"" + dataset + "\" (created: "
                    + datasets.keySet() + ")");
        }
        WrittenPixels.check("GeoTIFF sink " + target, d.spec, w, data, offset);
        d.write(w, data, offset);
    }

    /** Freezes the definitions and opens one strip writer per dataset. */
    private synchronized void start() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(target + ": sink already committed or closed");
        }
        if (started) {
            return;
        }
        if (datasets.isEmpty()) {
            throw new IllegalStateException(target + ": no gridded dataset was created");
        }
        Files.createDirectories(target);
        for (Dataset d : datasets.values()) {
            Map<String, String> meta = new LinkedHashMap<>(items);
            meta.putAll(d.spec.attributes());
            d.open(meta, descriptions.getOrDefault(d.spec.name(), List.of()));
        }
        started = true;
    }

    @Override
    public synchronized Path commit() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(target + ": sink already committed or closed");
        }
        if (!started) {
            start();
        }
        for (Dataset d : datasets.values()) {
            long missing = d.written.missing();
            if (missing > 0 || d.writer.rowsWritten() != grid.rows()) {
                throw new IllegalStateException(target + ": dataset " + d.spec.name() + " has " + missing + " of "
                        + grid.size() + " pixels never written (" + d.writer.rowsWritten() + " of " + grid.rows()
                        + " rows streamed)");
            }
        }
        for (Dataset d : datasets.values()) {
            synchronized (d) {
                d.writer.commit();
                d.dropSpill();
            }
        }
        committed = true;
        return target;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (Dataset d : datasets.values()) {
            try {
                synchronized (d) {
                    if (d.writer != null) {
                        d.writer.close();
                    }
                    d.dropSpill();
                    d.pending.clear();
                }
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (!committed && createdFolder && Files.isDirectory(target)) {
            try (var s = Files.list(target)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(target);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One dataset: its writer, the row bands waiting for the rows above them, its spill file. */
    private final class Dataset {
        final DatasetSpec spec;
        final WrittenPixels written;
        final TreeMap<Integer, Band> pending = new TreeMap<>();
        GeoTiffStripWriter writer;
        FileChannel spill;
        Path spillPath;
        long spillEnd;

        Dataset(DatasetSpec spec) {
            this.spec = spec;
            this.written = new WrittenPixels(grid);
        }

        void open(Map<String, String> meta, List<String> desc) throws IOException {
            GeoTiffWriter.SampleType t = switch (spec.type()) {
                case FLOAT32 -> GeoTiffWriter.SampleType.FLOAT32;
                case INT16 -> GeoTiffWriter.SampleType.INT16;
                case UINT8 -> GeoTiffWriter.SampleType.UINT8;
            };
            GridGeometry g = grid.withNodata(spec.type() == SinkDataType.FLOAT32 ? Double.NaN : spec.fill());
            GeoTiffStripWriter.Options o = GeoTiffStripWriter.Options.defaults().withType(t)
                    .withDeflateLevel(Math.max(1, spec.deflateLevel()));
            writer = GeoTiffStripWriter.open(file(spec.name()), g, spec.layers(), o, meta, desc);
        }

        synchronized void write(Window w, float[] data, int offset) throws IOException {
            if (committed || closed) {
                throw new IllegalStateException(target + ": sink already committed or closed");
            }
            int next = writer.rowsWritten();
            if (w.row0() < next) {
                throw new IllegalStateException(target + ": dataset " + spec.name() + " rows " + w.row0() + "–"
                        + (w.rowEnd() - 1) + " are already streamed (" + next + " rows written): a GeoTIFF sink "
                        + "cannot rewrite rows");
            }
            Band b = pending.get(w.row0());
            if (b != null && b.rows != w.rows()) {
                throw new IllegalArgumentException(target + ": dataset " + spec.name() + " window " + w + " starts on row "
                        + w.row0() + " like a waiting band of " + b.rows + " rows: windows starting on one row must "
                        + "cover the same rows");
            }
            if (spec.type() != SinkDataType.FLOAT32) {
                data = stored(data, offset, spec.layers() * w.size());
                offset = 0;
            }
            boolean wholeRows = w.col0() == 0 && w.cols() == grid.cols();
            if (b == null && wholeRows && w.row0() == next) {
                writer.writeRows(data, offset, w.rows()); // in order: straight to the file
                written.add(w);
                drain();
                return;
            }
            if (b == null) {
                b = new Band(w.row0(), w.rows());
                pending.put(w.row0(), b);
            }
            b.put(w, data, offset);
            written.add(w);
            if (b.complete() && b.row0 == next) {
                drain();
            }
        }

        /** Integer values as stored: rounded ties-to-even, NaN as the fill (refused when out of range). */
        private float[] stored(float[] data, int offset, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = WrittenPixels.toInteger(spec, data[offset + i]);
            }
            return v;
        }

        /** Streams every complete band that continues the rows already written. */
        private void drain() throws IOException {
            Band b;
            while ((b = pending.get(writer.rowsWritten())) != null && b.complete()) {
                pending.remove(b.row0);
                float[] v = b.values();
                writer.writeRows(v, 0, b.rows);
                b.release();
            }
        }

        FileChannel spill() throws IOException {
            if (spill == null) {
                spillPath = file(spec.name()).resolveSibling("." + spec.name() + ".tif.spill-" + ProcessHandle.current().pid());
                spill = FileChannel.open(spillPath, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            return spill;
        }

        void dropSpill() throws IOException {
            if (spill != null) {
                spill.close();
                spill = null;
                Files.deleteIfExists(spillPath);
            }
        }

        /**
         * A row band being collected: all layers of rows {@code [row0, row0 + rows)}, band-major, in memory
         * or in a region of the spill file (values as stored: integer types already rounded).
         */
        private final class Band {
            final int row0;
            final int rows;
            final int size;
            final long bytes;
            float[] mem;
            long spillAt = -1;
            final BitSet done;
            int doneCount;

            Band(int row0, int rows) {
                this.row0 = row0;
                this.rows = rows;
                this.size = rows * grid.cols();
                this.bytes = 4L * spec.layers() * size;
                this.done = new BitSet(size);
                if (buffered.addAndGet(bytes) <= bufferBytes) {
                    mem = new float[Math.toIntExact(bytes / 4)];
                } else {
                    buffered.addAndGet(-bytes);
                    spillAt = spillEnd; // spill regions are not reused: the file grows to at most the dataset's size
                    spillEnd += bytes;
                }
            }

            boolean complete() {
                return doneCount == size;
            }

            void put(Window w, float[] data, int offset) throws IOException {
                int cols = grid.cols(), layers = spec.layers(), n = w.size();
                ByteBuffer row = mem == null ? ByteBuffer.allocate(4 * w.cols()).order(ByteOrder.LITTLE_ENDIAN) : null;
                for (int k = 0; k < layers; k++) {
                    for (int r = 0; r < w.rows(); r++) {
                        int src = offset + k * n + r * w.cols();
                        int dst = k * size + (w.row0() - row0 + r) * cols + w.col0();
                        if (mem != null) {
                            System.arraycopy(data, src, mem, dst, w.cols());
                        } else {
                            row.clear();
                            for (int c = 0; c < w.cols(); c++) {
                                row.putFloat(data[src + c]);
                            }
                            row.flip();
                            long at = spillAt + 4L * dst;
                            while (row.hasRemaining()) {
                                at += spill().write(row, at);
                            }
                        }
                    }
                }
                for (int r = 0; r < w.rows(); r++) {
                    int base = (w.row0() - row0 + r) * cols;
                    int before = done.get(base + w.col0(), base + w.colEnd()).cardinality();
                    done.set(base + w.col0(), base + w.colEnd());
                    doneCount += w.cols() - before;
                }
            }

            float[] values() throws IOException {
                if (mem != null) {
                    return mem;
                }
                ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
                long at = spillAt;
                while (all.hasRemaining()) {
                    int n = spill().read(all, at);
                    if (n < 0) {
                        throw new IOException(spillPath + ": spill file ends before byte " + (spillAt + bytes));
                    }
                    at += n;
                }
                all.flip();
                float[] v = new float[Math.toIntExact(bytes / 4)];
                all.asFloatBuffer().get(v);
                return v;
            }

            void release() {
                if (mem != null) {
                    buffered.addAndGet(-bytes);
                    mem = null;
                }
            }
        }
    }
}

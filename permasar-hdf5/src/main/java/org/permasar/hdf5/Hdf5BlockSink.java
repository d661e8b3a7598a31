package org.permasar.hdf5;


import static org.bytedeco.hdf5.global.hdf5.H5Aclose;
import static org.bytedeco.hdf5.global.hdf5.H5Acreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Awrite;
import static org.bytedeco.hdf5.global.hdf5.H5Dclose;
import static org.bytedeco.hdf5.global.hdf5.H5Dcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_space;
import static org.bytedeco.hdf5.global.hdf5.H5Dwrite;
import static org.bytedeco.hdf5.global.hdf5.H5Dwrite_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_EARLIEST;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_V18;
import static org.bytedeco.hdf5.global.hdf5.H5Fclose;
import static org.bytedeco.hdf5.global.hdf5.H5Fcreate;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_DATASET_ACCESS_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_DATASET_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_FILE_ACCESS_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Pclose;
import static org.bytedeco.hdf5.global.hdf5.H5Pcreate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_chunk_cache;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_deflate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_file_locking;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_fill_value;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_libver_bounds;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_shuffle;
import static org.bytedeco.hdf5.global.hdf5.H5S_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
import static org.bytedeco.hdf5.global.hdf5.H5S_SELECT_SET;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Screate;
import static org.bytedeco.hdf5.global.hdf5.H5Screate_simple;
import static org.bytedeco.hdf5.global.hdf5.H5Sselect_hyperslab;
import static org.bytedeco.hdf5.global.hdf5.H5T_CSET_UTF8;
import static org.bytedeco.hdf5.global.hdf5.H5T_C_S1_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F32LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_FLOAT_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_INT8_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_SHORT_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_UCHAR_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I16LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U8LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STR_NULLPAD;
import static org.bytedeco.hdf5.global.hdf5.H5Tclose;
import static org.bytedeco.hdf5.global.hdf5.H5Tcopy;
import static org.bytedeco.hdf5.global.hdf5.H5Tenum_create;
import static org.bytedeco.hdf5.global.hdf5.H5Tenum_insert;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_cset;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_size;
import static org.bytedeco.hdf5.global.hdf5.H5Tset_strpad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.io.sink.WrittenPixels;

/**
 * A {@link BlockSink} writing one HDF5 file through the real libhdf5 (JavaCPP C API), block by block:
 * memory use is one block plus libhdf5's chunk cache, whatever the size of the file.
 *
 * <p><b>Format.</b> The file is created with library-version bounds {@code EARLIEST..V18}, so HDF5
 * 1.8/1.10 readers (Debian's h5py 3.7, MintPy, jHDF) open it. Root and dataset attributes are scalar
 * fixed-length strings (ASCII, UTF-8 when needed), written in sorted key order. A gridded dataset
 * whose chunk is the whole shape and that is not compressed is stored contiguous (as MintPy and
 * h5py do by default); otherwise it is chunked, with byte shuffle + deflate when
 * {@link DatasetSpec#deflateLevel()} &gt; 0. Unwritten pixels read as the fill value (NaN for
 * floats). {@link #writeStrings} stores numpy {@code |S<width>} (null-padded) and
 * {@link #writeVector} little-endian float32, both contiguous.
 *
 * <p><b>Speed and memory.</b> A window made of whole chunks (edge chunks clipped by the dataset
 * count as whole) is written chunk by chunk with {@code H5Dwrite_chunk}, the chunks encoded in Java
 * outside the lock ({@link ChunkEncoder}: byte shuffle + {@code Deflater}, in parallel across
 * threads); native memory is then one chunk of staging. Other windows go through libhdf5's chunk
 * cache (64 MiB per dataset), which is correct but slower for compressed chunks.
 *
 * <p><b>Atomicity.</b> The file is written as {@code .<name>.partial-<pid>} beside the target and
 * renamed at {@link #commit()}; {@link #close()} without a commit deletes it.
 *
 * <p><b>Thread-safety.</b> All methods may be called from any thread; every libhdf5 call of the
 * process runs under {@link Hdf5Library#LOCK} (libhdf5 is not thread-safe), so block writes are
 * serialised. Integer conversion happens outside the lock.
 */
public final class Hdf5BlockSink implements BlockSink {
    private static final long CHUNK_CACHE_BYTES = 64L << 20;

    private final Path target;
    private final Path temp;
    private final GridGeometry grid;
    private final Map<String, Slot> datasets = new LinkedHashMap<>();
    private long file;
    /** Guarded by {@link Hdf5Library#LOCK}. */
    private boolean blocksStarted;
    private boolean committed;
    private boolean closed;
    /** Native staging buffer for one block, reused (guarded by the lock). */
    private BytePointer buffer;

    private static final class Slot {
        final DatasetSpec spec;
        final long id;
        final WrittenPixels written;
        final boolean chunked;

        Slot(DatasetSpec spec, long id, GridGeometry grid, boolean chunked) {
            this.spec = spec;
            this.id = id;
            this.chunked = chunked;
            this.written = new WrittenPixels(grid);
        }
    }

    private Hdf5BlockSink(Path target, Path temp, GridGeometry grid) {
        this.target = target;
        this.temp = temp;
        this.grid = grid;
    }

    /**
     * Creates the temporary file beside {@code target} and writes the root attributes.
     *
     * @throws IOException when the native library cannot be loaded or the file cannot be created
     */
    public static Hdf5BlockSink open(Path target, GridGeometry grid, Map<String, String> attributes) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = AtomicFiles.tempFor(abs);
        Files.deleteIfExists(tmp);
        Hdf5Library.init();
        Hdf5BlockSink s = new Hdf5BlockSink(abs, tmp, grid);
        synchronized (Hdf5Library.LOCK) {
            long fapl = Hdf5Library.check(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), "H5Pcreate(file access)", tmp, null);
            try {
                // readable by HDF5 1.8 and 1.10 (Debian's h5py 3.7, MintPy): no newer object headers
                Hdf5Library.check(H5Pset_libver_bounds(fapl, H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
                        "H5Pset_libver_bounds", tmp, null);
                H5Pset_file_locking(fapl, false, true); // no flock: works on network file systems too
                s.file = Hdf5Library.check(H5Fcreate(tmp.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), "H5Fcreate",
                        tmp, null);
            } finally {
                H5Pclose(fapl);
            }
            try {
                putAttributes(s.file, attributes, tmp, null);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    @Override
    public Path path() {
        return target;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    /** The temporary file written until {@link #commit()}. */
    public Path tempPath() {
        return temp;
    }

    @Override
    public void create(DatasetSpec spec) throws IOException {
        spec.requireOn(grid);
        synchronized (Hdf5Library.LOCK) {
            ensureDefining(spec.name());
            int rank = spec.rank();
            long[] dims = longs(spec.shape());
            boolean contiguous = spec.deflateLevel() == 0 && java.util.Arrays.equals(spec.shape(), spec.chunks());
            long space = Hdf5Library.check(H5Screate_simple(rank, dims, dims), "H5Screate_simple", temp, spec.name());
            long dcpl = -1, dapl = -1;
            try {
                dcpl = Hdf5Library.check(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), "H5Pcreate(dataset create)", temp,
                        spec.name());
                dapl = Hdf5Library.check(H5Pcreate(H5P_CLS_DATASET_ACCESS_ID_g()), "H5Pcreate(dataset access)", temp,
                        spec.name());
                if (!contiguous) {
                    Hdf5Library.check(H5Pset_chunk(dcpl, rank, longs(spec.chunks())), "H5Pset_chunk", temp, spec.name());
                    if (spec.deflateLevel() > 0) {
                        Hdf5Library.check(H5Pset_shuffle(dcpl), "H5Pset_shuffle", temp, spec.name());
                        Hdf5Library.check(H5Pset_deflate(dcpl, spec.deflateLevel()), "H5Pset_deflate", temp, spec.name());
                    }
                    // hash slots: a prime well above the chunks the cache can hold; w0 = 1: fully written chunks go first
                    H5Pset_chunk_cache(dapl, 12_421, CHUNK_CACHE_BYTES, 1.0);
                }
                try (Pointer fill = fillValue(spec)) {
                    Hdf5Library.check(H5Pset_fill_value(dcpl, memoryType(spec.type()), fill), "H5Pset_fill_value", temp,
                            spec.name());
                }
                long id = Hdf5Library.check(H5Dcreate2(file, spec.name(), fileType(spec.type()), space, H5P_DEFAULT,
                        dcpl, dapl), "H5Dcreate2", temp, spec.name());
                datasets.put(spec.name(), new Slot(spec, id, grid, !contiguous));
                putAttributes(id, spec.attributes(), temp, spec.name());
            } finally {
                if (dcpl >= 0) {
                    H5Pclose(dcpl);
                }
                if (dapl >= 0) {
                    H5Pclose(dapl);
                }
                H5Sclose(space);
            }
        }
    }

    private void writeStrings(String name, String[] values, int width, long[] dims) throws IOException {
        if (width < 1) {
            throw new IllegalArgumentException("dataset " + name + ": string width must be ≥ 1, got " + width);
        }
        byte[] raw = new byte[values.length * width];
        for (int i = 0; i < values.length; i++) {
            byte[] b = values[i].getBytes(StandardCharsets.US_ASCII);
            if (b.length > width || !StandardCharsets.US_ASCII.newEncoder().canEncode(values[i])) {
                throw new IllegalArgumentException("dataset " + name + ": value " + i + " \"" + values[i]
                        + "\" is not ASCII of at most " + width + " bytes");
            }
            System.arraycopy(b, 0, raw, i * width, b.length);
        }
        synchronized (Hdf5Library.LOCK) {
            ensureDefining(name);
            long type = Hdf5Library.check(H5Tcopy(H5T_C_S1_g()), "H5Tcopy", temp, name);
            try {
                H5Tset_size(type, width);
                H5Tset_strpad(type, H5T_STR_NULLPAD); // numpy |S8: null-padded, no terminator
                try (BytePointer p = new BytePointer(raw)) {
                    writeVectorLocked(name, type, type, dims, p);
                }
            } finally {
                H5Tclose(type);
            }
        }
    }

    @Override
    public void writeStrings(String name, String[][] rows, int width) throws IOException {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        String[] flat = new String[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("dataset " + name + ": row " + i + " has " + rows[i].length
                        + " strings, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        writeStrings(name, flat, width, new long[] {rows.length, cols});
    }

    @Override
    public void writeStrings(String name, String[] values, int width) throws IOException {
        writeStrings(name, values, width, new long[] {values.length});
    }

    @Override
    public void writeBooleans(String name, boolean[] values) throws IOException {
        byte[] raw = new byte[values.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (values[i] ? 1 : 0);
        }
        synchronized (Hdf5Library.LOCK) {
            ensureDefining(name);
            // h5py's numpy bool: an enum over int8 with members FALSE = 0 and TRUE = 1
            long type = Hdf5Library.check(H5Tenum_create(H5T_NATIVE_INT8_g()), "H5Tenum_create", temp, name);
            try (BytePointer f = new BytePointer(new byte[] {0}); BytePointer t = new BytePointer(new byte[] {1});
                 BytePointer p = new BytePointer(raw)) {
                Hdf5Library.check(H5Tenum_insert(type, "FALSE", f), "H5Tenum_insert", temp, name);
                Hdf5Library.check(H5Tenum_insert(type, "TRUE", t), "H5Tenum_insert", temp, name);
                writeVectorLocked(name, type, type, new long[] {values.length}, p);
            } finally {
                H5Tclose(type);
            }
        }
    }

    @Override
    public void writeVector(String name, float[] values) throws IOException {
        synchronized (Hdf5Library.LOCK) {
            ensureDefining(name);
            try (FloatPointer p = new FloatPointer(values)) {
                writeVectorLocked(name, H5T_IEEE_F32LE_g(), H5T_NATIVE_FLOAT_g(), new long[] {values.length}, p);
            }
        }
    }

    private void writeVectorLocked(String name, long fileType, long memType, long[] dims, Pointer data)
            throws IOException {
        long space = Hdf5Library.check(H5Screate_simple(dims.length, dims, dims), "H5Screate_simple", temp, name);
        try {
            long ds = Hdf5Library.check(H5Dcreate2(file, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    "H5Dcreate2", temp, name);
            try {
                Hdf5Library.check(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "H5Dwrite", temp, name);
            } finally {
                H5Dclose(ds);
            }
        } finally {
            H5Sclose(space);
        }
        datasets.put(name, null); // name taken; not a gridded dataset
    }

    @Override
    public void writeBlock(String dataset, Window w, float[] data, int offset) throws IOException {
        Slot s;
        synchronized (Hdf5Library.LOCK) {
            s = datasets.get(dataset);
        }
        if (s == null) {
            throw new IllegalArgumentException(temp + ": no gridded dataset \"" + dataset + "\" (created: "
                    + gridded() + ")");
        }
        DatasetSpec spec = s.spec;
        WrittenPixels.check(temp.toString(), spec, w, data, offset);
        if (s.chunked && ChunkEncoder.alignedToChunks(spec, w)) {
            writeChunks(s, w, data, offset);
            s.written.add(w);
            return;
        }
        int n = spec.layers() * w.size();
        short[] shorts = null;
        byte[] bytes = null;
        if (spec.type() == SinkDataType.INT16) {
            shorts = new short[n];
            for (int i = 0; i < n; i++) {
                shorts[i] = (short) WrittenPixels.toInteger(spec, data[offset + i]);
            }
        } else if (spec.type() == SinkDataType.UINT8) {
            bytes = new byte[n];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) WrittenPixels.toInteger(spec, data[offset + i]);
            }
        }
        synchronized (Hdf5Library.LOCK) {
            ensureOpen();
            blocksStarted = true;
            Pointer buf = staging((long) n * spec.type().bytes());
            switch (spec.type()) {
                case FLOAT32 -> new FloatPointer(buf).put(data, offset, n);
                case INT16 -> new ShortPointer(buf).put(shorts, 0, n);
                case UINT8 -> ((BytePointer) buf).put(bytes, 0, n);
                default -> throw new AssertionError(spec.type());
            }
            long[] start = spec.rank() == 3 ? new long[] {0, w.row0(), w.col0()} : new long[] {w.row0(), w.col0()};
            long[] count = spec.rank() == 3 ? new long[] {spec.layers(), w.rows(), w.cols()}
                    : new long[] {w.rows(), w.cols()};
            long fs = Hdf5Library.check(H5Dget_space(s.id), "H5Dget_space", temp, dataset);
            long ms = -1;
            try {
                Hdf5Library.check(H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, null, count, (long[]) null),
                        "H5Sselect_hyperslab", temp, dataset);
                ms = Hdf5Library.check(H5Screate_simple(spec.rank(), count, count), "H5Screate_simple", temp, dataset);
                Hdf5Library.check(H5Dwrite(s.id, memoryType(spec.type()), ms, fs, H5P_DEFAULT, buf),
                        "H5Dwrite(" + w + ")", temp, dataset);
            } finally {
                if (ms >= 0) {
                    H5Sclose(ms);
                }
                H5Sclose(fs);
            }
        }
        s.written.add(w);
    }

    /**
     * Writes a window made of whole chunks chunk by chunk with {@code H5Dwrite_chunk}: each chunk is
     * laid out, shuffled and deflated in Java outside the lock ({@link ChunkEncoder}), so threads
     * compress in parallel and libhdf5 neither runs its filters nor holds the chunk in its cache.
     * (Edge chunks written through {@code H5Dwrite} and the cache made the process's resident size grow
     * by about one chunk per band of rows, without bound; see NativeMemoryTest.)
     */
    private void writeChunks(Slot s, Window w, float[] data, int offset) throws IOException {
        DatasetSpec spec = s.spec;
        ChunkEncoder enc = new ChunkEncoder(spec);
        byte[] scratch = new byte[enc.rawBytes()];
        byte[][] out = new byte[1][];
        int cr = spec.chunkRows(), cc = spec.chunkCols();
        for (int r0 = w.row0(); r0 < w.rowEnd(); r0 += cr) {
            for (int c0 = w.col0(); c0 < w.colEnd(); c0 += cc) {
                int len = enc.encode(w, data, offset, r0, c0, out, scratch);
                long[] at = spec.rank() == 3 ? new long[] {0, r0, c0} : new long[] {r0, c0};
                synchronized (Hdf5Library.LOCK) {
                    ensureOpen();
                    blocksStarted = true;
                    BytePointer buf = (BytePointer) staging(len);
                    buf.position(0).put(out[0], 0, len);
                    Hdf5Library.check(H5Dwrite_chunk(s.id, H5P_DEFAULT, 0, at, len, buf),
                            "H5Dwrite_chunk(" + w + ", chunk at row " + r0 + " col " + c0 + ")", temp, spec.name());
                }
            }
        }
    }

    /** The staging buffer, grown to at least {@code bytes} (lock held). */
    private Pointer staging(long bytes) {
        if (buffer == null || buffer.capacity() < bytes) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(bytes);
        }
        return buffer;
    }

    @Override
    public Path commit() throws IOException {
        synchronized (Hdf5Library.LOCK) {
            ensureOpen();
            for (Slot s : datasets.values()) {
                if (s != null && s.written.missing() > 0) {
                    throw new IllegalStateException(temp + ": dataset " + s.spec.name() + " has " + s.written.missing()
                            + " of " + grid.size() + " pixels never written; nothing committed");
                }
            }
            int rc = closeHandles();
            if (rc < 0) {
                AtomicFiles.deleteRecursively(temp);
                closed = true;
                throw new IOException("HDF5 H5Fclose failed for " + temp + ": file not committed");
            }
            AtomicFiles.commit(temp, target);
            committed = true;
            closed = true;
            return target;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (Hdf5Library.LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            closeHandles();
            AtomicFiles.deleteRecursively(temp);
        }
    }

    /** Closes every dataset and the file (lock held); returns the status of H5Fclose. */
    private int closeHandles() {
        for (Slot s : datasets.values()) {
            if (s != null) {
                H5Dclose(s.id);
            }
        }
        int rc = file >= 0 ? H5Fclose(file) : 0;
        file = -1;
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
        return rc;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(target + ": sink already " + (committed ? "committed" : "closed"));
        }
    }

    private void ensureDefining(String name) {
        ensureOpen();
        if (blocksStarted) {
            throw new IllegalStateException(temp + ": dataset " + name + " must be created before the first block");
        }
        if (datasets.containsKey(name)) {
            throw new IllegalArgumentException(temp + ": dataset " + name + " exists already");
        }
    }

    private String gridded() {
        synchronized (Hdf5Library.LOCK) {
            return datasets.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList().toString();
        }
    }

    private static void putAttributes(long loc, Map<String, String> attrs, Path file, String dataset) throws IOException {
        if (attrs == null) {
            return;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(attrs).entrySet()) { // sorted: same bytes every run
            putString(loc, e.getKey(), e.getValue(), file, dataset);
        }
    }

    /** A scalar fixed-length string attribute (null-padded; UTF-8 when not ASCII). */
    private static void putString(long loc, String key, String value, Path file, String dataset) throws IOException {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        boolean ascii = b.length == value.length();
        long type = Hdf5Library.check(H5Tcopy(H5T_C_S1_g()), "H5Tcopy", file, dataset);
        long space = H5Screate(H5S_SCALAR);
        try {
            H5Tset_size(type, Math.max(1, b.length));
            H5Tset_strpad(type, H5T_STR_NULLPAD);
            if (!ascii) {
                H5Tset_cset(type, H5T_CSET_UTF8);
            }
            long a = Hdf5Library.check(H5Acreate2(loc, key, type, space, H5P_DEFAULT, H5P_DEFAULT),
                    "H5Acreate2(" + key + ")", file, dataset);
            try (BytePointer p = new BytePointer(b.length == 0 ? new byte[1] : b)) {
                Hdf5Library.check(H5Awrite(a, type, p), "H5Awrite(" + key + ")", file, dataset);
            } finally {
                H5Aclose(a);
            }
        } finally {
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    private static Pointer fillValue(DatasetSpec spec) {
        return switch (spec.type()) {
            case FLOAT32 -> new FloatPointer(1).put(Float.NaN);
            case INT16 -> new ShortPointer(1).put((short) spec.fill());
            case UINT8 -> new BytePointer(1).put((byte) spec.fill());
        };
    }

    private static long fileType(SinkDataType t) {
        return switch (t) {
            case FLOAT32 -> H5T_IEEE_F32LE_g();
            case INT16 -> H5T_STD_I16LE_g();
            case UINT8 -> H5T_STD_U8LE_g();
        };
    }

    private static long memoryType(SinkDataType t) {
        return switch (t) {
            case FLOAT32 -> H5T_NATIVE_FLOAT_g();
            case INT16 -> H5T_NATIVE_SHORT_g();
            case UINT8 -> H5T_NATIVE_UCHAR_g();
        };
    }

    private static long[] longs(int[] a) {
        long[] o = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }
}

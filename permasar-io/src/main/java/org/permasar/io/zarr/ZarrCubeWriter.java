package org.permasar.io.zarr;

import org.permasar.io.json.Json;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.stack.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a Zarr v2 store (a folder readable by zarr-python, xarray and {@link ZarrCube}) block
 * by block, so that cubes larger than the memory budget never exist in memory: the writer holds
 * no cube, only the one chunk it is encoding per {@link #writeBlock} call.
 *
 * <p>Layout: {@code dir/.zgroup}, {@code dir/.zattrs} (caller's attributes plus the grid as
 * MintPy {@code LENGTH, WIDTH, X_FIRST, Y_FIRST, X_STEP, Y_STEP, EPSG}), and one folder per
 * array with {@code .zarray} ({@code "<f4"} by default, zlib, {@code fill_value "NaN"}, C
 * order, {@code dimension_separator "."}), {@code .zattrs} ({@code _ARRAY_DIMENSIONS} for
 * xarray) and chunk files {@code "k.i.j"} ({@code "i.j"} for planes). Edge chunks are padded to
 * full size with the fill value, as the Zarr v2 specification requires.
 *
 * <p><b>Alignment rule.</b> A window passed to {@link #writeBlock} must consist of whole
 * chunks: {@code row0} and {@code col0} multiples of the chunk rows/cols, and {@code rowEnd}
 * ({@code colEnd}) a multiple of them or equal to the grid's rows (cols). Partial chunks are
 * refused rather than buffered, so nothing accumulates in memory. Build the array with
 * {@link ZarrArraySpec#forPlan} (chunk = first window of a
 * {@link org.permasar.stack.BlockPlanner} plan) and every window of that plan is aligned.
 *
 * <p><b>Atomicity and resume.</b> Everything is written to the sibling folder
 * {@code <dir>.partial-zarr}; {@link #commit()} renames it to {@code dir}. Each chunk is written
 * to a temporary file and renamed to its final name, so a chunk file that exists is complete.
 * {@link #create} on a partial store left by a crashed run whose headers and attributes equal
 * the requested ones resumes it: {@link #isComplete} reports the finished windows and
 * {@code writeBlock} skips chunks that already exist. A partial store with other headers is
 * discarded. An OS lock on {@code <dir>.partial-zarr.lock} refuses a second writer on the same
 * store (the lock file is removed at commit).
 *
 * <p>Thread-safe: {@code writeBlock} may run concurrently for disjoint windows.
 */
public final class ZarrCubeWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ZarrCubeWriter.class);
    /** Suffix of the folder written until {@link #commit()}. */
    public static final String PARTIAL_SUFFIX = ".partial-zarr";
    private static final String TMP_MARK = ".tmp-";

    private final Path target;
    private final Path partial;
    private final GridGeometry grid;
    private final Map<String, Slot> arrays = new LinkedHashMap<>();
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean finished;

    /** Per-array header and the set of chunks that exist (guarded by itself). */
    private static final class Slot {
        final ZarrArraySpec spec;
        final ZarrArrayMeta meta;
        final Path dir;
        final BitSet done = new BitSet();

        Slot(ZarrArraySpec spec, ZarrArrayMeta meta, Path dir) {
            this.spec = spec;
            this.meta = meta;
            this.dir = dir;
        }

        int nk() {
            return spec.plane() ? 1 : meta.chunkCount(0);
        }

        int ni() {
            return meta.chunkCount(meta.rank() - 2);
        }

        int nj() {
            return meta.chunkCount(meta.rank() - 1);
        }

        int chunkRows() {
            return meta.chunks[meta.rank() - 2];
        }

        int chunkCols() {
            return meta.chunks[meta.rank() - 1];
        }

        int linear(int k, int i, int j) {
            return (k * ni() + i) * nj() + j;
        }

        String key(int k, int i, int j) {
            return spec.plane() ? meta.chunkKey(i, j) : meta.chunkKey(k, i, j);
        }
    }

    private ZarrCubeWriter(Path target, GridGeometry grid, List<ZarrArraySpec> specs, Map<String, String> attrs)
            throws IOException {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
        this.grid = grid;
        Map<String, String> groupAttrs = new java.util.TreeMap<>(attrs); // sorted: same bytes every run
        groupAttrs.putAll(ZarrGridAttributes.of(grid));
        for (ZarrArraySpec s : specs) {
            if (arrays.containsKey(s.name())) {
                throw new IllegalArgumentException("array name " + s.name() + " given twice");
            }
            arrays.put(s.name(), new Slot(s, s.meta(grid.rows(), grid.cols()), partial.resolve(s.name())));
        }
        lockFile = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX + ".lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new InvalidInputException(partial, "store is being written by another writer (lock " + lockFile
                    + "): wait for it to finish or choose another output");
        }
        lock = l;
        try {
            boolean resume = Files.isDirectory(partial) && matches(groupAttrs);
            if (resume) {
                scanExisting();
            } else {
                if (Files.exists(partial)) {
                    LOG.info("discarding {}: its headers or attributes differ from the requested store", partial);
                }
                AtomicFiles.deleteRecursively(partial);
                Files.createDirectories(partial);
                writeHeaders(groupAttrs);
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Creates (or resumes) a store at {@code dir} holding {@code arrays} on {@code grid}.
     *
     * @param dir    final folder of the store (e.g. {@code timeseries.zarr}); replaced at commit
     * @param grid   grid of every array; its georeferencing goes to the group attributes
     * @param attrs  MintPy-style metadata (WAVELENGTH, REF_DATE, …), stored in {@code .zattrs}
     * @param arrays the arrays, at least one
     * @throws IllegalArgumentException for duplicate or invalid arrays
     * @throws InvalidInputException    naming the store and its lock when another writer has it
     * @throws IOException              when the folder cannot be created
     */
    public static ZarrCubeWriter create(Path dir, GridGeometry grid, Map<String, String> attrs,
                                        List<ZarrArraySpec> arrays) throws IOException {
        if (arrays == null || arrays.isEmpty()) {
            throw new IllegalArgumentException("a Zarr store needs at least one array");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        return new ZarrCubeWriter(abs, grid, List.copyOf(arrays), attrs == null ? Map.of() : attrs);
    }

    /** Store with one float32 cube {@code name} of {@code layers} layers and chunks {@code chunkRows × chunkCols}. */
    public static ZarrCubeWriter create(Path dir, GridGeometry grid, String name, int layers, int chunkRows,
                                        int chunkCols, Map<String, String> attrs) throws IOException {
        return create(dir, grid, attrs, List.of(ZarrArraySpec.cube(name, layers, chunkRows, chunkCols)));
    }

    private boolean matches(Map<String, String> groupAttrs) {
        try {
            if (!Files.exists(partial.resolve(ZarrCube.ZGROUP))
                    || !Json.parseObject(Files.readString(partial.resolve(ZarrCube.ZATTRS))).equals(groupAttrs)) {
                return false;
            }
            for (Slot s : arrays.values()) {
                if (!ZarrArrayMeta.read(s.dir, s.spec.name()).sameAs(s.meta)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | Json.SyntaxException e) {
            return false;
        }
    }

    private void writeHeaders(Map<String, String> groupAttrs) throws IOException {
        Files.writeString(partial.resolve(ZarrCube.ZGROUP), Json.write(Map.of("zarr_format", 2L)));
        Files.writeString(partial.resolve(ZarrCube.ZATTRS), Json.write(groupAttrs));
        for (Slot s : arrays.values()) {
            Files.createDirectories(s.dir);
            s.meta.write(s.dir);
            List<Object> dims = s.spec.plane() ? List.of("y", "x") : List.of("layer", "y", "x");
            Files.writeString(s.dir.resolve(ZarrCube.ZATTRS), Json.write(Map.of("_ARRAY_DIMENSIONS", dims)));
        }
    }

    private void scanExisting() throws IOException {
        int found = 0;
        for (Slot s : arrays.values()) {
            try (var files = Files.list(s.dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String n = f.getFileName().toString();
                    if (n.contains(TMP_MARK)) {
                        Files.deleteIfExists(f);
                        continue;
                    }
                    int[] idx = parseKey(n, s.meta.rank());
                    int k = s.spec.plane() ? 0 : idx == null ? -1 : idx[0];
                    if (idx != null && k < s.nk() && idx[idx.length - 2] < s.ni() && idx[idx.length - 1] < s.nj()) {
                        s.done.set(s.linear(k, idx[idx.length - 2], idx[idx.length - 1]));
                        found++;
                    }
                }
            }
        }
        LOG.info("resuming {}: {} chunks already written", partial, found);
    }

    private static int[] parseKey(String name, int rank) {
        String[] p = name.split("\\.");
        if (p.length != rank) {
            return null;
        }
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (p[d].isEmpty() || !p[d].chars().allMatch(Character::isDigit) || p[d].length() > 9) {
                return null;
            }
            out[d] = Integer.parseInt(p[d]);
        }
        return out;
    }

    /** Final location of the store (absolute). */
    public Path path() {
        return target;
    }

    /** Folder being written until {@link #commit()}. */
    public Path partialPath() {
        return partial;
    }

    public GridGeometry grid() {
        return grid;
    }

    private Slot slot(String array) {
        Slot s = arrays.get(array);
        if (s == null) {
            throw new IllegalArgumentException("no array \"" + array + "\" in " + partial + " (arrays: " + arrays.keySet() + ")");
        }
        return s;
    }

    /** Chunk-index range {i0, i1, j0, j1} (exclusive ends) of an aligned window; throws when not aligned. */
    private int[] chunkRange(Slot s, Window w) {
        if (!w.fitsIn(grid.rows(), grid.cols())) {
            throw new IllegalArgumentException("window " + w + " outside grid " + grid.rows() + "×" + grid.cols());
        }
        int cr = s.chunkRows(), cc = s.chunkCols();
        boolean ok = w.row0() % cr == 0 && w.col0() % cc == 0
                && (w.rowEnd() % cr == 0 || w.rowEnd() == grid.rows())
                && (w.colEnd() % cc == 0 || w.colEnd() == grid.cols());
        if (!ok) {
            throw new IllegalArgumentException("window " + w + " is not made of whole chunks of " + cr + "×" + cc
                    + " for array " + s.spec.name() + ": start and end must be multiples of the chunk size or the grid edge");
        }
        return new int[] {w.row0() / cr, (w.rowEnd() + cr - 1) / cr, w.col0() / cc, (w.colEnd() + cc - 1) / cc};
    }

    /** True when every chunk of {@code array} inside the (aligned) window exists already. */
    public boolean isComplete(String array, Window w) {
        Slot s = slot(array);
        int[] r = chunkRange(s, w);
        synchronized (s.done) {
            for (int k = 0; k < s.nk(); k++) {
                for (int i = r[0]; i < r[1]; i++) {
                    for (int j = r[2]; j < r[3]; j++) {
                        if (!s.done.get(s.linear(k, i, j))) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** The windows of {@code plan} that still need writing for {@code array} (all of them for a fresh store). */
    public List<Window> pending(String array, List<Window> plan) {
        List<Window> out = new ArrayList<>();
        for (Window w : plan) {
            if (!isComplete(array, w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Number of chunk files of {@code array} that exist. */
    public int writtenChunks(String array) {
        Slot s = slot(array);
        synchronized (s.done) {
            return s.done.cardinality();
        }
    }

    /**
     * Writes every layer of {@code array} inside {@code w}, taken layer-major from {@code data}:
     * value of (layer, r, c) at {@code data[offset + layer·w.size() + r·w.cols() + c]}. NaN is
     * stored as NaN (floats) or as the array's fill value (integers). Chunks that already exist
     * (resumed store) are skipped.
     *
     * @return number of chunk files written
     * @throws IllegalArgumentException when the window is not aligned to chunks (see class
     *                                  documentation), lies outside the grid, or {@code data}
     *                                  is too short; or an integer value does not fit the type
     */
    public int writeBlock(String array, Window w, float[] data, int offset) throws IOException {
        Slot s = slot(array);
        int[] r = chunkRange(s, w);
        int layers = s.spec.layers();
        if (offset < 0 || (long) offset + (long) layers * w.size() > data.length) {
            throw new IllegalArgumentException("array " + array + ": block " + w + " × " + layers + " layers needs "
                    + (long) layers * w.size() + " values from offset " + offset + ", data has " + data.length);
        }
        ensureOpen();
        ZarrArrayMeta m = s.meta;
        int lc = s.spec.plane() ? 1 : m.chunks[0], cr = s.chunkRows(), cc = s.chunkCols();
        float[] chunk = null;
        byte[] raw = null;
        int written = 0;
        for (int k = 0; k < s.nk(); k++) {
            for (int i = r[0]; i < r[1]; i++) {
                for (int j = r[2]; j < r[3]; j++) {
                    synchronized (s.done) {
                        if (s.done.get(s.linear(k, i, j))) {
                            continue;
                        }
                    }
                    if (chunk == null) {
                        chunk = new float[m.chunkElements()];
                        raw = new byte[m.chunkElements() * m.dtype.size()];
                    }
                    gather(data, offset, w, layers, k * lc, lc, i * cr, cr, j * cc, cc, chunk);
                    ZarrChunkCodec.toBytes(m.dtype, chunk, chunk.length, raw, m.fill, array);
                    writeChunk(s, s.key(k, i, j), raw);
                    synchronized (s.done) {
                        s.done.set(s.linear(k, i, j));
                    }
                    written++;
                }
            }
        }
        return written;
    }

    /** Same as {@code writeBlock(array, w, data, 0)}. */
    public int writeBlock(String array, Window w, float[] data) throws IOException {
        return writeBlock(array, w, data, 0);
    }

    /**
     * Copies chunk (layers [l0, l0+lc), rows [r0, r0+cr), cols [c0, c0+cc)) out of the block,
     * padding what lies beyond the grid or the layer count with NaN.
     */
    private void gather(float[] data, int offset, Window w, int layers, int l0, int lc, int r0, int cr, int c0, int cc,
                        float[] chunk) {
        int size = w.size(), wc = w.cols();
        for (int l = 0; l < lc; l++) {
            for (int rr = 0; rr < cr; rr++) {
                int dst = (l * cr + rr) * cc;
                int row = r0 + rr, layer = l0 + l;
                if (layer >= layers || row >= grid.rows()) {
                    Arrays.fill(chunk, dst, dst + cc, Float.NaN);
                    continue;
                }
                int n = Math.min(cc, grid.cols() - c0);
                // row, c0 lie inside the window by the alignment rule
                int src = offset + layer * size + (row - w.row0()) * wc + (c0 - w.col0());
                System.arraycopy(data, src, chunk, dst, n);
                if (n < cc) {
                    Arrays.fill(chunk, dst + n, dst + cc, Float.NaN);
                }
            }
        }
    }

    private void writeChunk(Slot s, String key, byte[] raw) throws IOException {
        Path dest = s.dir.resolve(key);
        Path tmp = s.dir.resolve(key + TMP_MARK + Thread.currentThread().getId());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            ZarrChunkCodec.write(s.meta, raw, raw.length, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private synchronized void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("store " + target + " was already committed or closed");
        }
    }

    /**
     * Checks that every chunk of every array was written, then renames the partial folder to
     * the final one (replacing an older store there).
     *
     * @return the final path
     * @throws IllegalStateException when chunks are missing (the partial store is kept for a rerun)
     */
    public synchronized Path commit() throws IOException {
        ensureOpen();
        for (Slot s : arrays.values()) {
            long missing = s.meta.totalChunks() - writtenChunks(s.spec.name());
            if (missing > 0) {
                throw new IllegalStateException("array " + s.spec.name() + " of " + partial + ": " + missing + " of "
                        + s.meta.totalChunks() + " chunks never written; nothing committed");
            }
        }
        AtomicFiles.commit(partial, target);
        finished = true;
        release();
        Files.deleteIfExists(lockFile);
        return target;
    }

    private void release() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        lockChannel.close();
    }

    /** Releases the store without committing: the partial folder stays, to be resumed. */
    @Override
    public synchronized void close() throws IOException {
        if (!finished) {
            finished = true;
            release();
        }
    }
}

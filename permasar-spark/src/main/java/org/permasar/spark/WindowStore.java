package org.permasar.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.zarr.ZarrArraySpec;
import org.permasar.io.zarr.ZarrCubeWriter;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockOutput;

/**
 * The scratch store between Spark executors and the driver: a Zarr v2 group (readable by
 * {@link org.permasar.io.zarr.ZarrCube}, zarr-python, xarray) with one float32 array per output
 * dataset of a {@link BlockJob}, uncompressed, whose chunks are the windows of the block plan, so
 * that every window of the plan is exactly one chunk file per array. Executors write the chunks of
 * a window and then its done marker {@code .done/<index>}; the driver reads the chunks back window
 * by window and hands them to the real sinks. Values travel as the kernel's raw float bits (NaN
 * payloads included), so what the sinks receive is what {@code LocalBlockRunner} would give them.
 *
 * <p><b>Resume.</b> The store lives at {@code <dir>.partial-zarr} (created by
 * {@link ZarrCubeWriter}, never committed) and carries a fingerprint of the job and the plan in
 * its group attributes: reopening the same job finds the windows already done and Spark only
 * computes the others; a store of another job or plan is discarded.
 *
 * <p>Immutable and serialisable: the driver ships it to executors. {@link #write} may run
 * concurrently for different windows, from any process that sees the folder (a shared file system
 * on a cluster).
 */
final class WindowStore implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Group attribute holding the job's fingerprint. */
    static final String FINGERPRINT = "PERMASAR_SPARK_JOB";
    private static final String DONE = ".done";

    /** One array of the store: dataset name, layers, and chunk rows/cols (the plan's first window, clipped). */
    private record Array(String name, int layers, boolean plane) implements Serializable {
    }

    private final String root;
    private final List<Window> plan;
    private final List<Array> arrays;
    private final int chunkRows;
    private final int chunkCols;

    private WindowStore(Path root, List<Window> plan, List<Array> arrays, int chunkRows, int chunkCols) {
        this.root = root.toString();
        this.plan = List.copyOf(plan);
        this.arrays = List.copyOf(arrays);
        this.chunkRows = chunkRows;
        this.chunkCols = chunkCols;
    }

    /**
     * Creates the store of {@code job} next to {@code dir}, or reopens the one a stopped run left
     * there when its fingerprint matches.
     *
     * @param dir  name of the store without the {@code .partial-zarr} suffix
     * @param plan the block plan; every window must be one chunk of size {@code plan.get(0)}
     *             (row bands, or column pieces of single rows, as {@code BlockPlanner} cuts them)
     */
    static WindowStore open(Path dir, BlockJob job, List<Window> plan) throws IOException {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("step " + job.name() + ": empty block plan");
        }
        int rows = job.grid().rows(), cols = job.grid().cols();
        int cr = Math.min(plan.get(0).rows(), rows), cc = Math.min(plan.get(0).cols(), cols);
        for (Window w : plan) {
            boolean one = w.row0() % cr == 0 && w.col0() % cc == 0 && (w.rows() == cr || w.rowEnd() == rows)
                    && (w.cols() == cc || w.colEnd() == cols) && w.rows() <= cr && w.cols() <= cc;
            if (!one) {
                throw new IllegalArgumentException("step " + job.name() + ": window " + w + " is not one chunk of "
                        + cr + "×" + cc + " (the plan's first window); the Spark runner needs a regular plan");
            }
        }
        Map<String, Array> byName = new LinkedHashMap<>();
        List<ZarrArraySpec> specs = new ArrayList<>();
        for (BlockOutput o : job.outputs()) {
            String name = o.dataset().name();
            if (!byName.containsKey(name)) {
                boolean plane = o.dataset().rank() == 2;
                byName.put(name, new Array(name, o.layers(), plane));
                specs.add((plane ? ZarrArraySpec.plane(name, cr, cc) : ZarrArraySpec.cube(name, o.layers(), cr, cc))
                        .withLevel(0));
            }
        }
        Map<String, String> attrs = Map.of(FINGERPRINT, fingerprint(job, plan));
        Path partial;
        // creates the headers, or keeps the chunks of a matching store; the writer itself is not used further
        try (ZarrCubeWriter w = ZarrCubeWriter.create(dir, job.grid(), attrs, specs)) {
            partial = w.partialPath();
        }
        Files.createDirectories(partial.resolve(DONE));
        return new WindowStore(partial, plan, new ArrayList<>(byName.values()), cr, cc);
    }

    /** SHA-256 of the serialised job and plan: equal for the same kernel parameters, grid, outputs and blocks. */
    static String fingerprint(BlockJob job, List<Window> plan) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(job);
            out.writeObject(new ArrayList<>(plan));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Folder of the store. */
    Path path() {
        return Paths.get(root);
    }

    List<Window> plan() {
        return plan;
    }

    /** True when window {@code index} was written completely (its done marker exists). */
    boolean isDone(int index) {
        return Files.exists(path().resolve(DONE).resolve(Integer.toString(index)));
    }

    /** Indices of the plan's windows not done yet, in plan order. */
    List<Integer> pending() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (!isDone(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Writes the outputs of window {@code index} (band-major, as the kernel returned them) as one
     * chunk file per array, each written to a temporary name and renamed, then the done marker.
     *
     * @return bytes written
     */
    long write(int index, Map<String, float[]> values) throws IOException {
        Window w = plan.get(index);
        long bytes = 0;
        for (Array a : arrays) {
            float[] v = values.get(a.name());
            long need = (long) a.layers() * w.size();
            if (v == null || v.length < need) {
                throw new IllegalStateException("kernel returned " + (v == null ? "nothing" : v.length + " values")
                        + " for " + a.name() + " over " + w + ", need " + need);
            }
            ByteBuffer chunk = ByteBuffer.allocate(a.layers() * chunkRows * chunkCols * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer f = chunk.asFloatBuffer();
            if (w.rows() < chunkRows || w.cols() < chunkCols) {
                // Zarr v2 pads edge chunks with the fill value (NaN)
                float[] nan = new float[chunkCols];
                Arrays.fill(nan, Float.NaN);
                for (int q = 0; q < a.layers() * chunkRows; q++) {
                    f.put(nan);
                }
            }
            for (int l = 0; l < a.layers(); l++) {
                for (int r = 0; r < w.rows(); r++) {
                    f.position((l * chunkRows + r) * chunkCols);
                    f.put(v, l * w.size() + r * w.cols(), w.cols());
                }
            }
            Path file = chunkFile(a, w);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
            try {
                Files.write(tmp, chunk.array());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            bytes += chunk.capacity();
        }
        try {
            Files.createFile(path().resolve(DONE).resolve(Integer.toString(index)));
        } catch (FileAlreadyExistsException e) {
            // a retried or speculative task finished the same window: same bytes, already marked
        }
        return bytes;
    }

    /**
     * Reads window {@code index} back: one band-major array per output dataset, bit for bit what
     * {@link #write} was given.
     *
     * @throws IOException when the window is not done or a chunk file has the wrong size
     */
    Map<String, float[]> read(int index) throws IOException {
        Window w = plan.get(index);
        if (!isDone(index)) {
            throw new IOException(path() + ": window " + index + " " + w + " was never completed");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Array a : arrays) {
            Path file = chunkFile(a, w);
            byte[] raw = Files.readAllBytes(file);
            int expected = a.layers() * chunkRows * chunkCols * Float.BYTES;
            if (raw.length != expected) {
                throw new IOException(file + ": chunk of " + a.name() + " holds " + raw.length + " bytes, expected "
                        + expected);
            }
            FloatBuffer f = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] v = new float[a.layers() * w.size()];
            for (int l = 0; l < a.layers(); l++) {
                for (int r = 0; r < w.rows(); r++) {
                    f.position((l * chunkRows + r) * chunkCols);
                    f.get(v, l * w.size() + r * w.cols(), w.cols());
                }
            }
            out.put(a.name(), v);
        }
        return out;
    }

    /** Deletes the store and its lock file. */
    void delete() throws IOException {
        AtomicFiles.deleteRecursively(path());
        Files.deleteIfExists(path().resolveSibling(path().getFileName() + ".lock"));
    }

    private Path chunkFile(Array a, Window w) {
        int i = w.row0() / chunkRows, j = w.col0() / chunkCols;
        return path().resolve(a.name()).resolve(a.plane() ? i + "." + j : "0." + i + "." + j);
    }

    @Override
    public String toString() {
        return root + " " + plan.size() + " windows, arrays " + Arrays.toString(arrays.stream().map(Array::name).toArray());
    }
}

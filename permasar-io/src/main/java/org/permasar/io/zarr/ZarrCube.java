package org.permasar.io.zarr;

import org.permasar.io.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.TextFiles;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * Reads a Zarr v2 store window by window: a group folder ({@code .zgroup}) whose sub-folders
 * are arrays, or a single array folder ({@code .zarray}, dataset named after the folder without
 * {@code .zarr}). Arrays of shape {@code [layers, rows, cols]} or {@code [rows, cols]} on the
 * same grid are datasets; arrays of other ranks (e.g. xarray coordinate vectors) are ignored.
 * Written by {@link ZarrCubeWriter}, zarr-python or xarray (zlib, gzip or no compressor; C
 * order; no filters).
 *
 * <p>The grid comes from MintPy attributes in the group's {@code .zattrs} (see
 * {@link ZarrGridAttributes}); without them the grid is radar geometry of the arrays' shape.
 * Missing chunk files read as the array's fill value (NaN for integer arrays); integer elements
 * equal to the fill value, and elements equal to the store's {@code NO_DATA_VALUE}, read as NaN. {@link #attributes()} returns every group attribute as a string.
 *
 * <p>Not thread-safe (it caches the last decoded chunk): open one per thread.
 */
public final class ZarrCube implements RasterSource {
    static final String ZGROUP = ".zgroup";
    static final String ZATTRS = ".zattrs";

    private final Path path;
    private final GridGeometry grid;
    private final Map<String, String> attributes;
    private final Map<String, ZarrArrayMeta> arrays;
    private final Map<String, Path> folders;
    // single-entry cache of the last decoded chunk
    private String cachedArray;
    private long cachedChunk = -1;
    private float[] cache;
    private byte[] raw;

    private ZarrCube(Path path, GridGeometry grid, Map<String, String> attributes, Map<String, ZarrArrayMeta> arrays,
                     Map<String, Path> folders) {
        this.path = path;
        this.grid = grid;
        this.attributes = attributes;
        this.arrays = arrays;
        this.folders = folders;
    }

    /**
     * Opens a store.
     *
     * @throws InvalidInputException when {@code dir} is not a Zarr v2 group or array, holds no
     *                               raster array, or its arrays disagree on the grid
     */
    public static ZarrCube open(Path dir) throws IOException {
        Map<String, ZarrArrayMeta> arrays = new LinkedHashMap<>();
        Map<String, Path> folders = new LinkedHashMap<>();
        Map<String, String> attrs;
        if (Files.isRegularFile(dir.resolve(ZarrArrayMeta.FILE))) {
            String name = dir.getFileName().toString().replaceFirst("\\.zarr$", "");
            arrays.put(name, ZarrArrayMeta.read(dir, name));
            folders.put(name, dir);
            attrs = readAttributes(dir);
        } else if (Files.isRegularFile(dir.resolve(ZGROUP))) {
            attrs = readAttributes(dir);
            List<Path> subs = new ArrayList<>();
            try (var s = Files.list(dir)) {
                s.filter(p -> Files.isRegularFile(p.resolve(ZarrArrayMeta.FILE))).forEach(subs::add);
            }
            Collections.sort(subs);
            for (Path p : subs) {
                String name = p.getFileName().toString();
                int rank = ZarrArrayMeta.rankOf(p);
                if (rank == 2 || rank == 3 || rank < 0) { // unreadable header: let read() say why
                    arrays.put(name, ZarrArrayMeta.read(p, name));
                    folders.put(name, p);
                }
            }
        } else {
            throw new InvalidInputException(dir, "not a Zarr v2 store: expected a folder with .zgroup or .zarray");
        }
        if (arrays.isEmpty()) {
            throw new InvalidInputException(dir, "Zarr group holds no 2-D or 3-D array");
        }
        int rows = -1, cols = -1;
        String first = null;
        for (Map.Entry<String, ZarrArrayMeta> e : arrays.entrySet()) {
            int[] sh = e.getValue().shape;
            int r = sh[sh.length - 2], c = sh[sh.length - 1];
            if (first == null) {
                rows = r;
                cols = c;
                first = e.getKey();
            } else if (r != rows || c != cols) {
                throw new InvalidInputException(dir, e.getKey(), "array is " + r + "×" + c + " but " + first
                        + " is " + rows + "×" + cols + ": arrays of one store must share the grid");
            }
        }
        GridGeometry grid;
        try {
            grid = ZarrGridAttributes.parse(attrs, rows, cols);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(dir.resolve(ZATTRS), "bad georeferencing: " + e.getMessage());
        }
        return new ZarrCube(dir, grid, Collections.unmodifiableMap(attrs), arrays, folders);
    }

    private static Map<String, String> readAttributes(Path dir) throws IOException {
        Path f = dir.resolve(ZATTRS);
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> e : Json.parseObject(TextFiles.read(f)).entrySet()) {
                Object v = e.getValue();
                out.put(e.getKey(), v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                        ? Long.toString(d.longValue()) : String.valueOf(v));
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (Json.SyntaxException e) {
            throw new InvalidInputException(f, "attributes are not JSON: " + e.getMessage());
        }
        return out;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return "Zarr v2 store";
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public List<String> datasets() {
        return List.copyOf(arrays.keySet());
    }

    @Override
    public int layers(String dataset) throws IOException {
        ZarrArrayMeta m = meta(dataset);
        return m.rank() == 3 ? m.shape[0] : 1;
    }

    /** True for a 3-D (layers × rows × cols) array. */
    boolean is3d(String dataset) throws IOException {
        return meta(dataset).rank() == 3;
    }

    /** The stored data type of a dataset, e.g. {@code <f4}. */
    public ZarrDataType dataType(String dataset) throws IOException {
        return meta(dataset).dtype;
    }

    /** Chunk shape of a dataset as {layers, rows, cols} (layers = 1 for a 2-D array). */
    public int[] chunkShape(String dataset) throws IOException {
        ZarrArrayMeta m = meta(dataset);
        return m.rank() == 3 ? m.chunks.clone() : new int[] {1, m.chunks[0], m.chunks[1]};
    }

    private ZarrArrayMeta meta(String dataset) throws InvalidInputException {
        ZarrArrayMeta m = arrays.get(dataset);
        if (m == null) {
            throw new InvalidInputException(path, dataset, "no such array (arrays: " + arrays.keySet() + ")");
        }
        return m;
    }

    @Override
    public void read(String dataset, Window w, float[] dest, int offset) throws IOException {
        ZarrArrayMeta m = meta(dataset);
        if (!w.fitsIn(grid.rows(), grid.cols())) {
            throw new IllegalArgumentException("window " + w + " outside grid " + grid.rows() + "×" + grid.cols());
        }
        boolean cube = m.rank() == 3;
        int layers = cube ? m.shape[0] : 1;
        if (offset < 0 || (long) offset + (long) layers * w.size() > dest.length) {
            throw new IllegalArgumentException("reading " + dataset + " " + w + " × " + layers + " layers needs "
                    + (long) layers * w.size() + " values from offset " + offset + ", dest has " + dest.length);
        }
        int lc = cube ? m.chunks[0] : 1, cr = m.chunks[m.rank() - 2], cc = m.chunks[m.rank() - 1];
        int nk = cube ? m.chunkCount(0) : 1, ni = m.chunkCount(m.rank() - 2), nj = m.chunkCount(m.rank() - 1);
        int size = w.size();
        for (int k = 0; k < nk; k++) {
            for (int i = w.row0() / cr; i <= (w.rowEnd() - 1) / cr; i++) {
                for (int j = w.col0() / cc; j <= (w.colEnd() - 1) / cc; j++) {
                    float[] chunk = chunk(dataset, m, cube, k, i, j, ((long) k * ni + i) * nj + j);
                    // overlap of chunk (i, j) with the window, in grid coordinates
                    int r0 = Math.max(w.row0(), i * cr), r1 = Math.min(w.rowEnd(), (i + 1) * cr);
                    int c0 = Math.max(w.col0(), j * cc), c1 = Math.min(w.colEnd(), (j + 1) * cc);
                    int l1 = Math.min(layers, (k + 1) * lc);
                    for (int l = k * lc; l < l1; l++) {
                        for (int r = r0; r < r1; r++) {
                            int src = ((l - k * lc) * cr + (r - i * cr)) * cc + (c0 - j * cc);
                            int dst = offset + l * size + (r - w.row0()) * w.cols() + (c0 - w.col0());
                            System.arraycopy(chunk, src, dest, dst, c1 - c0);
                        }
                    }
                }
            }
        }
    }

    /** Decoded chunk (k, i, j) of an array, from the one-entry cache when possible. */
    private float[] chunk(String dataset, ZarrArrayMeta m, boolean cube, int k, int i, int j, long linear)
            throws IOException {
        if (linear == cachedChunk && dataset.equals(cachedArray)) {
            return cache;
        }
        int n = m.chunkElements();
        if (cache == null || cache.length < n) {
            cache = new float[n];
        }
        if (raw == null || raw.length != n * m.dtype.size()) {
            raw = new byte[n * m.dtype.size()];
        }
        Path file = folders.get(dataset).resolve(cube ? m.chunkKey(k, i, j) : m.chunkKey(i, j));
        cachedArray = null;
        if (Files.exists(file)) {
            ZarrChunkCodec.read(m, file, raw, dataset);
            ZarrChunkCodec.fromBytes(m.dtype, raw, cache, n, m.dtype.isFloat() ? Double.NaN : m.fill);
            float nodata = (float) grid.nodata();
            if (!Float.isNaN(nodata)) {
                for (int q = 0; q < n; q++) {
                    if (cache[q] == nodata) {
                        cache[q] = Float.NaN;
                    }
                }
            }
        } else {
            Arrays.fill(cache, 0, n, m.dtype.isFloat() ? (float) m.fill : Float.NaN);
        }
        cachedArray = dataset;
        cachedChunk = linear;
        return cache;
    }

    @Override
    public void close() {
        cache = null;
        raw = null;
        cachedArray = null;
    }
}

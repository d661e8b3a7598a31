package org.permasar.io.zarr;

import org.permasar.io.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.io.TextFiles;
import org.permasar.stack.InvalidInputException;

/**
 * The header of one Zarr v2 array, i.e. the content of its {@code .zarray} file (Zarr storage
 * specification version 2: {@code zarr_format}, {@code shape}, {@code chunks}, {@code dtype},
 * {@code compressor}, {@code fill_value}, {@code order}, {@code filters},
 * {@code dimension_separator}). Only C order, no filters, and the compressors {@code null},
 * {@code zlib} and {@code gzip} are supported. Immutable.
 */
final class ZarrArrayMeta {
    static final String FILE = ".zarray";

    final int[] shape;
    final int[] chunks;
    final ZarrDataType dtype;
    /** "zlib", "gzip" or null (raw chunks). */
    final String compressor;
    /** Compression level 1–9 (ignored when {@link #compressor} is null). */
    final int level;
    /** Value of unwritten chunks and of edge padding; NaN for floats unless stated. */
    final double fill;
    /** "." (flat chunk names "k.i.j") or "/" (nested folders). */
    final String separator;

    ZarrArrayMeta(int[] shape, int[] chunks, ZarrDataType dtype, String compressor, int level, double fill,
                  String separator) {
        if (shape.length != chunks.length || shape.length == 0) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and chunks "
                    + Arrays.toString(chunks) + " need the same non-zero rank");
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || chunks[d] <= 0) {
                throw new IllegalArgumentException("bad shape " + Arrays.toString(shape) + " / chunks "
                        + Arrays.toString(chunks));
            }
        }
        long n = 1;
        for (int c : chunks) {
            n *= c;
        }
        if (n * dtype.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("chunk " + Arrays.toString(chunks) + " of " + dtype
                    + " exceeds 2 GiB: use smaller chunks");
        }
        this.shape = shape.clone();
        this.chunks = chunks.clone();
        this.dtype = dtype;
        this.compressor = compressor;
        this.level = level;
        this.fill = fill;
        this.separator = separator;
    }

    int rank() {
        return shape.length;
    }

    /** Number of elements of one (full, padded) chunk. */
    int chunkElements() {
        int n = 1;
        for (int c : chunks) {
            n *= c;
        }
        return n;
    }

    /** Number of chunks along dimension {@code d}. */
    int chunkCount(int d) {
        return (shape[d] + chunks[d] - 1) / chunks[d];
    }

    /** Total number of chunks. */
    long totalChunks() {
        long n = 1;
        for (int d = 0; d < rank(); d++) {
            n *= chunkCount(d);
        }
        return n;
    }

    /** Relative file name of a chunk, e.g. "2.0.3" or "2/0/3". */
    String chunkKey(int... index) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < index.length; d++) {
            if (d > 0) {
                b.append(separator);
            }
            b.append(index[d]);
        }
        return b.toString();
    }

    /** The JSON object of the {@code .zarray} file. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunks", toList(chunks));
        Map<String, Object> comp = null;
        if (compressor != null) {
            comp = new LinkedHashMap<>();
            comp.put("id", compressor);
            comp.put("level", (long) level);
        }
        m.put("compressor", comp);
        m.put("dimension_separator", separator);
        m.put("dtype", dtype.numpy());
        m.put("fill_value", Double.isNaN(fill) ? "NaN" : dtype.isFloat() ? (Object) fill : (Object) (long) fill);
        m.put("filters", null);
        m.put("order", "C");
        m.put("shape", toList(shape));
        m.put("zarr_format", 2L);
        return m;
    }

    private static List<Object> toList(int[] a) {
        List<Object> l = new ArrayList<>();
        for (int v : a) {
            l.add((long) v);
        }
        return l;
    }

    /** Writes {@code dir/.zarray}. */
    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), Json.write(toJson()));
    }

    /**
     * Reads {@code dir/.zarray}.
     *
     * @throws InvalidInputException when it is missing, not JSON, or uses a feature PermaSAR does
     *                               not read (filters, F order, another compressor or dtype)
     */
    static ZarrArrayMeta read(Path dir, String dataset) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, Object> m;
        try {
            m = Json.parseObject(TextFiles.read(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, dataset, "missing .zarray header");
        } catch (Json.SyntaxException e) {
            throw new InvalidInputException(file, dataset, "not a Zarr array header: " + e.getMessage());
        }
        try {
            Object fmt = m.get("zarr_format");
            if (!(fmt instanceof Long f) || f != 2) {
                throw new IllegalArgumentException("zarr_format must be 2, found " + fmt);
            }
            int[] shape = ints(m.get("shape"), "shape");
            int[] chunks = ints(m.get("chunks"), "chunks");
            ZarrDataType dtype = ZarrDataType.parse(String.valueOf(m.get("dtype")));
            Object order = m.get("order");
            if (!"C".equals(order)) {
                throw new IllegalArgumentException("only order \"C\" is supported, found " + order);
            }
            Object filters = m.get("filters");
            if (filters != null && !(filters instanceof List<?> l && l.isEmpty())) {
                throw new IllegalArgumentException("filters are not supported, found " + filters);
            }
            String comp = null;
            int level = 0;
            Object c = m.get("compressor");
            if (c instanceof Map<?, ?> cm) {
                comp = String.valueOf(cm.get("id"));
                if (!comp.equals("zlib") && !comp.equals("gzip")) {
                    throw new IllegalArgumentException("compressor \"" + comp
                            + "\" is not supported (supported: null, zlib, gzip)");
                }
                level = cm.get("level") instanceof Long lv ? lv.intValue() : 1;
            } else if (c != null) {
                throw new IllegalArgumentException("compressor must be an object or null, found " + c);
            }
            double fill = fillValue(m.get("fill_value"));
            Object sep = m.getOrDefault("dimension_separator", ".");
            if (!".".equals(sep) && !"/".equals(sep)) {
                throw new IllegalArgumentException("dimension_separator must be \".\" or \"/\", found " + sep);
            }
            return new ZarrArrayMeta(shape, chunks, dtype, comp, level, fill, (String) sep);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidInputException(file, dataset, "unsupported Zarr array: " + e.getMessage());
        }
    }

    /** Rank of the array in {@code dir} from its header's shape, or −1 when the header cannot be read. */
    static int rankOf(Path dir) {
        try {
            Object shape = Json.parseObject(Files.readString(dir.resolve(FILE))).get("shape");
            return shape instanceof List<?> l ? l.size() : -1;
        } catch (IOException | Json.SyntaxException e) {
            return -1;
        }
    }

    private static double fillValue(Object v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return switch (String.valueOf(v)) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("fill_value " + v + " is not a number");
        };
    }

    private static int[] ints(Object v, String what) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " must be a list of integers, found " + v);
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x) || x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " must be a list of integers, found " + v);
            }
            out[i] = x.intValue();
        }
        return out;
    }

    /** Same header content (used to decide whether a partial store can be resumed). */
    boolean sameAs(ZarrArrayMeta o) {
        return toJson().equals(o.toJson());
    }
}

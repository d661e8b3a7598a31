package org.permasar.io.sink;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link BlockSink} should create for one gridded dataset. Immutable; variants via the
 * {@code withX} copies.
 *
 * <p>A <em>plane</em> has shape {@code [rows, cols]}, a <em>cube</em> {@code [layers, rows, cols]}
 * (one layer per date or pair). Chunks have the same rank as the shape; choose chunk rows and
 * columns that tile the windows you will write (a window made of whole chunks is written without
 * reading anything back; other windows are correct but slower, and the Zarr sink refuses them).
 *
 * @param name         dataset name (MintPy names such as {@code timeseries}); letters, digits,
 *                     '_', '-', '.' only
 * @param type         stored element type
 * @param shape        {@code [rows, cols]} or {@code [layers, rows, cols]}, every entry ≥ 1
 * @param chunks       chunk shape, same rank as {@code shape}, each entry in 1 … shape
 * @param deflateLevel zlib level 1 (fast) … 9 (small), or 0 for uncompressed chunks; HDF5 adds
 *                     the byte-shuffle filter before deflate
 * @param fill         value stored where nothing was written and, for integer types, in place
 *                     of NaN; must be NaN for float types
 * @param attributes   string attributes of the dataset itself (e.g. {@code UNIT}); written in
 *                     sorted key order so that files are the same byte for byte every run
 */
public record DatasetSpec(String name, SinkDataType type, int[] shape, int[] chunks, int deflateLevel, double fill,
                          Map<String, String> attributes) implements java.io.Serializable {

    public DatasetSpec {
        if (name == null || !name.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
            throw new IllegalArgumentException("dataset name must be letters, digits, '_', '-', '.', got \"" + name + "\"");
        }
        if (type == null) {
            throw new IllegalArgumentException("dataset " + name + ": type is null");
        }
        if (shape == null || (shape.length != 2 && shape.length != 3)) {
            throw new IllegalArgumentException("dataset " + name + ": shape must be [rows, cols] or [layers, rows, cols], got "
                    + Arrays.toString(shape));
        }
        shape = shape.clone();
        chunks = chunks == null ? shape.clone() : chunks.clone();
        if (chunks.length != shape.length) {
            throw new IllegalArgumentException("dataset " + name + ": chunks " + Arrays.toString(chunks)
                    + " must have the rank of shape " + Arrays.toString(shape));
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 1 || chunks[d] < 1 || chunks[d] > shape[d]) {
                throw new IllegalArgumentException("dataset " + name + ": need shape ≥ 1 and 1 ≤ chunk ≤ shape in every "
                        + "dimension, got shape " + Arrays.toString(shape) + " chunks " + Arrays.toString(chunks));
            }
        }
        if (deflateLevel < 0 || deflateLevel > 9) {
            throw new IllegalArgumentException("dataset " + name + ": deflate level must be 0…9, got " + deflateLevel);
        }
        if (type.isFloat() && !Double.isNaN(fill)) {
            throw new IllegalArgumentException("dataset " + name + ": float datasets use fill NaN, got " + fill);
        }
        if (!type.isFloat() && (Double.isNaN(fill) || fill != Math.rint(fill) || fill < type.min() || fill > type.max())) {
            throw new IllegalArgumentException("dataset " + name + ": fill " + fill + " is not a " + type + " value");
        }
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A float32 cube {@code layers × rows × cols}, one chunk for everything, uncompressed. */
    public static DatasetSpec cube(String name, int layers, int rows, int cols) {
        return new DatasetSpec(name, SinkDataType.FLOAT32, new int[] {layers, rows, cols}, null, 0, Double.NaN, null);
    }

    /** A float32 plane {@code rows × cols}, one chunk, uncompressed. */
    public static DatasetSpec plane(String name, int rows, int cols) {
        return new DatasetSpec(name, SinkDataType.FLOAT32, new int[] {rows, cols}, null, 0, Double.NaN, null);
    }

    /** Same dataset with chunk shape {@code c} (same rank as the shape). */
    public DatasetSpec withChunks(int... c) {
        return new DatasetSpec(name, type, shape, c, deflateLevel, fill, attributes);
    }

    /** Same dataset with zlib level {@code level} (0 = uncompressed). */
    public DatasetSpec withDeflate(int level) {
        return new DatasetSpec(name, type, shape, chunks, level, fill, attributes);
    }

    /** Same dataset stored as {@code t}, with {@code fillValue} standing for NaN (NaN for float types). */
    public DatasetSpec withType(SinkDataType t, double fillValue) {
        return new DatasetSpec(name, t, shape, chunks, deflateLevel, fillValue, attributes);
    }

    /** Same dataset with these attributes (replacing any earlier ones). */
    public DatasetSpec withAttributes(Map<String, String> attrs) {
        return new DatasetSpec(name, type, shape, chunks, deflateLevel, fill, attrs);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunks() {
        return chunks.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of layers (1 for a plane). */
    public int layers() {
        return shape.length == 3 ? shape[0] : 1;
    }

    /**
     * Checks that this dataset lies on {@code grid}, as every sink requires.
     *
     * @throws IllegalArgumentException naming the dataset and both sizes when rows or columns differ
     */
    public void requireOn(org.permasar.grid.GridGeometry grid) {
        if (rows() != grid.rows() || cols() != grid.cols()) {
            throw new IllegalArgumentException("dataset " + name + " is " + rows() + " × " + cols()
                    + " pixels, the sink's grid " + grid.rows() + " × " + grid.cols());
        }
    }

    public int rows() {
        return shape[shape.length - 2];
    }

    public int cols() {
        return shape[shape.length - 1];
    }

    public int chunkRows() {
        return chunks[chunks.length - 2];
    }

    public int chunkCols() {
        return chunks[chunks.length - 1];
    }

    /** Layers per chunk (1 for a plane). */
    public int chunkLayers() {
        return chunks.length == 3 ? chunks[0] : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSpec s && name.equals(s.name) && type == s.type && Arrays.equals(shape, s.shape)
                && Arrays.equals(chunks, s.chunks) && deflateLevel == s.deflateLevel
                && Double.compare(fill, s.fill) == 0 && attributes.equals(s.attributes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + type + " shape " + Arrays.toString(shape) + " chunks " + Arrays.toString(chunks)
                + (deflateLevel > 0 ? " deflate " + deflateLevel : "");
    }
}

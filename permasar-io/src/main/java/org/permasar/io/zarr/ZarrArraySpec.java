package org.permasar.io.zarr;

import java.util.List;
import org.permasar.grid.Window;

/**
 * What {@link ZarrCubeWriter} should create for one array of a store. Immutable; variants via
 * the {@code withX} copies.
 *
 * <p>A <em>cube</em> has shape {@code [layers, rows, cols]} (one layer per pair or date) and is
 * chunked {@code [layerChunk, chunkRows, chunkCols]}; a <em>plane</em> has shape
 * {@code [rows, cols]} and chunks {@code [chunkRows, chunkCols]}. Choose chunk rows/columns
 * that divide the windows you will write (see {@link ZarrCubeWriter} for the alignment rule);
 * {@link #forPlan} does so for a {@link org.permasar.stack.BlockPlanner} plan.
 *
 * @param name       array name, a folder name in the store (MintPy dataset names such as
 *                   {@code timeseries}, {@code velocity}); letters, digits, '_', '-', '.' only
 * @param layers     number of layers, ≥ 1 (1 for a plane)
 * @param plane      true for a 2-D array (requires {@code layers == 1})
 * @param layerChunk layers per chunk, 1 … layers (usually all of them: a pixel's time series
 *                   then lies in one chunk)
 * @param chunkRows  rows per chunk, ≥ 1
 * @param chunkCols  columns per chunk, ≥ 1
 * @param dataType   stored type; floats are converted on write
 * @param fill       Zarr {@code fill_value}: NaN for floats; for integer types the value that
 *                   stands for NaN (e.g. 0 for a {@code |u1} mask, −32768 for {@code <i2})
 * @param level      zlib level 1 (fast) … 9 (small), or 0 for uncompressed chunks
 */
public record ZarrArraySpec(String name, int layers, boolean plane, int layerChunk, int chunkRows, int chunkCols,
                            ZarrDataType dataType, double fill, int level) {

    /** Default zlib level: 1, the fastest (float phase data compresses little more at 9). */
    public static final int DEFAULT_LEVEL = 1;

    public ZarrArraySpec {
        if (name == null || !name.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
            throw new IllegalArgumentException("array name must be letters, digits, '_', '-', '.', got \"" + name + "\"");
        }
        if (layers < 1 || (plane && layers != 1)) {
            throw new IllegalArgumentException("array " + name + ": layers must be ≥ 1 (1 for a plane), got " + layers);
        }
        if (layerChunk < 1 || layerChunk > layers || chunkRows < 1 || chunkCols < 1) {
            throw new IllegalArgumentException("array " + name + ": chunk [" + layerChunk + ", " + chunkRows + ", "
                    + chunkCols + "] needs 1 ≤ layerChunk ≤ layers (" + layers + ") and rows, cols ≥ 1");
        }
        if (dataType == null) {
            throw new IllegalArgumentException("array " + name + ": data type is null");
        }
        if (dataType.isFloat() && !Double.isNaN(fill)) {
            throw new IllegalArgumentException("array " + name + ": float arrays use fill NaN, got " + fill);
        }
        if (!dataType.isFloat() && (Double.isNaN(fill) || fill != Math.rint(fill) || fill < dataType.min()
                || fill > dataType.max())) {
            throw new IllegalArgumentException("array " + name + ": fill " + fill + " is not a " + dataType + " value");
        }
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("array " + name + ": zlib level must be 0…9, got " + level);
        }
    }

    /** A float32 cube of {@code layers} layers, all layers in each chunk, zlib level 1. */
    public static ZarrArraySpec cube(String name, int layers, int chunkRows, int chunkCols) {
        return new ZarrArraySpec(name, layers, false, layers, chunkRows, chunkCols, ZarrDataType.FLOAT32, Double.NaN,
                DEFAULT_LEVEL);
    }

    /** A float32 2-D array, zlib level 1. */
    public static ZarrArraySpec plane(String name, int chunkRows, int chunkCols) {
        return new ZarrArraySpec(name, 1, true, 1, chunkRows, chunkCols, ZarrDataType.FLOAT32, Double.NaN,
                DEFAULT_LEVEL);
    }

    /**
     * A float32 cube whose chunks are the first window of {@code plan}: every window that
     * {@link org.permasar.stack.BlockPlanner#plan} returns (equal row bands, or equal column
     * pieces of single rows, the last one shorter) is then a whole number of chunks.
     */
    public static ZarrArraySpec forPlan(String name, int layers, List<Window> plan) {
        if (plan == null || plan.isEmpty()) {
            throw new IllegalArgumentException("array " + name + ": empty block plan");
        }
        Window w = plan.get(0);
        return cube(name, layers, w.rows(), w.cols());
    }

    /** Same array stored as another type, with {@code fill} standing for NaN. */
    public ZarrArraySpec withDataType(ZarrDataType type, double fillValue) {
        return new ZarrArraySpec(name, layers, plane, layerChunk, chunkRows, chunkCols, type, fillValue, level);
    }

    /** Same array with another zlib level (0 = uncompressed). */
    public ZarrArraySpec withLevel(int zlibLevel) {
        return new ZarrArraySpec(name, layers, plane, layerChunk, chunkRows, chunkCols, dataType, fill, zlibLevel);
    }

    /** Same array with {@code n} layers per chunk. */
    public ZarrArraySpec withLayerChunk(int n) {
        return new ZarrArraySpec(name, layers, plane, n, chunkRows, chunkCols, dataType, fill, level);
    }

    /** The Zarr header of this array on a grid of {@code rows × cols}. */
    ZarrArrayMeta meta(int rows, int cols) {
        int[] shape = plane ? new int[] {rows, cols} : new int[] {layers, rows, cols};
        int[] chunks = plane ? new int[] {Math.min(chunkRows, rows), Math.min(chunkCols, cols)}
                : new int[] {layerChunk, Math.min(chunkRows, rows), Math.min(chunkCols, cols)};
        return new ZarrArrayMeta(shape, chunks, dataType, level == 0 ? null : "zlib", level, fill, ".");
    }
}

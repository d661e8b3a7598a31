package org.permasar.stack;

import java.util.ArrayList;
import java.util.List;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * Cuts a grid into windows that fit a memory budget: the one tiling abstraction used for
 * memory, threads and (later) Spark partitions. Windows are bands of whole rows (which read
 * contiguously from row-major files) and, for very wide grids, also split across columns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param budgetBytes   memory allowed for one block's working set, across all its arrays
 * @param minBlocks     at least this many blocks (e.g. 2 × threads, so all cores stay busy)
 */
public record BlockPlanner(long budgetBytes, int minBlocks) {

    /** Default budget per block: 256 MiB. */
    public static final long DEFAULT_BUDGET = 256L << 20;

    public BlockPlanner {
        if (budgetBytes < 1024) {
            throw new IllegalArgumentException("block memory budget must be ≥ 1 KiB, got " + budgetBytes + " bytes");
        }
        if (minBlocks < 1) {
            throw new IllegalArgumentException("minBlocks must be ≥ 1, got " + minBlocks);
        }
    }

    /** Budget of {@link #DEFAULT_BUDGET} and one block per available core at least. */
    public static BlockPlanner defaults() {
        return new BlockPlanner(DEFAULT_BUDGET, Runtime.getRuntime().availableProcessors());
    }

    /** Budget from a total memory allowance shared by {@code threads} concurrent blocks. */
    public static BlockPlanner forMemory(long totalBytes, int threads) {
        return new BlockPlanner(Math.max(1024, totalBytes / Math.max(1, threads)), Math.max(1, threads));
    }

    public BlockPlanner withMinBlocks(int n) {
        return new BlockPlanner(budgetBytes, n);
    }

    /**
     * Largest number of pixels a block may hold when each pixel needs {@code bytesPerPixel}
     * bytes (e.g. pairs × 4 bytes × number of datasets read, plus outputs).
     */
    public int pixelsPerBlock(long bytesPerPixel) {
        if (bytesPerPixel <= 0) {
            throw new IllegalArgumentException("bytesPerPixel must be > 0, got " + bytesPerPixel);
        }
        long px = budgetBytes / bytesPerPixel;
        if (px < 1) {
            throw new IllegalArgumentException("memory budget of " + budgetBytes + " bytes cannot hold one pixel of "
                    + bytesPerPixel + " bytes");
        }
        return (int) Math.min(px, Integer.MAX_VALUE / 8);
    }

    /** Windows covering the grid, in row-major order, each within the budget. */
    public List<Window> plan(GridGeometry grid, long bytesPerPixel) {
        return plan(grid.rows(), grid.cols(), bytesPerPixel);
    }

    /** Windows covering a {@code rows × cols} grid, in row-major order, each within the budget. */
    public List<Window> plan(int rows, int cols, long bytesPerPixel) {
        int maxPx = pixelsPerBlock(bytesPerPixel);
        List<Window> out = new ArrayList<>();
        if (maxPx >= cols) {
            int bandRows = Math.max(1, Math.min(rows, maxPx / cols));
            // keep at least minBlocks bands when the grid allows it
            bandRows = Math.max(1, Math.min(bandRows, ceilDiv(rows, Math.min(rows, minBlocks))));
            for (int r = 0; r < rows; r += bandRows) {
                out.add(new Window(r, 0, Math.min(bandRows, rows - r), cols));
            }
        } else {
            int w = maxPx;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c += w) {
                    out.add(new Window(r, c, 1, Math.min(w, cols - c)));
                }
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

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

    /**
     * Share of the JVM's maximum heap ({@link Runtime#maxMemory()}) that the blocks in flight may
     * use together by default; the rest is left to the step's own maps, the writers' buffers and
     * the garbage collector's headroom.
     */
    public static final double HEAP_FRACTION = 0.4;
    /** Floor of the default per-block budget, 8 MiB (a block smaller than this is all overhead). */
    public static final long MIN_DEFAULT_BUDGET = 8L << 20;
    /**
     * Ceiling of the default per-block budget, 512 MiB: larger blocks do not run faster, they only make the heap
     * grow (measured on `fit --model pecm` at 2.5 × 10⁵ px with the 6 GB default heap of a 24 GB machine: 1.2 GB
     * blocks 20.3–24.2 s, 3.3 GB peak and 4.6–6.0 s of page-fault system time; 256–512 MiB blocks 17.7–20.0 s).
     */
    public static final long MAX_DEFAULT_BUDGET = 512L << 20;

    public BlockPlanner {
        if (budgetBytes < 1024) {
            throw new IllegalArgumentException("block memory budget must be ≥ 1 KiB, got " + budgetBytes + " bytes");
        }
        if (minBlocks < 1) {
            throw new IllegalArgumentException("minBlocks must be ≥ 1, got " + minBlocks);
        }
    }

    /**
     * Budget derived from this JVM's maximum heap ({@link #fromHeap(long, int)} with
     * {@link Runtime#maxMemory()}), shared by one block per available core.
     */
    public static BlockPlanner defaults() {
        return forThreads(Runtime.getRuntime().availableProcessors());
    }

    /** Budget derived from this JVM's maximum heap, shared by {@code threads} concurrent blocks. */
    public static BlockPlanner forThreads(int threads) {
        return fromHeap(Runtime.getRuntime().maxMemory(), threads);
    }

    /**
     * Budget derived from a maximum heap of {@code maxHeapBytes}: {@link #HEAP_FRACTION} of it
     * divided among {@code threads} concurrent blocks, never below {@link #MIN_DEFAULT_BUDGET} nor above
     * {@link #MAX_DEFAULT_BUDGET} per block. E.g. {@code -Xmx1g} and 2 threads: 0.4 × 1024 MiB / 2 ≈ 205 MiB per block.
     *
     * @param maxHeapBytes the heap limit, bytes ({@link Long#MAX_VALUE}, i.e. no limit, counts as 4 GiB)
     * @param threads      blocks processed at once, ≥ 1
     */
    public static BlockPlanner fromHeap(long maxHeapBytes, int threads) {
        if (maxHeapBytes <= 0 || threads < 1) {
            throw new IllegalArgumentException("need maxHeapBytes > 0 and threads ≥ 1, got " + maxHeapBytes + ", "
                    + threads);
        }
        long heap = maxHeapBytes == Long.MAX_VALUE ? 4L << 30 : maxHeapBytes;
        long perBlock = Math.min(MAX_DEFAULT_BUDGET, (long) (heap * HEAP_FRACTION) / threads);
        return new BlockPlanner(Math.max(MIN_DEFAULT_BUDGET, perBlock), threads);
    }

    /**
     * The planner of a step told {@code memoryMb} MiB for all its threads together, or, when
     * {@code memoryMb} is 0 (not told), the heap-derived default {@link #forThreads(int)}.
     */
    public static BlockPlanner forMemoryMb(long memoryMb, int threads) {
        if (memoryMb < 0) {
            throw new IllegalArgumentException("memory must be ≥ 0 MiB (0: from the heap), got " + memoryMb);
        }
        return memoryMb == 0 ? forThreads(threads) : forMemory(memoryMb << 20, threads);
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

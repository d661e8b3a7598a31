package org.permasar.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.grid.Window;

class BlockPlannerTest {

    /** Every pixel exactly once, and every block within the budget. */
    private static void checkCover(List<Window> ws, int rows, int cols, long budget, long bpp) {
        int[] hits = new int[rows * cols];
        for (Window w : ws) {
            assertThat((long) w.size() * bpp).isLessThanOrEqualTo(budget);
            for (int r = w.row0(); r < w.rowEnd(); r++) {
                for (int c = w.col0(); c < w.colEnd(); c++) {
                    hits[r * cols + c]++;
                }
            }
        }
        for (int h : hits) {
            assertThat(h).isEqualTo(1);
        }
    }

    @Test
    void rowBandsWithinBudget() {
        // 770 pairs × 2 datasets × 4 bytes per pixel; 10 MB budget → 1623 px → 16 rows of 100
        long bpp = 770L * 2 * 4;
        BlockPlanner p = new BlockPlanner(10_000_000, 1);
        List<Window> ws = p.plan(200, 100, bpp);
        assertThat(ws.get(0).rows()).isEqualTo(16);
        checkCover(ws, 200, 100, 10_000_000, bpp);
    }

    @Test
    void wideGridsSplitAcrossColumns() {
        BlockPlanner p = new BlockPlanner(4000, 1);
        List<Window> ws = p.plan(3, 1000, 8);
        assertThat(ws).allMatch(w -> w.rows() == 1 && w.cols() <= 500);
        checkCover(ws, 3, 1000, 4000, 8);
    }

    @Test
    void keepsEnoughBlocksForAllThreads() {
        List<Window> ws = new BlockPlanner(1L << 30, 4).plan(10, 10, 4);
        assertThat(ws.size()).isGreaterThanOrEqualTo(4);
        checkCover(ws, 10, 10, 1L << 30, 4);
    }

    @Test
    void refusesBudgetsThatCannotHoldOnePixel() {
        assertThatThrownBy(() -> new BlockPlanner(2048, 1).plan(10, 10, 4096))
                .hasMessageContaining("cannot hold one pixel of 4096 bytes");
        assertThatThrownBy(() -> new BlockPlanner(10, 1)).hasMessageContaining("≥ 1 KiB");
    }

    /** Table of heap-derived budgets: 0.4 × heap / threads, floored at 8 MiB and capped at 512 MiB per block. */
    private static void checkHeapBudget(long heapMiB, int threads, long expectedBytes) {
        BlockPlanner p = BlockPlanner.fromHeap(heapMiB << 20, threads);
        assertThat(p.budgetBytes()).as("heap %d MiB, %d threads", heapMiB, threads).isEqualTo(expectedBytes);
        assertThat(p.minBlocks()).isEqualTo(threads);
    }

    @Test
    void budgetFromHeap() {
        checkHeapBudget(1024, 1, (long) ((1024L << 20) * 0.4));
        checkHeapBudget(1024, 2, (long) ((1024L << 20) * 0.4) / 2);
        checkHeapBudget(4096, 16, (long) ((4096L << 20) * 0.4) / 16);
        checkHeapBudget(64, 4, 8L << 20); // 6.4 MiB per block is below the floor
        checkHeapBudget(20, 1, 8L << 20);
        checkHeapBudget(6144, 2, 512L << 20);   // 1.2 GiB per block is above the ceiling
        checkHeapBudget(2560, 2, 512L << 20);
        // no heap limit counts as 4 GiB (0.4 of it, 1.6 GiB, is above the ceiling)
        assertThat(BlockPlanner.fromHeap(Long.MAX_VALUE, 1).budgetBytes()).isEqualTo(512L << 20);
        assertThatThrownBy(() -> BlockPlanner.fromHeap(0, 1)).hasMessageContaining("maxHeapBytes > 0");
        assertThatThrownBy(() -> BlockPlanner.fromHeap(1 << 30, 0)).hasMessageContaining("threads ≥ 1");
    }

    @Test
    void defaultsFollowThisJvmsHeap() {
        long expected = BlockPlanner.fromHeap(Runtime.getRuntime().maxMemory(), 3).budgetBytes();
        assertThat(BlockPlanner.forThreads(3).budgetBytes()).isEqualTo(expected);
        assertThat(BlockPlanner.forMemoryMb(0, 3).budgetBytes()).isEqualTo(expected);
        assertThat(BlockPlanner.forMemoryMb(300, 3).budgetBytes()).isEqualTo((300L << 20) / 3);
        assertThatThrownBy(() -> BlockPlanner.forMemoryMb(-1, 1)).hasMessageContaining("got -1");
    }
}

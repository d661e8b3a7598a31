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
}

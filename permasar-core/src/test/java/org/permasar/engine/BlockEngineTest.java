package org.permasar.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

class BlockEngineTest {

    @Test
    void everyPixelOnceWithThreadConfinedWorkspaces() throws IOException {
        int rows = 97, cols = 31;
        int[] out = new int[rows * cols];
        AtomicLong stepped = new AtomicLong();
        Progress p = new Progress() {
            @Override public void start(String t, long total, String unit) { assertThat(total).isEqualTo(rows * cols); }
            @Override public void step(long n) { stepped.addAndGet(n); }
            @Override public void close() { }
        };
        Set<Object> workspaces = ConcurrentHashMap.newKeySet();
        new BlockEngine(new BlockPlanner(31 * 40 * 5, 1), 3, p).run("t", rows, cols, 40, Object::new, (w, ws) -> {
            workspaces.add(ws);
            for (int r = w.row0(); r < w.rowEnd(); r++) {
                for (int c = w.col0(); c < w.colEnd(); c++) {
                    out[r * cols + c]++;
                }
            }
        });
        assertThat(out).containsOnly(1);
        assertThat(stepped.get()).isEqualTo(rows * cols);
        assertThat(workspaces.size()).isBetween(1, 3);
    }

    @Test
    void firstFailureIsRethrownAsIs() {
        BlockEngine e = new BlockEngine(new BlockPlanner(1024, 1), 2, null);
        assertThatThrownBy(() -> e.run("t", 100, 10, 40, () -> null, (w, ws) -> {
            if (w.row0() >= 50) {
                throw new IOException("bad block at row " + w.row0());
            }
        })).isInstanceOf(IOException.class).hasMessageStartingWith("bad block at row");
    }
}

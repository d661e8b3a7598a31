package org.permasar.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain-mode lines against hand-computed text, with an injected clock and sink. */
class ConsoleProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong now = new AtomicLong(1_000 * SECOND); // arbitrary origin

    private ConsoleProgress plain() {
        return ConsoleProgress.plain(lines::add, now::get);
    }

    @Test
    void lineFormatMatchesTheWorkedExample() {
        try (ConsoleProgress p = plain()) {
            p.start("invert", 100_000, "pixels");
            now.addAndGet(3_200_000_000L);
            p.step(40_000);
            // 40 000 px in 3.2 s = 12 500 px/s; 60 000 left / 12 500 = 4.8 s → 5 s
            now.addAndGet(4_800_000_000L);
            p.step(60_000);
        }
        assertThat(lines).containsExactly(
                "invert: started (100000 pixels)",
                "invert: 40% (40000/100000 pixels, 12 500 pixels/s, ETA 5 s)",
                "invert: 100% (100000/100000 pixels, 12 500 pixels/s, ETA 0 s)",
                "invert: done, 100000 pixels in 8.0 s (12 500 pixels/s)");
    }

    @Test
    void atMostOneLinePerTenPercentWhenFast() {
        try (ConsoleProgress p = plain()) {
            p.start("load", 1000, "pixels");
            for (int i = 0; i < 1000; i++) {
                now.addAndGet(SECOND / 1000); // 1 s in all: the 5 s rule never fires
                p.step(1);
            }
        }
        assertThat(lines).hasSize(12);
        for (int k = 1; k <= 10; k++) {
            assertThat(lines.get(k)).startsWith("load: " + 10 * k + "% (" + 100 * k + "/1000 pixels, 1 000 pixels/s");
        }
    }

    @Test
    void everyFiveSecondsWhenSlow() {
        try (ConsoleProgress p = plain()) {
            p.start("invert", 1000, "blocks");
            for (int t = 1; t <= 12; t++) { // one block per second: 1.2 % after 12 s
                now.addAndGet(SECOND);
                p.step(1);
            }
        }
        // lines at 5 s and 10 s: 5 blocks / 5 s = 1.0 block/s; (1000 − 5) / 1 = 995 s = 16 min 35 s
        assertThat(lines).containsExactly(
                "invert: started (1000 blocks)",
                "invert: 0% (5/1000 blocks, 1.0 blocks/s, ETA 16 min 35 s)",
                "invert: 1% (10/1000 blocks, 1.0 blocks/s, ETA 16 min 30 s)",
                "invert: done, 12 blocks in 12.0 s (1.0 blocks/s)");
    }

    @Test
    void unknownTotalReportsCountAndRateOnly() {
        try (ConsoleProgress p = plain()) {
            p.start("scan", 0, "files");
            now.addAndGet(6 * SECOND);
            p.step(300);
        }
        assertThat(lines).containsExactly("scan: started", "scan: (300 files, 50 files/s)",
                "scan: done, 300 files in 6.0 s (50 files/s)");
    }

    @Test
    void threadSafeAndFreeOfTerminalCodes() throws Exception {
        ConsoleProgress p = plain();
        p.start("parallel", 4000, "pixels");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    now.addAndGet(1000);
                    p.step(1);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        p.close();
        // every decile exactly once, in order, and the final count is exact
        assertThat(lines).hasSize(12);
        for (int k = 1; k <= 10; k++) {
            assertThat(lines.get(k)).startsWith("parallel: " + 10 * k + "% (");
        }
        assertThat(lines.get(10)).contains("(4000/4000 pixels");
        for (String l : lines) {
            assertThat(l).matches("[\\x20-\\x7E]+"); // printable ASCII: no ESC, no \r
        }
    }

    @Test
    void humanNumbers() {
        assertThat(PlainProgress.rate(12_345)).isEqualTo("12 300");
        assertThat(PlainProgress.rate(999.4)).isEqualTo("999");
        assertThat(PlainProgress.rate(2.54)).isEqualTo("2.5");
        assertThat(PlainProgress.rate(1_234_567)).isEqualTo("1 230 000");
        assertThat(PlainProgress.duration(4.2)).isEqualTo("5 s");
        assertThat(PlainProgress.duration(200)).isEqualTo("3 min 20 s");
        assertThat(PlainProgress.duration(7500)).isEqualTo("2 h 05 min");
    }

    @Test
    void modeFromEnvironmentAndConsole() {
        assertThat(ConsoleProgress.chooseMode(null, true)).isEqualTo(ConsoleProgress.Mode.BAR);
        assertThat(ConsoleProgress.chooseMode("", false)).isEqualTo(ConsoleProgress.Mode.PLAIN);
        assertThat(ConsoleProgress.chooseMode("plain", true)).isEqualTo(ConsoleProgress.Mode.PLAIN);
        assertThat(ConsoleProgress.chooseMode("BAR", false)).isEqualTo(ConsoleProgress.Mode.BAR);
        assertThat(ConsoleProgress.chooseMode("none", true)).isEqualTo(ConsoleProgress.Mode.NONE);
        assertThatThrownBy(() -> ConsoleProgress.chooseMode("fancy", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fancy").hasMessageContaining("PERMASAR_PROGRESS");
        try (ConsoleProgress silent = ConsoleProgress.of(ConsoleProgress.Mode.NONE)) {
            silent.start("x", 10, "pixels");
            silent.step(10);
        }
    }

    @Test
    void barModeRunsWithoutAConsole() {
        try (ConsoleProgress bar = ConsoleProgress.of(ConsoleProgress.Mode.BAR)) {
            bar.start("bar", 100, "pixels");
            bar.step(50);
            bar.step(50);
        }
    }
}

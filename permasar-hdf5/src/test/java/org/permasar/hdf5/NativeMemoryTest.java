package org.permasar.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HDF5 sink's native memory stays bounded: a compressed cube several times the heap is written
 * band by band in a child JVM with {@code -Xmx256m}, which samples its own resident size after every
 * band; the peak must stay below the heap plus a generous native allowance. Asserts nothing about
 * time. Skips where {@code /proc} is absent.
 *
 * <p>The cube has 564 layers (the simulator's pairs at 1000 × 1000 px) and 233 columns, so each band
 * of 8 rows is one full 564 × 8 × 232 chunk plus a one-column edge chunk. Written with {@code H5Dwrite}
 * through libhdf5's chunk cache, each edge chunk left about one chunk (4.2 MB) of native memory behind:
 * the resident size grew by ~0.5 MiB per row (peak 782 MiB for this test, 889 MiB at 1600 rows),
 * whatever {@code H5garbage_collect}, {@code H5set_free_list_limits} or {@code MALLOC_MMAP_THRESHOLD_}
 * did, and not at all with 928 columns (no edge chunk). Whole-chunk windows now go through {@code H5Dwrite_chunk}; the peak stays
 * near 190 MiB. The size can be changed for a measurement:
 * {@code -Dpermasar.rssProbe="LAYERS ROWS COLS BANDROWS DEFLATE"}.
 */
class NativeMemoryTest {
    /** Native allowance above the heap, MiB: the JVM itself (~150), libhdf5, one chunk of staging; the leak gave ~600. */
    static final long NATIVE_ALLOWANCE_MIB = 384;

    @TempDir
    Path tmp;

    @Test
    void residentSizeStaysBoundedWhileWritingMuchMoreThanTheHeap() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc/self/status");
        String size = System.getProperty("permasar.rssProbe", "564 1200 233 8 1");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), NativeMemoryProbeMain.class.getName(),
                tmp.resolve("probe.h5").toString()));
        cmd.addAll(List.of(size.trim().split("\\s+")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("peakRssMiB (\\d+) heapMiB (\\d+) rawMiB (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        System.out.println(out.substring(m.start()));
        long peak = Long.parseLong(m.group(1)), heap = Long.parseLong(m.group(2)), raw = Long.parseLong(m.group(3));
        assertThat(raw).as("the probe writes more than the heap").isGreaterThan(heap);
        assertThat(peak).as("peak resident MiB with a %d MiB heap:%n%s", heap, out).isLessThan(heap + NATIVE_ALLOWANCE_MIB);
    }
}

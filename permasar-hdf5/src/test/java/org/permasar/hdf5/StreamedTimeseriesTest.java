package org.permasar.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timeseries.h5 several times larger than the whole heap is streamed through the HDF5 sink in a
 * child JVM with {@code -Xmx64m}: 150 dates × 600 × 600 float32 = 216 MB, written 16 rows at a
 * time (5.8 MB blocks), read back exactly by jHDF.
 */
class StreamedTimeseriesTest {
    @TempDir
    Path tmp;

    @Test
    void cubeMuchLargerThanTheHeapIsStreamed() throws Exception {
        Path file = tmp.resolve("timeseries.h5");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), StreamedTimeseriesMain.class.getName(),
                file.toString(), "600", "600", "150", "16", "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("cube 216000000 heap").contains("maxError 0.0");
        assertThat(file).exists();
    }
}

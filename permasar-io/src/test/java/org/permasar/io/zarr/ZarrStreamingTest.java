package org.permasar.io.zarr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-core behaviour, each run in a separate JVM: a cube larger than the child's whole heap
 * is written block by block and read back exactly; and a run killed with {@code Runtime.halt}
 * mid-way is resumed by a second run that writes only the missing chunks.
 */
class ZarrStreamingTest {

    @TempDir
    Path tmp;

    private record Child(int exit, String out) {
    }

    private static Child runChild(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), ZarrStreamingMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        return new Child(p.exitValue(), out);
    }

    private static long value(String out, String key) {
        for (String line : out.split("\n")) {
            String[] w = line.trim().split(" ");
            for (int i = 0; i + 1 < w.length; i++) {
                if (w[i].equals(key)) {
                    return Long.parseLong(w[i + 1]);
                }
            }
        }
        throw new AssertionError("no '" + key + "' in child output:\n" + out);
    }

    @Test
    void cubeLargerThanTheHeapIsWrittenAndReadBlockByBlock() throws Exception {
        Path dir = tmp.resolve("big.zarr");
        // 3 × 2000 × 2500 float32 = 60 MB through a 32 MiB heap, 1 MiB blocks
        Child c = runChild("-Xmx32m", dir.toString(), "2000", "2500", "3", Long.toString(1L << 20), "-1");
        assertThat(c.exit()).as(c.out()).isZero();
        assertThat(value(c.out(), "cube")).isGreaterThan(value(c.out(), "heap"));
        assertThat(c.out()).contains("maxError 0.0");
        assertThat(dir.resolve(".zgroup")).exists();
    }

    @Test
    void crashedRunIsResumedWritingOnlyMissingChunks() throws Exception {
        Path dir = tmp.resolve("resume.zarr");
        String[] args = {dir.toString(), "300", "200", "3", "16384", "20"};
        Child crashed = runChild("-Xmx64m", args);
        assertThat(crashed.exit()).as(crashed.out()).isEqualTo(3);
        Path partial = tmp.resolve("resume.zarr" + ZarrCubeWriter.PARTIAL_SUFFIX);
        assertThat(dir).doesNotExist();
        Map<String, FileTime> before = new HashMap<>();
        try (var s = Files.list(partial.resolve("timeseries"))) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (!f.getFileName().toString().startsWith(".")) {
                    before.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
                }
            }
        }
        assertThat(before).hasSize(20);
        // what a kill during a chunk write leaves behind
        Files.write(partial.resolve("timeseries/20.0.0.tmp-99"), new byte[] {42});
        Thread.sleep(20);

        args[5] = "-1";
        Child resumed = runChild("-Xmx64m", args);
        assertThat(resumed.exit()).as(resumed.out()).isZero();
        assertThat(resumed.out()).contains("pending 30 of 50").contains("written 30").contains("maxError 0.0");
        assertThat(partial).doesNotExist();
        for (Map.Entry<String, FileTime> e : before.entrySet()) {
            assertThat(Files.getLastModifiedTime(dir.resolve("timeseries").resolve(e.getKey())))
                    .as("chunk %s from the first run is not rewritten", e.getKey()).isEqualTo(e.getValue());
        }
        try (var s = Files.list(dir.resolve("timeseries"))) {
            assertThat(s.filter(f -> f.getFileName().toString().contains(".tmp-")).count()).isZero();
        }
    }
}

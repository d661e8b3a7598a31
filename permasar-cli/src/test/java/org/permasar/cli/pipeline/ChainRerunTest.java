package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@link Chain} skips a step whose input is unchanged and reruns it when the input was rewritten. */
class ChainRerunTest {
    @TempDir
    Path dir;

    private int runs;

    /** Runs a one-step chain (input → output) and returns what it did: "ran" or "skipped". */
    private String runOnce(Path in, Path out) throws Exception {
        Chain c = new Chain(dir.resolve("work")).step("copy", Map.of("k", "v"), List.of(in), List.of(out), () -> {
            runs++;
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });
        c.run(Set.of());
        return c.ran().contains("copy") ? "ran" : "skipped";
    }

    @Test
    void inputRewrittenInPlaceWithItsOldMtimeRestoredIsRecomputed() throws Exception {
        Path in = Files.writeString(dir.resolve("gnss.csv"), "time,lon,lat,ver,group\n2020-01-01,0,0,1,A\n");
        Path out = dir.resolve("copy.csv");
        assertThat(runOnce(in, out)).isEqualTo("ran");
        assertThat(runOnce(in, out)).as("unchanged").isEqualTo("skipped");
        FileTime mtime = Files.getLastModifiedTime(in);
        Files.writeString(in, "time,lon,lat,ver,group\n2020-01-01,0,0,2,A\n", StandardCharsets.UTF_8); // same size
        Files.setLastModifiedTime(in, mtime); // touch -r
        assertThat(runOnce(in, out)).as("rewritten, mtime restored").isEqualTo("ran");
        assertThat(Files.readString(out)).contains(",2,A");
        assertThat(runOnce(in, out)).isEqualTo("skipped");
        assertThat(runs).isEqualTo(2);
    }
}

package org.permasar.io.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLedgerTest {
    @TempDir
    Path dir;

    @Test
    void skipsOnlyWhenSettingsInputsAndOutputsAreUnchanged() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "a");
        Path out = dir.resolve("out.txt");
        StepLedger l = new StepLedger(dir);
        String fp = StepLedger.fingerprint(Map.of("method", "wls"), List.of(in));
        assertThat(l.isDone("invert", fp, List.of(out))).isFalse();
        Files.writeString(out, "x");
        l.markDone("invert", fp);
        assertThat(l.isDone("invert", fp, List.of(out))).isTrue();
        // other settings → rerun
        assertThat(l.isDone("invert", StepLedger.fingerprint(Map.of("method", "l1"), List.of(in)), List.of(out))).isFalse();
        // changed input → rerun
        Files.writeString(in, "ab");
        Files.setLastModifiedTime(in, FileTime.fromMillis(1_000_000));
        assertThat(l.isDone("invert", StepLedger.fingerprint(Map.of("method", "wls"), List.of(in)), List.of(out))).isFalse();
        // lost output → rerun
        Files.delete(out);
        assertThat(l.isDone("invert", fp, List.of(out))).isFalse();
    }
}

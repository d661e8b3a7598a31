package org.permasar.io.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.stack.InvalidInputException;

class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void secondLockNamesTheHolderAndTheFolderIsFreeAfterClose() throws Exception {
        Path out = dir.resolve("out");
        try (OutputLock held = OutputLock.acquire(out)) {
            assertThat(Files.readString(out.resolve(OutputLock.FILE))).contains("pid=" + ProcessHandle.current().pid())
                    .contains("host=").contains("started=");
            assertThatThrownBy(() -> OutputLock.acquire(out)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("in use by another permasar run (pid " + ProcessHandle.current().pid() + " on ")
                    .hasMessageNotContaining("\n");
        }
        try (OutputLock again = OutputLock.acquire(out)) {
            assertThat(out.resolve(OutputLock.FILE)).exists();
        }
    }
}

package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.stack.InvalidInputException;

/** {@link PipelineSteps#run}: a command run by the chain hands back its own exception, so its tier is kept. */
class NestedCommandTest {
    @TempDir
    Path dir;

    @Test
    void badInputComesBackAsTheCommandsException() {
        Path missing = dir.resolve("missing.h5");
        assertThatThrownBy(() -> PipelineSteps.run("fit", missing.toString(), "--model", "trend+annual", "--out",
                dir.resolve("o").toString())).isInstanceOf(InvalidInputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void badArgumentsComeBackAsIllegalArgumentException() {
        assertThatThrownBy(() -> PipelineSteps.run("fit", "ts.h5", "--model", "trend+annual", "--out", "o", "--bogus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> PipelineSteps.run("fit", "ts.h5", "--model", "cubic", "--out", dir.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model must be");
    }
}

package org.permasar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The children of {@code bench} run in their own folders, so the class path they get names every entry absolutely:
 * {@code java -jar permasar.jar bench commands …} started from another folder (a relative jar) failed with "Could not
 * find or load main class" before.
 */
class PermasarLauncherTest {

    @Test
    void relativeClassPathEntriesBecomeAbsolute() {
        Path here = Path.of("").toAbsolutePath();
        String abs = here.resolve("lib").resolve("x.jar").toString();
        String cp = String.join(File.pathSeparator, "permasar.jar", abs, "", "sub/../classes");
        String[] out = PermasarLauncher.absoluteClassPath(cp).split(File.pathSeparator, -1);
        assertThat(out).containsExactly(here.resolve("permasar.jar").toString(), abs, here.toString(),
                here.resolve("classes").toString());
    }
}

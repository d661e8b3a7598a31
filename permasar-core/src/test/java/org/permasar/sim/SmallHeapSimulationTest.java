package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No whole-scene cube is ever allocated: a 200 × 200 px scene with the demo's calendar (its
 * daily LST alone would be 2922 days × 40 000 px × 4 B = 468 MB, each track's stack
 * 564 × 40 000 × 4 B × 3 = 271 MB) streams through a child JVM of 128 MiB heap. (300 × 300 px
 * passes too, in about twice the time.)
 */
class SmallHeapSimulationTest {

    @Test
    void streamsA200x200SceneIn128MiB() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), SmallHeapSimulationMain.class.getName(), "200", "200"))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished; output:%n%s", out).isTrue();
        assertThat(p.exitValue()).as("child exit; output:%n%s", out).isZero();
        assertThat(out).contains("OK ");
    }
}

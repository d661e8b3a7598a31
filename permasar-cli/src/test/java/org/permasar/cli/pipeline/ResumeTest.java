package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resume after a hard kill: a demo run in a child JVM is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at the first progress line of the ascending SBAS inversion; the rerun skips the finished
 * steps and every output file is byte-for-byte the same as an uninterrupted run's.
 */
class ResumeTest {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeTest.class);

    @TempDir
    Path dir;

    @Test
    void killedRunResumesToTheSameBytesAsAnUninterruptedRun() throws Exception {
        Path killed = dir.resolve("killed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), "org.permasar.cli.PermasarCommand",
                "demo", "--small", "--out", killed.toString()).redirectErrorStream(true);
        Process p = pb.start();
        List<String> seen = new ArrayList<>();
        boolean killedDuringInversion = false;
        boolean started = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                started |= line.contains("step invert-asc: running");
                if (started && line.startsWith("invert: ") && line.contains("%")) { // progress line of the SBAS solve
                    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
                    killedDuringInversion = true;
                    break;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(killedDuringInversion).as("child output: %s", seen).isTrue();
        Path steps = killed.resolve(".permasar/steps");
        assertThat(steps.resolve("simulate.done")).exists();
        assertThat(steps.resolve("invert-asc.done")).as("killed before the inversion finished").doesNotExist();
        LOG.info("child killed at: {}", seen.get(seen.size() - 1));

        CliRunner.Result resumed = CliRunner.run("demo", "--small", "--out", killed.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("(skipped, up to date: simulate, truth-maps)");

        Path clean = dir.resolve("clean");
        CliRunner.Result ref = CliRunner.run("demo", "--small", "--out", clean.toString());
        assertThat(ref.code()).as(ref.err()).isZero();

        List<String> a = files(killed), b = files(clean);
        assertThat(a).as("same files (no partial leftovers)").isEqualTo(b).contains("report.html", "asc/timeseries.h5");
        for (String f : a) {
            assertThat(Files.readAllBytes(killed.resolve(f))).as(f).isEqualTo(Files.readAllBytes(clean.resolve(f)));
        }
    }

    /** Relative paths of every file except the ledger (which records absolute input paths and times). */
    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.startsWith(".permasar/")).sorted().toList();
        }
    }
}

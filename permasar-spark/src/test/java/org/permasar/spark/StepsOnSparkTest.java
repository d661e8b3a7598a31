package org.permasar.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.cli.SimulateCommand;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;

/**
 * {@code permasar invert} and {@code permasar fit} with {@code --engine spark} through the
 * launcher's command line: the real block jobs on a simulated stack give the MintPy files of
 * {@code --engine local}, byte for byte.
 */
class StepsOnSparkTest {

    @Test
    void invertAndFitOnSparkWriteTheLocalFiles(@TempDir Path dir) throws IOException {
        SimulateCommand.write(SceneSimulator.simulate(SceneSpec.tiny()), dir.resolve("sim"));
        String stack = dir.resolve("sim/asc/ifgramStack.h5").toString();
        // three threads: the local plan (and so the Spark partitions) has three bands
        int local = run("invert", stack, "--out", dir.resolve("local").toString(), "--threads", "3");
        int spark = run("invert", stack, "--out", dir.resolve("spark").toString(), "--threads", "3",
                "--engine", "spark", "--master", "local[2]");
        assertThat(local).isZero();
        assertThat(spark).isZero();
        List<String> h5 = h5Files(dir.resolve("local"));
        assertThat(h5).contains("timeseries.h5", "temporalCoherence.h5", "numInvIfgram.h5");
        assertThat(h5Files(dir.resolve("spark"))).isEqualTo(h5);
        for (String f : h5) {
            assertThat(Files.readAllBytes(dir.resolve("spark").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve(f)));
        }
        try (Stream<Path> s = Files.list(dir.resolve("spark"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("spark-blocks"));
        }

        String ts = dir.resolve("local/timeseries.h5").toString();
        assertThat(run("fit", ts, "--model", "trend+annual", "--out", dir.resolve("fit-local").toString(),
                "--threads", "3")).isZero();
        assertThat(run("fit", ts, "--model", "trend+annual", "--out", dir.resolve("fit-spark").toString(),
                "--threads", "3", "--engine", "spark", "--master", "local[2]")).isZero();
        List<String> fit = h5Files(dir.resolve("fit-local"));
        assertThat(fit).contains("velocity.h5");
        assertThat(h5Files(dir.resolve("fit-spark"))).isEqualTo(fit);
        for (String f : fit) {
            assertThat(Files.readAllBytes(dir.resolve("fit-spark").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("fit-local").resolve(f)));
        }
    }

    private static int run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            return PermasarCommand.run(args);
        } finally {
            System.setOut(out);
        }
    }

    private static List<String> h5Files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5")).sorted().toList();
        }
    }
}

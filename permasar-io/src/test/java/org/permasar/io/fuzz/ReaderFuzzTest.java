package org.permasar.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every reader with mutants of small valid inputs ({@link FuzzTargets}, {@link Mutator},
 * {@link ReaderFuzzer}). By default a short run with fixed seeds ({@value #SHORT_CASES} cases per
 * format, at most {@value #SHORT_SECONDS_PER_TARGET} s each) runs with the other tests. Longer runs:
 * <pre>
 *   mvn -o test -pl permasar-io -am -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dpermasar.fuzz.minutes=60 [-Dpermasar.fuzz.seed=N] [-Dpermasar.fuzz.targets=gamma,zarr]
 * </pre>
 * splits the minutes evenly between the formats, with a seed taken from the clock unless given.
 * Every run appends its seed and totals to {@code target/fuzz-report.txt}; every finding prints its
 * case seed and is saved under {@code target/fuzz-failures/}; {@code -Dpermasar.fuzz.replay=TARGET:SEED}
 * reruns one case.
 */
class ReaderFuzzTest {
    static final int SHORT_CASES = 400;
    static final int SHORT_SECONDS_PER_TARGET = 6;
    static final long SHORT_SEED = 20261207L;
    private static final Path TARGET_DIR = Path.of("target");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> readersRefuseDamagedInputsWithInvalidInputException() {
        String minutes = System.getProperty("permasar.fuzz.minutes");
        String only = System.getProperty("permasar.fuzz.targets", "");
        List<FuzzTarget> targets = FuzzTargets.all().stream()
                .filter(t -> only.isBlank() || List.of(only.split(",")).contains(t.name())).toList();
        boolean long_ = minutes != null && !minutes.isBlank();
        long seed = Long.getLong("permasar.fuzz.seed", long_ ? System.nanoTime() : SHORT_SEED);
        long perTargetNanos = long_ ? (long) (Double.parseDouble(minutes) * 60e9 / targets.size())
                : SHORT_SECONDS_PER_TARGET * 1_000_000_000L;
        long maxCases = long_ ? Long.MAX_VALUE : SHORT_CASES;
        System.out.println("reader fuzz: seed " + seed + (long_ ? ", " + minutes + " min" : ", short run") + ", "
                + targets.size() + " formats");
        return targets.stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> {
            Path work = Files.createDirectories(tmp.resolve(t.name()));
            ReaderFuzzer f = new ReaderFuzzer(t, work, TARGET_DIR.resolve("fuzz-failures"));
            ReaderFuzzer.Report r = f.run(seed, maxCases, System.nanoTime() + perTargetNanos);
            String line = Instant.now() + " seed " + seed + " " + r;
            System.out.println(line);
            for (ReaderFuzzer.Finding x : r.findings.values()) {
                System.out.println("FINDING " + x);
            }
            appendReport(line, r);
            assertThat(r.findings.values()).as("findings of %s (seed %d)", t.name(), seed).isEmpty();
        }));
    }

    /**
     * {@code -Dpermasar.fuzz.replay=TARGET:CASE_SEED[,TARGET:CASE_SEED…]} reruns cases, prints what they did
     * and saves each mutant under {@code target/fuzz-failures/} (to be kept as a fixture of
     * {@link FuzzFindingsTest} once fixed).
     */
    @Test
    void replay() throws Exception {
        String specs = System.getProperty("permasar.fuzz.replay");
        assumeTrue(specs != null && specs.contains(":"), "no -Dpermasar.fuzz.replay=TARGET:SEED");
        int findings = 0;
        for (String spec : specs.split(",")) {
            String name = spec.substring(0, spec.indexOf(':'));
            long caseSeed = Long.parseLong(spec.substring(spec.indexOf(':') + 1));
            FuzzTarget t = FuzzTargets.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            Path work = Files.createDirectories(tmp.resolve(name + "-" + caseSeed));
            ReaderFuzzer.Finding f = new ReaderFuzzer(t, work, TARGET_DIR.resolve("fuzz-failures")).replay(caseSeed);
            if (f != null) {
                System.out.println("FINDING " + f);
                findings++;
            }
        }
        assertThat(findings).as("findings among %s", specs).isZero();
    }

    private static synchronized void appendReport(String line, ReaderFuzzer.Report r) throws IOException {
        Files.createDirectories(TARGET_DIR);
        StringBuilder b = new StringBuilder(line).append('\n');
        for (ReaderFuzzer.Finding x : r.findings.values()) {
            b.append("  FINDING ").append(x.toString().lines().limit(4).reduce((a, c) -> a + "\n  " + c).orElse(""))
                    .append('\n');
        }
        Files.writeString(TARGET_DIR.resolve("fuzz-report.txt"), b, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

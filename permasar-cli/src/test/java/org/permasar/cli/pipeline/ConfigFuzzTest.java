package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.io.fuzz.FuzzTarget;
import org.permasar.io.fuzz.ReaderFuzzer;

/**
 * The reader fuzzer of permasar-io ({@code org.permasar.io.fuzz}) on configuration files: mutants
 * of a filled-in {@code permasar init} template must parse or be refused as
 * {@link PipelineConfig#parse} documents, with an {@link IllegalArgumentException} whose message is
 * one line. Short fixed-seed run by default; {@code -Dpermasar.fuzz.minutes=M} runs M minutes with
 * a clock seed (or {@code -Dpermasar.fuzz.seed}).
 */
class ConfigFuzzTest {
    @TempDir
    Path tmp;

    @Test
    void configurationMutantsParseOrAreRefusedOnOneLine() throws Exception {
        FuzzTarget t = new FuzzTarget("config", ConfigFuzzTest::seed, p -> PipelineConfig.parse(p, null), p -> true,
                e -> e instanceof IllegalArgumentException && FuzzTarget.oneLine(e.getMessage()));
        String minutes = System.getProperty("permasar.fuzz.minutes");
        boolean long_ = minutes != null && !minutes.isBlank();
        long seed = Long.getLong("permasar.fuzz.seed", long_ ? System.nanoTime() : 20261207L);
        long budget = long_ ? (long) (Double.parseDouble(minutes) * 60e9) : 6_000_000_000L;
        ReaderFuzzer.Report r = new ReaderFuzzer(t, Files.createDirectories(tmp.resolve("work")),
                Path.of("target", "fuzz-failures")).run(seed, long_ ? Long.MAX_VALUE : 400, System.nanoTime() + budget);
        System.out.println("config fuzz: seed " + seed + " " + r);
        r.findings.values().forEach(f -> System.out.println("FINDING " + f));
        assertThat(r.findings.values()).as("findings (seed %d)", seed).isEmpty();
    }

    private static Path seed(Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.h5"), "x");
        Files.writeString(dir.resolve("geom.h5"), "x");
        Path f = dir.resolve("permasar.cfg");
        Files.writeString(f, ConfigSchema.template(Map.of("input.asc.stack", dir.resolve("stack.h5").toString(),
                "output.dir", dir.resolve("out").toString())));
        return f;
    }
}

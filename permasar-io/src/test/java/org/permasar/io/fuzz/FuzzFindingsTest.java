package org.permasar.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every finding of {@link ReaderFuzzTest}, kept as a fixture after its fix:
 * {@code src/test/resources/org/permasar/io/fuzz/findings/TARGET/case-SEED/} holds the mutated
 * file(s) under {@code files/} (laid over the target's seed input) and the {@code README.txt} the
 * fuzzer wrote (mutations, what happened before the fix). Each must now be refused with an
 * {@link org.permasar.stack.InvalidInputException} (or read), within the time and memory guards.
 */
class FuzzFindingsTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> fixedFindingsStayFixed() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(FuzzFindingsTest.class.getResource("findings")).toURI());
        List<FuzzTarget> targets = FuzzTargets.all();
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().flatMap(FuzzFindingsTest::list).toList();
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getParent().getFileName() + "/" + c.getFileName(), () -> {
            String name = c.getParent().getFileName().toString();
            FuzzTarget t = targets.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            org.junit.jupiter.api.Assumptions.assumeTrue(t != null, name + ": sample data absent");
            Path work = Files.createDirectories(tmp.resolve(name + "-" + c.getFileName()));
            ReaderFuzzer.Outcome o = new ReaderFuzzer(t, work, tmp.resolve("failures")).rerun(c);
            assertThat(o.finding()).as("%s/%s: %s %s", name, c.getFileName(), o.key(), o.detail()).isFalse();
        }));
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

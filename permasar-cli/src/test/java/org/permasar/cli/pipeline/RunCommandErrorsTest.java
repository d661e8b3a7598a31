package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/** {@code permasar run} with a bad configuration: exit 2, one line on stderr, nothing written; {@code init} output is accepted. */
class RunCommandErrorsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void inputs() throws Exception {
        Files.writeString(dir.resolve("stack.h5"), "x");
    }

    private void badRun(String cfgText, String expected, String... extra) throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, cfgText);
        Path out = dir.resolve("out");
        String[] args = Stream.concat(Stream.of("run", cfg.toString(), "--out", out.toString()), Stream.of(extra))
                .toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("permasar run: ").contains(expected).doesNotContain("\n");
        assertThat(Files.exists(out)).as("nothing written").isFalse();
    }

    @Test
    void unknownKey() throws Exception {
        badRun("[input]\nasc.stack = stack.h5\n[fit]\nmodle = trend\n", "unknown key 'modle' in [fit]");
    }

    @Test
    void wrongType() throws Exception {
        badRun("[input]\nasc.stack = stack.h5\n[invert]\nmemoryMb = lots\n", "invert.memoryMb: expected a whole number in MiB");
    }

    @Test
    void missingInputFile() throws Exception {
        badRun("[input]\nasc.stack = stack.h5\nlst = lst_8day.tif\n", "input.lst: input " + dir.resolve("lst_8day.tif")
                + " does not exist");
    }

    @Test
    void unknownStep() throws Exception {
        badRun("[input]\nasc.stack = stack.h5\n", "unknown step 'invert' (this configuration has: invert-asc, fit-asc, "
                + "report)", "--steps", "invert");
    }

    @Test
    void outputUnderAFile() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        Path cfg = dir.resolve("c.cfg");
        Files.writeString(cfg, "[input]\nasc.stack = stack.h5\n[output]\ndir = f/out\n");
        CliRunner.Result r = CliRunner.run("run", cfg.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains("output.dir: output folder").contains("cannot be created").doesNotContain("\n");
    }

    @Test
    void readOnlyOutputFolder() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root ignores file permissions");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path cfg = dir.resolve("c.cfg");
        Files.writeString(cfg, "[input]\nasc.stack = stack.h5\n");
        CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", ro.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains("is not writable").doesNotContain("\n");
    }

    @Test
    void partialFilesOfDeadProcessesAreRemovedOthersKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path sub = Files.createDirectories(dir.resolve("o/asc"));
        Path dead = Files.writeString(sub.resolve(".velocity.h5.partial-" + gone.pid()), "x");
        Path mine = Files.writeString(sub.resolve(".timeseries.h5.partial-" + ProcessHandle.current().pid()), "x");
        Path normal = Files.writeString(sub.resolve("velocity.h5"), "x");
        assertThat(PipelineSteps.removeStalePartials(dir.resolve("o"))).isEqualTo(1);
        assertThat(dead).doesNotExist();
        assertThat(mine).exists();
        assertThat(normal).exists();
    }

    @Test
    void initWritesATemplateThatRunAcceptsOnceAnInputIsSet() throws Exception {
        Path cfg = dir.resolve("permasar.cfg");
        assertThat(CliRunner.run("init", cfg.toString()).code()).isZero();
        assertThat(CliRunner.run("init", cfg.toString()).code()).as("no silent overwrite").isEqualTo(2);
        String text = Files.readString(cfg).replace("asc.stack = \n", "asc.stack = stack.h5\n");
        Files.writeString(cfg, text);
        PipelineConfig c = PipelineConfig.parse(cfg, null);
        // no LST and no permafrost map: the alt step is not configured (an ALT would mean nothing)
        assertThat(PipelineSteps.names(c)).containsExactly("invert-asc", "fit-asc", "report");
        assertThat(Files.exists(c.outDir())).isFalse();
    }
}

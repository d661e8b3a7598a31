package org.permasar.io.zarr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code /usr/bin/python3} with zarr-python as an independent referee. */
final class PythonReferee {
    static final String PYTHON = "/usr/bin/python3";

    private PythonReferee() {
    }

    /** True when /usr/bin/python3 can import zarr and numpy. */
    static boolean available() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zarr, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code script} with {@code args}; asserts exit 0 and returns stdout+stderr. */
    static String run(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(p.exitValue()).as("python exit code, output:%n%s", out).isZero();
        return out;
    }
}

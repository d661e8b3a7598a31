package org.permasar.cli.invert;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Independent referees run as external processes: Debian's {@code /usr/bin/python3} with MintPy
 * 1.5.1 and h5py, and GDAL's {@code gdalinfo}. Tests that need one call {@code assume…} first and
 * are skipped when the tool is absent.
 */
final class ExternalTool {
    static final String PYTHON = "/usr/bin/python3";
    private static Boolean mintpy;

    private ExternalTool() {
    }

    /** Exit code and merged stdout + stderr of a finished process. */
    record Run(int code, String log) {
    }

    static Run run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException, InterruptedException {
        Path logFile = Files.createTempFile("permasar-referee", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " ran longer than " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(logFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(logFile);
        }
    }

    static Run run(Path dir, long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        return run(dir, timeoutSeconds, List.of(cmd));
    }

    static synchronized boolean hasMintPy() {
        if (mintpy == null) {
            try {
                mintpy = Files.isExecutable(Path.of(PYTHON))
                        && run(Path.of("."), 120, PYTHON, "-c", "import h5py, mintpy.ifgram_inversion").code() == 0;
            } catch (IOException | InterruptedException | IllegalStateException e) {
                mintpy = false;
            }
        }
        return mintpy;
    }

    static void assumeMintPy() {
        assumeTrue(hasMintPy(), "needs MintPy 1.5.1 and h5py under " + PYTHON);
    }

    static void assumeGdal() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdalinfo")), "needs GDAL's /usr/bin/gdalinfo");
    }

    /** Sets REF_Y/REF_X (string attributes, as MintPy's reference_point writes them) on an HDF5 file. */
    static void setReference(Path h5, int row, int col) throws IOException, InterruptedException {
        setAttributes(h5, "REF_Y", String.valueOf(row), "REF_X", String.valueOf(col));
    }

    /** Sets string attributes (name, value, name, value, …) on the root of an HDF5 file with h5py. */
    static void setAttributes(Path h5, String... nameValue) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", "import h5py, sys\nwith h5py.File(sys.argv[1], 'r+') as f:\n"
                + "    for k, v in zip(sys.argv[2::2], sys.argv[3::2]):\n        f.attrs[k] = v\n", h5.toString()));
        cmd.addAll(List.of(nameValue));
        Run r = run(h5.getParent(), 120, cmd);
        if (r.code() != 0) {
            throw new IllegalStateException("h5py could not set attributes on " + h5 + ": " + r.log());
        }
    }

    /**
     * MintPy's own {@code ifgram_inversion STACK -w WEIGHT} run in the stack's folder; returns
     * {timeseries, temporalCoherence, numInvIfgram} named with the given tag.
     */
    static Path[] mintpyInvert(Path stack, String weight, String tag, String... extra) throws IOException, InterruptedException {
        Path dir = stack.getParent();
        Path[] outs = {dir.resolve("timeseries_" + tag + ".h5"), dir.resolve("temporalCoherence_" + tag + ".h5"),
                dir.resolve("numInvIfgram_" + tag + ".h5")};
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-m", "mintpy.cli.ifgram_inversion", stack.toString(),
                "-w", weight, "-o", outs[0].toString(), outs[1].toString(), outs[2].toString()));
        cmd.addAll(List.of(extra));
        Run r = run(dir, 900, cmd);
        if (r.code() != 0) {
            throw new IllegalStateException("MintPy ifgram_inversion failed (" + r.code() + "): "
                    + r.log().substring(Math.max(0, r.log().length() - 3000)));
        }
        return outs;
    }
}

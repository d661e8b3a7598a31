package org.permasar.io.mintpy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/python3} with h5py (and MintPy 1.5.1) as an independent referee.
 * Tests that need it skip (JUnit assumptions) when it is absent.
 */
final class PythonReferee {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean h5py;
    private static Boolean mintpy;

    private PythonReferee() {
    }

    /** Result of one run. */
    record Run(int exitCode, String output) {
    }

    static synchronized void assumeH5py() {
        if (h5py == null) {
            h5py = Files.isExecutable(PYTHON) && quietly("import h5py, numpy");
        }
        assumeTrue(h5py, "/usr/bin/python3 with h5py and numpy is not installed: referee test skipped");
    }

    static synchronized void assumeMintPy() {
        assumeH5py();
        if (mintpy == null) {
            mintpy = quietly("import mintpy.cli.info, mintpy.cli.ifgram_inversion");
        }
        assumeTrue(mintpy, "MintPy (python3-mintpy) is not installed: referee test skipped");
    }

    private static boolean quietly(String code) {
        try {
            return run(Path.of("."), 120, "-c", code).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs python with {@code args} in {@code dir}; returns exit code and merged output. */
    static Run run(Path dir, int timeoutSeconds, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("MPLBACKEND", "Agg");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs a python snippet; fails the test (IOException) on a non-zero exit. */
    static String script(Path dir, String code, String... args) throws IOException {
        List<String> a = new ArrayList<>();
        a.add("-c");
        a.add(code);
        a.addAll(List.of(args));
        Run r = run(dir, 300, a.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IOException("python referee failed (exit " + r.exitCode() + "):\n" + r.output());
        }
        return r.output();
    }

    /**
     * h5py reads {@code dataset[..., r0:r0+rows, c0:c0+cols]} as little-endian float32 (the same
     * cast numpy applies to int16/bool) and the values are returned flat, layer-major.
     */
    static float[] h5pyWindow(Path file, String dataset, int r0, int c0, int rows, int cols, Path tmpDir)
            throws IOException {
        Path out = tmpDir.resolve(dataset + "-" + r0 + "-" + c0 + ".f32");
        script(tmpDir, String.join("\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "d = f[sys.argv[2]]",
                "r0, c0, h, w = (int(x) for x in sys.argv[3:7])",
                "a = d[..., r0:r0 + h, c0:c0 + w]",
                "np.ascontiguousarray(a, dtype='<f4').tofile(sys.argv[7])"),
                file.toAbsolutePath().toString(), dataset, "" + r0, "" + c0, "" + rows, "" + cols, out.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }
}

package org.permasar.pipeline.invert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The referee subprocess of the MintPy parity tests: run a command, read the raw arrays its script wrote. */
final class PythonReferee {

    private PythonReferee() {
    }

    /** Runs {@code cmd} in {@code dir} (output to {@code dir/referee.log}, 300 s at most); its exit code, −1 on timeout. */
    static int run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("referee.log").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** {@code n} little-endian float32 values of a raw file. */
    static float[] floats(Path f, int n) throws IOException {
        float[] a = new float[n];
        buffer(f).asFloatBuffer().get(a);
        return a;
    }

    /** {@code n} little-endian int16 values of a raw file. */
    static short[] shorts(Path f, int n) throws IOException {
        short[] a = new short[n];
        buffer(f).asShortBuffer().get(a);
        return a;
    }

    private static ByteBuffer buffer(Path f) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    }
}

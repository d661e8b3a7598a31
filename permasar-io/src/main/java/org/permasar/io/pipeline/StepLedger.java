package org.permasar.io.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.permasar.io.AtomicFiles;

/**
 * Run-or-skip bookkeeping for a chain of steps (MintPy's {@code run_or_skip}): after a step
 * finishes, its fingerprint (settings plus the size, time and name of every input) is stored in
 * {@code DIR/.permasar/steps/STEP.done}. A rerun skips the step when the fingerprint is the same
 * and all its outputs exist; a run killed part-way left no {@code .done} (outputs are written
 * atomically and recorded last), so the step runs again.
 *
 * <p>Thread-safe for distinct steps.
 */
public final class StepLedger {
    private final Path dir;

    public StepLedger(Path outputDir) {
        this.dir = outputDir.resolve(".permasar").resolve("steps");
    }

    /** Fingerprint of settings (sorted by key) and input files (name, size, modification time). */
    public static String fingerprint(Map<String, String> settings, List<Path> inputs) throws IOException {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        for (Path p : inputs) {
            b.append("input ").append(p.toAbsolutePath().normalize());
            if (Files.isRegularFile(p)) {
                b.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
            } else if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                        b.append(' ').append(p.relativize(f)).append(':').append(Files.size(f)).append(':')
                                .append(Files.getLastModifiedTime(f).toMillis());
                    }
                }
            } else {
                b.append(" missing");
            }
            b.append('\n');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code step} finished before with this fingerprint and all outputs still exist. */
    public boolean isDone(String step, String fingerprint, List<Path> outputs) throws IOException {
        Path f = dir.resolve(step + ".done");
        if (!Files.isRegularFile(f)) {
            return false;
        }
        String stored = Files.readString(f, StandardCharsets.UTF_8).strip();
        if (!stored.equals(fingerprint)) {
            return false;
        }
        for (Path o : outputs) {
            if (!Files.exists(o)) {
                return false;
            }
        }
        return true;
    }

    /** Records that {@code step} finished with this fingerprint (call after its outputs are in place). */
    public void markDone(String step, String fingerprint) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(step + ".done"),
                tmp -> Files.writeString(tmp, fingerprint + "\n", StandardCharsets.UTF_8));
    }

    /** Forgets a step (forces it to run next time). */
    public void invalidate(String step) throws IOException {
        Files.deleteIfExists(dir.resolve(step + ".done"));
    }
}

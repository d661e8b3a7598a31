package org.permasar.io.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.permasar.io.AtomicFiles;

/**
 * Run-or-skip bookkeeping for a chain of steps (MintPy's {@code run_or_skip}): after a step
 * finishes, its fingerprint (settings plus name, size, times, inode and a content sample of every
 * input, see {@link #fingerprint}) is stored in
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

    /**
     * Fingerprint of settings (sorted by key) and input files (for a folder: every file under it):
     * path, size, modification time, inode and change time where the file system has them
     * ({@code unix:ino}, {@code unix:ctime}), and a hash of a sample of the content
     * ({@link #contentSample}). The change time cannot be set back by {@code touch -r}, so a file
     * rewritten in place with its old modification time restored still changes the fingerprint; the
     * content sample covers file systems without change times (and copies, whose bytes are compared).
     * Renaming a file changes its change time: only an input that was replaced is seen as changed.
     */
    public static String fingerprint(Map<String, String> settings, List<Path> inputs) throws IOException {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        for (Path p : inputs) {
            b.append("input ").append(p.toAbsolutePath().normalize());
            if (Files.isRegularFile(p)) {
                b.append(' ');
                describe(p, b);
            } else if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                        b.append(' ').append(p.relativize(f)).append(':');
                        describe(f, b);
                    }
                }
            } else {
                b.append(" missing");
            }
            b.append('\n');
        }
        return HexFormat.of().formatHex(sha256().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** "size:mtime:ino:ctime:sample" of one file (ino and ctime "-" where the file system lacks them). */
    private static void describe(Path f, StringBuilder b) throws IOException {
        b.append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis()).append(':')
                .append(unixAttribute(f, "unix:ino")).append(':').append(unixAttribute(f, "unix:ctime")).append(':')
                .append(contentSample(f));
    }

    private static String unixAttribute(Path f, String name) throws IOException {
        try {
            Object v = Files.getAttribute(f, name);
            return v instanceof java.nio.file.attribute.FileTime t ? Long.toString(t.to(java.util.concurrent.TimeUnit.NANOSECONDS))
                    : String.valueOf(v);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return "-"; // no "unix" view (e.g. Windows): the content sample still sees changes
        }
    }

    /** Bytes read from each end of a file by {@link #contentSample}. */
    static final int END_BYTES = 64 << 10;
    /** Size of each piece read between the ends. */
    static final int PIECE_BYTES = 4 << 10;
    /** Number of pieces read between the ends, at fixed fractions k/(PIECES+1) of the file. */
    static final int PIECES = 8;

    /**
     * SHA-256 (hex) of the file size, the first and last 64 KiB and {@value #PIECES} pieces of 4 KiB at
     * fixed fractions of the size; a file up to 2 × 64 KiB + {@value #PIECES} × 4 KiB is hashed whole.
     * At most 160 KiB are read, so the cost does not grow with the file. A change outside the sampled
     * bytes is not seen here (the size, times and inode usually see it).
     */
    public static String contentSample(Path f) throws IOException {
        MessageDigest md = sha256();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            md.update(ByteBuffer.allocate(Long.BYTES).putLong(0, size));
            ByteBuffer buf = ByteBuffer.allocate(END_BYTES);
            if (size <= 2L * END_BYTES + (long) PIECES * PIECE_BYTES) {
                for (long pos = 0; pos < size; pos += END_BYTES) {
                    digest(ch, md, buf, pos, (int) Math.min(END_BYTES, size - pos));
                }
            } else {
                digest(ch, md, buf, 0, END_BYTES);
                for (int k = 1; k <= PIECES; k++) {
                    digest(ch, md, buf, size * k / (PIECES + 1), PIECE_BYTES);
                }
                digest(ch, md, buf, size - END_BYTES, END_BYTES);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void digest(FileChannel ch, MessageDigest md, ByteBuffer buf, long pos, int len) throws IOException {
        buf.clear().limit(len);
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                break; // file shrank while reading: the size differs anyway
            }
            p += n;
        }
        buf.flip();
        md.update(buf);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
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

package org.permasar.io.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.permasar.stack.InvalidInputException;

/**
 * Exclusive use of an output folder by one run: an OS file lock ({@link FileChannel#tryLock()})
 * on {@code DIR/.permasar/lock}, which holds the holder's process id, host and start time so a
 * second run can say who has the folder. The OS drops the lock when the holder exits, even when it
 * is killed, so a stale lock file never blocks a later run; the file itself is kept (deleting it
 * would let two runs lock two different files of the same name).
 *
 * <p>Within one JVM a folder is locked at most once; a second attempt fails like one from another
 * process. Not thread-safe: acquire and close from one thread.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file under an output folder. */
    public static final String FILE = ".permasar/lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code outputDir} (created when missing) for this process.
     *
     * @throws InvalidInputException naming the holder (pid, host, start time) when another run has the folder
     */
    public static OutputLock acquire(Path outputDir) throws IOException {
        Path file = outputDir.resolve(FILE);
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this JVM
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            String holder;
            try {
                holder = holder(ch);
            } finally {
                ch.close();
            }
            throw new InvalidInputException(outputDir.toAbsolutePath().normalize(),
                    "output folder is in use by another permasar run (" + holder + ", lock " + file
                            + "): wait for it to finish or choose another output folder");
        }
        byte[] me = ("pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\nstarted="
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me), 0);
        ch.force(false);
        return new OutputLock(ch, l);
    }

    /** "pid 123 on host, started 2024-…" from the lock file's content ("unknown holder" when empty). */
    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        long pos = 0;
        while (b.hasRemaining() && ch.read(b, pos) > 0) {
            pos = b.position();
        }
        String pid = "?", host = "?", started = "?";
        for (String line : new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String k = line.substring(0, eq), v = line.substring(eq + 1).strip();
                switch (k) {
                    case "pid" -> pid = v;
                    case "host" -> host = v;
                    case "started" -> started = v;
                    default -> { }
                }
            }
        }
        return pid.equals("?") ? "holder unknown" : "pid " + pid + " on " + host + ", started " + started;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null || h.isBlank() ? "unknown host" : h;
        }
    }

    /** Releases the lock (the file stays). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

package org.permasar.io.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLedgerTest {
    @TempDir
    Path dir;

    @Test
    void skipsOnlyWhenSettingsInputsAndOutputsAreUnchanged() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "a");
        Path out = dir.resolve("out.txt");
        StepLedger l = new StepLedger(dir);
        String fp = StepLedger.fingerprint(Map.of("method", "wls"), List.of(in));
        assertThat(l.isDone("invert", fp, List.of(out))).isFalse();
        Files.writeString(out, "x");
        l.markDone("invert", fp);
        assertThat(l.isDone("invert", fp, List.of(out))).isTrue();
        // other settings → rerun
        assertThat(l.isDone("invert", StepLedger.fingerprint(Map.of("method", "l1"), List.of(in)), List.of(out))).isFalse();
        // changed input → rerun
        Files.writeString(in, "ab");
        Files.setLastModifiedTime(in, FileTime.fromMillis(1_000_000));
        assertThat(l.isDone("invert", StepLedger.fingerprint(Map.of("method", "wls"), List.of(in)), List.of(out))).isFalse();
        // lost output → rerun
        Files.delete(out);
        assertThat(l.isDone("invert", fp, List.of(out))).isFalse();
    }

    /** Overwrites {@code len} bytes at {@code offset} in place (same inode, same size) and restores the old mtime. */
    private static void rewriteInPlace(Path f, long offset, int len) throws Exception {
        FileTime mtime = Files.getLastModifiedTime(f);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining()) {
                b.put((byte) 0x5a);
            }
            ch.write(b.flip(), offset);
        }
        Files.setLastModifiedTime(f, mtime); // what `touch -r` does
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(mtime);
    }

    private Path bigFile() throws Exception {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return Files.write(dir.resolve("stack.h5"), data);
    }

    @Test
    void rewriteInPlaceWithRestoredMtimeIsSeen() throws Exception {
        Path in = bigFile();
        Map<String, String> s = Map.of("method", "wls");
        String before = StepLedger.fingerprint(s, List.of(in));
        assertThat(StepLedger.fingerprint(s, List.of(in))).as("reading changes nothing").isEqualTo(before);
        // a byte outside every sampled piece: only the change time (unix:ctime) can see it
        rewriteInPlace(in, 200_000, 1);
        assertThat(StepLedger.fingerprint(s, List.of(in))).isNotEqualTo(before);
    }

    @Test
    void rewriteInsideAFolderInputIsSeen() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("asc"));
        Path f = Files.write(folder.resolve("velocity.h5"), new byte[5000]);
        String before = StepLedger.fingerprint(Map.of(), List.of(folder));
        rewriteInPlace(f, 10, 4);
        assertThat(StepLedger.fingerprint(Map.of(), List.of(folder))).isNotEqualTo(before);
    }

    @Test
    void contentSampleSeesTheEndsAndThePiecesAndIgnoresCopies() throws Exception {
        Path in = bigFile();
        String sample = StepLedger.contentSample(in);
        Path copy = Files.copy(in, dir.resolve("copy.h5"));
        assertThat(StepLedger.contentSample(copy)).as("a copy has the same sample").isEqualTo(sample);
        long size = Files.size(in);
        // first 64 KiB, a piece at 3/9 of the size, the last 64 KiB: each changes the sample
        for (long offset : new long[] {10, size * 3 / (StepLedger.PIECES + 1) + 100, size - 10}) {
            Path f = Files.copy(in, dir.resolve("edit-" + offset + ".h5"));
            rewriteInPlace(f, offset, 1);
            assertThat(StepLedger.contentSample(f)).as("byte at %d", offset).isNotEqualTo(sample);
        }
        // an appended byte changes the size, which is hashed too
        Path longer = Files.copy(in, dir.resolve("longer.h5"));
        Files.write(longer, new byte[] {0}, StandardOpenOption.APPEND);
        assertThat(StepLedger.contentSample(longer)).isNotEqualTo(sample);
        // small files are hashed whole
        Path small = Files.writeString(dir.resolve("small.csv"), "id,lon,lat,alt\n");
        String s0 = StepLedger.contentSample(small);
        rewriteInPlace(small, 3, 1);
        assertThat(StepLedger.contentSample(small)).isNotEqualTo(s0);
    }
}

package org.permasar.io.mintpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormats;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;

/**
 * A stack cut short by a few bytes is refused, never misread: jHDF alone reads the missing tail as
 * whatever its buffers held (issue 12: B⊥ 17.63 m instead of 61.71 m with 5 bytes missing).
 */
class Hdf5BoundsTest {
    @TempDir
    Path tmp;

    /** A small MintPy stack written by our writer (superblock v2, contiguous datasets, bperp last). */
    private Path stack() throws IOException {
        GridGeometry g = GridGeometry.geocoded(4, 5, new GeoTransform(100, 0.01, 0, 30, 0, -0.01), 4326, Double.NaN);
        java.time.LocalDate d0 = java.time.LocalDate.of(2020, 1, 1);
        Network net = new Network(java.util.List.of(new Pair(d0, d0.plusDays(12)), new Pair(d0, d0.plusDays(24)),
                new Pair(d0.plusDays(12), d0.plusDays(24))), new double[] {17.5, 61.71, 44.21});
        float[] phase = new float[3 * 20];
        Arrays.fill(phase, 1f);
        Path f = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(f, g, net, null, phase, null, null, Map.of("WAVELENGTH", "0.0555"));
        return f;
    }

    private Path cut(Path f, int bytes) throws IOException {
        Path c = tmp.resolve("cut" + bytes + ".h5");
        Files.copy(f, c);
        try (FileChannel ch = FileChannel.open(c, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(f) - bytes);
        }
        return c;
    }

    @Test
    void theWholeFileOpensAndReadsItsBaselines() throws IOException {
        Path f = stack();
        try (HdfFile h = Hdf5Bounds.open(f)) {
            assertThat(h.getChildren()).containsKey("bperp");
        }
        try (MintPyIfgramStack s = MintPyIfgramStack.open(f)) {
            assertThat(s.network().bperp(2)).isEqualTo(44.21, org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    @Test
    void aFileMissingItsLastBytesIsRefusedByItsSuperblock() throws IOException {
        Path f = stack();
        for (int n : new int[] {1, 5, 25, 100}) {
            Path c = cut(f, n);
            assertThatThrownBy(() -> Hdf5Bounds.open(c)).as("%d bytes cut", n).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(c.toString()).hasMessageContaining("truncated file")
                    .hasMessageContaining("(" + n + " bytes missing)");
            assertThatThrownBy(() -> RasterFormats.openStack(c)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("truncated file");
        }
    }

    /**
     * The superblock rewritten to claim the shorter length (checksum redone): the datasets' own
     * addresses still show that data is missing (the writer's last 32 bytes are a text trailer, so
     * 40 bytes reach into the data of {@code bperp}, written last).
     */
    @Test
    void aDatasetBeyondTheEndIsRefusedEvenWhenTheSuperblockAgrees() throws IOException {
        Path c = cut(stack(), 40);
        long size = Files.size(c);
        try (FileChannel ch = FileChannel.open(c, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer sb = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(sb, 0);
            assertThat(sb.get(8)).as("superblock version").isEqualTo((byte) 2);
            sb.putLong(28, size);   // end-of-file address (v2: signature 8, 4 bytes, base 8, extension 8)
            sb.putInt(44, ChecksumUtils.checksum(Arrays.copyOf(sb.array(), 44)));
            sb.rewind();
            ch.write(sb, 0);
        }
        assertThatThrownBy(() -> Hdf5Bounds.open(c)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(c.toString()).hasMessageContaining("ends beyond the end of the file");
    }

    @Test
    void theEtnaStackWrittenByH5pyPasses() throws IOException {
        try (HdfFile h = Hdf5Bounds.open(MintPyEtnaReadTest.STACK)) {
            assertThat(h.getChildren()).containsKey("unwrapPhase");
        }
    }

    /**
     * A chunk index pointing past the end of the file (the Etna stack, written by h5py, with the address
     * of unwrapPhase's first chunk, 4536, rewritten in its v1 B-tree to 10 MB): refused before any read.
     */
    @Test
    void aChunkBeyondTheEndIsRefused() throws IOException {
        Path c = tmp.resolve("etna-bad-chunk.h5");
        byte[] b = Files.readAllBytes(MintPyEtnaReadTest.STACK);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.getLong(1464)).as("B-tree record of the first unwrapPhase chunk").isEqualTo(4536);
        bb.putLong(1464, 10_000_000L);
        Files.write(c, b);
        assertThatThrownBy(() -> Hdf5Bounds.open(c)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(c + " [/unwrapPhase]: truncated or damaged file: chunk at offset [0, 0, 0] at byte "
                        + "10000000");
    }

    @Test
    void notAFileAtAll() {
        assertThatThrownBy(() -> Hdf5Bounds.open(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a regular file");
    }
}

package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffWriter.SampleType;

/**
 * The acceptance run's failure, reproduced small: a ≈ 420 MB, 150-band, 1000 × 1000 px float32 deflate
 * GeoTIFF (one row per strip, as {@link GeoTiffStripWriter} writes it) opened in a forked JVM with
 * {@code -Xmx128m}, and a window of every band read and checked against the pattern. The same open
 * through mil.nga's {@code TiffReader.readTiff} (the reader before the streaming directory parser) dies
 * with OutOfMemoryError in that heap, which shows the test can fail. To stay within seconds the file
 * repeats {@value #DISTINCT} distinct compressed rows: row r holds pattern row r mod {@value #DISTINCT}.
 */
class GeoTiffLargeFileMemoryTest {
    private static final int ROWS = 1000, COLS = 1000, BANDS = 150, DISTINCT = 7;
    private static final String HEAP = "-Xmx128m";

    @TempDir
    Path tmp;

    /** Pixel-interleaved row {@code r} of the pattern, as float32 little-endian bytes. */
    private static byte[] row(int r) {
        ByteBuffer b = ByteBuffer.allocate(COLS * BANDS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < COLS; c++) {
            for (int band = 0; band < BANDS; band++) {
                b.putFloat(GeoTiffSizeSweepTest.pattern(SampleType.FLOAT32, band, r % DISTINCT, c));
            }
        }
        return b.array();
    }

    /** Writes the file: header, directory with its values, then the strips. */
    private static void write(Path f) throws IOException {
        byte[][] packed = new byte[DISTINCT][];
        Deflater d = new Deflater(1);
        for (int k = 0; k < DISTINCT; k++) {
            byte[] raw = row(k);
            byte[] out = new byte[raw.length + raw.length / 100 + 64];
            d.reset();
            d.setInput(raw);
            d.finish();
            int n = d.deflate(out);
            packed[k] = Arrays.copyOf(out, n);
        }
        d.end();
        TiffDirectory dir = new TiffDirectory();
        dir.longs(TiffLayout.IMAGE_WIDTH, COLS);
        dir.longs(TiffLayout.IMAGE_LENGTH, ROWS);
        dir.shorts(TiffLayout.BITS_PER_SAMPLE, Collections.nCopies(BANDS, 32));
        dir.shorts(TiffLayout.COMPRESSION, List.of(8));
        dir.shorts(262, List.of(1)); // PhotometricInterpretation: min-is-black
        dir.shorts(TiffLayout.SAMPLES_PER_PIXEL, List.of(BANDS));
        dir.longs(TiffLayout.ROWS_PER_STRIP, 1);
        dir.shorts(TiffLayout.PLANAR_CONFIGURATION, List.of(1));
        dir.shorts(TiffLayout.SAMPLE_FORMAT, Collections.nCopies(BANDS, 3));
        dir.ascii(TiffLayout.GDAL_NODATA, "nan");
        long[] offsets = new long[ROWS], counts = new long[ROWS];
        dir.longs(TiffLayout.STRIP_OFFSETS, offsets);
        dir.longs(TiffLayout.STRIP_BYTE_COUNTS, counts);
        long p = 8 + dir.size(false);
        for (int r = 0; r < ROWS; r++) {
            offsets[r] = p;
            counts[r] = packed[r % DISTINCT].length;
            p += counts[r];
        }
        dir.longs(TiffLayout.STRIP_OFFSETS, offsets);
        dir.longs(TiffLayout.STRIP_BYTE_COUNTS, counts);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            h.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).flip();
            ch.write(h);
            ch.write(ByteBuffer.wrap(dir.encode(8, false)));
            for (int r = 0; r < ROWS; r++) {
                ch.write(ByteBuffer.wrap(packed[r % DISTINCT]));
            }
        }
    }

    private record Run(int code, String out) {
    }

    private static Run fork(String mode, Path f) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode, f.toString()));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertThat(proc.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        return new Run(proc.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void largeMultiBandDeflateFileOpensAndReadsInA128MiBHeap() throws Exception {
        Path f = tmp.resolve("large.tif");
        long t0 = System.nanoTime();
        write(f);
        long size = Files.size(f);
        System.out.printf("large.tif: %d bytes written in %.1f s%n", size, (System.nanoTime() - t0) / 1e9);
        assertThat(size).as("file size").isBetween(300_000_000L, 600_000_000L);

        Run ours = fork("read", f);
        System.out.print("GeoTiffReader, " + HEAP + ": " + ours.out());
        assertThat(ours.code()).as(ours.out()).isZero();
        assertThat(ours.out()).contains("ok");

        Run nga = fork("nga", f);
        System.out.println("mil.nga readTiff, " + HEAP + ": exit " + nga.code() + ", "
                + (nga.out().contains("OutOfMemoryError") ? "OutOfMemoryError" : nga.out().strip()));
        assertThat(nga.code()).as("mil.nga reads the whole file: it cannot in this heap").isNotZero();
        assertThat(nga.out()).contains("OutOfMemoryError");
    }

    /** The forked JVM: {@code read FILE} opens with GeoTiffReader and checks a window; {@code nga FILE} uses mil.nga. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws Exception {
            Path f = Path.of(args[1]);
            long t0 = System.nanoTime();
            if (args[0].equals("nga")) {
                mil.nga.tiff.TiffReader.readTiff(f.toFile(), false);
                System.out.println("read by mil.nga");
                return;
            }
            try (GeoTiffReader r = GeoTiffReader.open(f)) {
                int[] bands = new int[BANDS];
                for (int b = 0; b < BANDS; b++) {
                    bands[b] = b;
                }
                Window w = new Window(495, 990, 9, 10);
                float[] v = new float[BANDS * w.size()];
                r.readBands(bands, w, v, 0, 1f);
                for (int b = 0; b < BANDS; b++) {
                    for (int i = 0; i < w.size(); i++) {
                        int row = w.row0() + i / w.cols(), col = w.col0() + i % w.cols();
                        float want = GeoTiffSizeSweepTest.pattern(SampleType.FLOAT32, b, row % DISTINCT, col);
                        if (Float.floatToIntBits(v[b * w.size() + i]) != Float.floatToIntBits(want)) {
                            System.out.println("band " + b + " row " + row + " col " + col + ": " + v[b * w.size() + i]
                                    + ", expected " + want);
                            System.exit(3);
                        }
                    }
                }
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("ok: open + %d-band window in %.2f s, peak heap %.1f MB%n", BANDS,
                    (System.nanoTime() - t0) / 1e9, peak / 1e6);
        }
    }
}

package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffStripWriter.Container;
import org.permasar.io.geotiff.GeoTiffStripWriter.Options;
import org.permasar.io.geotiff.GeoTiffWriter.SampleType;
import org.permasar.stack.InvalidInputException;

/**
 * Files of realistic sizes written by {@link GeoTiffStripWriter}, each read back whole by GDAL (the
 * field's own tool): gdalinfo for size, bands, EPSG, geotransform and nodata, and every band through
 * python3-gdal compared with the NaN count, min, max and sum of the deterministic pattern written.
 * Skips without gdalinfo / python3-gdal. {@link GeoTiffReader} reads back BigTIFF and truncated files are
 * refused. The &gt; 4 GiB BigTIFF case runs only with
 * {@code -Dpermasar.bigtests=true}.
 */
class GeoTiffSizeSweepTest {
    @TempDir
    Path tmp;

    /** Deterministic, poorly compressible value of band b, row r, column c (exact in float32). */
    static float pattern(SampleType type, int b, int r, int c) {
        int h = b * 73856093 ^ r * 19349663 ^ c * 83492791;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        return switch (type) {
            case FLOAT32 -> Integer.remainderUnsigned(h, 97) == 0 ? Float.NaN : ((h & 0xFFFF) - 32768) / 16f;
            case INT16 -> (h & 0xFFFF) - 32768;
            case UINT8 -> h & 0xFF;
        };
    }

    /** Writes the pattern through the streaming writer in blocks of {@code blockRows}; returns it. */
    private Path write(String name, int rows, int cols, int bands, Options o, int blockRows) throws Exception {
        GridGeometry g = grid(rows, cols, o.type());
        Path f = tmp.resolve(name);
        List<String> desc = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            desc.add("band " + (b + 1));
        }
        try (GeoTiffStripWriter w = GeoTiffStripWriter.open(f, g, bands, o, Map.of("FILE_TYPE", "sweep"), desc)) {
            for (int r0 = 0; r0 < rows; r0 += blockRows) {
                int n = Math.min(blockRows, rows - r0);
                float[] block = new float[bands * n * cols];
                for (int b = 0; b < bands; b++) {
                    for (int r = 0; r < n; r++) {
                        for (int c = 0; c < cols; c++) {
                            block[(b * n + r) * cols + c] = pattern(o.type(), b, r0 + r, c);
                        }
                    }
                }
                w.writeRows(block, 0, n);
            }
            assertThat(w.isBigTiff()).isEqualTo(o.container() == Container.BIGTIFF);
            w.commit();
        }
        return f;
    }

    private static GridGeometry grid(int rows, int cols, SampleType type) {
        double nodata = type == SampleType.FLOAT32 ? Double.NaN : type == SampleType.INT16 ? -9999 : 255;
        return GridGeometry.geocoded(rows, cols, GeoTransform.northUp(400000, 30, 7500000, -30), 32645, nodata);
    }

    /** gdalinfo and a full GDAL read of the listed bands (1-based) against the pattern. */
    private static void checkWithGdal(Path f, int rows, int cols, int bands, SampleType type, int... check) {
        assumeTrue(GdalReferee.gdalinfoAvailable(), "gdalinfo not installed");
        String json = GdalReferee.info(f);
        assertThat(GdalReferee.array(json, "size")).containsExactly(cols, rows);
        assertThat(json.split("\"band\":", -1)).hasSize(bands + 1);
        assertThat(GdalReferee.epsg(json)).isEqualTo(32645);
        assertThat(GdalReferee.array(json, "geoTransform"))
                .containsExactly(new double[] {400000, 30, 0, 7500000, 0, -30}, within(1e-9));
        String nd = switch (type) {
            case FLOAT32 -> "NaN";
            case INT16 -> "-9999.0";
            case UINT8 -> "255.0";
        };
        assertThat(GdalReferee.strings(json, "noDataValue")).hasSize(bands).containsOnly(nd);
        assumeTrue(GdalReferee.pythonGdalAvailable(), "python3-gdal not installed");
        double[][] got = GdalReferee.bandStats(f, check);
        for (int i = 0; i < check.length; i++) {
            int b = check[i] - 1;
            double nan = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    float v = pattern(type, b, r, c);
                    if (Float.isNaN(v)) {
                        nan++;
                    } else {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        sum += v;
                    }
                }
            }
            // sums of multiples of 1/16 below 2^40 are exact in float64 whatever the order
            assertThat(got[i]).as("band %d of %s: NaN count, min, max, sum", b + 1, f.getFileName())
                    .containsExactly(nan, min, max, sum);
        }
    }

    /** Bits with every NaN alike, so NaN equals NaN. */
    private static int bits(float v) {
        return Float.floatToIntBits(v);
    }

    private static int[] allBands(int bands) {
        int[] a = new int[bands];
        for (int b = 0; b < bands; b++) {
            a[b] = b + 1;
        }
        return a;
    }

    @Test
    void tinyFloat() throws Exception {
        Path f = write("tiny.tif", 20, 16, 1, Options.defaults(), 7);
        checkWithGdal(f, 20, 16, 1, SampleType.FLOAT32, 1);
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            float[] back = r.read(GeoTiffReader.BANDS, Window.of(r.grid()));
            for (int i = 0; i < back.length; i++) {
                assertThat(bits(back[i])).isEqualTo(bits(pattern(SampleType.FLOAT32, 0, i / 16, i % 16)));
            }
        }
    }

    @Test
    void oneBand500() throws Exception {
        Path f = write("one.tif", 500, 500, 1, Options.defaults(), 500);
        checkWithGdal(f, 500, 500, 1, SampleType.FLOAT32, 1);
    }

    /** The case: 150 dates, one 300 kB row per strip, compressed strips far above 65 535 bytes. */
    @Test
    void timeseries500x500x150() throws Exception {
        int rows = 500, cols = 500, bands = 150;
        Path f = write("ts.tif", rows, cols, bands, Options.defaults().withDeflateLevel(1), 16);
        assertThat(Files.size(f) / rows).as("mean strip bytes").isGreaterThan(65535);
        checkWithGdal(f, rows, cols, bands, SampleType.FLOAT32, allBands(bands));
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            Window w = new Window(123, 45, 3, 7);
            float[] got = new float[2 * w.size()];
            r.readBands(new int[] {149, 0}, w, got, 0, 1f);
            for (int i = 0; i < w.size(); i++) {
                int row = 123 + i / 7, col = 45 + i % 7;
                assertThat(bits(got[i])).isEqualTo(bits(pattern(SampleType.FLOAT32, 149, row, col)));
                assertThat(bits(got[w.size() + i])).isEqualTo(bits(pattern(SampleType.FLOAT32, 0, row, col)));
            }
        }
    }

    @Test
    void wide7000x300() throws Exception {
        Path f = write("wide.tif", 300, 7000, 1, Options.defaults().withDeflateLevel(1), 64);
        checkWithGdal(f, 300, 7000, 1, SampleType.FLOAT32, 1);
    }

    @Test
    void int16AndUint8() throws Exception {
        Path s = write("i16.tif", 500, 500, 3, Options.defaults().withType(SampleType.INT16), 100);
        checkWithGdal(s, 500, 500, 3, SampleType.INT16, 1, 2, 3);
        assertThat(GdalReferee.info(s)).contains("\"type\":\"Int16\"");
        Path u = write("u8.tif", 500, 500, 3, Options.defaults().withType(SampleType.UINT8), 100);
        checkWithGdal(u, 500, 500, 3, SampleType.UINT8, 1, 2, 3);
        assertThat(GdalReferee.info(u)).contains("\"type\":\"Byte\"");
    }

    /** Every value of every band read back by {@link GeoTiffReader}, bit for bit. */
    private static void checkWithReader(Path f, int rows, int cols, int bands, SampleType type) throws Exception {
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.bandCount()).isEqualTo(bands);
            assertThat(r.grid().epsg()).isEqualTo(32645);
            Window w = Window.of(r.grid());
            float[] back = new float[bands * w.size()];
            int[] all = new int[bands];
            for (int b = 0; b < bands; b++) {
                all[b] = b;
            }
            r.readBands(all, w, back, 0, 1f);
            double nodata = grid(rows, cols, type).nodata();
            for (int i = 0; i < back.length; i++) {
                int b = i / (rows * cols), row = i / cols % rows, col = i % cols;
                float want = pattern(type, b, row, col);
                if (want == nodata) {
                    want = Float.NaN;
                }
                if (bits(back[i]) != bits(want)) {
                    assertThat(back[i]).as("%s band %d row %d col %d", f.getFileName(), b, row, col).isEqualTo(want);
                }
            }
        }
    }

    /** A small BigTIFF forced through the options: GDAL and our reader read what was written. */
    @Test
    void forcedBigTiff() throws Exception {
        Path f = write("big.tif", 40, 30, 3, Options.defaults().withContainer(Container.BIGTIFF), 40);
        byte[] head = Arrays.copyOf(Files.readAllBytes(f), 4);
        assertThat(head).containsExactly('I', 'I', 43, 0);
        assertThat(new GeoTiffFormat().sniff(f)).isPositive();
        checkWithReader(f, 40, 30, 3, SampleType.FLOAT32);
        Path i16 = write("big16.tif", 70, 33, 2, Options.defaults().withContainer(Container.BIGTIFF)
                .withType(SampleType.INT16), 9);
        checkWithReader(i16, 70, 33, 2, SampleType.INT16);
        checkWithGdal(f, 40, 30, 3, SampleType.FLOAT32, 1, 2, 3);
    }

    /** Our files cut short, classic and BigTIFF: the last 100 bytes, or inside the directory; refused at open. */
    @Test
    void truncatedFilesAreRefused() throws Exception {
        for (Container c : new Container[] {Container.CLASSIC, Container.BIGTIFF}) {
            Path f = write("whole-" + c + ".tif", 60, 40, 3, Options.defaults().withContainer(c), 13);
            byte[] all = Files.readAllBytes(f);
            checkWithReader(f, 60, 40, 3, SampleType.FLOAT32);
            ByteBuffer h = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            long ifd = c == Container.BIGTIFF ? h.getLong(8) : h.getInt(4);
            Path tail = tmp.resolve("tail-" + c + ".tif");
            Files.write(tail, Arrays.copyOf(all, all.length - 100));
            assertThatThrownBy(() -> GeoTiffReader.open(tail)).as("last 100 bytes cut, %s", c)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(tail.toString())
                    .hasMessageContaining("StripOffsets").hasMessageContaining("truncated");
            Path inIfd = tmp.resolve("ifd-" + c + ".tif");
            Files.write(inIfd, Arrays.copyOf(all, (int) ifd + 30));
            assertThatThrownBy(() -> GeoTiffReader.open(inIfd)).as("cut inside the directory, %s", c)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(inIfd.toString())
                    .hasMessageContaining("image directory").hasMessageContaining("truncated");
        }
    }

    @Test
    void classicRefusedWithTheNumbersWhenItCannotHoldTheWorstCase() {
        GridGeometry g = grid(40000, 40000, SampleType.FLOAT32);
        Options classic = Options.defaults().withContainer(Container.CLASSIC);
        assertThatThrownBy(() -> GeoTiffStripWriter.open(tmp.resolve("x.tif"), g, 1, classic, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40000×40000")
                .hasMessageContaining("6400000000 raw");
        assertThat(Files.exists(tmp.resolve("x.tif"))).isFalse();
    }

    @Test
    void abortedWriterLeavesNoFile() throws Exception {
        Path f = tmp.resolve("aborted.tif");
        try (GeoTiffStripWriter w = GeoTiffStripWriter.open(f, grid(10, 10, SampleType.FLOAT32), 1,
                Options.defaults(), Map.of(), null)) {
            w.writeRows(new float[50], 0, 5);
            assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("5 of 10");
        }
        try (var s = Files.list(tmp)) {
            assertThat(s).isEmpty();
        }
    }

    /**
     * Past 4 GiB: 1600 bands of 1000 × 1000 float32 (6.4 GB raw, ≈ 4.6 GB deflated, so strip offsets pass
     * 2^32) become a BigTIFF automatically; gdalinfo and GDAL reads of the first, a middle and the last
     * band, and our reader's window of every band. Minutes; run with -Dpermasar.bigtests=true
     * (-Dpermasar.bigtests.bands=N to change the size).
     */
    @Test
    void automaticBigTiffPast4GiB() throws Exception {
        assumeTrue(Boolean.getBoolean("permasar.bigtests"), "set -Dpermasar.bigtests=true to run");
        int rows = 1000, cols = 1000, bands = Integer.getInteger("permasar.bigtests.bands", 1600);
        GridGeometry g = grid(rows, cols, SampleType.FLOAT32);
        Path f = tmp.resolve("huge.tif");
        long t0 = System.nanoTime();
        try (GeoTiffStripWriter w = GeoTiffStripWriter.open(f, g, bands, Options.defaults().withDeflateLevel(1),
                Map.of(), null)) {
            assertThat(w.isBigTiff()).isTrue();
            float[] row = new float[bands * cols];
            for (int r = 0; r < rows; r++) {
                for (int b = 0; b < bands; b++) {
                    for (int c = 0; c < cols; c++) {
                        row[b * cols + c] = pattern(SampleType.FLOAT32, b, r, c);
                    }
                }
                w.writeRows(row, 0, 1);
            }
            w.commit();
        }
        System.out.printf("BigTIFF %d×%d×%d: %d bytes written in %.1f s%n", rows, cols, bands, Files.size(f),
                (System.nanoTime() - t0) / 1e9);
        checkWithGdal(f, rows, cols, bands, SampleType.FLOAT32, 1, bands / 2, bands);
        t0 = System.nanoTime();
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            Window w = new Window(rows - 3, cols - 4, 3, 4);
            int[] all = new int[bands];
            for (int b = 0; b < bands; b++) {
                all[b] = b;
            }
            float[] got = new float[bands * w.size()];
            r.readBands(all, w, got, 0, 1f);
            for (int i = 0; i < got.length; i++) {
                int b = i / w.size(), row = w.row0() + i % w.size() / w.cols(), col = w.col0() + i % w.cols();
                assertThat(bits(got[i])).as("band %d row %d col %d", b, row, col)
                        .isEqualTo(bits(pattern(SampleType.FLOAT32, b, row, col)));
            }
        }
        System.out.printf("GeoTiffReader: %d-band window of the BigTIFF in %.2f s%n", bands,
                (System.nanoTime() - t0) / 1e9);
    }
}

package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;

/**
 * The streaming directory parser ({@link TiffIfd}, {@link TiffLayout}) on hand-built files: every field
 * type in both byte orders, classic and BigTIFF, inline and out-of-line; a small uncompressed image read
 * back through {@link GeoTiffReader}; and the damaged directories it must refuse, naming file and tag.
 */
class TiffLayoutTest {
    private static final ByteOrder[] ORDERS = {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN};

    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static byte[] bytes(ByteOrder order, int n, Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(n).order(order);
        fill.accept(b);
        return b.array();
    }

    private interface IfdCheck {
        void check(TiffIfd ifd) throws IOException;
    }

    private void withIfd(Path f, IfdCheck check) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            check.check(TiffIfd.read(f, ch));
        }
    }

    @Test
    void everyFieldTypeInBothByteOrdersClassicAndBig() throws Exception {
        for (ByteOrder o : ORDERS) {
            for (boolean big : new boolean[] {false, true}) {
                TiffBytes t = new TiffBytes(o, big)
                        .raw(65001, 1, 3, new byte[] {1, (byte) 200, (byte) 255})
                        .ascii(65002, "héllo")
                        .shorts(65003, 1, 65535, 300)
                        .longs(65004, 0xFFFFFFFFL, 7)
                        .raw(65005, 5, 2, bytes(o, 16, b -> b.putInt(1).putInt(3).putInt(7).putInt(2)))
                        .raw(65006, 6, 2, new byte[] {-1, 5})
                        .raw(65007, 7, 1, new byte[] {(byte) 0xAB})
                        .raw(65008, 8, 2, bytes(o, 4, b -> b.putShort((short) -2).putShort((short) 3)))
                        .raw(65009, 9, 3, bytes(o, 12, b -> b.putInt(-70000).putInt(70000).putInt(1)))
                        .raw(65010, 10, 1, bytes(o, 8, b -> b.putInt(-1).putInt(4)))
                        .raw(65011, 11, 2, bytes(o, 8, b -> b.putFloat(1.5f).putFloat(-2.25f)))
                        .doubles(65012, Math.PI)
                        .raw(65013, 13, 1, bytes(o, 4, b -> b.putInt(99)))
                        .long8s(65016, 1L << 40, -1L)
                        .raw(65017, 17, 1, bytes(o, 8, b -> b.putLong(-(1L << 40))))
                        .raw(65018, 18, 1, bytes(o, 8, b -> b.putLong(12345)))
                        .raw(65020, 99, 2, new byte[] {1, 2});
                String as = o + (big ? " BigTIFF" : " classic");
                Path f = file("types.tif", t.bytes());
                withIfd(f, ifd -> {
                    assertThat(ifd.order()).as(as).isEqualTo(o);
                    assertThat(ifd.isBigTiff()).as(as).isEqualTo(big);
                    assertThat(ifd.integers(65001, 9)).as(as).containsExactly(1, 200, 255);
                    assertThat(ifd.numbers(65001)).as(as).containsExactly(1, 200, 255);
                    assertThat(ifd.ascii(65002)).as(as).isEqualTo("héllo");
                    assertThat(ifd.integers(65003, 9)).as(as).containsExactly(1, 65535, 300);
                    assertThat(ifd.integers(65003, 2)).as("first two, " + as).containsExactly(1, 65535);
                    assertThat(ifd.integers(65004, 9)).as(as).containsExactly(0xFFFFFFFFL, 7);
                    assertThat(ifd.numbers(65005)).as(as).containsExactly(1 / 3.0, 3.5);
                    assertThat(ifd.integers(65006, 9)).as(as).containsExactly(-1, 5);
                    assertThat(ifd.integers(65007, 9)).as(as).containsExactly(0xAB);
                    assertThat(ifd.integers(65008, 9)).as(as).containsExactly(-2, 3);
                    assertThat(ifd.integers(65009, 9)).as(as).containsExactly(-70000, 70000, 1);
                    assertThat(ifd.numbers(65010)).as(as).containsExactly(-0.25);
                    assertThat(ifd.numbers(65011)).as(as).containsExactly(1.5, -2.25);
                    assertThat(ifd.numbers(65012)).as(as).containsExactly(Math.PI);
                    assertThat(ifd.integer(65013, -1)).as(as).isEqualTo(99);
                    assertThat(ifd.integers(65016, 9)).as(as).containsExactly(1L << 40, -1L);
                    assertThat(ifd.numbers(65016)).as(as).containsExactly(0x1p40, 0x1p64);
                    assertThat(ifd.integers(65017, 9)).as(as).containsExactly(-(1L << 40));
                    assertThat(ifd.integers(65018, 9)).as(as).containsExactly(12345);
                    assertThat(ifd.has(65020)).as(as).isTrue();
                    assertThat(ifd.integers(65099, 9)).as("absent").isNull();
                    assertThatThrownBy(() -> ifd.numbers(65020)).isInstanceOf(InvalidInputException.class)
                            .hasMessageContaining(f.toString()).hasMessageContaining("(65020)")
                            .hasMessageContaining("(99)");
                    assertThatThrownBy(() -> ifd.integers(65011, 9)).isInstanceOf(InvalidInputException.class)
                            .hasMessageContaining("FLOAT");
                    assertThatThrownBy(() -> ifd.ascii(65003)).isInstanceOf(InvalidInputException.class)
                            .hasMessageContaining("SHORT");
                });
            }
        }
    }

    private void refused(String name, byte[] bytes, String... words) throws IOException {
        Path f = file(name, bytes);
        var thrown = assertThatThrownBy(() -> GeoTiffReader.open(f)).as(name)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(f.toString());
        for (String w : words) {
            thrown.hasMessageContaining(w);
        }
    }

    @Test
    void headersAndDirectoriesThatAreNotThere() throws Exception {
        refused("empty.tif", new byte[0], "shorter than a TIFF header");
        refused("text.tif", "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "byte-order mark");
        refused("v44.tif", new byte[] {'I', 'I', 44, 0, 8, 0, 0, 0}, "version 44");
        refused("ifd-outside.tif", new byte[] {'I', 'I', 42, 0, 100, 0, 0, 0, 0, 0}, "outside", "truncated");
        byte[] good = image(ByteOrder.LITTLE_ENDIAN, false).bytes();
        refused("ifd-cut.tif", Arrays.copyOf(good, 8 + 2 + 12 * 3), "image directory", "truncated");
        byte[] bigGood = image(ByteOrder.BIG_ENDIAN, true).bytes();
        refused("big-ifd-cut.tif", Arrays.copyOf(bigGood, 16 + 8 + 20 * 2 + 5), "image directory",
                "truncated");
        TiffBytes hugeValue = image(ByteOrder.LITTLE_ENDIAN, false).raw(TiffLayout.GDAL_METADATA, 2, 1 << 20,
                new byte[8]);
        refused("value-outside.tif", hugeValue.bytes(), "GDAL_METADATA", "past the end");
    }

    /** 5 columns × 3 rows, 2 uint16 samples, uncompressed strips of 2 rows: value (r·5 + c)·10 + s. */
    private static TiffBytes image(ByteOrder o, boolean big) {
        byte[] data = bytes(o, 3 * 5 * 2 * 2, b -> {
            for (int i = 0; i < 15; i++) {
                b.putShort((short) (i * 10)).putShort((short) (i * 10 + 1));
            }
        });
        TiffBytes t = new TiffBytes(o, big).shorts(TiffLayout.IMAGE_WIDTH, 5).longs(TiffLayout.IMAGE_LENGTH, 3)
                .shorts(TiffLayout.BITS_PER_SAMPLE, 16, 16).shorts(TiffLayout.COMPRESSION, 1)
                .shorts(TiffLayout.SAMPLES_PER_PIXEL, 2).shorts(TiffLayout.ROWS_PER_STRIP, 2)
                .longs(TiffLayout.STRIP_BYTE_COUNTS, 40, 20).longs(TiffLayout.STRIP_OFFSETS, 0, 0).data(data);
        long d = t.dataStart();
        return t.longs(TiffLayout.STRIP_OFFSETS, d, d + 40);
    }

    private static float[] readAll(Path f) throws IOException {
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            float[] v = new float[2 * 15];
            r.readBands(new int[] {1, 0}, new Window(0, 0, 3, 5), v, 0, 1f);
            return v;
        }
    }

    @Test
    void uncompressedStripsInBothOrdersClassicAndBig() throws Exception {
        for (ByteOrder o : ORDERS) {
            for (boolean big : new boolean[] {false, true}) {
                Path f = file("img.tif", image(o, big).bytes());
                float[] v = readAll(f);
                for (int i = 0; i < 15; i++) {
                    assertThat(v[i]).as("sample 1 pixel %d, %s %s", i, o, big).isEqualTo(i * 10 + 1);
                    assertThat(v[15 + i]).as("sample 0 pixel %d, %s %s", i, o, big).isEqualTo(i * 10);
                }
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    TiffLayout l = TiffLayout.read(f, ch);
                    assertThat(l.isBigTiff()).isEqualTo(big);
                    assertThat(l.blockCount()).isEqualTo(2);
                    assertThat(l.blockBytes(1)).isEqualTo(20);
                    assertThat(l.sample(0)).isEqualTo(TiffLayout.Sample.UINT16);
                }
            }
        }
    }

    @Test
    void missingByteCountsOfUncompressedStripsAreInferredAndSparseStripsReadAsNodata() throws Exception {
        TiffBytes noCounts = image(ByteOrder.BIG_ENDIAN, false).remove(TiffLayout.STRIP_BYTE_COUNTS);
        long d0 = noCounts.dataStart();
        noCounts.longs(TiffLayout.STRIP_OFFSETS, d0, d0 + 40);
        float[] inferred = readAll(file("no-counts.tif", noCounts.bytes()));
        assertThat(inferred[14]).isEqualTo(141);
        // a tag with no values is still a tag: an empty count array is refused
        TiffBytes emptyCounts = image(ByteOrder.LITTLE_ENDIAN, false).raw(TiffLayout.STRIP_BYTE_COUNTS, 4, 0,
                new byte[0]);
        refused("empty-counts.tif", emptyCounts.bytes(), "StripByteCounts", "0 values for the 2 blocks");

        TiffBytes sparse = image(ByteOrder.LITTLE_ENDIAN, true);
        long d = sparse.dataStart();
        sparse.longs(TiffLayout.STRIP_BYTE_COUNTS, 40, 0).longs(TiffLayout.STRIP_OFFSETS, d, 0);
        float[] v = readAll(file("sparse.tif", sparse.bytes()));
        assertThat(v[0]).isEqualTo(1);
        assertThat(v[14]).as("row 2 lies in the sparse strip").isEqualTo(0);
        sparse.ascii(TiffLayout.GDAL_NODATA, "-9999");
        d = sparse.dataStart();
        sparse.longs(TiffLayout.STRIP_OFFSETS, d, 0);
        v = readAll(file("sparse-nodata.tif", sparse.bytes()));
        assertThat(v[9]).isEqualTo(91);
        assertThat(v[14]).as("sparse strip with a nodata value").isNaN();
    }

    @Test
    void directoriesInconsistentWithTheImageAreRefusedNamingTheTag() throws Exception {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        TiffBytes t = image(le, false);
        t.longs(TiffLayout.STRIP_OFFSETS, t.dataStart());
        refused("one-offset.tif", t.bytes(), "StripOffsets", "1 values for the 2 blocks");
        refused("cut-strip.tif", TiffBytes.cut(image(le, false).bytes(), 10), "StripOffsets", "strip 1",
                "past the end", "truncated");
        refused("cut-strip-big.tif", TiffBytes.cut(image(le, true).bytes(), 1), "strip 1", "truncated");
        refused("short-strip.tif", image(le, false).longs(TiffLayout.STRIP_BYTE_COUNTS, 40, 10).bytes(),
                "uncompressed strip 1 holds 10 bytes, its pixels need 20");
        refused("no-width.tif", image(le, false).raw(TiffLayout.IMAGE_WIDTH, 99, 1, new byte[4]).bytes(),
                "ImageWidth");
        refused("zero-rows.tif", image(le, false).shorts(TiffLayout.ROWS_PER_STRIP, 0).bytes(), "RowsPerStrip");
        refused("planar3.tif", image(le, false).shorts(TiffLayout.PLANAR_CONFIGURATION, 3).bytes(),
                "PlanarConfiguration");
        refused("bits0.tif", image(le, false).shorts(TiffLayout.BITS_PER_SAMPLE, 0, 0).bytes(), "BitsPerSample");
        TiffBytes tiles = image(le, false).shorts(TiffLayout.TILE_WIDTH, 16).shorts(TiffLayout.TILE_LENGTH, 16);
        refused("tiles-without-offsets.tif", tiles.bytes(), "TileOffsets", "missing");
        TiffBytes deflate = image(le, false).shorts(TiffLayout.COMPRESSION, 8);
        long d = deflate.dataStart();
        deflate.longs(TiffLayout.STRIP_OFFSETS, d, d + 40);
        Path garbage = file("deflate-garbage.tif", deflate.bytes()); // opens; the first read finds no deflate stream
        assertThatThrownBy(() -> readAll(garbage)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("deflate data damaged");
    }

    /**
     * Sparse files whose strips lie past 2 GiB (classic TIFF, unsigned LONG offsets) and past 4 GiB
     * (BigTIFF, LONG8 offsets): read from disk; the same past 2 GiB with LZW compression needs mil.nga,
     * which holds the whole file in one array, and is refused naming the encoding.
     */
    @Test
    void stripsPast2And4GiBAreReadFromDiskUnlessTheEncodingNeedsMilNga() throws Exception {
        Path classic = sparse("past2g.tif", image(ByteOrder.LITTLE_ENDIAN, false), 2_500_000_000L);
        float[] v = readAll(classic);
        assertThat(v[14]).isEqualTo(141);
        assertThat(v[15 + 14]).isEqualTo(140);
        Path big = sparse("past4g.tif", image(ByteOrder.BIG_ENDIAN, true), 5_000_000_000L);
        v = readAll(big);
        assertThat(v[0]).isEqualTo(1);
        assertThat(v[15 + 14]).isEqualTo(140);
        Path lzw = sparse("lzw-past2g.tif", image(ByteOrder.LITTLE_ENDIAN, false).shorts(TiffLayout.COMPRESSION, 5),
                2_500_000_000L);
        assertThatThrownBy(() -> GeoTiffReader.open(lzw)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(lzw.toString()).hasMessageContaining("compression LZW (5)")
                .hasMessageContaining("in-memory decoder").hasMessageContaining("2147483639");
    }

    /** {@code t}'s directory at the start and its strips at byte {@code at} of a sparse file. */
    private Path sparse(String name, TiffBytes t, long at) throws IOException {
        byte[] head = t.bytes();
        long d = t.dataStart();
        byte[] data = Arrays.copyOfRange(head, (int) d, head.length);
        head = (at + 40 > 0xFFFFFFFFL ? t.long8s(TiffLayout.STRIP_OFFSETS, at, at + 40)
                : t.longs(TiffLayout.STRIP_OFFSETS, at, at + 40)).bytes();
        Path f = tmp.resolve(name);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(head), 0);
            ch.write(ByteBuffer.wrap(data), at);
        }
        return f;
    }
}

package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.permasar.stack.InvalidInputException;

/**
 * What a GeoTIFF reader needs from the first image file directory of a TIFF or BigTIFF, read through a
 * {@link FileChannel} by {@link TiffIfd} without touching the image data: size, samples (bits and format
 * per sample), compression, predictor, planar configuration, strips or tiles (block size, offsets, byte
 * counts), and the GeoTIFF (GeoKeyDirectory, GeoDoubleParams, GeoAsciiParams, ModelPixelScale,
 * ModelTiepoint, ModelTransformation) and GDAL (GDAL_METADATA, GDAL_NODATA) tags. TIFF 6.0 defaults
 * apply to absent tags (1 sample of 1 bit, unsigned, no compression, chunky, one strip).
 *
 * <p>Checked at {@link #read}: the counts of offsets and byte counts match the number of strips or tiles
 * the image needs, every block lies inside the file, and an uncompressed block holds at least the bytes
 * of its pixels; otherwise {@link InvalidInputException} names the file, the tag and the numbers (a
 * truncated file is refused, not read). A block of 0 bytes is sparse (GDAL {@code SPARSE_OK}).
 *
 * <p>Immutable and thread-safe.
 */
final class TiffLayout {
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int STRIP_OFFSETS = 273;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int PLANAR_CONFIGURATION = 284;
    static final int PREDICTOR = 317;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int SAMPLE_FORMAT = 339;
    static final int MODEL_PIXEL_SCALE = 33550;
    static final int MODEL_TIEPOINT = 33922;
    static final int MODEL_TRANSFORMATION = 34264;
    static final int GEO_KEY_DIRECTORY = 34735;
    static final int GEO_DOUBLE_PARAMS = 34736;
    static final int GEO_ASCII_PARAMS = 34737;
    static final int GDAL_METADATA = 42112;
    static final int GDAL_NODATA = 42113;

    /** Tags the TIFF 6.0 specification gives exactly one value. */
    private static final int[] SINGLE_VALUED = {IMAGE_WIDTH, IMAGE_LENGTH, COMPRESSION, SAMPLES_PER_PIXEL, ROWS_PER_STRIP,
        PLANAR_CONFIGURATION, PREDICTOR, TILE_WIDTH, TILE_LENGTH};
    static final int COMPRESSION_NONE = 1;
    static final int COMPRESSION_DEFLATE = 8;
    static final int COMPRESSION_DEFLATE_OLD = 32946;

    /** Sample types a value can be decoded from byte-aligned (SampleFormat 1 uint, 2 int, 3 float; 4 void as uint). */
    enum Sample {
        UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), FLOAT64(8);

        final int bytes;

        Sample(int bytes) {
            this.bytes = bytes;
        }

        /** The type of SampleFormat {@code format} with {@code bits} bits, or null when not one of these. */
        static Sample of(int format, int bits) {
            return switch (format) {
                case 1, 4 -> bits == 8 ? UINT8 : bits == 16 ? UINT16 : bits == 32 ? UINT32 : null;
                case 2 -> bits == 8 ? INT8 : bits == 16 ? INT16 : bits == 32 ? INT32 : null;
                case 3 -> bits == 32 ? FLOAT32 : bits == 64 ? FLOAT64 : null;
                default -> null;
            };
        }
    }

    private final boolean bigTiff;
    private final ByteOrder order;
    private final long fileSize;
    private final int width;
    private final int height;
    private final int samples;
    private final int[] bits;
    private final int[] formats;
    private final int compression;
    private final int predictor;
    private final boolean planar;
    private final boolean tiled;
    private final int blockWidth;
    private final int blockHeight;
    private final long[] offsets;
    private final long[] counts;
    private final List<Integer> geoKeys;
    private final double[] geoDoubleParams;
    private final String geoAsciiParams;
    private final double[] pixelScale;
    private final double[] tiepoint;
    private final double[] transformation;
    private final String gdalMetadata;
    private final String gdalNodata;
    /** How many BitsPerSample values the directory gives (the specification asks for one per sample). */
    private final long bitsGiven;

    private TiffLayout(Path path, TiffIfd ifd) throws IOException {
        bigTiff = ifd.isBigTiff();
        order = ifd.order();
        fileSize = ifd.fileSize();
        for (int tag : SINGLE_VALUED) {
            if (ifd.count(tag) > 1) {
                throw new InvalidInputException(path, TiffIfd.tagName(tag), ifd.count(tag) + " values where the TIFF "
                        + "specification has one (damaged directory)");
            }
        }
        width = positiveInt(path, ifd, IMAGE_WIDTH, -1);
        height = positiveInt(path, ifd, IMAGE_LENGTH, -1);
        long spp = ifd.integer(SAMPLES_PER_PIXEL, 1);
        if (spp < 1 || spp > 65535) {
            throw new InvalidInputException(path, TiffIfd.tagName(SAMPLES_PER_PIXEL), spp + " samples per pixel, "
                    + "expected 1–65535");
        }
        samples = (int) spp;
        bits = perSample(path, ifd, BITS_PER_SAMPLE, 1);
        bitsGiven = ifd.count(BITS_PER_SAMPLE);
        formats = perSample(path, ifd, SAMPLE_FORMAT, 1);
        for (int b : bits) {
            if (b < 1 || b > 64) {
                throw new InvalidInputException(path, TiffIfd.tagName(BITS_PER_SAMPLE), b + " bits per sample, "
                        + "expected 1–64");
            }
        }
        compression = (int) ifd.integer(COMPRESSION, COMPRESSION_NONE);
        predictor = (int) ifd.integer(PREDICTOR, 1);
        long pc = ifd.integer(PLANAR_CONFIGURATION, 1);
        if (pc != 1 && pc != 2) {
            throw new InvalidInputException(path, TiffIfd.tagName(PLANAR_CONFIGURATION), "value " + pc
                    + ", expected 1 (chunky) or 2 (planar)");
        }
        planar = pc == 2 && samples > 1;
        tiled = ifd.has(TILE_WIDTH) || ifd.has(TILE_LENGTH) || ifd.has(TILE_OFFSETS);
        int offsetTag = tiled ? TILE_OFFSETS : STRIP_OFFSETS, countTag = tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS;
        if (tiled) {
            blockWidth = positiveInt(path, ifd, TILE_WIDTH, -1);
            blockHeight = positiveInt(path, ifd, TILE_LENGTH, -1);
        } else {
            blockWidth = width;
            long rps = ifd.integer(ROWS_PER_STRIP, 0xFFFFFFFFL);
            if (rps < 1) {
                throw new InvalidInputException(path, TiffIfd.tagName(ROWS_PER_STRIP), "value " + rps
                        + ", expected ≥ 1");
            }
            blockHeight = (int) Math.min(height, rps);
        }
        long expected = (long) blocksAcross() * blocksDown() * (planar ? samples : 1);
        if (expected > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(path, TiffIfd.tagName(offsetTag), expected + " blocks of " + blockWidth
                    + "×" + blockHeight + " px cannot be indexed");
        }
        offsets = blockArray(path, ifd, offsetTag, (int) expected);
        if (offsets == null) {
            throw new InvalidInputException(path, TiffIfd.tagName(offsetTag), "missing: the file holds no image data");
        }
        long[] c = blockArray(path, ifd, countTag, (int) expected);
        if (c == null) {
            if (tiled || compression != COMPRESSION_NONE) {
                throw new InvalidInputException(path, TiffIfd.tagName(countTag), "missing (required for "
                        + (tiled ? "tiles" : "compressed strips") + ")");
            }
            c = new long[offsets.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = blockBytes(i); // uncompressed strips without counts: libtiff infers them the same way
            }
        }
        counts = c;
        checkBlocks(path, offsetTag);
        long[] keys = ifd.integers(GEO_KEY_DIRECTORY, TiffIfd.MAX_VALUE_BYTES / 2);
        if (keys == null) {
            geoKeys = null;
        } else {
            List<Integer> k = new ArrayList<>(keys.length);
            for (long v : keys) {
                k.add((int) v);
            }
            geoKeys = Collections.unmodifiableList(k);
        }
        geoDoubleParams = ifd.numbers(GEO_DOUBLE_PARAMS);
        geoAsciiParams = ifd.ascii(GEO_ASCII_PARAMS);
        pixelScale = ifd.numbers(MODEL_PIXEL_SCALE);
        tiepoint = ifd.numbers(MODEL_TIEPOINT);
        transformation = ifd.numbers(MODEL_TRANSFORMATION);
        gdalMetadata = ifd.ascii(GDAL_METADATA);
        gdalNodata = ifd.ascii(GDAL_NODATA);
    }

    /**
     * Reads the header and the first image directory of {@code channel} (the file {@code path}): the
     * directory's entries and the values of the tags above only, whatever the file's size.
     *
     * @throws InvalidInputException naming the file and the tag when the file is not a TIFF, is truncated or
     *                               its directory is inconsistent with the image
     */
    static TiffLayout read(Path path, FileChannel channel) throws IOException {
        return new TiffLayout(path, TiffIfd.read(path, channel));
    }

    private static int positiveInt(Path path, TiffIfd ifd, int tag, long absent) throws IOException {
        long v = ifd.integer(tag, absent);
        if (v == absent && !ifd.has(tag)) {
            throw new InvalidInputException(path, TiffIfd.tagName(tag), "missing");
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new InvalidInputException(path, TiffIfd.tagName(tag), "value " + v + ", expected 1–"
                    + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** One value per sample: the tag's values, the last repeated when fewer are given, or {@code absent}. */
    private int[] perSample(Path path, TiffIfd ifd, int tag, int absent) throws IOException {
        long[] v = ifd.integers(tag, samples);
        int[] out = new int[samples];
        for (int s = 0; s < samples; s++) {
            long x = v == null || v.length == 0 ? absent : v[Math.min(s, v.length - 1)];
            if (x < 0 || x > 0xFFFF) {
                throw new InvalidInputException(path, TiffIfd.tagName(tag), "value " + x + " for sample " + s);
            }
            out[s] = (int) x;
        }
        return out;
    }

    /** The first {@code expected} offsets or byte counts; fewer are refused (more are ignored, as libtiff does). */
    private static long[] blockArray(Path path, TiffIfd ifd, int tag, int expected) throws IOException {
        if (!ifd.has(tag)) {
            return null;
        }
        if (ifd.count(tag) < expected) {
            throw new InvalidInputException(path, TiffIfd.tagName(tag), ifd.count(tag) + " values for the "
                    + expected + " blocks of the image (damaged directory)");
        }
        return ifd.integers(tag, expected);
    }

    private void checkBlocks(Path path, int offsetTag) throws InvalidInputException {
        String kind = tiled ? "tile" : "strip";
        for (int i = 0; i < offsets.length; i++) {
            long o = offsets[i], n = counts[i];
            if (n == 0) {
                continue; // sparse block: reads as nodata
            }
            if (n < 0 || o < 0 || o > fileSize || n > fileSize - o) {
                throw new InvalidInputException(path, TiffIfd.tagName(offsetTag), kind + " " + i + " at byte "
                        + Long.toUnsignedString(o) + " + " + Long.toUnsignedString(n) + " bytes runs past the end of the "
                        + fileSize + "-byte file (truncated)");
            }
            if (compression == COMPRESSION_NONE && n < blockBytes(i)) {
                throw new InvalidInputException(path, TiffIfd.tagName(offsetTag), "uncompressed " + kind + " " + i
                        + " holds " + n + " bytes, its pixels need " + blockBytes(i) + " (truncated or damaged)");
            }
        }
    }

    /** Number of BitsPerSample values in the directory (0 when absent). */
    long bitsPerSampleCount() {
        return bitsGiven;
    }

    /** Decoded bytes of block {@code index}: rows (all of a tile, those left for the last strip) × row bytes. */
    long blockBytes(int index) {
        int perPlane = blocksAcross() * blocksDown();
        long pixelBits = 0;
        if (planar) {
            pixelBits = bits[index / perPlane];
        } else {
            for (int b : bits) {
                pixelBits += b;
            }
        }
        long rowBytes = (blockWidth * pixelBits + 7) / 8; // rows start on a byte boundary (TIFF 6.0 §7)
        int down = (index % perPlane) / blocksAcross();
        int rows = tiled ? blockHeight : Math.min(blockHeight, height - down * blockHeight);
        return rows * rowBytes;
    }

    boolean isBigTiff() {
        return bigTiff;
    }

    ByteOrder order() {
        return order;
    }

    long fileSize() {
        return fileSize;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int samplesPerPixel() {
        return samples;
    }

    /** Bits of sample {@code s} (0-based). */
    int bitsPerSample(int s) {
        return bits[s];
    }

    /** SampleFormat of sample {@code s}: 1 unsigned integer, 2 signed, 3 IEEE float (TIFF 6.0 §19). */
    int sampleFormat(int s) {
        return formats[s];
    }

    /** Byte-aligned type of sample {@code s}, or null (bit-packed, 64-bit integer, complex, 16-bit float…). */
    Sample sample(int s) {
        return Sample.of(formats[s], bits[s]);
    }

    /** True when every sample has the same bits and format. */
    boolean uniformSamples() {
        for (int s = 1; s < samples; s++) {
            if (bits[s] != bits[0] || formats[s] != formats[0]) {
                return false;
            }
        }
        return true;
    }

    int compression() {
        return compression;
    }

    int predictor() {
        return predictor;
    }

    /** True for band-sequential blocks (PlanarConfiguration 2 with several samples). */
    boolean isPlanar() {
        return planar;
    }

    boolean isTiled() {
        return tiled;
    }

    /** Tile width, or the image width for strips. */
    int blockWidth() {
        return blockWidth;
    }

    /** Tile height, or rows per strip (at most the image height). */
    int blockHeight() {
        return blockHeight;
    }

    int blocksAcross() {
        return (int) ((width + (long) blockWidth - 1) / blockWidth);
    }

    int blocksDown() {
        return (int) ((height + (long) blockHeight - 1) / blockHeight);
    }

    /** Number of strips or tiles, all planes together: block index = plane·across·down + row·across + column. */
    int blockCount() {
        return offsets.length;
    }

    long blockOffset(int index) {
        return offsets[index];
    }

    /** Stored (compressed) bytes of block {@code index}; 0 for a sparse block. */
    long blockByteCount(int index) {
        return counts[index];
    }

    /** GeoKeyDirectory as SHORTs, or null. */
    List<Integer> geoKeys() {
        return geoKeys;
    }

    double[] geoDoubleParams() {
        return geoDoubleParams == null ? null : geoDoubleParams.clone();
    }

    String geoAsciiParams() {
        return geoAsciiParams;
    }

    double[] modelPixelScale() {
        return pixelScale == null ? null : pixelScale.clone();
    }

    double[] modelTiepoint() {
        return tiepoint == null ? null : tiepoint.clone();
    }

    double[] modelTransformation() {
        return transformation == null ? null : transformation.clone();
    }

    String gdalMetadata() {
        return gdalMetadata;
    }

    String gdalNodata() {
        return gdalNodata;
    }

    /** Name of a compression code for messages (TIFF 6.0 and the registered extensions GDAL writes). */
    static String compressionName(int code) {
        return switch (code) {
            case 1 -> "none";
            case 2 -> "CCITT RLE";
            case 5 -> "LZW";
            case 6, 7 -> "JPEG";
            case 8, COMPRESSION_DEFLATE_OLD -> "deflate";
            case 32773 -> "PackBits";
            case 34887 -> "LERC";
            case 34925 -> "LZMA";
            case 50000 -> "ZSTD";
            case 50001 -> "WebP";
            default -> "code";
        } + " (" + code + ")";
    }

    @Override
    public String toString() {
        return width + "×" + height + " px, " + samples + " sample(s) of " + bits[0] + " bits (format " + formats[0]
                + "), compression " + compressionName(compression) + ", predictor " + predictor + ", "
                + (planar ? "planar " : "") + (tiled ? "tiles of " + blockWidth + "×" + blockHeight
                : "strips of " + blockHeight + " rows") + (bigTiff ? ", BigTIFF" : ", classic TIFF") + ", "
                + fileSize + " bytes";
    }
}

package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.permasar.stack.InvalidInputException;

/**
 * The header and the first image file directory (IFD) of a classic TIFF (version 42; TIFF 6.0, Adobe
 * 1992, §2: 8-byte header, 2-byte entry count, 12-byte entries with a 4-byte value field) or a BigTIFF
 * (version 43; Aware Systems 2005 proposal adopted by libtiff 4: 16-byte header, 8-byte entry count,
 * 20-byte entries with 8-byte counts and value field), in either byte order, read through a
 * {@link FileChannel}: the header, the entries, and on request the values of one entry are read, never
 * the image data nor the rest of the file.
 *
 * <p>Field types 1–13 of TIFF 6.0 (BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT, SLONG,
 * SRATIONAL, FLOAT, DOUBLE, IFD) and BigTIFF's LONG8, SLONG8, IFD8 (16–18). An entry of an unknown type
 * is kept, and refused only when its value is asked for (TIFF 6.0: readers skip what they do not need).
 * Every value must lie inside the file; anything else throws {@link InvalidInputException} naming the file
 * and the tag. Duplicate tags: the first entry wins.
 *
 * <p>Reads from the channel it was given (which the caller closes); used while a file is opened, not
 * thread-safe.
 */
final class TiffIfd {
    static final int ASCII = 2;
    static final int RATIONAL = 5;
    static final int SRATIONAL = 10;
    static final int FLOAT = 11;
    static final int DOUBLE = 12;
    /** Largest value of one tag read as a whole (ASCII texts, GeoTIFF arrays), against damaged counts. */
    static final int MAX_VALUE_BYTES = 64 << 20;
    /** Entries beyond this are refused (classic TIFF holds at most 65 535). */
    private static final long MAX_ENTRIES = 65535;

    /** Bytes per value of field types 0–18 (0 = unknown type). */
    private static final int[] SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8};
    private static final String[] TYPE = {"?", "BYTE", "ASCII", "SHORT", "LONG", "RATIONAL", "SBYTE", "UNDEFINED",
        "SSHORT", "SLONG", "SRATIONAL", "FLOAT", "DOUBLE", "IFD", "?", "?", "LONG8", "SLONG8", "IFD8"};

    /**
     * One directory entry.
     *
     * @param inline  the value bytes when they fit in the entry's value field, else null
     * @param valueAt file offset of the value bytes when they do not fit
     */
    private record Entry(int tag, int type, long count, byte[] inline, long valueAt) {
    }

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final ByteOrder order;
    private final boolean big;
    private final long ifdOffset;
    private final Map<Integer, Entry> entries = new TreeMap<>();

    private TiffIfd(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.fileSize = channel.size();
        ByteBuffer h = ByteBuffer.allocate((int) Math.min(16, fileSize));
        read(h, 0, "the header");
        if (h.limit() < 8) {
            throw new InvalidInputException(path, "not a TIFF: " + fileSize + " bytes, shorter than a TIFF header");
        }
        byte b0 = h.get(0), b1 = h.get(1);
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new InvalidInputException(path, String.format("not a TIFF: byte-order mark 0x%02x%02x, expected "
                    + "'II' or 'MM'", b0 & 0xFF, b1 & 0xFF));
        }
        h.order(order);
        int version = h.getShort(2) & 0xFFFF;
        if (version == 42) {
            big = false;
            ifdOffset = h.getInt(4) & 0xFFFFFFFFL;
        } else if (version == 43) {
            big = true;
            if (h.limit() < 16 || h.getShort(4) != 8 || h.getShort(6) != 0) {
                throw new InvalidInputException(path, "damaged BigTIFF header: expected offset size 8 and 0 at "
                        + "bytes 4–7 and a 16-byte header");
            }
            ifdOffset = h.getLong(8);
        } else {
            throw new InvalidInputException(path, "TIFF version " + version + " unknown: expected 42 (TIFF) or "
                    + "43 (BigTIFF)");
        }
        readEntries();
    }

    /** Reads the header and the first IFD's entries of {@code channel}, the file {@code path}. */
    static TiffIfd read(Path path, FileChannel channel) throws IOException {
        return new TiffIfd(path, channel);
    }

    /**
     * Walks the chain of image directories after the first (overviews, pages) without reading their
     * entries and refuses one that loops back on itself, as libtiff does ("IFD looping"): a decoder that
     * follows such a chain (mil.nga tiff) never ends, collecting directories until the heap is gone
     * (ReaderFuzzTest found a 342-byte LiCSAR coherence file whose next-IFD offset was its own). A
     * pointer past the end of the file ends the walk; the first directory is all PermaSAR reads.
     *
     * @param nextAt where the first directory's next-IFD offset is stored
     */
    private void checkChain(long nextAt, int countBytes, int entryBytes, int nextBytes) throws IOException {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        seen.add(ifdOffset);
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        long at = nextAt;
        for (int k = 0; k < MAX_DIRECTORIES; k++) {
            if (at + nextBytes > fileSize) {
                return;
            }
            b.clear().limit(nextBytes);
            read(b, at, "the next directory's offset");
            long next = big ? b.getLong(0) : b.getInt(0) & 0xFFFFFFFFL;
            if (next == 0 || next < 0 || next > fileSize - countBytes) {
                return;
            }
            if (!seen.add(next)) {
                throw new InvalidInputException(path, "image directory chain loops back to the directory at byte " + next
                        + " (damaged file; libtiff refuses it too)");
            }
            b.clear().limit(countBytes);
            read(b, next, "an image directory");
            long n = big ? b.getLong(0) : b.getShort(0) & 0xFFFF;
            if (n < 0 || n > MAX_ENTRIES) {
                return;
            }
            at = next + countBytes + n * entryBytes;
        }
        throw new InvalidInputException(path, "more than " + MAX_DIRECTORIES + " image directories (damaged file?)");
    }

    /** Image directories walked by {@link #checkChain} before the file is called damaged. */
    private static final int MAX_DIRECTORIES = 100_000;

    private void readEntries() throws IOException {
        int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12, nextBytes = big ? 8 : 4;
        if (ifdOffset < (big ? 16 : 8) || ifdOffset > fileSize - countBytes) {
            throw new InvalidInputException(path, "first image directory at byte " + Long.toUnsignedString(ifdOffset)
                    + " lies outside the " + fileSize + "-byte file (truncated or not a TIFF)");
        }
        ByteBuffer c = ByteBuffer.allocate(countBytes).order(order);
        read(c, ifdOffset, "the image directory");
        long n = big ? c.getLong(0) : c.getShort(0) & 0xFFFF;
        if (n < 1 || n > MAX_ENTRIES) {
            throw new InvalidInputException(path, "image directory at byte " + ifdOffset + " declares "
                    + Long.toUnsignedString(n) + " entries, expected 1–" + MAX_ENTRIES + " (damaged)");
        }
        long end = ifdOffset + countBytes + n * entryBytes + nextBytes;
        if (end > fileSize) {
            throw new InvalidInputException(path, "image directory at byte " + ifdOffset + " (" + n + " entries) "
                    + "ends at byte " + end + ", past the end of the " + fileSize + "-byte file (truncated)");
        }
        ByteBuffer e = ByteBuffer.allocate((int) (n * entryBytes)).order(order);
        read(e, ifdOffset + countBytes, "the image directory");
        checkChain(ifdOffset + countBytes + n * entryBytes, countBytes, entryBytes, nextBytes);
        int inlineBytes = big ? 8 : 4;
        for (int i = 0; i < n; i++) {
            int p = i * entryBytes;
            int tag = e.getShort(p) & 0xFFFF;
            int type = e.getShort(p + 2) & 0xFFFF;
            long count = big ? e.getLong(p + 4) : e.getInt(p + 4) & 0xFFFFFFFFL;
            int field = p + (big ? 12 : 8);
            int size = type < SIZE.length ? SIZE[type] : 0;
            if (entries.containsKey(tag)) {
                continue;
            }
            if (count < 0 || size > 0 && count > Long.MAX_VALUE / size) {
                throw new InvalidInputException(path, tagName(tag), "count " + Long.toUnsignedString(count)
                        + " of type " + typeName(type) + " cannot be stored (damaged directory)");
            }
            if (size > 0 && count * size <= inlineBytes) {
                byte[] v = new byte[(int) (count * size)];
                e.get(field, v);
                entries.put(tag, new Entry(tag, type, count, v, -1));
            } else {
                long at = big ? e.getLong(field) : e.getInt(field) & 0xFFFFFFFFL;
                entries.put(tag, new Entry(tag, type, count, null, at));
            }
        }
    }

    ByteOrder order() {
        return order;
    }

    boolean isBigTiff() {
        return big;
    }

    long fileSize() {
        return fileSize;
    }

    boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** Number of values of {@code tag}, 0 when absent. */
    long count(int tag) {
        Entry e = entries.get(tag);
        return e == null ? 0 : e.count;
    }

    /**
     * The first {@code max} (or fewer) values of an integer-typed tag (BYTE, SHORT, LONG, SBYTE, UNDEFINED,
     * SSHORT, SLONG, IFD, LONG8, SLONG8, IFD8; unsigned types zero-extended, LONG8 above 2^63 negative), or
     * null when absent. The tag's whole declared value must lie inside the file.
     */
    long[] integers(int tag, long max) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (!(e.type == 1 || e.type == 3 || e.type == 4 || e.type >= 6 && e.type <= 9 || e.type == 13
                || e.type >= 16 && e.type <= 18)) {
            throw new InvalidInputException(path, tagName(tag), "type " + typeName(e.type) + " where an integer "
                    + "type was expected");
        }
        int n = Math.toIntExact(Math.min(e.count, max));
        ByteBuffer b = values(e, n);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (e.type) {
                case 1, 7 -> b.get(i) & 0xFF;
                case 6 -> b.get(i);
                case 3 -> b.getShort(2 * i) & 0xFFFF;
                case 8 -> b.getShort(2 * i);
                case 4, 13 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case 9 -> b.getInt(4 * i);
                default -> b.getLong(8 * i); // LONG8, SLONG8, IFD8
            };
        }
        return v;
    }

    /** Single integer value of {@code tag} (its first), or {@code absent} when the tag is missing or empty. */
    long integer(int tag, long absent) throws IOException {
        long[] v = integers(tag, 1);
        return v == null || v.length == 0 ? absent : v[0];
    }

    /** All values of a numeric tag as float64 (RATIONAL = numerator / denominator), or null when absent. */
    double[] numbers(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.type == ASCII || e.type >= SIZE.length || SIZE[e.type] == 0) {
            throw new InvalidInputException(path, tagName(tag), "type " + typeName(e.type) + " where numbers were "
                    + "expected");
        }
        if (e.count * SIZE[e.type] > MAX_VALUE_BYTES) {
            throw new InvalidInputException(path, tagName(tag), e.count + " values exceed the "
                    + MAX_VALUE_BYTES + "-byte limit of one tag (damaged)");
        }
        int n = (int) e.count;
        if (e.type != RATIONAL && e.type != SRATIONAL && e.type != FLOAT && e.type != DOUBLE) {
            long[] l = integers(tag, n);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = e.type == 16 || e.type == 18 ? unsigned(l[i]) : l[i];
            }
            return d;
        }
        ByteBuffer b = values(e, n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (e.type) {
                // RATIONAL: two LONGs, numerator then denominator (TIFF 6.0 §2)
                case RATIONAL -> (b.getInt(8 * i) & 0xFFFFFFFFL) / (double) (b.getInt(8 * i + 4) & 0xFFFFFFFFL);
                case SRATIONAL -> b.getInt(8 * i) / (double) b.getInt(8 * i + 4);
                case FLOAT -> b.getFloat(4 * i);
                default -> b.getDouble(8 * i);
            };
        }
        return d;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    /**
     * Text of an ASCII (or BYTE / UNDEFINED) tag up to its first NUL, decoded as UTF-8 (GDAL writes UTF-8),
     * or null when absent.
     */
    String ascii(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.type != ASCII && e.type != 1 && e.type != 7) {
            throw new InvalidInputException(path, tagName(tag), "type " + typeName(e.type) + " where ASCII text was "
                    + "expected");
        }
        if (e.count > MAX_VALUE_BYTES) {
            throw new InvalidInputException(path, tagName(tag), e.count + " characters exceed the " + MAX_VALUE_BYTES
                    + "-byte limit of one tag (damaged)");
        }
        ByteBuffer b = values(e, (int) e.count);
        int n = 0;
        while (n < b.limit() && b.get(n) != 0) {
            n++;
        }
        byte[] s = new byte[n];
        b.get(0, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** The bytes of the first {@code n} values of {@code e}; the whole declared value must lie inside the file. */
    private ByteBuffer values(Entry e, int n) throws IOException {
        int size = SIZE[e.type];
        if (e.inline != null) {
            return ByteBuffer.wrap(e.inline, 0, n * size).slice().order(order);
        }
        long total = e.count * size;
        if (e.valueAt < 0 || e.valueAt > fileSize || total > fileSize - e.valueAt) {
            throw new InvalidInputException(path, tagName(e.tag), e.count + " " + typeName(e.type) + " values at byte "
                    + Long.toUnsignedString(e.valueAt) + " run past the end of the " + fileSize
                    + "-byte file (truncated)");
        }
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, size)).order(order);
        read(b, e.valueAt, tagName(e.tag));
        return b;
    }

    private void read(ByteBuffer b, long at, String what) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int k = channel.read(b, p);
            if (k < 0) {
                throw new InvalidInputException(path, "reading " + what + " at byte " + at + ": end of file after "
                        + (p - at) + " of " + b.limit() + " bytes (truncated)");
            }
            p += k;
        }
        b.flip();
    }

    private static String typeName(int type) {
        return (type < TYPE.length ? TYPE[type] : "?") + " (" + type + ")";
    }

    /** Name of a tag for messages, e.g. "tag StripOffsets (273)". */
    static String tagName(int tag) {
        String name = switch (tag) {
            case TiffLayout.IMAGE_WIDTH -> "ImageWidth";
            case TiffLayout.IMAGE_LENGTH -> "ImageLength";
            case TiffLayout.BITS_PER_SAMPLE -> "BitsPerSample";
            case TiffLayout.COMPRESSION -> "Compression";
            case TiffLayout.STRIP_OFFSETS -> "StripOffsets";
            case TiffLayout.SAMPLES_PER_PIXEL -> "SamplesPerPixel";
            case TiffLayout.ROWS_PER_STRIP -> "RowsPerStrip";
            case TiffLayout.STRIP_BYTE_COUNTS -> "StripByteCounts";
            case TiffLayout.PLANAR_CONFIGURATION -> "PlanarConfiguration";
            case TiffLayout.PREDICTOR -> "Predictor";
            case TiffLayout.TILE_WIDTH -> "TileWidth";
            case TiffLayout.TILE_LENGTH -> "TileLength";
            case TiffLayout.TILE_OFFSETS -> "TileOffsets";
            case TiffLayout.TILE_BYTE_COUNTS -> "TileByteCounts";
            case TiffLayout.SAMPLE_FORMAT -> "SampleFormat";
            case TiffLayout.MODEL_PIXEL_SCALE -> "ModelPixelScale";
            case TiffLayout.MODEL_TIEPOINT -> "ModelTiepoint";
            case TiffLayout.MODEL_TRANSFORMATION -> "ModelTransformation";
            case TiffLayout.GEO_KEY_DIRECTORY -> "GeoKeyDirectory";
            case TiffLayout.GEO_DOUBLE_PARAMS -> "GeoDoubleParams";
            case TiffLayout.GEO_ASCII_PARAMS -> "GeoAsciiParams";
            case TiffLayout.GDAL_METADATA -> "GDAL_METADATA";
            case TiffLayout.GDAL_NODATA -> "GDAL_NODATA";
            default -> "";
        };
        return "tag " + (name.isEmpty() ? "" : name + " ") + "(" + tag + ")";
    }
}

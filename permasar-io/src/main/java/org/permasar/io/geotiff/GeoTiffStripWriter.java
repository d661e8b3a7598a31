package org.permasar.io.geotiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;

/**
 * Streams a pixel-interleaved, deflate-compressed, stripped GeoTIFF: rows arrive in order (any number
 * at a time, all bands of each row), each strip is compressed and written as soon as it is full, and
 * {@link #commit()} fills in the directory and renames the temporary file into place. Memory is one
 * strip (≈ {@value #STRIP_BYTES} bytes, at least one row of all bands), whatever the file size.
 *
 * <p>Layout: header, then the image file directory with its values (reserved at open, its size is
 * known from the grid and tags), then the strips in order. StripOffsets and StripByteCounts are always
 * LONG (classic TIFF) or LONG8 (BigTIFF): never SHORT, which GDAL misreads once a compressed strip
 * passes 65 535 bytes. Classic TIFF is written while the worst-case file size (every strip at
 * zlib's {@code compressBound}) stays below 4 GiB; above that, BigTIFF (version 43), which GDAL and
 * {@link GeoTiffReader} read. Tags as {@link GeoTiffWriter} documents them.
 *
 * <p>{@link #close()} without {@link #commit()} deletes the temporary file and leaves any existing
 * file at the target untouched. Not thread-safe (one writer per file).
 */
public final class GeoTiffStripWriter implements Closeable {
    /** Target uncompressed strip size in bytes; a strip holds at least one row. */
    public static final int STRIP_BYTES = 1 << 16;
    private static final long CLASSIC_LIMIT = 0xFFFFFFFFL;

    /** Classic TIFF or BigTIFF. */
    public enum Container {
        /** Classic TIFF when the worst-case size fits in 4 GiB, else BigTIFF. */
        AUTO,
        /** Classic TIFF; opening fails with the sizes when the worst case could exceed 4 GiB. */
        CLASSIC,
        /** BigTIFF (version 43, 8-byte offsets) whatever the size. */
        BIGTIFF
    }

    /**
     * Encoding options.
     *
     * @param type         sample type of every band
     * @param deflateLevel zlib level 1–9 (6 = zlib's and GDAL's default)
     * @param container    classic TIFF or BigTIFF
     */
    public record Options(GeoTiffWriter.SampleType type, int deflateLevel, Container container) {
        public Options {
            if (type == null || container == null) {
                throw new IllegalArgumentException("type and container are required, got " + type + ", " + container);
            }
            if (deflateLevel < 1 || deflateLevel > 9) {
                throw new IllegalArgumentException("deflate level must be 1–9, got " + deflateLevel);
            }
        }

        /** float32, level 6, automatic container. */
        public static Options defaults() {
            return new Options(GeoTiffWriter.SampleType.FLOAT32, 6, Container.AUTO);
        }

        public Options withType(GeoTiffWriter.SampleType t) {
            return new Options(t, deflateLevel, container);
        }

        public Options withDeflateLevel(int level) {
            return new Options(type, level, container);
        }

        public Options withContainer(Container c) {
            return new Options(type, deflateLevel, c);
        }
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final GridGeometry grid;
    private final int rows;
    private final int cols;
    private final int bands;
    private final GeoTiffWriter.SampleType type;
    private final double integerNodata;
    private final boolean big;
    private final TiffDirectory dir;
    private final long dirPosition;
    private final int rowsPerStrip;
    private final long[] stripOffsets;
    private final long[] stripCounts;
    private final byte[] strip;
    private final ByteBuffer stripBuf;
    private byte[] packed;
    private final Deflater deflater;
    private long position;
    private int rowsDone;
    private int rowsInStrip;
    private boolean committed;
    private boolean closed;

    private GeoTiffStripWriter(Path target, GridGeometry grid, int bands, Options o, Map<String, String> metadata,
                               List<String> descriptions) throws IOException {
        this.target = target;
        this.grid = grid;
        this.rows = grid.rows();
        this.cols = grid.cols();
        this.bands = bands;
        this.type = o.type();
        this.integerNodata = Double.isNaN(grid.nodata()) ? 0 : grid.nodata();
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be ≥ 1, got " + bands);
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("grid must have ≥ 1 row and column, got " + rows + "×" + cols);
        }
        List<String> desc = descriptions == null ? List.of() : descriptions;
        if (!desc.isEmpty() && desc.size() != bands) {
            throw new IllegalArgumentException(desc.size() + " band descriptions for " + bands + " bands");
        }
        long rowBytes = (long) cols * bands * type.bytes;
        if (rowBytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("one row of " + cols + " columns × " + bands + " bands × "
                    + type.bytes + " bytes = " + rowBytes + " bytes exceeds the 2 GiB strip buffer");
        }
        this.rowsPerStrip = (int) Math.max(1, Math.min(rows, STRIP_BYTES / rowBytes));
        int strips = (rows + rowsPerStrip - 1) / rowsPerStrip;
        this.stripOffsets = new long[strips];
        this.stripCounts = new long[strips];

        this.dir = tags(grid, bands, type, metadata == null ? Map.of() : new TreeMap<>(metadata), desc);
        // worst case: every strip at zlib's compressBound (deflate stored blocks + zlib wrapper)
        long full = rowsPerStrip * rowBytes, last = (rows - (long) (strips - 1) * rowsPerStrip) * rowBytes;
        long worstData = (strips - 1) * compressBound(full) + compressBound(last);
        setStripTags(strips, false);
        long worstClassic = 8 + dir.size(false) + 8 + worstData;
        this.big = switch (o.container()) {
            case BIGTIFF -> true;
            case AUTO -> worstClassic > CLASSIC_LIMIT;
            case CLASSIC -> {
                if (worstClassic > CLASSIC_LIMIT) {
                    throw new IllegalArgumentException("classic TIFF holds at most " + CLASSIC_LIMIT + " bytes; "
                            + rows + "×" + cols + " px × " + bands + " bands of " + type + " may need up to "
                            + worstClassic + " bytes compressed (" + rows * rowBytes + " raw): use BigTIFF");
                }
                yield false;
            }
        };
        this.dirPosition = big ? 16 : 8;
        setStripTags(strips, big);
        this.position = align8(dirPosition + dir.size(big));

        this.strip = new byte[(int) full];
        this.stripBuf = ByteBuffer.wrap(strip).order(ByteOrder.LITTLE_ENDIAN);
        this.packed = new byte[(int) Math.min(Integer.MAX_VALUE - 8, compressBound(full) + 64)];
        this.deflater = new Deflater(o.deflateLevel());
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.temp = AtomicFiles.tempFor(target);
        Files.deleteIfExists(temp);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Opens a writer on a temporary sibling of {@code path}.
     *
     * @param grid         size and georeferencing; {@code grid.nodata()} becomes GDAL_NODATA ("nan" when NaN)
     * @param bands        number of bands ≥ 1
     * @param options      sample type, deflate level, container
     * @param metadata     dataset items for GDAL_METADATA (may be empty or null), written sorted by key
     * @param descriptions one description per band, or empty / null for none
     * @throws IllegalArgumentException on bad sizes, or a classic container too small for the worst case
     */
    public static GeoTiffStripWriter open(Path path, GridGeometry grid, int bands, Options options,
                                          Map<String, String> metadata, List<String> descriptions) throws IOException {
        return new GeoTiffStripWriter(path, grid, bands, options, metadata, descriptions);
    }

    /** True when the file is a BigTIFF (decided at open). */
    public boolean isBigTiff() {
        return big;
    }

    /** Rows per strip (decided at open). */
    public int rowsPerStrip() {
        return rowsPerStrip;
    }

    /** Rows received so far. */
    public int rowsWritten() {
        return rowsDone;
    }

    /**
     * Appends the next {@code rowCount} rows of every band, given band-major:
     * {@code block[offset + b·rowCount·cols + r·cols + c]} is band b, row {@code rowsWritten() + r}, column c.
     * For integer types NaN becomes {@code grid.nodata()} (0 when NaN); values round half away from
     * zero and clamp to the type's range.
     */
    public void writeRows(float[] block, int offset, int rowCount) throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(target + ": writer already " + (committed ? "committed" : "closed"));
        }
        if (rowCount < 0 || rowsDone + rowCount > rows) {
            throw new IllegalArgumentException(rowCount + " rows after " + rowsDone + " exceed the grid's " + rows);
        }
        long need = (long) offset + (long) bands * rowCount * cols;
        if (offset < 0 || need > block.length) {
            throw new IllegalArgumentException("block of " + block.length + " values, offset " + offset + ", needs "
                    + need + " for " + bands + " bands × " + rowCount + " rows × " + cols + " cols");
        }
        int bandStride = rowCount * cols;
        int bytes = type.bytes;
        for (int r = 0; r < rowCount; r++) {
            int rowBase = offset + r * cols;
            int o = rowsInStrip * cols * bands * bytes;
            for (int c = 0; c < cols; c++) {
                int src = rowBase + c;
                for (int b = 0; b < bands; b++, o += bytes) {
                    float v = block[src + b * bandStride];
                    switch (type) {
                        case FLOAT32 -> stripBuf.putFloat(o, v);
                        case INT16 -> stripBuf.putShort(o, (short) clampRound(v, Short.MIN_VALUE, Short.MAX_VALUE));
                        case UINT8 -> strip[o] = (byte) clampRound(v, 0, 255);
                        default -> throw new IllegalStateException(type.toString());
                    }
                }
            }
            rowsInStrip++;
            rowsDone++;
            if (rowsInStrip == rowsPerStrip || rowsDone == rows) {
                flushStrip();
            }
        }
    }

    private long clampRound(float v, long lo, long hi) {
        long r = Math.round(Float.isNaN(v) ? integerNodata : v);
        return Math.max(lo, Math.min(hi, r));
    }

    private void flushStrip() throws IOException {
        int len = rowsInStrip * cols * bands * type.bytes;
        deflater.reset();
        deflater.setInput(strip, 0, len);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == packed.length) {
                packed = java.util.Arrays.copyOf(packed, packed.length * 2);
            }
            n += deflater.deflate(packed, n, packed.length - n);
        }
        int s = (rowsDone - 1) / rowsPerStrip;
        if (!big && position + n > CLASSIC_LIMIT) {
            throw new IOException(temp + ": strip " + s + " would end at byte " + (position + n)
                    + ", beyond classic TIFF's 4 GiB (the worst-case estimate should have chosen BigTIFF)");
        }
        stripOffsets[s] = position;
        stripCounts[s] = n;
        ByteBuffer w = ByteBuffer.wrap(packed, 0, n);
        while (w.hasRemaining()) {
            position += channel.write(w, position);
        }
        rowsInStrip = 0;
    }

    /**
     * Writes the header and directory and renames the file into place.
     *
     * @throws IllegalStateException when fewer rows than the grid's were written
     */
    public void commit() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(target + ": writer already " + (committed ? "committed" : "closed"));
        }
        if (rowsDone != rows) {
            throw new IllegalStateException(target + ": " + rowsDone + " of " + rows + " rows written before commit");
        }
        if (big) {
            dir.long8s(StripTag.OFFSETS, stripOffsets);
            dir.long8s(StripTag.COUNTS, stripCounts);
        } else {
            dir.longs(StripTag.OFFSETS, stripOffsets);
            dir.longs(StripTag.COUNTS, stripCounts);
        }
        ByteBuffer head = ByteBuffer.allocate((int) dirPosition).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I');
        if (big) {
            // BigTIFF header: version 43, offset size 8, reserved 0, first IFD offset (8 bytes)
            head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(dirPosition);
        } else {
            head.putShort((short) 42).putInt((int) dirPosition);
        }
        head.flip();
        writeFully(head, 0);
        writeFully(ByteBuffer.wrap(dir.encode(dirPosition, big)), dirPosition);
        channel.force(false);
        channel.close();
        AtomicFiles.commit(temp, target);
        committed = true;
        deflater.end();
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    /** Releases the file; without a prior {@link #commit()} the temporary file is deleted. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            deflater.end();
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** zlib's {@code compressBound}: the largest deflate output for {@code n} input bytes. */
    static long compressBound(long n) {
        return n + (n >> 12) + (n >> 14) + (n >> 25) + 13;
    }

    private static long align8(long p) {
        return (p + 7) / 8 * 8;
    }

    /** The strip tags (TIFF 6.0 §3). */
    private static final class StripTag {
        static final int OFFSETS = 273;
        static final int COUNTS = 279;
    }

    private void setStripTags(int strips, boolean bigTiff) {
        long[] zeros = new long[strips];
        if (bigTiff) {
            dir.long8s(StripTag.OFFSETS, zeros);
            dir.long8s(StripTag.COUNTS, zeros);
        } else {
            dir.longs(StripTag.OFFSETS, zeros);
            dir.longs(StripTag.COUNTS, zeros);
        }
    }

    /**
     * Every tag except the strip offsets and counts: image structure (TIFF 6.0), georeferencing
     * (GeoTIFF 1.0) and GDAL's GDAL_METADATA (42112) and GDAL_NODATA (42113).
     */
    private TiffDirectory tags(GridGeometry grid, int bands, GeoTiffWriter.SampleType type,
                               Map<String, String> metadata, List<String> desc) {
        TiffDirectory d = new TiffDirectory();
        d.longs(256, grid.cols());                                         // ImageWidth
        d.longs(257, grid.rows());                                         // ImageLength
        d.shorts(258, Collections.nCopies(bands, type.bytes * 8));         // BitsPerSample
        d.shorts(259, List.of(8));                                         // Compression: deflate (Adobe)
        d.shorts(262, List.of(1));                                         // Photometric: BlackIsZero
        d.shorts(277, List.of(bands));                                     // SamplesPerPixel
        d.longs(278, rowsPerStrip);                                        // RowsPerStrip
        d.shorts(284, List.of(1));                                         // PlanarConfiguration: chunky
        if (bands > 1) {
            // ExtraSamples = 0 (unspecified) for every band beyond the first grey one (TIFF 6.0 §18)
            d.shorts(338, Collections.nCopies(bands - 1, 0));
        }
        d.shorts(339, Collections.nCopies(bands, type.sampleFormat));      // SampleFormat
        if (grid.isGeocoded()) {
            GeoTransform t = grid.transform();
            if (t.isNorthUp()) {
                d.doubles(33550, List.of(t.pixelWidth(), -t.pixelHeight(), 0.0));             // ModelPixelScale
                d.doubles(33922, List.of(0.0, 0.0, 0.0, t.originX(), t.originY(), 0.0));    // ModelTiepoint
            } else {
                // x = a·col + b·row + d, y = e·col + f·row + h (GeoTIFF 1.0 §2.6.1, ModelTransformationTag)
                d.doubles(34264, List.of(
                        t.pixelWidth(), t.rowRotation(), 0.0, t.originX(),
                        t.colRotation(), t.pixelHeight(), 0.0, t.originY(),
                        0.0, 0.0, 0.0, 0.0,
                        0.0, 0.0, 0.0, 1.0));
            }
            if (grid.epsg() > 0) {
                d.shorts(34735, GeoKeys.directory(grid.epsg()));                           // GeoKeyDirectory
            }
        }
        if (!metadata.isEmpty() || !desc.isEmpty()) {
            d.ascii(42112, new GdalMetadata(metadata, new ArrayList<>(desc)).toXml());
        }
        if (!Double.isNaN(grid.nodata()) || type == GeoTiffWriter.SampleType.FLOAT32) {
            d.ascii(42113, GeoTiffWriter.nodataText(grid.nodata()));
        }
        return d;
    }
}

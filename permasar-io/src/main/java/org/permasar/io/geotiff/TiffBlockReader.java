package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;

/**
 * Window reads of uncompressed or deflate strips and tiles straight from the file, each strip or tile
 * decoded once per call for all requested bands, pixel-interleaved (chunky) or band-sequential (planar).
 * The directory comes from mil.nga tiff; the decoding is ours because mil.nga 3.0.0 inflates through a
 * 1 KiB buffer that makes a 736 kB strip (one row of a 500-px, 368-band float32 file) cost seconds.
 * Files with a predictor, LZW, PackBits or mixed sample types are left to mil.nga ({@link #supports}).
 *
 * <p>Mutable (reuses its inflater and buffers); not thread-safe.
 */
final class TiffBlockReader {
    private final Path path;
    private final FileChannel channel;
    private final ByteOrder order;
    private final boolean deflate;
    private final boolean planar;
    private final boolean tiled;
    private final int width;
    private final int height;
    private final int blockWidth;
    private final int blockHeight;
    private final int samples;
    private final int sampleBytes;
    private final FieldType type;
    private final long[] offsets;
    private final long[] counts;
    private final Inflater inflater = new Inflater();
    private byte[] compressed = new byte[0];
    private final byte[] block;

    /** True when every sample has one type of 1, 2, 4 or 8 bytes, no predictor, and no or deflate compression. */
    static boolean supports(FileDirectory dir) {
        Integer c = dir.getCompression();
        Integer p = dir.getPredictor();
        if (!(c == null || c == 1 || c == 8 || c == 32946) || !(p == null || p == 1)) {
            return false;
        }
        List<Integer> bits = dir.getBitsPerSample();
        FieldType first = dir.getFieldTypeForSample(0);
        for (int s = 0; s < dir.getSamplesPerPixel(); s++) {
            int b = bits.get(Math.min(s, bits.size() - 1));
            if (dir.getFieldTypeForSample(s) != first || b % 8 != 0 || b / 8 != first.getBytes()) {
                return false;
            }
        }
        return true;
    }

    TiffBlockReader(Path path, FileChannel channel, ByteOrder order, FileDirectory dir) {
        this.path = path;
        this.channel = channel;
        this.order = order;
        Integer c = dir.getCompression();
        this.deflate = c != null && c != 1;
        this.planar = dir.getPlanarConfiguration() != null && dir.getPlanarConfiguration() == 2;
        this.width = dir.getImageWidth().intValue();
        this.height = dir.getImageHeight().intValue();
        this.samples = dir.getSamplesPerPixel();
        this.type = dir.getFieldTypeForSample(0);
        this.sampleBytes = type.getBytes();
        this.tiled = dir.isTiled();
        if (tiled) {
            this.blockWidth = dir.getTileWidth().intValue();
            this.blockHeight = dir.getTileHeight().intValue();
            this.offsets = longs(dir.getTileOffsets());
            this.counts = longs(dir.getTileByteCounts());
        } else {
            Number rps = dir.getRowsPerStrip();
            this.blockWidth = width;
            this.blockHeight = rps == null ? height : (int) Math.min(height, rps.longValue());
            this.offsets = longs(dir.getStripOffsets());
            this.counts = longs(dir.getStripByteCounts());
        }
        this.block = new byte[Math.multiplyExact(Math.multiplyExact(blockWidth, blockHeight),
                (planar ? 1 : samples) * sampleBytes)];
    }

    private static long[] longs(List<? extends Number> l) {
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i).longValue();
        }
        return a;
    }

    /**
     * Band {@code bands[k]} inside {@code w} into {@code dest[offset + k·w.size() + r·w.cols() + c]}, times
     * {@code scale}; values equal to {@code nodata} (when not NaN) become NaN.
     */
    void read(int[] bands, Window w, float[] dest, int offset, float scale, double nodata) throws IOException {
        int across = (width + blockWidth - 1) / blockWidth;
        int down = (height + blockHeight - 1) / blockHeight;
        int bx0 = w.col0() / blockWidth, bx1 = (w.colEnd() - 1) / blockWidth;
        int by0 = w.row0() / blockHeight, by1 = (w.rowEnd() - 1) / blockHeight;
        boolean hasNd = !Double.isNaN(nodata);
        int n = w.size();
        for (int by = by0; by <= by1; by++) {
            for (int bx = bx0; bx <= bx1; bx++) {
                int r0 = Math.max(w.row0(), by * blockHeight), r1 = Math.min(w.rowEnd(), (by + 1) * blockHeight);
                int c0 = Math.max(w.col0(), bx * blockWidth), c1 = Math.min(w.colEnd(), (bx + 1) * blockWidth);
                if (planar) {
                    for (int k = 0; k < bands.length; k++) {
                        int index = bands[k] * across * down + by * across + bx;
                        ByteBuffer bb = decode(index);
                        copy(bb, 1, 0, by, bx, r0, r1, c0, c1, w, dest, offset + k * n, scale, nodata, hasNd);
                    }
                } else {
                    ByteBuffer bb = decode(by * across + bx);
                    for (int k = 0; k < bands.length; k++) {
                        copy(bb, samples, bands[k], by, bx, r0, r1, c0, c1, w, dest, offset + k * n, scale, nodata,
                                hasNd);
                    }
                }
            }
        }
    }

    private void copy(ByteBuffer bb, int stride, int sample, int by, int bx, int r0, int r1, int c0, int c1, Window w,
                      float[] dest, int base, float scale, double nodata, boolean hasNd) throws IOException {
        for (int r = r0; r < r1; r++) {
            int o = base + (r - w.row0()) * w.cols() + (c0 - w.col0());
            // byte of (row r, col c, sample s) in the block: ((r − top)·blockWidth + (c − left))·stride + s, × sample bytes
            int p = (((r - by * blockHeight) * blockWidth + (c0 - bx * blockWidth)) * stride + sample) * sampleBytes;
            int step = stride * sampleBytes;
            for (int c = c0; c < c1; c++, o++, p += step) {
                double v = switch (type) {
                    case BYTE, UNDEFINED -> bb.get(p) & 0xFF;
                    case SBYTE -> bb.get(p);
                    case SHORT -> bb.getShort(p) & 0xFFFF;
                    case SSHORT -> bb.getShort(p);
                    case LONG -> bb.getInt(p) & 0xFFFFFFFFL;
                    case SLONG -> bb.getInt(p);
                    case FLOAT -> bb.getFloat(p);
                    case DOUBLE -> bb.getDouble(p);
                    default -> throw new InvalidInputException(path, "unsupported sample type " + type);
                };
                dest[o] = (hasNd && v == nodata) ? Float.NaN : (float) (v * scale);
            }
        }
    }

    /** Strip or tile {@code index}, decoded into the reused block buffer (zero past a short final strip). */
    private ByteBuffer decode(int index) throws IOException {
        if (index >= offsets.length || index >= counts.length) {
            throw new InvalidInputException(path, "block " + index + " missing: " + offsets.length + " offsets, "
                    + counts.length + " byte counts");
        }
        int count = Math.toIntExact(counts[index]);
        ByteBuffer in;
        if (deflate) {
            if (compressed.length < count) {
                compressed = new byte[count];
            }
            readFully(ByteBuffer.wrap(compressed, 0, count), offsets[index], index);
            inflater.reset();
            inflater.setInput(compressed, 0, count);
            try {
                int got = 0;
                while (got < block.length && !inflater.finished()) {
                    int k = inflater.inflate(block, got, block.length - got);
                    if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    got += k;
                }
                int expected = expectedBytes(index);
                if (got < expected) {
                    throw new InvalidInputException(path, "block " + index + " at byte " + offsets[index] + ": "
                            + count + " compressed bytes inflate to " + got + " of the " + expected + " expected "
                            + "(truncated or damaged; files from mil.nga tiff 3.0.0 with SHORT StripByteCounts "
                            + "over 65 535 bytes look like this: rewrite them)");
                }
                java.util.Arrays.fill(block, got, block.length, (byte) 0);
            } catch (DataFormatException e) {
                throw new InvalidInputException(path, null, "block " + index + " at byte " + offsets[index]
                        + ": deflate data damaged (" + e.getMessage() + ")", e);
            }
        } else {
            int len = Math.min(count, block.length);
            java.util.Arrays.fill(block, len, block.length, (byte) 0);
            readFully(ByteBuffer.wrap(block, 0, len), offsets[index], index);
        }
        in = ByteBuffer.wrap(block).order(order);
        return in;
    }

    /** Decoded bytes of block {@code index}: a full tile, or the rows the strip holds (the last may be short). */
    private int expectedBytes(int index) {
        int perPixel = (planar ? 1 : samples) * sampleBytes;
        if (tiled) {
            return block.length; // tiles are always whole
        }
        int down = (height + blockHeight - 1) / blockHeight;
        int strip = index % down;
        int stripRows = Math.min(blockHeight, height - strip * blockHeight);
        return stripRows * width * perPixel;
    }

    private void readFully(ByteBuffer b, long at, int index) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int k = channel.read(b, p);
            if (k < 0) {
                throw new InvalidInputException(path, "block " + index + " runs past the end of the file (truncated)");
            }
            p += k;
        }
    }

    void close() {
        inflater.end();
    }
}

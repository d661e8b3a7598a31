package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;

/**
 * Window reads of uncompressed or deflate strips and tiles straight from the file, pixel-interleaved
 * (chunky) or band-sequential (planar), with the layout of {@link TiffLayout}: nothing but the blocks a
 * window touches is read. A deflate block is inflated once per call for all requested bands into one
 * reused buffer (one strip or tile); an uncompressed block is read row by row, only the columns of the
 * window. So memory is one block, whatever the file's size, and BigTIFF and files past 4 GiB read alike.
 * Files with a predictor, LZW, PackBits, bit-packed or mixed sample types are not handled here
 * ({@link #unsupported} says why): {@link GeoTiffReader} gives them to mil.nga tiff.
 *
 * <p>A sparse block (0 bytes, GDAL {@code SPARSE_OK}) reads as NaN when the file has a nodata value, else 0,
 * as GDAL fills it. Mutable (reuses its inflater and buffers); not thread-safe.
 */
final class TiffBlockReader {
    /** Sample 0 of a planar block, which holds one band. */
    private static final int[] FIRST = {0};
    private final Path path;
    private final FileChannel channel;
    private final TiffLayout layout;
    private final boolean deflate;
    private final boolean planar;
    private final int blockWidth;
    private final int blockHeight;
    private final int across;
    private final int down;
    private final int samples;
    private final int sampleBytes;
    private final TiffLayout.Sample type;
    private final int blockBytes;
    private final Inflater inflater = new Inflater();
    private byte[] compressed = new byte[0];
    private byte[] block;
    private byte[] row = new byte[0];

    /**
     * Why the file's blocks cannot be decoded here (compression other than none or deflate, a predictor,
     * samples of differing or non-byte-aligned types), or null when they can.
     */
    static String unsupported(TiffLayout l) {
        int c = l.compression();
        if (c != TiffLayout.COMPRESSION_NONE && c != TiffLayout.COMPRESSION_DEFLATE
                && c != TiffLayout.COMPRESSION_DEFLATE_OLD) {
            return "compression " + TiffLayout.compressionName(c);
        }
        if (l.predictor() != 1) {
            return "predictor " + l.predictor();
        }
        if (!l.uniformSamples()) {
            return "samples of differing types";
        }
        if (l.sample(0) == null) {
            return l.bitsPerSample(0) + "-bit samples of SampleFormat " + l.sampleFormat(0);
        }
        return null;
    }

    /** True when {@link #unsupported} finds nothing. */
    static boolean supports(TiffLayout l) {
        return unsupported(l) == null;
    }

    /**
     * A reader of {@code layout}'s blocks through {@code channel} (owned by the caller).
     *
     * @throws InvalidInputException when the layout is not {@linkplain #supports supported}, or one decoded
     *                               deflate block would exceed the 2 GiB of a Java array
     */
    TiffBlockReader(Path path, FileChannel channel, TiffLayout layout) throws InvalidInputException {
        String why = unsupported(layout);
        if (why != null) {
            throw new InvalidInputException(path, why + " is not decoded from the file");
        }
        this.path = path;
        this.channel = channel;
        this.layout = layout;
        int c = layout.compression();
        this.deflate = c != TiffLayout.COMPRESSION_NONE;
        this.planar = layout.isPlanar();
        this.samples = layout.samplesPerPixel();
        this.type = layout.sample(0);
        this.sampleBytes = type.bytes;
        this.blockWidth = layout.blockWidth();
        this.blockHeight = layout.blockHeight();
        this.across = layout.blocksAcross();
        this.down = layout.blocksDown();
        long bytes = (long) blockWidth * blockHeight * (planar ? 1 : samples) * sampleBytes;
        if (deflate && bytes > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(path, "one deflate " + (layout.isTiled() ? "tile" : "strip") + " of "
                    + blockWidth + "×" + blockHeight + " px decodes to " + bytes + " bytes, more than one 2 GiB buffer");
        }
        this.blockBytes = (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    /**
     * Band {@code bands[k]} inside {@code w} into {@code dest[offset + k·w.size() + r·w.cols() + c]}, times
     * {@code scale}; values equal to {@code nodata} (when not NaN) become NaN.
     */
    void read(int[] bands, Window w, float[] dest, int offset, float scale, double nodata) throws IOException {
        int bx0 = w.col0() / blockWidth, bx1 = (w.colEnd() - 1) / blockWidth;
        int by0 = w.row0() / blockHeight, by1 = (w.rowEnd() - 1) / blockHeight;
        boolean hasNd = !Double.isNaN(nodata);
        int n = w.size();
        for (int by = by0; by <= by1; by++) {
            for (int bx = bx0; bx <= bx1; bx++) {
                int top = by * blockHeight, left = bx * blockWidth;
                int r0 = Math.max(w.row0(), top), r1 = Math.min(w.rowEnd(), top + blockHeight);
                int c0 = Math.max(w.col0(), left), c1 = Math.min(w.colEnd(), left + blockWidth);
                if (planar) {
                    for (int k = 0; k < bands.length; k++) {
                        int index = bands[k] * across * down + by * across + bx;
                        copyBlock(index, FIRST, 1, top, left, r0, r1, c0, c1, w, dest, offset + k * n, n,
                                scale, nodata, hasNd);
                    }
                } else {
                    copyBlock(by * across + bx, bands, samples, top, left, r0, r1, c0, c1, w, dest, offset, n,
                            scale, nodata, hasNd);
                }
            }
        }
    }

    /**
     * Samples {@code sample[k]} of rows r0–r1, columns c0–c1 of block {@code index} (top-left pixel (top,
     * left), {@code stride} samples per pixel) into {@code dest[base + k·n + …]}.
     */
    private void copyBlock(int index, int[] sample, int stride, int top, int left, int r0, int r1, int c0, int c1,
                           Window w, float[] dest, int base, int n, float scale, double nodata, boolean hasNd)
            throws IOException {
        long count = layout.blockByteCount(index);
        if (count == 0) {
            float fill = hasNd ? Float.NaN : 0f;
            for (int k = 0; k < sample.length; k++) {
                for (int r = r0; r < r1; r++) {
                    int o = base + k * n + (r - w.row0()) * w.cols() + (c0 - w.col0());
                    Arrays.fill(dest, o, o + c1 - c0, fill);
                }
            }
            return;
        }
        int step = stride * sampleBytes;
        if (deflate) {
            ByteBuffer bb = inflate(index, count);
            for (int r = r0; r < r1; r++) {
                // byte of (row r, col c, sample s) in the block: ((r − top)·blockWidth + (c − left))·stride + s, × sample bytes
                int p = ((r - top) * blockWidth + (c0 - left)) * step;
                int o = base + (r - w.row0()) * w.cols() + (c0 - w.col0());
                for (int k = 0; k < sample.length; k++) {
                    convert(bb, p + sample[k] * sampleBytes, step, c1 - c0, dest, o + k * n, scale, nodata, hasNd);
                }
            }
        } else {
            int len = (c1 - c0) * step;
            if (row.length < len) {
                row = new byte[len];
            }
            ByteBuffer bb = ByteBuffer.wrap(row).order(layout.order());
            for (int r = r0; r < r1; r++) {
                long at = layout.blockOffset(index) + ((long) (r - top) * blockWidth + (c0 - left)) * step;
                readFully(ByteBuffer.wrap(row, 0, len), at, index);
                int o = base + (r - w.row0()) * w.cols() + (c0 - w.col0());
                for (int k = 0; k < sample.length; k++) {
                    convert(bb, sample[k] * sampleBytes, step, c1 - c0, dest, o + k * n, scale, nodata, hasNd);
                }
            }
        }
    }

    /** {@code count} samples from byte {@code p} every {@code step} bytes into {@code dest[o…]}, nodata → NaN. */
    private void convert(ByteBuffer bb, int p, int step, int count, float[] dest, int o, float scale, double nodata,
                         boolean hasNd) {
        for (int i = 0; i < count; i++, p += step) {
            double v = switch (type) {
                case UINT8 -> bb.get(p) & 0xFF;
                case INT8 -> bb.get(p);
                case UINT16 -> bb.getShort(p) & 0xFFFF;
                case INT16 -> bb.getShort(p);
                case UINT32 -> bb.getInt(p) & 0xFFFFFFFFL;
                case INT32 -> bb.getInt(p);
                case FLOAT32 -> bb.getFloat(p);
                case FLOAT64 -> bb.getDouble(p);
            };
            dest[o + i] = (hasNd && v == nodata) ? Float.NaN : (float) (v * scale);
        }
    }

    /** Largest expansion of deflate (RFC 1951): a 258-byte match in at least 2 bits, i.e. 1032 : 1. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** Deflate block {@code index} of {@code count} stored bytes, inflated into the reused block buffer. */
    private ByteBuffer inflate(int index, long count) throws IOException {
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(path, "block " + index + " holds " + count + " compressed bytes, more "
                    + "than one 2 GiB buffer");
        }
        int stored = (int) count;
        long declared = layout.blockBytes(index);
        if (declared > MAX_DEFLATE_RATIO * stored + 64) {
            // checked before the block buffer is allocated: a damaged width or rows-per-strip made a 121-byte
            // strip claim 284 MB (found by ReaderFuzzTest)
            throw new InvalidInputException(path, "block " + index + " at byte " + layout.blockOffset(index) + ": "
                    + stored + " compressed bytes cannot inflate to the " + declared + " bytes the directory declares "
                    + "(deflate expands at most " + MAX_DEFLATE_RATIO + "×): damaged image size or strip table");
        }
        if (compressed.length < stored) {
            compressed = new byte[stored];
        }
        if (block == null) {
            block = new byte[blockBytes];
        }
        long at = layout.blockOffset(index);
        readFully(ByteBuffer.wrap(compressed, 0, stored), at, index);
        inflater.reset();
        inflater.setInput(compressed, 0, stored);
        try {
            int got = 0;
            while (got < block.length && !inflater.finished()) {
                int k = inflater.inflate(block, got, block.length - got);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += k;
            }
            long expected = layout.blockBytes(index);
            if (got < expected) {
                throw new InvalidInputException(path, "block " + index + " at byte " + at + ": " + stored
                        + " compressed bytes inflate to " + got + " of the " + expected + " expected "
                        + "(truncated or damaged; files from mil.nga tiff 3.0.0 with SHORT StripByteCounts "
                        + "over 65 535 bytes look like this: rewrite them)");
            }
            Arrays.fill(block, got, block.length, (byte) 0);
        } catch (DataFormatException e) {
            throw new InvalidInputException(path, null, "block " + index + " at byte " + at
                    + ": deflate data damaged (" + e.getMessage() + ")", e);
        }
        return ByteBuffer.wrap(block).order(layout.order());
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

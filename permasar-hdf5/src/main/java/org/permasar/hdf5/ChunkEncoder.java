package org.permasar.hdf5;

import java.util.zip.Deflater;
import org.permasar.grid.Window;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.io.sink.WrittenPixels;

/**
 * Encodes one whole chunk of a dataset in Java, as libhdf5's filter pipeline would, for
 * {@code H5Dwrite_chunk}: the chunk's elements little-endian in C order {@code [layers, chunk rows,
 * chunk cols]} (the part beyond the dataset's edge filled with the fill value, as libhdf5 pads edge
 * chunks), then, when the dataset is compressed, HDF5's byte shuffle followed by zlib deflate (the
 * {@code H5Z_FILTER_SHUFFLE} and {@code H5Z_FILTER_DEFLATE} filters in that order, filter mask 0).
 *
 * <p>Runs outside the libhdf5 lock, so several threads compress chunks at once. Not thread-safe: one
 * encoder per call.
 */
final class ChunkEncoder {
    private final DatasetSpec spec;
    private final int cr;
    private final int cc;
    private final int layers;
    private final int elemBytes;

    ChunkEncoder(DatasetSpec spec) {
        this.spec = spec;
        this.cr = spec.chunkRows();
        this.cc = spec.chunkCols();
        this.layers = spec.layers();
        this.elemBytes = spec.type().bytes();
    }

    /** Bytes of one uncompressed chunk. */
    int rawBytes() {
        return layers * cr * cc * elemBytes;
    }

    /**
     * True when {@code w} is made of whole chunks (edge chunks clipped by the dataset count as
     * whole) and every chunk holds all layers, so each chunk can be written directly.
     */
    static boolean alignedToChunks(DatasetSpec spec, Window w) {
        int cr = spec.chunkRows(), cc = spec.chunkCols();
        return spec.chunkLayers() == spec.layers()
                && w.row0() % cr == 0 && w.col0() % cc == 0
                && (w.rowEnd() % cr == 0 || w.rowEnd() == spec.rows())
                && (w.colEnd() % cc == 0 || w.colEnd() == spec.cols());
    }

    /**
     * The encoded bytes of the chunk whose first row and column (dataset coordinates) are
     * {@code row0, col0}, taken from block {@code data} of window {@code w} (layout of
     * {@link org.permasar.io.sink.BlockSink#writeBlock}); returns the number of bytes in {@code out[0]}.
     *
     * @param out     holder of a reusable output array, grown as needed
     * @param scratch at least {@link #rawBytes()} bytes of workspace
     */
    int encode(Window w, float[] data, int offset, int row0, int col0, byte[][] out, byte[] scratch) {
        int raw = rawBytes(), count = raw / elemBytes;
        boolean deflate = spec.deflateLevel() > 0;
        ensure(out, deflate ? raw + raw / 1000 + 64 : raw);
        // elements little-endian into scratch, or straight into HDF5's shuffle order when deflating:
        // byte j of element i at j·count + i (H5Z shuffle), so the chunk is laid out in one pass
        byte[] dst = deflate ? scratch : out[0];
        int stride = deflate ? count : 1, step = deflate ? 1 : elemBytes;
        int rows = Math.min(cr, w.rowEnd() - row0), cols = Math.min(cc, w.colEnd() - col0);
        int n = w.size(), fillBits = bits(Float.NaN, true), i = 0;
        for (int k = 0; k < layers; k++) {
            for (int r = 0; r < cr; r++) {
                int src = offset + k * n + (row0 - w.row0() + r) * w.cols() + (col0 - w.col0());
                for (int c = 0; c < cc; c++, i++) {
                    int v = r < rows && c < cols ? bits(data[src + c], false) : fillBits;
                    int at = i * step;
                    for (int j = 0; j < elemBytes; j++) {
                        dst[at + j * stride] = (byte) (v >>> (8 * j));
                    }
                }
            }
        }
        if (!deflate) {
            return raw;
        }
        Deflater d = new Deflater(spec.deflateLevel());
        try {
            d.setInput(scratch, 0, raw);
            d.finish();
            int len = 0;
            while (!d.finished()) {
                if (len == out[0].length) {
                    out[0] = java.util.Arrays.copyOf(out[0], out[0].length * 2);
                }
                len += d.deflate(out[0], len, out[0].length - len);
            }
            return len;
        } finally {
            d.end(); // frees zlib's native state now, not at the next GC
        }
    }

    /** The stored bits of a block value (integers rounded, NaN as the fill), or of the fill itself. */
    private int bits(float v, boolean fill) {
        if (spec.type() == SinkDataType.FLOAT32) {
            return Float.floatToRawIntBits(v);
        }
        return (int) (fill ? (long) spec.fill() : WrittenPixels.toInteger(spec, v));
    }

    private static void ensure(byte[][] out, int bytes) {
        if (out[0] == null || out[0].length < bytes) {
            out[0] = new byte[bytes];
        }
    }
}

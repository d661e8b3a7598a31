package org.permasar.io.folder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;

/**
 * A float32 layer of a flat binary file without header: GAMMA ({@code .unw}, {@code .cc},
 * big-endian, one band) and ROI_PAC RMG ({@code .unw}, little-endian, bands interleaved by line:
 * each line holds {@code bands × cols} values, band {@code band} at offset {@code band·cols}).
 * Values equal to {@code nodata} (and NaN) read as NaN. Reads only the rows of each window
 * (positional reads, no memory mapping). Immutable; safe to read from several threads.
 *
 * @param file   the binary file
 * @param rows   number of lines
 * @param cols   samples per line and band
 * @param bands  bands interleaved by line (1 for GAMMA, 2 for ROI_PAC RMG)
 * @param band   band to read, 0-based
 * @param order  byte order of the file
 * @param nodata value meaning "no data" (0 for GAMMA and ROI_PAC phase), NaN for none
 */
public record RawRasterLayer(Path file, int rows, int cols, int bands, int band, ByteOrder order, float nodata)
        implements LayerReader {

    public RawRasterLayer {
        if (rows <= 0 || cols <= 0 || bands <= 0 || band < 0 || band >= bands) {
            throw new IllegalArgumentException("bad raw layout for " + file + ": rows=" + rows + " cols=" + cols
                    + " bands=" + bands + " band=" + band);
        }
    }

    /** Expected file size in bytes. */
    public long expectedBytes() {
        return 4L * rows * cols * bands;
    }

    /** Throws {@link InvalidInputException} when the file is missing or its size does not match the header. */
    public void checkSize() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "missing file");
        }
        long size = Files.size(file);
        if (size != expectedBytes()) {
            throw new InvalidInputException(file, (size < expectedBytes() ? "truncated" : "too long") + ": "
                    + size + " bytes, expected " + expectedBytes() + " (" + rows + " lines × " + cols + " samples × "
                    + bands + " band(s) × 4-byte float32)");
        }
    }

    @Override
    public void read(Window w, float[] dest, int offset) throws IOException {
        if (!w.fitsIn(rows, cols)) {
            throw new IllegalArgumentException("window " + w + " outside " + rows + "×" + cols + " of " + file);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * w.cols()).order(order);
        boolean hasNd = !Float.isNaN(nodata);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int r = 0; r < w.rows(); r++) {
                long pos = 4L * (((long) (w.row0() + r) * bands + band) * cols + w.col0());
                buf.clear();
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        throw new InvalidInputException(file, "truncated: ends before line " + (w.row0() + r)
                                + " (expected " + expectedBytes() + " bytes)");
                    }
                }
                buf.flip();
                int o = offset + r * w.cols();
                for (int c = 0; c < w.cols(); c++) {
                    float v = buf.getFloat(4 * c);
                    dest[o + c] = hasNd && v == nodata ? Float.NaN : v;
                }
            }
        }
    }
}

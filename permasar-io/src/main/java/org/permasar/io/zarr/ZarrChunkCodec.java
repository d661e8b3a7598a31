package org.permasar.io.zarr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.permasar.stack.InvalidInputException;

/**
 * Encodes and decodes the bytes of one Zarr v2 chunk: element conversion between {@code float}
 * and the stored data type, then the compressor ({@code zlib} = RFC 1950 stream, as Python's
 * {@code zlib.compress} and numcodecs {@code Zlib} write; {@code gzip} = RFC 1952; or none).
 * Stateless; each call allocates only its (de)compressor.
 */
final class ZarrChunkCodec {

    private ZarrChunkCodec() {
    }

    /**
     * Converts {@code n} floats to stored elements in {@code raw}. NaN becomes {@code fill} for
     * integer types; integers are rounded half-even ({@link Math#rint}).
     *
     * @throws IllegalArgumentException for a finite value outside the integer type's range
     */
    static void toBytes(ZarrDataType t, float[] src, int n, byte[] raw, double fill, String array) {
        ByteBuffer bb = ByteBuffer.wrap(raw).order(t.order());
        if (t.kind() == 'f' && t.size() == 4) {
            bb.asFloatBuffer().put(src, 0, n);
            return;
        }
        if (t.kind() == 'f') {
            for (int i = 0; i < n; i++) {
                bb.putDouble(i * 8, src[i]);
            }
            return;
        }
        double lo = t.min(), hi = t.max();
        for (int i = 0; i < n; i++) {
            double v = Float.isNaN(src[i]) ? fill : Math.rint(src[i]);
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException("value " + src[i] + " at chunk element " + i + " of array "
                        + array + " does not fit " + t + " (range " + (long) lo + "…" + (long) hi + ")");
            }
            long x = (long) v;
            switch (t.size()) {
                case 1 -> raw[i] = (byte) x;
                case 2 -> bb.putShort(i * 2, (short) x);
                default -> bb.putInt(i * 4, (int) x);
            }
        }
    }

    /**
     * Converts {@code n} stored elements to floats; integer elements equal to {@code nodata}
     * become NaN (float elements keep their value, NaN included).
     */
    static void fromBytes(ZarrDataType t, byte[] raw, float[] dst, int n, double nodata) {
        ByteBuffer bb = ByteBuffer.wrap(raw).order(t.order());
        if (t.kind() == 'f' && t.size() == 4) {
            bb.asFloatBuffer().get(dst, 0, n);
            return;
        }
        if (t.kind() == 'f') {
            for (int i = 0; i < n; i++) {
                dst[i] = (float) bb.getDouble(i * 8);
            }
            return;
        }
        boolean unsigned = t.kind() == 'u';
        for (int i = 0; i < n; i++) {
            long x = switch (t.size()) {
                case 1 -> unsigned ? raw[i] & 0xFFL : raw[i];
                case 2 -> unsigned ? bb.getShort(i * 2) & 0xFFFFL : bb.getShort(i * 2);
                default -> unsigned ? bb.getInt(i * 4) & 0xFFFFFFFFL : bb.getInt(i * 4);
            };
            dst[i] = x == nodata ? Float.NaN : (float) x;
        }
    }

    /** Writes {@code raw} compressed with the array's compressor. */
    static void write(ZarrArrayMeta m, byte[] raw, int len, OutputStream out) throws IOException {
        if (m.compressor == null) {
            out.write(raw, 0, len);
            return;
        }
        if (!"zlib".equals(m.compressor)) {
            throw new IllegalArgumentException("PermaSAR writes only zlib chunks, not " + m.compressor);
        }
        Deflater d = new Deflater(m.level);
        try (DeflaterOutputStream z = new DeflaterOutputStream(nonClosing(out), d, 1 << 16)) {
            z.write(raw, 0, len);
        } finally {
            d.end();
        }
    }

    /**
     * Reads and decompresses a chunk file into {@code raw}, which must receive exactly
     * {@code raw.length} bytes.
     *
     * @throws InvalidInputException when the file is damaged or of the wrong size
     */
    static void read(ZarrArrayMeta m, Path file, byte[] raw, String dataset) throws IOException {
        byte[] stored = Files.readAllBytes(file);
        int got;
        try {
            if (m.compressor == null) {
                got = stored.length;
                System.arraycopy(stored, 0, raw, 0, Math.min(got, raw.length));
            } else if ("zlib".equals(m.compressor)) {
                Inflater inf = new Inflater();
                try {
                    inf.setInput(stored);
                    got = 0;
                    while (got < raw.length && !inf.finished()) {
                        int k = inf.inflate(raw, got, raw.length - got);
                        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                            break;
                        }
                        got += k;
                    }
                    if (!inf.finished()) {
                        got = -1;
                    }
                } finally {
                    inf.end();
                }
            } else {
                got = readFully(new GZIPInputStream(new java.io.ByteArrayInputStream(stored)), raw);
            }
        } catch (DataFormatException | java.util.zip.ZipException e) {
            throw new InvalidInputException(file, dataset, "damaged " + m.compressor + " chunk: " + e.getMessage(), e);
        }
        if (got != raw.length) {
            throw new InvalidInputException(file, dataset, "chunk decodes to " + (got < 0 ? "more or fewer" : got)
                    + " bytes, expected " + raw.length + " (" + m.chunkElements() + " × " + m.dtype + ")");
        }
    }

    private static int readFully(InputStream in, byte[] raw) throws IOException {
        try (in) {
            int got = in.readNBytes(raw, 0, raw.length);
            return in.read() == -1 ? got : -1;
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override public void close() throws IOException {
                flush();
            }
        };
    }
}

package org.permasar.io.zarr;

import java.nio.ByteOrder;

/**
 * A Zarr v2 numeric data type, spelled as a NumPy type string: byte order ({@code <} little,
 * {@code >} big, {@code |} not applicable), kind ({@code f} float, {@code i} signed integer,
 * {@code u} unsigned integer) and size in bytes, e.g. {@code "<f4"}.
 *
 * <p>PermaSAR writes {@link #FLOAT32} ({@code <f4}), {@link #INT16} ({@code <i2}) and
 * {@link #UINT8} ({@code |u1}); the reader also accepts {@code f8}, {@code i1}, {@code u2},
 * {@code i4} and {@code u4} in either byte order. Immutable.
 *
 * @param kind  'f', 'i' or 'u'
 * @param size  bytes per element
 * @param order byte order of the stored elements
 */
public record ZarrDataType(char kind, int size, ByteOrder order) {

    /** 32-bit IEEE float, little-endian: every PermaSAR cube. */
    public static final ZarrDataType FLOAT32 = new ZarrDataType('f', 4, ByteOrder.LITTLE_ENDIAN);
    /** 16-bit signed integer, little-endian (e.g. counts, DEM heights in metres). */
    public static final ZarrDataType INT16 = new ZarrDataType('i', 2, ByteOrder.LITTLE_ENDIAN);
    /** 8-bit unsigned integer (masks, quality flags). */
    public static final ZarrDataType UINT8 = new ZarrDataType('u', 1, ByteOrder.LITTLE_ENDIAN);

    public ZarrDataType {
        boolean ok = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4;
            default -> false;
        };
        if (!ok || order == null) {
            throw new IllegalArgumentException("unsupported Zarr data type kind='" + kind + "' size=" + size
                    + " (supported: f4, f8, i1, i2, i4, u1, u2, u4)");
        }
    }

    /**
     * Parses a NumPy type string such as {@code "<f4"}, {@code ">i2"} or {@code "|u1"}.
     *
     * @throws IllegalArgumentException for any other spelling (structured or string types)
     */
    public static ZarrDataType parse(String numpy) {
        if (numpy == null || numpy.length() != 3 || "<>|".indexOf(numpy.charAt(0)) < 0
                || !Character.isDigit(numpy.charAt(2))) {
            throw new IllegalArgumentException("unsupported Zarr dtype " + numpy + " (expected e.g. \"<f4\")");
        }
        ByteOrder bo = numpy.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new ZarrDataType(numpy.charAt(1), numpy.charAt(2) - '0', bo);
    }

    /** The NumPy type string, e.g. {@code "<f4"}; single bytes use {@code '|'}. */
    public String numpy() {
        char o = size == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + o + kind + size;
    }

    /** True for floating-point types, whose fill value is NaN by default. */
    public boolean isFloat() {
        return kind == 'f';
    }

    /** Smallest representable value (−∞ for floats). */
    double min() {
        if (kind == 'f') {
            return Double.NEGATIVE_INFINITY;
        }
        return kind == 'u' ? 0 : -Math.pow(2, 8 * size - 1);
    }

    /** Largest representable value (+∞ for floats). */
    double max() {
        if (kind == 'f') {
            return Double.POSITIVE_INFINITY;
        }
        return kind == 'u' ? Math.pow(2, 8 * size) - 1 : Math.pow(2, 8 * size - 1) - 1;
    }

    @Override
    public String toString() {
        return numpy();
    }
}

package org.permasar.io.sink;

/**
 * Element type of a dataset stored by a {@link BlockSink}. Blocks always arrive as float32;
 * integer types are rounded to nearest (ties to even) on write, NaN becomes the dataset's fill value, and a
 * value outside the type's range is refused ({@link IllegalArgumentException}).
 */
public enum SinkDataType {
    /** IEEE float32, little-endian (MintPy rasters and cubes). */
    FLOAT32(4, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    /** Signed 16-bit integer, little-endian (MintPy {@code connectComponent}). */
    INT16(2, Short.MIN_VALUE, Short.MAX_VALUE),
    /** Unsigned 8-bit integer (masks, flags). */
    UINT8(1, 0, 255);

    private final int bytes;
    private final double min;
    private final double max;

    SinkDataType(int bytes, double min, double max) {
        this.bytes = bytes;
        this.min = min;
        this.max = max;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == FLOAT32;
    }

    /** Smallest representable value. */
    public double min() {
        return min;
    }

    /** Largest representable value. */
    public double max() {
        return max;
    }
}

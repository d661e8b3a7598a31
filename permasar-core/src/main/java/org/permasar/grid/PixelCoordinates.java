package org.permasar.grid;

/**
 * Per-pixel geographic coordinates of a grid that is not regular in any CRS (radar geometry,
 * e.g. MintPy {@code geometryRadar.h5} latitude/longitude). Implementations are immutable and
 * thread-safe.
 */
public interface PixelCoordinates extends java.io.Serializable {
    /** Latitude of the centre of pixel (row, col), degrees north; NaN when unknown. */
    double latitude(int row, int col);

    /** Longitude of the centre of pixel (row, col), degrees east; NaN when unknown. */
    double longitude(int row, int col);

    /** Coordinates held in two row-major float arrays of {@code rows·cols} values. */
    static PixelCoordinates of(int rows, int cols, float[] lat, float[] lon) {
        if (lat.length != (long) rows * cols || lon.length != (long) rows * cols) {
            throw new IllegalArgumentException("latitude/longitude arrays need " + rows + "×" + cols
                    + " values, got " + lat.length + " and " + lon.length);
        }
        float[] la = lat.clone(), lo = lon.clone();
        return new PixelCoordinates() {
            @Override public double latitude(int row, int col) { return la[row * cols + col]; }
            @Override public double longitude(int row, int col) { return lo[row * cols + col]; }
        };
    }
}

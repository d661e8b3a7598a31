package org.permasar.grid;

/**
 * Affine map from pixel indices to map coordinates, in GDAL's order and convention.
 *
 * <pre>
 *   x = originX + col·pixelWidth  + row·rowRotation
 *   y = originY + col·colRotation + row·pixelHeight
 * </pre>
 * where (col, row) = (0, 0) is the <em>upper-left corner</em> of the upper-left pixel
 * ("pixel is area"; MintPy's X_FIRST/Y_FIRST and GDAL's geotransform use the same corner).
 * Pixel centres are at (col + 0.5, row + 0.5). For a north-up grid {@code pixelHeight < 0}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param originX     x of the upper-left corner (degrees or metres, per the CRS)
 * @param pixelWidth  x step per column
 * @param rowRotation x step per row (0 for north-up)
 * @param originY     y of the upper-left corner
 * @param colRotation y step per column (0 for north-up)
 * @param pixelHeight y step per row (negative for north-up)
 */
public record GeoTransform(double originX, double pixelWidth, double rowRotation,
                           double originY, double colRotation, double pixelHeight) implements java.io.Serializable {

    public GeoTransform {
        for (double v : new double[] {originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("GeoTransform terms must be finite, got "
                        + java.util.Arrays.toString(new double[] {originX, pixelWidth, rowRotation,
                                originY, colRotation, pixelHeight}));
            }
        }
        double det = pixelWidth * pixelHeight - rowRotation * colRotation;
        if (det == 0) {
            throw new IllegalArgumentException("GeoTransform is singular: pixelWidth=" + pixelWidth
                    + " pixelHeight=" + pixelHeight + " rowRotation=" + rowRotation + " colRotation=" + colRotation);
        }
    }

    /** North-up grid from its upper-left corner and steps (MintPy X_FIRST, X_STEP, Y_FIRST, Y_STEP). */
    public static GeoTransform northUp(double originX, double stepX, double originY, double stepY) {
        return new GeoTransform(originX, stepX, 0, originY, 0, stepY);
    }

    /** From GDAL's six-element array {@code [x0, dx, rx, y0, ry, dy]}. */
    public static GeoTransform fromGdal(double[] gt) {
        if (gt == null || gt.length != 6) {
            throw new IllegalArgumentException("GDAL geotransform needs 6 terms, got "
                    + (gt == null ? "null" : gt.length));
        }
        return new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]);
    }

    /** GDAL's six-element array {@code [x0, dx, rx, y0, ry, dy]}. */
    public double[] toGdal() {
        return new double[] {originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight};
    }

    public boolean isNorthUp() {
        return rowRotation == 0 && colRotation == 0;
    }

    /** Map x at fractional pixel position (col, row); use col + 0.5 for a pixel centre. */
    public double x(double col, double row) {
        return originX + col * pixelWidth + row * rowRotation;
    }

    /** Map y at fractional pixel position (col, row). */
    public double y(double col, double row) {
        return originY + col * colRotation + row * pixelHeight;
    }

    /** Fractional column of map point (x, y): inverse of the affine map. */
    public double col(double x, double y) {
        double det = pixelWidth * pixelHeight - rowRotation * colRotation;
        double dx = x - originX, dy = y - originY;
        return (pixelHeight * dx - rowRotation * dy) / det;
    }

    /** Fractional row of map point (x, y). */
    public double row(double x, double y) {
        double det = pixelWidth * pixelHeight - rowRotation * colRotation;
        double dx = x - originX, dy = y - originY;
        return (-colRotation * dx + pixelWidth * dy) / det;
    }

    /** The transform of a sub-window whose upper-left pixel is (col0, row0) of this grid. */
    public GeoTransform shifted(int col0, int row0) {
        return new GeoTransform(x(col0, row0), pixelWidth, rowRotation, y(col0, row0), colRotation, pixelHeight);
    }

    /** Same grid spacing and origin within {@code tol} of a pixel. */
    public boolean alignsWith(GeoTransform o, double tolPixels) {
        double tx = Math.abs(pixelWidth) * tolPixels, ty = Math.abs(pixelHeight) * tolPixels;
        return Math.abs(originX - o.originX) <= tx && Math.abs(originY - o.originY) <= ty
                && Math.abs(pixelWidth - o.pixelWidth) <= Math.abs(pixelWidth) * 1e-6
                && Math.abs(pixelHeight - o.pixelHeight) <= Math.abs(pixelHeight) * 1e-6
                && Math.abs(rowRotation - o.rowRotation) <= tx && Math.abs(colRotation - o.colRotation) <= ty;
    }
}

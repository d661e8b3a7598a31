package org.permasar.geometry;

import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * Resamples a raster from one geocoded grid onto another in the same CRS (e.g. the descending track
 * onto the ascending track's grid before comparing them pixel by pixel, SCIENCE.md §5).
 *
 * <p>Each target pixel centre is mapped to map coordinates with the target's {@link GeoTransform},
 * then to a fractional pixel position of the source. {@link Method#NEAREST} takes the source pixel
 * containing that point; {@link Method#BILINEAR} interpolates between the four surrounding source pixel
 * centres. NaN policy: outside the source grid, or any contributing source pixel (one of non-zero
 * weight) NaN or equal to the source grid's nodata value → NaN. A target grid whose pixels are source
 * pixels (same spacing, no rotation, whole-pixel offset: {@link #alignedOffset}) takes the source values
 * by index, which is what both methods give there, without interpolating. Stateless, thread-safe.
 */
public final class GridResampler {
    /** Interpolation method. */
    public enum Method { NEAREST, BILINEAR }

    private GridResampler() {
    }

    /**
     * @param src     source values, row-major, {@code srcGrid.size()} long
     * @param srcGrid geocoded grid of {@code src}
     * @param dstGrid geocoded target grid, same EPSG (when both declare one)
     * @return new array of {@code dstGrid.size()} values
     */
    public static float[] resample(float[] src, GridGeometry srcGrid, GridGeometry dstGrid, Method method) {
        if (!srcGrid.isGeocoded() || !dstGrid.isGeocoded()) {
            throw new IllegalArgumentException("both grids must be geocoded: source " + srcGrid + ", target " + dstGrid);
        }
        if (srcGrid.epsg() != 0 && dstGrid.epsg() != 0 && srcGrid.epsg() != dstGrid.epsg()) {
            throw new IllegalArgumentException("grids are in different CRSs: EPSG:" + srcGrid.epsg()
                    + " vs EPSG:" + dstGrid.epsg() + "; reproject first");
        }
        if (src.length != srcGrid.size()) {
            throw new IllegalArgumentException("source has " + src.length + " values but its grid " + srcGrid.size());
        }
        GeoTransform st = srcGrid.transform();
        GeoTransform dt = dstGrid.transform();
        int sRows = srcGrid.rows(), sCols = srcGrid.cols();
        double nodata = srcGrid.nodata();
        float[] out = new float[dstGrid.size()];
        int[] shift = alignedOffset(srcGrid, dstGrid);
        if (shift != null) {
            for (int r = 0; r < dstGrid.rows(); r++) {
                int sr = r + shift[0];
                for (int c = 0; c < dstGrid.cols(); c++) {
                    int sc = c + shift[1];
                    out[r * dstGrid.cols() + c] = sr < 0 || sc < 0 || sr >= sRows || sc >= sCols ? Float.NaN
                            : (float) value(src, sr * sCols + sc, nodata);
                }
            }
            return out;
        }
        for (int r = 0; r < dstGrid.rows(); r++) {
            for (int c = 0; c < dstGrid.cols(); c++) {
                double x = dt.x(c + 0.5, r + 0.5), y = dt.y(c + 0.5, r + 0.5);
                double fc = st.col(x, y), fr = st.row(x, y);
                double v;
                if (method == Method.NEAREST) {
                    int ic = (int) Math.floor(fc), ir = (int) Math.floor(fr);
                    v = (ic < 0 || ir < 0 || ic >= sCols || ir >= sRows) ? Double.NaN
                            : value(src, ir * sCols + ic, nodata);
                } else {
                    v = bilinear(src, sRows, sCols, fr - 0.5, fc - 0.5, nodata);
                }
                out[r * dstGrid.cols() + c] = (float) v;
            }
        }
        return out;
    }

    /**
     * Values of {@code src} at fractional positions of its own grid (GDAL corner convention: pixel (r, c) covers
     * [c, c + 1) × [r, r + 1)), e.g. target pixel centres mapped into the source CRS by a reprojection. Nearest:
     * the pixel containing the position; bilinear: between the four surrounding pixel centres, as
     * {@link #resample}. NaN outside the grid, at NaN positions and where a contributing pixel is nodata.
     *
     * @param cols fractional columns, one per output value
     * @param rows fractional rows, same length
     */
    public static float[] sample(float[] src, GridGeometry srcGrid, double[] cols, double[] rows, Method method) {
        if (cols.length != rows.length) {
            throw new IllegalArgumentException("cols and rows differ in length: " + cols.length + " vs " + rows.length);
        }
        int sRows = srcGrid.rows(), sCols = srcGrid.cols();
        double nodata = srcGrid.nodata();
        float[] out = new float[cols.length];
        for (int i = 0; i < cols.length; i++) {
            double fc = cols[i], fr = rows[i];
            double v;
            if (!Double.isFinite(fc) || !Double.isFinite(fr)) {
                v = Double.NaN;
            } else if (method == Method.NEAREST) {
                int ic = (int) Math.floor(fc), ir = (int) Math.floor(fr);
                v = (fc < 0 || fr < 0 || ic >= sCols || ir >= sRows) ? Double.NaN : value(src, ir * sCols + ic, nodata);
            } else {
                v = bilinear(src, sRows, sCols, fr - 0.5, fc - 0.5, nodata);
            }
            out[i] = (float) v;
        }
        return out;
    }

    /** Bilinear interpolation at fractional centre-based position (y, x); edge pixels clamp within half a pixel. */
    private static double bilinear(float[] src, int rows, int cols, double y, double x, double nodata) {
        if (y < -0.5 || x < -0.5 || y > rows - 0.5 || x > cols - 0.5) {
            return Double.NaN;
        }
        double yc = Math.min(Math.max(y, 0), rows - 1), xc = Math.min(Math.max(x, 0), cols - 1);
        int r0 = Math.min((int) Math.floor(yc), Math.max(rows - 2, 0));
        int c0 = Math.min((int) Math.floor(xc), Math.max(cols - 2, 0));
        int r1 = Math.min(r0 + 1, rows - 1), c1 = Math.min(c0 + 1, cols - 1);
        double ty = yc - r0, tx = xc - c0;
        // f = (1-ty)[(1-tx)v00 + tx v01] + ty[(1-tx)v10 + tx v11]; a NaN neighbour of non-zero weight
        // propagates, one of weight 0 (a target centre on a source row or column) does not
        double f = 0;
        f += term((1 - ty) * (1 - tx), src, r0 * cols + c0, nodata);
        f += term((1 - ty) * tx, src, r0 * cols + c1, nodata);
        f += term(ty * (1 - tx), src, r1 * cols + c0, nodata);
        f += term(ty * tx, src, r1 * cols + c1, nodata);
        return f;
    }

    private static double term(double w, float[] src, int k, double nodata) {
        return w == 0 ? 0 : w * value(src, k, nodata);
    }

    /**
     * Row and column of the target's first pixel in {@code srcGrid} when both grids have the same
     * spacing, no rotation and a whole-pixel offset (within 10⁻⁶ px); null otherwise.
     */
    public static int[] alignedOffset(GridGeometry srcGrid, GridGeometry dst) {
        GeoTransform s = srcGrid.transform(), t = dst.transform();
        if (s.colRotation() != 0 || s.rowRotation() != 0 || t.colRotation() != 0 || t.rowRotation() != 0
                || Math.abs(s.pixelWidth() - t.pixelWidth()) > 1e-9 * Math.abs(t.pixelWidth())
                || Math.abs(s.pixelHeight() - t.pixelHeight()) > 1e-9 * Math.abs(t.pixelHeight())) {
            return null;
        }
        double x = t.x(0.5, 0.5), y = t.y(0.5, 0.5);
        double fc = s.col(x, y) - 0.5, fr = s.row(x, y) - 0.5;
        long c0 = Math.round(fc), r0 = Math.round(fr);
        if (Math.abs(fc - c0) > 1e-6 || Math.abs(fr - r0) > 1e-6) {
            return null;
        }
        return new int[] {(int) r0, (int) c0};
    }

    private static double value(float[] src, int k, double nodata) {
        float v = src[k];
        return v == nodata ? Double.NaN : v;
    }
}

package org.permasar.io.crs;

import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * A raster in one CRS onto a grid in another, by inverse mapping as {@code gdalwarp} does: the centre of every
 * target pixel, in the target's CRS, is transformed into the source CRS with Proj4J (PROJ 4's formulas and EPSG
 * table, as {@link LatLonLocator}), placed on the source grid through the inverse of its geotransform, and sampled
 * there by {@link GridResampler#sample} — nearest (the source pixel that contains it: for class codes) or bilinear
 * (for continuous values). No area averaging: a source much finer than the target is point-sampled. Both grids must
 * be geocoded with EPSG codes PROJ knows; a geographic source is addressed in (lon, lat), its longitude wrapped to
 * within 180° of the source grid's centre.
 *
 * <p>NaN outside the source grid or where the transform fails. Thread-safe (a transform per call; the CRS objects
 * are cached and immutable).
 */
public final class GridReprojection {

    private GridReprojection() {
    }

    /**
     * @param src source values, row-major, {@code srcGrid.size()} long (nodata of srcGrid honoured)
     * @throws IllegalArgumentException when a grid is not geocoded or an EPSG code is unknown to PROJ
     */
    public static float[] reproject(float[] src, GridGeometry srcGrid, GridGeometry dstGrid, GridResampler.Method method) {
        double[][] pos = positions(srcGrid, dstGrid, 1);
        return GridResampler.sample(src, srcGrid, pos[0], pos[1], method);
    }

    /**
     * Whether any of the target's pixel centres (every {@code step}-th row and column, plus the last) falls on the
     * source grid.
     */
    public static boolean overlaps(GridGeometry srcGrid, GridGeometry dstGrid) {
        int step = Math.max(1, Math.max(dstGrid.rows(), dstGrid.cols()) / 64);
        double[][] pos = positions(srcGrid, dstGrid, step);
        for (int i = 0; i < pos[0].length; i++) {
            double c = pos[0][i], r = pos[1][i];
            if (c >= 0 && r >= 0 && c < srcGrid.cols() && r < srcGrid.rows()) {
                return true;
            }
        }
        return false;
    }

    /** Fractional source {cols, rows} of target pixel centres (every step-th row/col and the last when step > 1). */
    private static double[][] positions(GridGeometry srcGrid, GridGeometry dstGrid, int step) {
        if (!srcGrid.isGeocoded() || !dstGrid.isGeocoded()) {
            throw new IllegalArgumentException("both grids must be geocoded to reproject: source " + srcGrid + ", target " + dstGrid);
        }
        CoordinateReferenceSystem from = crs(dstGrid.epsg()), to = crs(srcGrid.epsg());
        CoordinateTransform t = new CoordinateTransformFactory().createTransform(from, to);
        boolean geographic = to.getProjection() != null && Boolean.TRUE.equals(to.getProjection().isGeographic());
        GeoTransform st = srcGrid.transform(), dt = dstGrid.transform();
        double lonCentre = st.x(srcGrid.cols() / 2.0, srcGrid.rows() / 2.0);
        int[] rs = index(dstGrid.rows(), step), cs = index(dstGrid.cols(), step);
        double[] cols = new double[rs.length * cs.length], rows = new double[cols.length];
        ProjCoordinate in = new ProjCoordinate(), out = new ProjCoordinate();
        int k = 0;
        for (int r : rs) {
            for (int c : cs) {
                in.x = dt.x(c + 0.5, r + 0.5);
                in.y = dt.y(c + 0.5, r + 0.5);
                double x = Double.NaN, y = Double.NaN;
                try {
                    t.transform(in, out);
                    x = out.x;
                    y = out.y;
                    if (geographic) {
                        x -= 360 * Math.rint((x - lonCentre) / 360);
                    }
                } catch (Proj4jException e) {
                    // outside the projection's domain: NaN
                }
                cols[k] = Double.isFinite(x) && Double.isFinite(y) ? st.col(x, y) : Double.NaN;
                rows[k] = Double.isFinite(x) && Double.isFinite(y) ? st.row(x, y) : Double.NaN;
                k++;
            }
        }
        return new double[][] {cols, rows};
    }

    private static int[] index(int n, int step) {
        if (step == 1) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            return a;
        }
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.iterate(0, i -> i < n, i -> i + step),
                java.util.stream.IntStream.of(n - 1)).distinct().toArray();
    }

    private static CoordinateReferenceSystem crs(int epsg) {
        if (epsg == 0) {
            throw new IllegalArgumentException("a grid without EPSG code cannot be reprojected");
        }
        return EpsgCrs.of(epsg);
    }
}

package org.permasar.io.lst;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.LstCube;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an {@link LstSource} onto the InSAR grid, block by block: for a window of the target grid it
 * reads only the LST pixels that window needs (its footprint plus a one-pixel margin) and resamples each
 * date with {@link GridResampler} (nearest or bilinear; NaN where the LST grid does not reach or a
 * contributing LST pixel is missing).
 *
 * <p>CRS rule: both grids must be geocoded and in the same EPSG code, or both geographic lon/lat (e.g.
 * WGS 84 4326 and CGCS2000 4490; the datum difference, metres at most, is ignored and logged). Otherwise
 * — e.g. MODIS sinusoidal onto a UTM InSAR grid — the regridder refuses: reproject the LST first
 * ({@code gdalwarp -t_srs EPSG:<insar>}). A grid with no EPSG code (0) is assumed to share the other's
 * CRS, with a warning. Not thread-safe (it reads through the source).
 */
public final class LstRegridder {
    private static final Logger LOG = LoggerFactory.getLogger(LstRegridder.class);
    /** Geographic 2-D lon/lat CRSs accepted as interchangeable. */
    private static final Set<Integer> GEOGRAPHIC = Set.of(4326, 4269, 4258, 4283, 4490, 4612, 6668, 4167, 4979, 4322);

    private final LstSource source;
    private final GridGeometry lstGrid;
    private final GridGeometry target;
    private final GridResampler.Method method;

    /**
     * @throws InvalidInputException when the grids are not both geocoded or their CRSs differ (see class)
     */
    public LstRegridder(LstSource source, GridGeometry target, GridResampler.Method method) throws InvalidInputException {
        this.source = source;
        this.target = target;
        this.method = method;
        this.lstGrid = compatible(source, target);
    }

    private static GridGeometry compatible(LstSource s, GridGeometry target) throws InvalidInputException {
        GridGeometry g = s.grid();
        if (!g.isGeocoded()) {
            throw new InvalidInputException(s.path(), "LST rasters have no georeferencing; cannot place them on the InSAR grid");
        }
        if (!target.isGeocoded()) {
            throw new InvalidInputException(s.path(), "the InSAR grid is in radar geometry (" + target
                    + "); geocode the InSAR stack before combining it with LST");
        }
        int a = g.epsg(), b = target.epsg();
        if (a == b) {
            return g.withNodata(Double.NaN);
        }
        if (a == 0 || b == 0) {
            LOG.warn("{}: CRS unknown on one side (LST EPSG:{}, InSAR EPSG:{}); assuming they are the same", s.path(), a, b);
            return g.withEpsg(b).withNodata(Double.NaN);
        }
        if (GEOGRAPHIC.contains(a) && GEOGRAPHIC.contains(b)) {
            LOG.info("{}: LST in EPSG:{}, InSAR in EPSG:{}: both geographic lon/lat, datum shift ignored", s.path(), a, b);
            return g.withEpsg(b).withNodata(Double.NaN);
        }
        throw new InvalidInputException(s.path(), "LST CRS EPSG:" + a + " differs from the InSAR grid's EPSG:" + b
                + " and they are not both geographic lon/lat; reproject the LST first, e.g. gdalwarp -t_srs EPSG:" + b);
    }

    /** The target grid. */
    public GridGeometry target() {
        return target;
    }

    /** LST of every date on {@code targetWindow} of the target grid, °C, layer-major. */
    public LstCube read(Window targetWindow) throws IOException {
        GridGeometry dst = target.subset(targetWindow);
        int n = targetWindow.size(), layers = source.dates().size();
        float[] out = new float[Math.multiplyExact(layers, n)];
        Window src = footprint(dst);
        if (src == null) {
            Arrays.fill(out, Float.NaN);
        } else {
            GridGeometry srcGrid = lstGrid.subset(src);
            float[] all = source.read(src).celsius();
            float[] buf = new float[src.size()];
            for (int t = 0; t < layers; t++) {
                System.arraycopy(all, t * buf.length, buf, 0, buf.length);
                float[] r = GridResampler.resample(buf, srcGrid, dst, method);
                System.arraycopy(r, 0, out, t * n, n);
            }
        }
        return new LstCube(dst.withNodata(Double.NaN), source.dates(), out);
    }

    /**
     * Whether an LST cell spans at least two target pixels along both axes (e.g. 1 km MODIS on a
     * 100 m InSAR grid): then the thermal chain can run once per LST cell ({@link #readCells}).
     */
    public boolean coarserThanTarget() {
        GeoTransform s = lstGrid.transform(), t = target.transform();
        double sx = Math.hypot(s.pixelWidth(), s.colRotation()), sy = Math.hypot(s.rowRotation(), s.pixelHeight());
        double tx = Math.hypot(t.pixelWidth(), t.colRotation()), ty = Math.hypot(t.rowRotation(), t.pixelHeight());
        return sx >= 2 * tx && sy >= 2 * ty;
    }

    /**
     * The LST composites of the cells under a target window, unresampled, and for every target pixel
     * the cell that contains its centre.
     *
     * @param celsius     composites {@code [date*cells + cell]}, °C, NaN = missing
     * @param cells       cells read (a rectangle of the LST grid)
     * @param cellOfPixel per target pixel of the window (row-major), its cell, or −1 outside the LST grid
     */
    public record Cells(float[] celsius, int cells, int[] cellOfPixel) {
    }

    /** {@link Cells} of a window of the target grid: what nearest-neighbour resampling would pick, read once per cell. */
    public Cells readCells(Window targetWindow) throws IOException {
        GridGeometry dst = target.subset(targetWindow);
        int[] cellOf = new int[targetWindow.size()];
        Arrays.fill(cellOf, -1);
        Window src = footprint(dst);
        if (src == null) {
            return new Cells(new float[0], 0, cellOf);
        }
        GeoTransform dt = dst.transform(), st = lstGrid.transform();
        for (int r = 0; r < dst.rows(); r++) {
            for (int c = 0; c < dst.cols(); c++) {
                double x = dt.x(c + 0.5, r + 0.5), y = dt.y(c + 0.5, r + 0.5);
                int sc = (int) Math.floor(st.col(x, y)) - src.col0(), sr = (int) Math.floor(st.row(x, y)) - src.row0();
                if (sc >= 0 && sc < src.cols() && sr >= 0 && sr < src.rows()) {
                    cellOf[r * dst.cols() + c] = sr * src.cols() + sc;
                }
            }
        }
        return new Cells(source.read(src).celsius(), src.size(), cellOf);
    }

    /** The whole target grid (small targets only). */
    public LstCube readAll() throws IOException {
        return read(Window.of(target));
    }

    /** LST window covering {@code dst}'s pixel centres with a one-pixel margin, or null when disjoint. */
    Window footprint(GridGeometry dst) {
        GeoTransform dt = dst.transform(), st = lstGrid.transform();
        double minC = Double.POSITIVE_INFINITY, maxC = Double.NEGATIVE_INFINITY;
        double minR = Double.POSITIVE_INFINITY, maxR = Double.NEGATIVE_INFINITY;
        for (double[] corner : new double[][] {{0.5, 0.5}, {dst.cols() - 0.5, 0.5}, {0.5, dst.rows() - 0.5},
                {dst.cols() - 0.5, dst.rows() - 0.5}}) {
            double x = dt.x(corner[0], corner[1]), y = dt.y(corner[0], corner[1]);
            double c = st.col(x, y), r = st.row(x, y);
            minC = Math.min(minC, c);
            maxC = Math.max(maxC, c);
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
        }
        int c0 = Math.max(0, (int) Math.floor(minC) - 1), c1 = Math.min(lstGrid.cols(), (int) Math.floor(maxC) + 2);
        int r0 = Math.max(0, (int) Math.floor(minR) - 1), r1 = Math.min(lstGrid.rows(), (int) Math.floor(maxR) + 2);
        if (c1 <= c0 || r1 <= r0) {
            return null;
        }
        return new Window(r0, c0, r1 - r0, c1 - c0);
    }
}

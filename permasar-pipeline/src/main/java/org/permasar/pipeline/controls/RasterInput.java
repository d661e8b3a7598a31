package org.permasar.pipeline.controls;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.crs.GridReprojection;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * One input map of the raster mode, read on the deformation grid block by block: on the same grid, straight from
 * the file window by window (memory: one block); on another grid of the same CRS, read whole once and resampled
 * per block onto the block's sub-grid ({@link GridResampler}: nearest for categorical factors, bilinear for
 * continuous ones; NaN outside the map); in another CRS (both EPSG codes known), read whole once and reprojected per
 * block ({@link GridReprojection}: target pixel centres transformed into the map's CRS, then the same nearest or
 * bilinear sampling). Nodata becomes NaN. Not thread-safe.
 */
final class RasterInput implements Closeable {
    private final String what;
    private final RasterSource source;
    private final String dataset;
    private final GridGeometry target;
    private final ProductRasters.Raster whole;
    private final GridResampler.Method method;
    private final boolean reproject;

    private RasterInput(String what, RasterSource source, String dataset, GridGeometry target,
                        ProductRasters.Raster whole, GridResampler.Method method) {
        this(what, source, dataset, target, whole, method, false);
    }

    private RasterInput(String what, RasterSource source, String dataset, GridGeometry target,
                        ProductRasters.Raster whole, GridResampler.Method method, boolean reproject) {
        this.reproject = reproject;
        this.what = what;
        this.source = source;
        this.dataset = dataset;
        this.target = target;
        this.whole = whole;
        this.method = method;
    }

    /** Opens {@code spec} (FILE or FILE:DATASET) for reading on {@code target} (null: its own grid is the target). */
    static RasterInput open(String what, String spec, GridGeometry target, GridResampler.Method method) throws IOException {
        Path file = Path.of(spec);
        String ds = null;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && !Files.exists(file)) {
            String tail = spec.substring(colon + 1);
            if (!tail.isEmpty() && !tail.contains("/") && !tail.contains("\\")) {
                file = Path.of(spec.substring(0, colon));
                ds = tail;
            }
        }
        RasterSource src = RasterFormats.open(file);
        try {
            if (ds == null) {
                if (src instanceof GeoTiffReader) {
                    ds = GeoTiffReader.BANDS;
                } else if (src.datasets().size() == 1) {
                    ds = src.datasets().get(0);
                } else {
                    throw new InvalidInputException(file, what + ": several datasets " + src.datasets()
                            + ": name one as FILE:DATASET");
                }
            }
            if (!src.has(ds)) {
                throw new InvalidInputException(file, ds, what + ": dataset is missing (the file has " + src.datasets() + ")");
            }
            if (!(src instanceof GeoTiffReader) && src.layers(ds) != 1) {
                throw new InvalidInputException(file, ds, what + ": expected a 2-D map, found " + src.layers(ds) + " layers");
            }
            GridGeometry g = src.grid();
            if (target == null || g.sameGrid(target)) {
                return new RasterInput(what, src, ds, target == null ? g : target, null, method);
            }
            if (!g.isGeocoded() || !target.isGeocoded()) {
                throw new InvalidInputException(file, what + ": grid " + g.rows() + "×" + g.cols()
                        + " differs from the deformation grid and one of them is not geocoded");
            }
            boolean reproject = g.epsg() != 0 && target.epsg() != 0 && g.epsg() != target.epsg();
            if (reproject) {
                try {
                    if (!GridReprojection.overlaps(g, target)) {
                        throw new InvalidInputException(file, what + ": the map (EPSG:" + g.epsg()
                                + ") does not reach the deformation grid (EPSG:" + target.epsg() + ")");
                    }
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(file, what + ": cannot reproject EPSG:" + g.epsg() + " onto the deformation "
                            + "grid's EPSG:" + target.epsg() + ": " + e.getMessage());
                }
            } else {
                ProductRasters.requireOverlap(g, target, what);
            }
            src.close();
            return new RasterInput(what, null, ds, target, ProductRasters.read(file, ds.equals(GeoTiffReader.BANDS) ? null : ds),
                    method, reproject);
        } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    GridGeometry grid() {
        return target;
    }

    /** Values of rows [row0, row0 + rows) of the target grid into {@code dest[0 … rows·cols)}. */
    void read(int row0, int rows, float[] dest) throws IOException {
        Window w = new Window(row0, 0, rows, target.cols());
        if (whole == null) {
            if (source instanceof GeoTiffReader t) {
                t.readBand(0, w, dest, 0, 1f);
            } else {
                source.read(dataset, w, dest, 0);
            }
        } else {
            float[] v = reproject ? GridReprojection.reproject(whole.data(), whole.grid(), target.subset(w), method)
                    : GridResampler.resample(whole.data(), whole.grid(), target.subset(w), method);
            System.arraycopy(v, 0, dest, 0, v.length);
        }
    }

    @Override
    public void close() throws IOException {
        if (source != null) {
            source.close();
        }
    }

    @Override
    public String toString() {
        return what;
    }
}

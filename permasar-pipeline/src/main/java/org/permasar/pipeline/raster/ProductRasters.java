package org.permasar.pipeline.raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * Whole-grid raster input and output for the product commands ({@code geometry}, {@code alt},
 * {@code validate}): reading one dataset of a MintPy HDF5 product or the first band of a GeoTIFF,
 * parsing "a number or a raster" arguments, bringing a raster onto a reference grid, and writing
 * float32 / uint8 GeoTIFF results.
 *
 * <p>Products of these commands are 2-D maps that fit in memory (one float per pixel), so rasters are
 * read whole. Stateless.
 */
public final class ProductRasters {
    /** A 2-D raster read whole: its grid and row-major values (nodata already NaN). */
    public record Raster(GridGeometry grid, float[] data) {
        public Raster {
            if (data.length != grid.size()) {
                throw new IllegalArgumentException("raster of " + data.length + " values on a grid of " + grid.size());
            }
        }
    }

    private ProductRasters() {
    }

    /**
     * Reads {@code dataset} of a MintPy/HDF5 file, or the first band of a GeoTIFF when {@code dataset} is null.
     * A 3-D dataset is refused (the caller wants one map).
     *
     * @throws InvalidInputException when the file is missing, unreadable or lacks the dataset
     */
    public static Raster read(Path file, String dataset) throws IOException {
        try (RasterSource src = RasterFormats.open(file)) {
            String name = dataset;
            if (name == null) {
                if (src instanceof GeoTiffReader) {
                    name = GeoTiffReader.BANDS;
                } else if (src.datasets().size() == 1) {
                    name = src.datasets().get(0);
                } else {
                    throw new InvalidInputException(file, "several datasets " + src.datasets()
                            + ": name one as FILE:DATASET");
                }
            }
            if (!src.has(name)) {
                throw new InvalidInputException(file, name, "dataset is missing (the file has " + src.datasets() + ")");
            }
            GridGeometry g = src.grid();
            Window w = Window.of(g);
            if (src instanceof GeoTiffReader t) {
                float[] out = new float[g.size()];
                t.readBand(0, w, out, 0, 1f);
                return new Raster(g, out);
            }
            if (src.layers(name) != 1) {
                throw new InvalidInputException(file, name, "expected a 2-D map, found " + src.layers(name) + " layers");
            }
            return new Raster(g, src.read(name, w));
        }
    }

    /**
     * As {@link #read(Path, String)}, or, with {@code date} given, the layer of that date of a dated
     * 3-D dataset (a MintPy {@code timeseries}): the map MintPy's {@code view.py FILE DATE} shows. A
     * cube without a date, or a date the file does not have, is refused naming the file's first and last
     * dates (and the nearest ones).
     */
    public static Raster readDate(Path file, String dataset, String date) throws IOException {
        if (date == null) {
            try (RasterSource src = RasterFormats.open(file)) {
                String name = dataset != null ? dataset : src.datasets().size() == 1 ? src.datasets().get(0) : null;
                if (name != null && src.has(name) && src.layers(name) > 1 && !(src instanceof GeoTiffReader)) {
                    List<java.time.LocalDate> dates = datesOf(file);
                    throw new InvalidInputException(file, name, "a cube of " + src.layers(name) + " layers"
                            + (dates.isEmpty() ? "" : " (" + dates.get(0) + " … " + dates.get(dates.size() - 1) + ")")
                            + ": give the date to map, e.g. plot " + file.getFileName() + " "
                            + (dates.isEmpty() ? "YYYYMMDD" : dates.get(dates.size() - 1).toString().replace("-", "")));
                }
            }
            return read(file, dataset);
        }
        java.time.LocalDate d;
        try {
            d = org.permasar.network.Dates.parse(date.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATE must be YYYYMMDD or YYYY-MM-DD, got '" + date + "'");
        }
        List<java.time.LocalDate> dates = datesOf(file);
        try (RasterSource src = RasterFormats.open(file)) {
            String name = dataset != null ? dataset : src.has("timeseries") ? "timeseries" : src.datasets().get(0);
            if (!src.has(name)) {
                throw new InvalidInputException(file, name, "dataset is missing (the file has " + src.datasets() + ")");
            }
            int layers = src.layers(name);
            if (dates.size() != layers || layers < 2) {
                throw new InvalidInputException(file, name, "not a dated cube (" + layers + " layer(s), " + dates.size()
                        + " dates): DATE applies to time series only");
            }
            int k = dates.indexOf(d);
            if (k < 0) {
                int near = 0;
                for (int i = 1; i < dates.size(); i++) {
                    if (Math.abs(dates.get(i).toEpochDay() - d.toEpochDay())
                            < Math.abs(dates.get(near).toEpochDay() - d.toEpochDay())) {
                        near = i;
                    }
                }
                throw new InvalidInputException(file, name, "no layer dated " + d + " (" + dates.size() + " dates "
                        + dates.get(0) + " … " + dates.get(dates.size() - 1) + "; nearest " + dates.get(near) + ")");
            }
            GridGeometry g = src.grid();
            float[] out = new float[g.size()];
            // band by band of rows, so that a large cube is never held whole
            int rowsPerBand = (int) Math.max(1, Math.min(g.rows(), (32L << 20) / (4L * layers * g.cols())));
            for (int r0 = 0; r0 < g.rows(); r0 += rowsPerBand) {
                Window w = new Window(r0, 0, Math.min(rowsPerBand, g.rows() - r0), g.cols());
                float[] block = src.read(name, w);
                System.arraycopy(block, k * w.size(), out, r0 * g.cols(), w.size());
            }
            return new Raster(g, out);
        }
    }

    /** The dates of a MintPy-style file (empty when it has none). */
    private static List<java.time.LocalDate> datesOf(Path file) {
        try (org.permasar.io.mintpy.MintPyProduct p = org.permasar.io.mintpy.MintPyProduct.open(file)) {
            return p.dates();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Reads {@code dataset} when the file has it, else returns null. */
    public static Raster readOptional(Path file, String dataset) throws IOException {
        try (RasterSource src = RasterFormats.open(file)) {
            if (!src.has(dataset)) {
                return null;
            }
        }
        return read(file, dataset);
    }

    /**
     * Parses a raster reference {@code PATH} or {@code PATH:DATASET} (the dataset part only when the text
     * after the last colon is not part of an existing path, so Windows drive letters and plain paths work).
     */
    public static Raster readSpec(String spec) throws IOException {
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && !Files.exists(Path.of(spec))) {
            String file = spec.substring(0, colon), ds = spec.substring(colon + 1);
            if (!ds.isEmpty() && !ds.contains("/") && !ds.contains("\\")) {
                return read(Path.of(file), ds);
            }
        }
        return read(Path.of(spec), null);
    }

    /**
     * A value per pixel of {@code target} from a number ("0.30") or a raster reference (see {@link #readSpec});
     * a raster on another grid is resampled bilinearly onto {@code target} (NaN outside it).
     *
     * @param what argument name for messages, e.g. "--N"
     */
    public static float[] numberOrRaster(String spec, GridGeometry target, String what) throws IOException {
        try {
            double v = Double.parseDouble(spec.trim());
            float[] out = new float[target.size()];
            Arrays.fill(out, (float) v);
            return out;
        } catch (NumberFormatException e) {
            // not a number: a raster
        }
        Raster r = readSpec(spec);
        return onGrid(r, target, what);
    }

    /** {@code r} on {@code target}: as is when the grids agree, else bilinearly resampled (refused if disjoint). */
    public static float[] onGrid(Raster r, GridGeometry target, String what) {
        if (r.grid().sameGrid(target)) {
            return r.data();
        }
        if (!r.grid().isGeocoded() || !target.isGeocoded()) {
            throw new IllegalArgumentException(what + ": grid " + r.grid().rows() + "×" + r.grid().cols()
                    + " differs from the reference grid " + target.rows() + "×" + target.cols()
                    + " and one of them is not geocoded, so it cannot be resampled");
        }
        requireOverlap(r.grid(), target, what);
        return GridResampler.resample(r.data(), r.grid(), target, GridResampler.Method.BILINEAR);
    }

    /** Throws IllegalArgumentException naming both extents when two geocoded grids do not overlap. */
    public static void requireOverlap(GridGeometry a, GridGeometry b, String what) {
        double[] ea = extent(a), eb = extent(b);
        boolean overlap = ea[0] < eb[1] && eb[0] < ea[1] && ea[2] < eb[3] && eb[2] < ea[3];
        if (!overlap) {
            throw new IllegalArgumentException(what + ": grids do not overlap: x " + ea[0] + " … " + ea[1] + ", y "
                    + ea[2] + " … " + ea[3] + " vs x " + eb[0] + " … " + eb[1] + ", y " + eb[2] + " … " + eb[3]);
        }
    }

    /** {xmin, xmax, ymin, ymax} of a geocoded grid's outer corners. */
    static double[] extent(GridGeometry g) {
        var t = g.transform();
        double[] xs = {t.x(0, 0), t.x(g.cols(), 0), t.x(0, g.rows()), t.x(g.cols(), g.rows())};
        double[] ys = {t.y(0, 0), t.y(g.cols(), 0), t.y(0, g.rows()), t.y(g.cols(), g.rows())};
        return new double[] {Arrays.stream(xs).min().getAsDouble(), Arrays.stream(xs).max().getAsDouble(),
            Arrays.stream(ys).min().getAsDouble(), Arrays.stream(ys).max().getAsDouble()};
    }

    /** Writes a float32 single-band GeoTIFF with NaN as nodata; {@code unit} goes into the metadata. */
    public static void writeFloat(Path file, GridGeometry grid, float[] data, String description, String unit)
            throws IOException {
        GeoTiffWriter.write(file, grid.withNodata(Double.NaN), data, 1, Map.of("UNIT", unit), List.of(description));
    }

    /** Writes a uint8 single-band GeoTIFF of class or flag codes, declaring {@code nodata} (0–255) as GDAL nodata. */
    public static void writeByte(Path file, GridGeometry grid, byte[] codes, int nodata, String description)
            throws IOException {
        writeByte(file, grid, codes, nodata, description, Map.of());
    }

    /**
     * As {@link #writeByte(Path, GridGeometry, byte[], int, String)}, with dataset metadata items (GDAL_METADATA),
     * e.g. a class legend.
     */
    public static void writeByte(Path file, GridGeometry grid, byte[] codes, int nodata, String description,
                                 Map<String, String> metadata) throws IOException {
        float[] f = new float[codes.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = codes[k] & 0xff;
        }
        GeoTiffWriter.write(file, grid.withNodata(nodata), f, 1, GeoTiffWriter.SampleType.UINT8, metadata,
                List.of(description));
    }
}

package org.permasar.viewer;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every 2-D raster under the viewer root: each single-layer dataset of a MintPy HDF5 file
 * ({@code velocity.h5}: velocity, velocityStd, …; {@code temporalCoherence.h5}; geometry; masks)
 * and each band of a GeoTIFF, opened through {@link RasterFormats}. 3-D datasets (time series,
 * interferogram stacks) are not layers; they are read per pixel by {@link PixelSeries}.
 *
 * <p>Files that no format recognises, or that are damaged, are skipped with a warning. Symbolic
 * links leading out of the root are ignored. Stateless and thread-safe: each call scans again
 * and opens its own readers.
 */
public final class LayerCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(LayerCatalog.class);
    /** Folder depth searched below the root (asc/desc sub-folders and one more level). */
    static final int MAX_DEPTH = 4;

    private final PathGuard guard;

    public LayerCatalog(PathGuard guard) {
        this.guard = guard;
    }

    /**
     * One 2-D raster.
     *
     * @param file     path relative to the root, {@code /}-separated
     * @param dataset  dataset name ({@code bands} for a GeoTIFF)
     * @param band     layer index within the dataset (GeoTIFF band − 1; 0 otherwise)
     * @param unit     unit string (the dataset's MintPy UNIT attribute, else the file's; "" when unknown)
     * @param fileType MintPy FILE_TYPE or the format name
     * @param rows     grid rows
     * @param cols     grid columns
     * @param epsg     EPSG code, 0 when unknown or radar geometry
     * @param transform GDAL geotransform (6 numbers), null for radar geometry
     */
    public record Layer(String file, String dataset, int band, String unit, String fileType, int rows, int cols,
                        int epsg, double[] transform) {
        /** Display name: {@code file:dataset} (plus the band for multi-band GeoTIFFs). */
        public String name() {
            return file + ":" + dataset + (GeoTiffReader.BANDS.equals(dataset) ? "[" + (band + 1) + "]" : "");
        }
    }

    /** Scans the root and lists every layer, files in path order. */
    public List<Layer> layers() throws IOException {
        List<Layer> out = new ArrayList<>();
        for (Path f : rasterFiles(guard.root())) {
            try {
                out.addAll(layersOf(f));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping {}: {}", f, e.getMessage());
            }
        }
        return out;
    }

    /** Regular raster files (.h5, .he5, .tif, .tiff) under {@code root}, inside it, sorted by path. */
    List<Path> rasterFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
            return s.filter(p -> isRasterName(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .filter(guard::contains)
                    .sorted()
                    .toList();
        }
    }

    static boolean isRasterName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".he5") || n.endsWith(".tif") || n.endsWith(".tiff");
    }

    private List<Layer> layersOf(Path f) throws IOException {
        List<Layer> out = new ArrayList<>();
        String rel = guard.relativize(f);
        try (RasterSource src = RasterFormats.open(f)) {
            GridGeometry g = src.grid();
            double[] gt = g.isGeocoded() ? g.transform().toGdal() : null;
            String type = src.attributes().getOrDefault("FILE_TYPE", src.format());
            String fileUnit = src.attributes().getOrDefault("UNIT", src.attributes().getOrDefault("DATA_UNITS", ""));
            boolean hdf = rel.toLowerCase(Locale.ROOT).endsWith("5");
            java.util.Map<String, String> units = hdf ? datasetUnits(f) : java.util.Map.of();
            for (String ds : src.datasets()) {
                int n = src.layers(ds);
                if (src instanceof GeoTiffReader) {
                    for (int b = 0; b < n; b++) {
                        out.add(new Layer(rel, ds, b, fileUnit, type, g.rows(), g.cols(), g.epsg(), gt));
                    }
                } else if (n == 1) {
                    String unit = units.getOrDefault(ds, fileUnit);
                    out.add(new Layer(rel, ds, 0, unit, type, g.rows(), g.cols(), g.epsg(), gt));
                }
            }
        }
        return out;
    }

    /** MintPy writes a per-dataset UNIT attribute (e.g. velocity.h5: intercept m, annualPhase radian). */
    private static java.util.Map<String, String> datasetUnits(Path f) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try (HdfFile h = new HdfFile(f)) {
            for (Node n : h) {
                Attribute a = n.getAttribute("UNIT");
                Object v = a == null ? null : a.getData();
                if (v != null) {
                    out.put(n.getName(), v.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("no per-dataset units in {}: {}", f, e.getMessage());
        }
        return out;
    }

    /**
     * Reads a layer, keeping every {@code step}-th row and column (nearest-neighbour decimation
     * for large rasters). Nodata is NaN.
     *
     * @param step decimation factor ≥ 1
     * @return row-major values of the decimated grid, {@code ceil(rows/step) × ceil(cols/step)}
     * @throws InvalidInputException when the file or dataset cannot be read
     */
    public static float[] read(Path file, String dataset, int band, int step) throws IOException {
        if (step < 1) {
            throw new IllegalArgumentException("decimation step must be ≥ 1, got " + step);
        }
        try (RasterSource src = RasterFormats.open(file)) {
            GridGeometry g = src.grid();
            int layers = src.layers(dataset);
            if (band < 0 || band >= layers) {
                throw new InvalidInputException(file, dataset, "has " + layers + " layer(s), no layer " + band);
            }
            int rows = g.rows(), cols = g.cols();
            int outRows = (rows + step - 1) / step, outCols = (cols + step - 1) / step;
            if (step == 1) {
                return readWhole(src, dataset, band, layers, g);
            }
            float[] out = new float[outRows * outCols];
            float[] line = new float[layers * cols];
            for (int r = 0; r < outRows; r++) {
                Window w = new Window(r * step, 0, 1, cols);
                if (src instanceof GeoTiffReader t) {
                    t.readBand(band, w, line, 0, 1f);
                } else {
                    src.read(dataset, w, line, 0);
                }
                int base = band * cols; // layer-major block: layer·window.size()
                for (int c = 0, k = r * outCols; c < outCols; c++, k++) {
                    out[k] = line[(layers == 1 ? 0 : base) + c * step];
                }
            }
            return out;
        }
    }

    private static float[] readWhole(RasterSource src, String dataset, int band, int layers, GridGeometry g)
            throws IOException {
        Window all = Window.of(g);
        if (src instanceof GeoTiffReader t) {
            float[] out = new float[g.size()];
            t.readBand(band, all, out, 0, 1f);
            return out;
        }
        float[] block = src.read(dataset, all);
        return layers == 1 ? block : java.util.Arrays.copyOfRange(block, band * g.size(), (band + 1) * g.size());
    }

    /** Decimation step that keeps a rows × cols raster at or below {@code maxPixels} values. */
    public static int stepFor(int rows, int cols, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be ≥ 1, got " + maxPixels);
        }
        int step = 1;
        while ((long) ((rows + step - 1) / step) * ((cols + step - 1) / step) > maxPixels) {
            step++;
        }
        return step;
    }
}

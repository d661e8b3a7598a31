package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.cli.products.ProductRasters;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyWriter;

/**
 * Whole-grid output maps of a fit, filled block by block (each block writes only its own window, so
 * worker threads never touch the same element), then written as one MintPy {@code velocity.h5} with
 * a per-dataset UNIT, and optionally one GeoTIFF per map and PNG maps. Maps are float32, NaN where
 * not estimated. Safe for concurrent {@link #put} calls on disjoint windows.
 */
final class FitProducts {
    private final GridGeometry grid;
    private final LinkedHashMap<String, float[]> maps = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> units = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    FitProducts(GridGeometry grid) {
        this.grid = grid;
    }

    /** Declares a map (NaN-filled) with its unit and a one-line description. */
    void declare(String name, String unit, String description) {
        float[] a = new float[grid.size()];
        Arrays.fill(a, Float.NaN);
        maps.put(name, a);
        units.put(name, unit);
        descriptions.put(name, description);
    }

    /** The whole map (live array). */
    float[] map(String name) {
        float[] a = maps.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no map named " + name + " (have " + maps.keySet() + ")");
        }
        return a;
    }

    /** Copies a block's values ({@code values[r*w.cols() + c]}) into the map's window. */
    void put(String name, Window w, double[] values) {
        float[] a = map(name);
        int cols = grid.cols();
        for (int r = 0; r < w.rows(); r++) {
            int dst = (w.row0() + r) * cols + w.col0();
            int src = r * w.cols();
            for (int c = 0; c < w.cols(); c++) {
                a[dst + c] = (float) values[src + c];
            }
        }
    }

    /** As {@link #put(String, Window, double[])} for byte codes. */
    void put(String name, Window w, byte[] codes) {
        double[] d = new double[codes.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = codes[k];
        }
        put(name, w, d);
    }

    /** Writes {@code velocity.h5} (FILE_TYPE=velocity; root UNIT m/year as MintPy; UNIT per dataset). */
    void writeHdf5(Path file, Map<String, String> attrs) throws IOException {
        MintPyWriter.writeVelocity(file, grid, maps, units, attrs);
    }

    /** One float32 GeoTIFF per map, {@code NAME.tif}. */
    void writeGeoTiffs(Path dir) throws IOException {
        for (Map.Entry<String, float[]> e : maps.entrySet()) {
            ProductRasters.writeFloat(dir.resolve(e.getKey() + ".tif"), grid, e.getValue(),
                    descriptions.get(e.getKey()), units.get(e.getKey()));
        }
    }

    /** PNG maps of the named maps that exist, {@code NAME.png}. */
    void writePlots(Path dir, List<String> names) throws IOException {
        for (String n : names) {
            float[] a = maps.get(n);
            if (a == null) {
                continue;
            }
            String lower = n.toLowerCase(java.util.Locale.ROOT);
            Colormap cm = lower.contains("velocity") || lower.contains("coef") ? Colormap.RDBU
                    : lower.contains("timing") ? Colormap.TWILIGHT : Colormap.VIRIDIS;
            new RasterMap(descriptions.get(n), units.get(n), cm).write(dir.resolve(n + ".png"), grid, a);
        }
    }
}

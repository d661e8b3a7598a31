package org.permasar.pipeline.fit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * Whole-grid output maps of a fit, gathered from the fit's block job (or filled block by block with {@link #put}, each
 * block writing only its own window, safe from concurrent threads on disjoint windows), then written as one MintPy
 * {@code velocity.h5} with a per-dataset UNIT (jHDF), and optionally one GeoTIFF per map; the CLI draws PNG maps from
 * {@link #map}. Maps are float32, NaN where not estimated. {@link #declare} and {@link #set}
 * are not thread-safe.
 */
public final class FitProducts {
    private final GridGeometry grid;
    private final LinkedHashMap<String, float[]> maps = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> units = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    public FitProducts(GridGeometry grid) {
        this.grid = grid;
    }

    /** Declares a map (NaN-filled) with its unit and a one-line description. */
    public void declare(String name, String unit, String description) {
        float[] a = new float[grid.size()];
        Arrays.fill(a, Float.NaN);
        maps.put(name, a);
        units.put(name, unit);
        descriptions.put(name, description);
    }

    /** Grid of every map. */
    public GridGeometry grid() {
        return grid;
    }

    /** Names of the maps, in declaration order. */
    public List<String> names() {
        return List.copyOf(maps.keySet());
    }

    /** Unit of a map (e.g. {@code m/year}). */
    public String unit(String name) {
        map(name);
        return units.get(name);
    }

    /** One-line description of a map. */
    public String description(String name) {
        map(name);
        return descriptions.get(name);
    }

    /** Whether a map of this name was declared. */
    public boolean has(String name) {
        return maps.containsKey(name);
    }

    /** The whole map (live array). */
    public float[] map(String name) {
        float[] a = maps.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no map named " + name + " (have " + maps.keySet() + ")");
        }
        return a;
    }

    /** Copies a block's values ({@code values[r*w.cols() + c]}) into the map's window. */
    public void put(String name, Window w, double[] values) {
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
    public void put(String name, Window w, byte[] codes) {
        double[] d = new double[codes.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = codes[k];
        }
        put(name, w, d);
    }

    /** Replaces the whole map {@code name} by {@code values} (grid size, taken over, not copied). */
    public void set(String name, float[] values) {
        map(name);
        if (values.length != grid.size()) {
            throw new IllegalArgumentException("map " + name + " needs " + grid.size() + " values, got " + values.length);
        }
        maps.put(name, values);
    }

    /** Writes {@code velocity.h5} (FILE_TYPE=velocity; root UNIT m/year as MintPy; UNIT per dataset). */
    public void writeHdf5(Path file, Map<String, String> attrs) throws IOException {
        MintPyWriter.writeVelocity(file, grid, maps, units, attrs);
    }

    /** One float32 GeoTIFF per map, {@code NAME.tif}. */
    public void writeGeoTiffs(Path dir) throws IOException {
        for (Map.Entry<String, float[]> e : maps.entrySet()) {
            ProductRasters.writeFloat(dir.resolve(e.getKey() + ".tif"), grid, e.getValue(),
                    descriptions.get(e.getKey()), units.get(e.getKey()));
        }
    }
}

package org.permasar.io.mintpy;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.stack.InvalidInputException;

/**
 * MintPy's root attributes (all strings) and their mapping to and from {@link GridGeometry}.
 *
 * <p>MintPy describes a geocoded grid by {@code X_FIRST}, {@code Y_FIRST} (the upper-left
 * <em>corner</em> of the upper-left pixel, the same point as GDAL's geotransform origin),
 * {@code X_STEP}, {@code Y_STEP} (negative for north-up), {@code X_UNIT}/{@code Y_UNIT}
 * ({@code degrees} or {@code meters}) and {@code EPSG}. A grid without these keys is in radar
 * geometry. {@code LENGTH} is the number of rows and {@code WIDTH} the number of columns.
 * Stateless and thread-safe.
 */
public final class MintPyAttributes {
    public static final String FILE_TYPE = "FILE_TYPE";
    public static final String LENGTH = "LENGTH";
    public static final String WIDTH = "WIDTH";
    public static final String WAVELENGTH = "WAVELENGTH";
    public static final String NO_DATA_VALUE = "NO_DATA_VALUE";
    private static final String[] GEO_KEYS = {"X_FIRST", "Y_FIRST", "X_STEP", "Y_STEP"};

    private MintPyAttributes() {
    }

    /** All attributes of an HDF5 node as strings, in file order (numbers via {@code toString}). */
    static LinkedHashMap<String, String> read(Node node) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
            out.put(e.getKey(), asString(e.getValue().getData()));
        }
        return out;
    }

    private static String asString(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : " ").append(asString(Array.get(v, i)));
            }
            return b.toString();
        }
        return v.toString().trim();
    }

    /**
     * The grid described by MintPy attributes for datasets of {@code rows × cols}.
     *
     * @throws InvalidInputException when LENGTH/WIDTH disagree with the datasets, or the
     *         geocoding keys are partial or not numbers (message names file and attribute)
     */
    public static GridGeometry grid(Map<String, String> attrs, int rows, int cols, Path file)
            throws InvalidInputException {
        checkSize(attrs, LENGTH, rows, file);
        checkSize(attrs, WIDTH, cols, file);
        int present = 0;
        for (String k : GEO_KEYS) {
            present += attrs.containsKey(k) ? 1 : 0;
        }
        GridGeometry g;
        if (present == 0) {
            g = GridGeometry.radar(rows, cols, null);
        } else if (present < GEO_KEYS.length) {
            throw new InvalidInputException(file, "attributes X_FIRST, Y_FIRST, X_STEP, Y_STEP must all be present "
                    + "for a geocoded grid, found only " + present + " of them");
        } else {
            double x0 = number(attrs, "X_FIRST", file), y0 = number(attrs, "Y_FIRST", file);
            double dx = number(attrs, "X_STEP", file), dy = number(attrs, "Y_STEP", file);
            if (dx == 0 || dy == 0) {
                throw new InvalidInputException(file, "X_STEP and Y_STEP must be non-zero, got " + dx + ", " + dy);
            }
            g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(x0, dx, y0, dy), epsg(attrs, file), Double.NaN);
        }
        String nd = attrs.get(NO_DATA_VALUE);
        if (nd != null) {
            try {
                double v = Double.parseDouble(nd.trim());
                if (Double.isFinite(v)) {
                    g = g.withNodata(v);
                }
            } catch (NumberFormatException e) {
                // MintPy writes "None" for no nodata value: nothing to mark
            }
        }
        return g;
    }

    private static int epsg(Map<String, String> attrs, Path file) throws InvalidInputException {
        String e = attrs.get("EPSG");
        if (e != null && !e.isBlank() && !e.equalsIgnoreCase("none")) {
            String t = e.trim().toUpperCase(Locale.ROOT).replace("EPSG:", "");
            try {
                int code = Integer.parseInt(t);
                if (code < 0) {
                    throw new NumberFormatException();
                }
                return code;
            } catch (NumberFormatException ex) {
                throw new InvalidInputException(file, "attribute EPSG must be an EPSG code, got '" + e + "'");
            }
        }
        String xu = attrs.getOrDefault("X_UNIT", "").toLowerCase(Locale.ROOT);
        String yu = attrs.getOrDefault("Y_UNIT", "").toLowerCase(Locale.ROOT);
        return xu.startsWith("deg") || yu.startsWith("deg") ? 4326 : 0;
    }

    private static void checkSize(Map<String, String> attrs, String key, int actual, Path file)
            throws InvalidInputException {
        String v = attrs.get(key);
        if (v == null) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, "attribute " + key + " must be an integer, got '" + v + "'");
        }
        if (n != actual) {
            throw new InvalidInputException(file, "attribute " + key + " = " + n + " but the datasets have "
                    + actual + (key.equals(LENGTH) ? " rows" : " columns"));
        }
    }

    /** A numeric attribute; InvalidInputException naming file and attribute when absent or not a number. */
    static double number(Map<String, String> attrs, String key, Path file) throws InvalidInputException {
        String v = attrs.get(key);
        if (v == null) {
            throw new InvalidInputException(file, "attribute " + key + " is missing");
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, "attribute " + key + " must be a number, got '" + v + "'");
        }
    }

    /**
     * Radar wavelength in metres from {@code WAVELENGTH}.
     *
     * @throws InvalidInputException when absent, not a number, or not in (0, 10) m
     */
    public static double wavelength(Map<String, String> attrs, Path file) throws InvalidInputException {
        if (!attrs.containsKey(WAVELENGTH)) {
            throw new InvalidInputException(file, "attribute WAVELENGTH (radar wavelength, metres) is missing; "
                    + "it is needed to convert phase to displacement");
        }
        double w = number(attrs, WAVELENGTH, file);
        if (!(w > 0 && w < 10)) {
            throw new InvalidInputException(file, "attribute WAVELENGTH must be in (0, 10) metres, got " + w);
        }
        return w;
    }

    /**
     * MintPy attributes describing {@code grid}: LENGTH, WIDTH and, for a geocoded grid,
     * X_FIRST/Y_FIRST (upper-left corner), X_STEP/Y_STEP, X_UNIT/Y_UNIT and EPSG (when known),
     * plus NO_DATA_VALUE when the grid declares one.
     *
     * @throws IllegalArgumentException for a rotated transform, which MintPy cannot describe
     */
    public static LinkedHashMap<String, String> of(GridGeometry grid) {
        LinkedHashMap<String, String> a = new LinkedHashMap<>();
        a.put(LENGTH, Integer.toString(grid.rows()));
        a.put(WIDTH, Integer.toString(grid.cols()));
        if (grid.isGeocoded()) {
            GeoTransform t = grid.transform();
            if (!t.isNorthUp()) {
                throw new IllegalArgumentException("MintPy attributes cannot describe a rotated grid: rowRotation="
                        + t.rowRotation() + " colRotation=" + t.colRotation());
            }
            a.put("X_FIRST", Double.toString(t.originX()));
            a.put("Y_FIRST", Double.toString(t.originY()));
            a.put("X_STEP", Double.toString(t.pixelWidth()));
            a.put("Y_STEP", Double.toString(t.pixelHeight()));
            String unit = grid.isGeographic() ? "degrees" : "meters";
            a.put("X_UNIT", unit);
            a.put("Y_UNIT", unit);
            if (grid.epsg() > 0) {
                a.put("EPSG", Integer.toString(grid.epsg()));
            }
        }
        if (!Double.isNaN(grid.nodata())) {
            a.put(NO_DATA_VALUE, Double.toString(grid.nodata()));
        }
        return a;
    }
}

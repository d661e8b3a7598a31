package org.permasar.io.roipac;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.stack.InvalidInputException;

/**
 * A ROI_PAC resource file ({@code .rsc}): lines {@code KEY value}. Immutable.
 *
 * @param file   the file read
 * @param values value text by key
 */
public record RscHeader(Path file, Map<String, String> values) {

    public RscHeader {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static RscHeader read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "missing ROI_PAC header (.rsc)");
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] kv = t.split("\\s+", 2);
            v.put(kv[0], kv.length > 1 ? kv[1].trim() : "");
        }
        return new RscHeader(file, v);
    }

    public String get(String key) {
        return values.get(key);
    }

    public double number(String key) throws InvalidInputException {
        String v = values.get(key);
        if (v == null) {
            throw new InvalidInputException(file, key, "missing keyword");
        }
        try {
            return Double.parseDouble(v.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, key, "expected a number, found '" + v + "'", e);
        }
    }

    public int positiveInt(String key) throws InvalidInputException {
        double d = number(key);
        if (d != Math.rint(d) || d <= 0 || d > Integer.MAX_VALUE) {
            throw new InvalidInputException(file, key, "expected a positive integer, found " + values.get(key));
        }
        return (int) d;
    }

    /**
     * Grid: WIDTH × FILE_LENGTH, X_FIRST/Y_FIRST as the upper-left corner (ROI_PAC and MintPy
     * convention), X_STEP/Y_STEP; EPSG 4326 unless PROJECTION names something else (then 0).
     */
    public GridGeometry grid() throws InvalidInputException {
        int cols = positiveInt("WIDTH"), rows = positiveInt("FILE_LENGTH");
        if (!values.containsKey("X_FIRST")) {
            return GridGeometry.radar(rows, cols, null).withNodata(0);
        }
        String proj = values.getOrDefault("PROJECTION", "LATLON").toUpperCase(java.util.Locale.ROOT);
        int epsg = proj.startsWith("LL") || proj.startsWith("LATLON") || proj.startsWith("GEO") ? 4326 : 0;
        GeoTransform t;
        try {
            t = GeoTransform.northUp(number("X_FIRST"), number("X_STEP"), number("Y_FIRST"), number("Y_STEP"));
        } catch (IllegalArgumentException e) {
            // NaN, infinite or zero X_STEP/Y_STEP (found by ReaderFuzzTest)
            throw new InvalidInputException(file, "X_FIRST/X_STEP/Y_FIRST/Y_STEP", "georeferencing cannot be used: "
                    + e.getMessage());
        }
        return GridGeometry.geocoded(rows, cols, t, epsg, 0);
    }
}

package org.permasar.io.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permasar.stack.InvalidInputException;

/**
 * A CSV table of point sites with a measured value (in-situ ALT sites, boreholes): a header line is
 * required, naming an identifier column ({@code id}, {@code name}, {@code site} or {@code station}),
 * {@code lon}/{@code longitude}/{@code x}, {@code lat}/{@code latitude}/{@code y} and the value column
 * (e.g. {@code alt}). Names are matched case-insensitively after trimming spaces, quotes and a UTF-8 BOM;
 * the separator is a comma, semicolon or tab (whichever the header uses); blank lines and lines starting with
 * {@code #} are skipped; an empty value cell gives NaN. Anything else malformed is an
 * {@link InvalidInputException} naming the file, line and problem.
 */
public final class SiteTable {
    /** One row: identifier, map coordinates (lon/lat degrees for geographic grids) and the value. */
    public record Site(String id, double lon, double lat, double value) {
    }

    private static final String[] ID = {"id", "name", "site", "station"};
    private static final String[] LON = {"lon", "longitude", "x"};
    private static final String[] LAT = {"lat", "latitude", "y"};

    private SiteTable() {
    }

    /**
     * @param valueNames accepted names of the value column, e.g. {"alt", "alt_m"}
     */
    public static List<Site> read(Path csv, String... valueNames) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new InvalidInputException(csv, Files.exists(csv) ? "not a regular file" : "no such file");
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int h = 0;
        while (h < lines.size() && (lines.get(h).isBlank() || lines.get(h).trim().startsWith("#"))) {
            h++;
        }
        if (h == lines.size()) {
            throw new InvalidInputException(csv, "empty table: expected a header with columns id, lon, lat, "
                    + String.join("/", valueNames));
        }
        String header = lines.get(h).replace("\uFEFF", "");
        String sep = header.contains(";") ? ";" : header.contains("\t") ? "\t" : ",";
        String[] cols = split(header, sep);
        int id = find(cols, ID), lon = find(cols, LON), lat = find(cols, LAT), val = find(cols, valueNames);
        if (lon < 0 || lat < 0 || val < 0) {
            throw new InvalidInputException(csv, "header '" + header + "' must name columns lon, lat and "
                    + String.join("/", valueNames) + " (and optionally id/name)");
        }
        List<Site> out = new ArrayList<>();
        for (int i = h + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            String[] f = split(line, sep);
            int need = Math.max(Math.max(lon, lat), Math.max(val, id)) + 1;
            if (f.length < need) {
                throw new InvalidInputException(csv, "line " + (i + 1) + ": expected at least " + need + " columns, found "
                        + f.length);
            }
            try {
                String name = id >= 0 ? f[id] : "site" + (out.size() + 1);
                out.add(new Site(name, number(f[lon]), number(f[lat]), f[val].isEmpty() ? Double.NaN : number(f[val])));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(csv, "line " + (i + 1) + ": not a number: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(csv, "no rows after the header");
        }
        return out;
    }

    private static double number(String s) {
        if (s.isEmpty()) {
            throw new NumberFormatException("empty cell");
        }
        return Double.parseDouble(s);
    }

    private static String[] split(String line, String sep) {
        String[] f = line.split(sep, -1);
        for (int k = 0; k < f.length; k++) {
            f[k] = f[k].trim().replace("\"", "").trim();
        }
        return f;
    }

    private static int find(String[] cols, String[] names) {
        for (int c = 0; c < cols.length; c++) {
            for (String n : names) {
                if (cols[c].toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
        }
        return -1;
    }
}

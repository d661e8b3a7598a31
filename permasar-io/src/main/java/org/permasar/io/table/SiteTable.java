package org.permasar.io.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permasar.grid.GeoTransform;
import org.permasar.io.TextFiles;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.stack.InvalidInputException;

/**
 * A CSV table of point sites with a measured value (in-situ ALT sites, boreholes): a header line is
 * required, naming an identifier column ({@code id}, {@code name}, {@code site} or {@code station}),
 * the position as {@code lon}/{@code longitude} and {@code lat}/{@code latitude} (WGS 84 degrees, put on any
 * grid CRS by {@link LatLonLocator}) or as {@code x} and {@code y} (map coordinates already in the grid's CRS,
 * e.g. UTM metres, used as they are), and the value column (e.g. {@code alt}). Names are matched case-insensitively after trimming spaces, quotes and a UTF-8 BOM;
 * the separator is a comma, semicolon or tab (whichever the header uses); blank lines and lines starting with
 * {@code #} are skipped; an empty value cell gives NaN. Anything else malformed is an
 * {@link InvalidInputException} naming the file, line and problem.
 */
public final class SiteTable {
    /**
     * One row: identifier, position and the value.
     *
     * @param lon   longitude (degrees), or x in the grid's CRS when {@code gridCrs}
     * @param lat   latitude (degrees), or y in the grid's CRS when {@code gridCrs}
     * @param gridCrs true when the table gave x/y columns: the position is already in the grid's CRS
     */
    public record Site(String id, double lon, double lat, double value, boolean gridCrs) {
        /** Map coordinates {x, y} in the grid's CRS: x/y as given, lon/lat through {@code locator}. */
        public double[] mapXy(LatLonLocator locator) {
            return gridCrs ? new double[] {lon, lat} : locator.toMap("site " + id, lat, lon);
        }

        /** The pixel {row, col} holding the site on the locator's (geocoded) grid; may lie outside it. */
        public int[] pixel(LatLonLocator locator) {
            if (!gridCrs) {
                return locator.pixel("site " + id, lat, lon);
            }
            GeoTransform t = locator.grid().transform();
            return new int[] {(int) Math.floor(t.row(lon, lat)), (int) Math.floor(t.col(lon, lat))};
        }
    }

    private static final String[] ID = {"id", "name", "site", "station"};
    private static final String[] LON = {"lon", "longitude"};
    private static final String[] LAT = {"lat", "latitude"};
    private static final String[] X = {"x"};
    private static final String[] Y = {"y"};

    private SiteTable() {
    }

    /**
     * @param valueNames accepted names of the value column, e.g. {"alt", "alt_m"}
     */
    public static List<Site> read(Path csv, String... valueNames) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new InvalidInputException(csv, Files.exists(csv) ? "not a regular file" : "no such file");
        }
        List<String> lines = TextFiles.lines(csv);
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
        boolean xy = lon < 0 && lat < 0;
        if (xy) {
            lon = find(cols, X);
            lat = find(cols, Y);
        }
        if (lon < 0 || lat < 0 || val < 0) {
            throw new InvalidInputException(csv, "header '" + header + "' must name columns lon, lat (or x, y in the "
                    + "grid's CRS) and " + String.join("/", valueNames) + " (and optionally id/name)");
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
                out.add(new Site(name, number(f[lon]), number(f[lat]), f[val].isEmpty() ? Double.NaN : number(f[val]), xy));
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

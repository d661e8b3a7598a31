package org.permasar.io.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.AltSite;

/**
 * Reads in-situ active-layer-thickness sites (boreholes, probing, CALM grids) from a table with a
 * header: an identifier column ({@code id}, {@code name} or {@code site}), {@code lon}
 * ({@code longitude}, {@code x}), {@code lat} ({@code latitude}, {@code y}), {@code alt}
 * ({@code alt_m}, {@code ALT}) in <b>metres</b>, and optionally {@code vwc} (m³/m³). Lines starting with
 * {@code #} are comments. An empty ALT cell gives NaN (a site with moisture only); an out-of-range
 * value, a duplicate id or a non-numeric cell throws {@link InvalidInputException} naming the line.
 */
public final class AltSiteCsvReader {
    private AltSiteCsvReader() {
    }

    public static List<AltSite> read(Path file) throws IOException {
        CsvTable t = CsvTable.read(file);
        for (String c : t.columns()) {
            if (c.matches("[-+]?\\d+(\\.\\d*)?([eE][-+]?\\d+)?")) {
                throw new InvalidInputException(file, "a header line is required (id,lon,lat,alt[,vwc]); the first line "
                        + t.columns() + " looks like data");
            }
        }
        int id = t.require("site id", "id", "name", "site", "site_id", "station");
        int lon = t.require("longitude", "lon", "longitude", "long", "x");
        int lat = t.require("latitude", "lat", "latitude", "y");
        int alt = t.require("ALT (m)", "alt", "alt_m", "altm", "alt_metres", "alt_meters");
        int vwc = t.find("vwc", "vwc_m3m3", "moisture");
        List<AltSite> out = new ArrayList<>(t.rowCount());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String name = t.cell(i, id);
            if (!seen.add(name)) {
                throw new InvalidInputException(file, "line " + t.lineOf(i) + ": site id '" + name + "' repeats");
            }
            try {
                out.add(new AltSite(name, t.number(i, lon), t.number(i, lat), t.number(i, alt),
                        vwc < 0 ? Double.NaN : t.number(i, vwc)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file, null, "line " + t.lineOf(i) + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file, "no site rows after the header " + t.columns());
        }
        return out;
    }
}

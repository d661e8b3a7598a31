package org.permasar.io.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.DailySeries;
import org.permasar.thermal.input.SoilTemperatureProfile;

/**
 * Reads a daily soil-temperature profile table, as the Goldstream GSM1 and Jarvis Creek Coal Mine
 * Ridge daily files have it: a {@code date} column and one column per sensor whose name carries the
 * depth in centimetres, {@code ts_<depth>cm[_...]_degC} (e.g. {@code ts_5cm_degC},
 * {@code ts_cs650_30cm_degC}, {@code ts_0cm_surface_degC}). Other columns (e.g. {@code n_hours_max})
 * are ignored. Columns with no valid value at all (dead sensors: Goldstream 0, 70 and 130 cm) are
 * dropped unless {@code keepEmpty}. Codes 6999 (missing) and 7777 (not collected / poor quality) of the
 * UAF WERC loggers become NaN in case a file still holds them.
 */
public final class SoilTemperatureCsvReader {
    private static final Pattern DEPTH = Pattern.compile("(?i)^ts_(?:[a-z0-9]+_)?(\\d+(?:\\.\\d+)?)cm(?:_.*)?$");

    private SoilTemperatureCsvReader() {
    }

    public static SoilTemperatureProfile read(Path file) throws IOException {
        return read(file, false);
    }

    public static SoilTemperatureProfile read(Path file, boolean keepEmpty) throws IOException {
        CsvTable t = CsvTable.read(file);
        int dc = t.require("date", "date");
        List<Integer> cols = new ArrayList<>();
        List<Double> depths = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            Matcher m = DEPTH.matcher(t.columns().get(i));
            if (i != dc && m.matches()) {
                cols.add(i);
                depths.add(Double.parseDouble(m.group(1)) / 100.0);
            }
        }
        if (cols.isEmpty()) {
            throw new InvalidInputException(file, "no soil-temperature columns: expected names like ts_<depth>cm_degC, found "
                    + t.columns());
        }
        List<DailySeries> all = DailyCsvReader.read(t, dc, cols, 6999, 7777);
        List<DailySeries> kept = new ArrayList<>();
        List<Double> keptDepths = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (keepEmpty || all.get(k).validCount() > 0) {
                kept.add(all.get(k));
                keptDepths.add(depths.get(k));
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidInputException(file, "every soil-temperature column is empty");
        }
        double[] d = new double[keptDepths.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = keptDepths.get(k);
        }
        String site = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return new SoilTemperatureProfile(site, d, kept);
    }
}

package org.permasar.io.table;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.DailySeries;

/**
 * Reads daily station tables into continuous {@link DailySeries}: a {@code date} column (ISO
 * {@code YYYY-MM-DD}; also {@code time} or {@code day}) and value columns, e.g. the Qinghai–Tibet
 * station files {@code date,tair_degC,tgs_degC} or a generic {@code date,value}.
 *
 * <p>Rows must be in increasing date order without duplicates (else {@link InvalidInputException}
 * naming the line). Days absent from the file, empty cells, {@code NA} and the given missing-value
 * codes become NaN, so the series runs without holes from the first to the last row's date. The unit
 * is taken from a column-name suffix ({@code _degC} → "°C", {@code _pct} → "%", {@code _mm} → "mm",
 * {@code _ms} → "m/s", {@code _wm2} → "W/m²") or is "" when unknown.
 */
public final class DailyCsvReader {
    private static final String[] DATE_COLUMNS = {"date", "time", "day"};

    private DailyCsvReader() {
    }

    /** Every value column of {@code file}, in file order. */
    public static List<DailySeries> readAll(Path file, double... missingCodes) throws IOException {
        CsvTable t = CsvTable.read(file);
        int dc = t.require("date", DATE_COLUMNS);
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            if (i != dc) {
                cols.add(i);
            }
        }
        return read(t, dc, cols, missingCodes);
    }

    /** One named column (case-insensitive) of {@code file}. */
    public static DailySeries read(Path file, String column, double... missingCodes) throws IOException {
        CsvTable t = CsvTable.read(file);
        int dc = t.require("date", DATE_COLUMNS);
        int vc = t.require("'" + column + "'", column);
        return read(t, dc, List.of(vc), missingCodes).get(0);
    }

    /** The columns {@code cols} of an already-read table, with date column {@code dc}. */
    static List<DailySeries> read(CsvTable t, int dc, List<Integer> cols, double... missingCodes)
            throws InvalidInputException {
        int n = t.rowCount();
        if (n == 0) {
            throw new InvalidInputException(t.file(), "no data rows after the header " + t.columns());
        }
        LocalDate[] dates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            try {
                dates[i] = LocalDate.parse(t.cell(i, dc));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(t.file(), t.columns().get(dc), "line " + t.lineOf(i) + ": '"
                        + t.cell(i, dc) + "' is not a date YYYY-MM-DD");
            }
            if (i > 0 && !dates[i].isAfter(dates[i - 1])) {
                throw new InvalidInputException(t.file(), t.columns().get(dc), "line " + t.lineOf(i) + ": date "
                        + dates[i] + (dates[i].equals(dates[i - 1]) ? " repeats" : " goes back from " + dates[i - 1])
                        + "; rows must be in increasing date order");
            }
        }
        LocalDate start = dates[0];
        long span = dates[n - 1].toEpochDay() - start.toEpochDay() + 1;
        if (span > 200 * 366) {
            throw new InvalidInputException(t.file(), "dates " + start + " … " + dates[n - 1] + " span over 200 years");
        }
        List<DailySeries> out = new ArrayList<>(cols.size());
        for (int c : cols) {
            double[] v = new double[(int) span];
            Arrays.fill(v, Double.NaN);
            for (int i = 0; i < n; i++) {
                v[(int) (dates[i].toEpochDay() - start.toEpochDay())] = t.number(i, c, missingCodes);
            }
            String name = t.columns().get(c);
            out.add(new DailySeries(name, unitOf(name), start, v));
        }
        return out;
    }

    private static final Pattern SUFFIX = Pattern.compile("(?i)_(degc|c|pct|mm|ms|wm2|k|cms|m3s)$");

    /** Unit from a column-name suffix, "" when none is recognised. */
    static String unitOf(String column) {
        Matcher m = SUFFIX.matcher(column);
        if (!m.find()) {
            return "";
        }
        return switch (m.group(1).toLowerCase()) {
            case "degc", "c" -> "°C";
            case "k" -> "K";
            case "pct" -> "%";
            case "mm" -> "mm";
            case "ms" -> "m/s";
            case "wm2" -> "W/m²";
            case "cms", "m3s" -> "m³/s";
            default -> "";
        };
    }
}

package org.permasar.io.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.permasar.hydro.DischargeSeries;
import org.permasar.io.TextFiles;
import org.permasar.stack.InvalidInputException;

/**
 * Reads daily discharge into a {@link DischargeSeries} (m³/s, NaN for missing days, per-day flags).
 *
 * <p>Two layouts. <b>CSV</b> (comma, semicolon or tab; see {@link CsvTable}): a date column
 * ({@code date}, {@code time} or {@code day}, ISO {@code YYYY-MM-DD}), a discharge column (named, or
 * the first column whose name starts with {@code q} or contains {@code discharge}, {@code flow} or
 * {@code streamflow}), optionally a flag column. <b>CAMELS-US</b> {@code *_streamflow_qc.txt}
 * (Newman et al. 2015): whitespace-separated {@code gauge year month day Q flag} without a header,
 * Q in ft³/s (so {@link Unit#FT3S} unless told otherwise), {@code -999} and flag {@code M} missing.
 *
 * <p>Rows must be in increasing date order; days absent from the file, empty cells, {@code NA} and
 * the missing codes −999 / −9999 become NaN. Values are kept as they are otherwise (a small negative
 * discharge, as the Jarvis Creek files hold, is not usable for recessions and is skipped there).
 * A day is <em>flagged</em> when its flag cell is a non-zero number (e.g. a count of ice-affected
 * samples) or a text other than {@code A}, {@code OK}, {@code good} (CAMELS {@code A:e} — approved,
 * estimated — is flagged). Problems throw {@link InvalidInputException} naming file, column and line.
 */
public final class DischargeCsvReader {
    private static final String[] DATE_COLUMNS = {"date", "time", "day"};
    private static final double[] MISSING = {-999, -9999};
    private static final Set<String> GOOD_FLAGS = Set.of("a", "ok", "good", "0");

    private DischargeCsvReader() {
    }

    /** Units a discharge column may be in. */
    public enum Unit {
        /** m³/s. */
        M3S("m3/s", 1),
        /** ft³/s (cfs): × 0.3048³ = 0.028316846592. */
        FT3S("ft3/s", 0.028316846592),
        /** m³/day: ÷ 86 400. */
        M3DAY("m3/day", 1.0 / 86400),
        /** mm/day over a basin: × area (km²) × 1000 / 86 400. */
        MMDAY("mm/day", Double.NaN);

        private final String label;
        private final double factor;

        Unit(String label, double factor) {
            this.label = label;
            this.factor = factor;
        }

        public String label() {
            return label;
        }

        /** Unit from a command-line word: m3/s, cms, ft3/s, cfs, m3/day, mm/day (case-insensitive). */
        public static Unit parse(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT).replace("³", "3").replace(" ", "");
            return switch (t) {
                case "m3/s", "m3s", "cms" -> M3S;
                case "ft3/s", "ft3s", "cfs" -> FT3S;
                case "m3/day", "m3/d", "m3day" -> M3DAY;
                case "mm/day", "mm/d", "mmday" -> MMDAY;
                default -> throw new IllegalArgumentException("--units " + s + ": expected m3/s, ft3/s, m3/day or mm/day");
            };
        }
    }

    /**
     * What to read.
     *
     * @param column     discharge column (case-insensitive), or null to pick it (see class doc); ignored for CAMELS
     * @param flagColumn flag column, or null for none; ignored for CAMELS (its flag field is used)
     * @param unit       unit of the values, or null for the layout's default (m³/s for CSV, ft³/s for CAMELS)
     * @param areaKm2    basin area, km², needed for mm/day (NaN otherwise)
     */
    public record Options(String column, String flagColumn, Unit unit, double areaKm2) {
        public Options {
            if (unit == Unit.MMDAY && !(areaKm2 > 0 && Double.isFinite(areaKm2))) {
                throw new IllegalArgumentException("--units mm/day needs the basin area: --area-km2 > 0, got " + areaKm2);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null, Double.NaN);
        }
    }

    /** What was read: the series, the column used and the unit it was converted from. */
    public record Read(DischargeSeries series, String column, Unit unit, String layout) {
    }

    /** Reads {@code file}. */
    public static Read read(Path file, Options o) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such discharge file");
        }
        if (isCamels(file)) {
            return camels(file, o);
        }
        CsvTable t = CsvTable.read(file);
        int dc = t.require("date", DATE_COLUMNS);
        int qc = o.column() != null ? t.require("discharge '" + o.column() + "'", o.column()) : pickDischarge(t, dc);
        int fc = o.flagColumn() == null ? -1 : t.require("flag '" + o.flagColumn() + "'", o.flagColumn());
        int n = t.rowCount();
        if (n == 0) {
            throw new InvalidInputException(file, "no data rows after the header " + t.columns());
        }
        LocalDate[] dates = new LocalDate[n];
        double[] v = new double[n];
        boolean[] f = new boolean[n];
        for (int i = 0; i < n; i++) {
            try {
                dates[i] = LocalDate.parse(t.cell(i, dc));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(file, t.columns().get(dc), "line " + t.lineOf(i) + ": '" + t.cell(i, dc)
                        + "' is not a date YYYY-MM-DD");
            }
            v[i] = t.number(i, qc, MISSING);
            f[i] = fc >= 0 && flagged(t.cell(i, fc));
        }
        Unit unit = o.unit() == null ? Unit.M3S : o.unit();
        return new Read(assemble(file, t.columns().get(dc), dates, v, f, t::lineOf, unit, o.areaKm2()), t.columns().get(qc),
                unit, "csv");
    }

    /** CAMELS-US: first non-blank line has 6 whitespace fields, the second to fourth integers. */
    static boolean isCamels(Path file) throws IOException {
        try (BufferedReader r = TextFiles.reader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                String s = line.trim();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\\s+");
                return f.length == 6 && !s.contains(",") && f[1].matches("\\d{4}") && f[2].matches("\\d{1,2}")
                        && f[3].matches("\\d{1,2}");
            }
        }
        return false;
    }

    private static Read camels(Path file, Options o) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> vals = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length < 5 || f.length > 6) {
                throw new InvalidInputException(file, "line " + (i + 1) + ": " + f.length
                        + " fields, expected 'gauge year month day Q flag' (CAMELS-US)");
            }
            LocalDate d;
            double q;
            try {
                d = LocalDate.of(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            } catch (NumberFormatException | DateTimeException e) {
                throw new InvalidInputException(file, "date", "line " + (i + 1) + ": '" + f[1] + " " + f[2] + " " + f[3]
                        + "' is not a year month day");
            }
            try {
                q = Double.parseDouble(f[4]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file, "Q", "line " + (i + 1) + ": '" + f[4] + "' is not a number");
            }
            String flag = f.length == 6 ? f[5] : "";
            boolean missing = q == -999 || q == -9999 || flag.equalsIgnoreCase("M");
            dates.add(d);
            vals.add(new double[] {missing ? Double.NaN : q, !missing && flagged(flag) ? 1 : 0});
            lineNo.add(i + 1);
        }
        if (dates.isEmpty()) {
            throw new InvalidInputException(file, "no data lines");
        }
        int n = dates.size();
        double[] v = new double[n];
        boolean[] fl = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = vals.get(i)[0];
            fl[i] = vals.get(i)[1] != 0;
        }
        Unit unit = o.unit() == null ? Unit.FT3S : o.unit();
        return new Read(assemble(file, "date", dates.toArray(new LocalDate[0]), v, fl, lineNo::get, unit, o.areaKm2()), "Q",
                unit, "camels");
    }

    private static boolean flagged(String cell) {
        String s = cell.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("NA")) {
            return false;
        }
        try {
            return Double.parseDouble(s) != 0;
        } catch (NumberFormatException e) {
            return !GOOD_FLAGS.contains(s.toLowerCase(Locale.ROOT));
        }
    }

    private static int pickDischarge(CsvTable t, int dc) throws InvalidInputException {
        for (int i = 0; i < t.columns().size(); i++) {
            String c = t.columns().get(i).toLowerCase(Locale.ROOT);
            if (i != dc && (c.startsWith("q") || c.contains("discharge") || c.contains("flow"))) {
                return i;
            }
        }
        throw new InvalidInputException(t.file(), "no discharge column: expected a name starting with 'q' or containing "
                + "'discharge' or 'flow', found " + t.columns() + " (name one with --column)");
    }

    private static DischargeSeries assemble(Path file, String dateColumn, LocalDate[] dates, double[] v, boolean[] f,
            java.util.function.IntUnaryOperator line, Unit unit, double areaKm2) throws InvalidInputException {
        int n = dates.length;
        for (int i = 1; i < n; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                throw new InvalidInputException(file, dateColumn, "line " + line.applyAsInt(i) + ": date " + dates[i]
                        + (dates[i].equals(dates[i - 1]) ? " repeats" : " goes back from " + dates[i - 1])
                        + "; rows must be in increasing date order");
            }
        }
        long span = dates[n - 1].toEpochDay() - dates[0].toEpochDay() + 1;
        if (span > 200 * 366) {
            throw new InvalidInputException(file, "dates " + dates[0] + " … " + dates[n - 1] + " span over 200 years");
        }
        double factor = unit == Unit.MMDAY ? areaKm2 * 1000.0 / 86400.0 : unit.factor;
        double[] q = new double[(int) span];
        boolean[] flags = new boolean[(int) span];
        Arrays.fill(q, Double.NaN);
        for (int i = 0; i < n; i++) {
            int k = (int) (dates[i].toEpochDay() - dates[0].toEpochDay());
            q[k] = v[i] * factor;
            flags[k] = f[i];
        }
        return new DischargeSeries(dates[0], q, flags);
    }
}

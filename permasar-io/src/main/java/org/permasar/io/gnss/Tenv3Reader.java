package org.permasar.io.gnss;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permasar.io.TextFiles;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.GnssSeries;

/**
 * Reads a Nevada Geodetic Laboratory {@code .tenv3} daily position file (Blewitt, Hammond &amp; Kreemer 2018).
 * One header line, then whitespace columns: site, YYMMMDD, decimal year, MJD, GPS week, day, reflon,
 * e0 (m), east (m), n0 (m), north (m), u0 (m), up (m), antenna height (m), sig_e, sig_n, sig_u (m),
 * corr_en, corr_eu, corr_nu, latitude, longitude (deg), height (m).
 *
 * <p>Each component is the integer part plus the fractional part (e.g. east = e0 + east, m), relative to
 * the station's reference point. The date comes from the MJD column (MJD 0 = 1858-11-17) and is checked
 * against YYMMMDD. Latitude/longitude of the series are those of the first row.
 */
public final class Tenv3Reader {
    private static final LocalDate MJD_EPOCH = LocalDate.of(1858, 11, 17);
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

    private Tenv3Reader() {
    }

    /** Reads the whole file. */
    public static GnssSeries read(Path file) throws IOException {
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        String station = null;
        double lat = Double.NaN, lon = Double.NaN;
        try (BufferedReader r = TextFiles.reader(file)) {
            String line = r.readLine();
            if (line == null || !line.trim().startsWith("site")) {
                throw new InvalidInputException(file, "expected the tenv3 header line starting with 'site'");
            }
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.trim();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f.length < 23) {
                    throw new InvalidInputException(file, "line " + lineNo + ": expected 23 columns, found " + f.length);
                }
                try {
                    LocalDate d = MJD_EPOCH.plusDays(Long.parseLong(f[3]));
                    if (!d.equals(parseYyMmmDd(f[1]))) {
                        throw new InvalidInputException(file, "line " + lineNo + ": MJD " + f[3] + " is " + d
                                + " but the date column says " + f[1]);
                    }
                    if (station == null) {
                        station = f[0];
                        lat = Double.parseDouble(f[20]);
                        lon = Double.parseDouble(f[21]);
                    }
                    dates.add(d);
                    rows.add(new double[] {
                        Double.parseDouble(f[7]) + Double.parseDouble(f[8]),    // e0 + east
                        Double.parseDouble(f[9]) + Double.parseDouble(f[10]),   // n0 + north
                        Double.parseDouble(f[11]) + Double.parseDouble(f[12]),  // u0 + up
                        Double.parseDouble(f[14]), Double.parseDouble(f[15]), Double.parseDouble(f[16])});
                } catch (NumberFormatException | java.time.DateTimeException e) {
                    throw new InvalidInputException(file, null, "line " + lineNo + ": not a tenv3 record: " + e.getMessage(), e);
                }
            }
        }
        if (dates.isEmpty()) {
            throw new InvalidInputException(file, "no records after the header");
        }
        return build(file, station, dates, rows, lat, lon);
    }

    static GnssSeries build(Path file, String station, List<LocalDate> dates, List<double[]> rows, double lat, double lon)
            throws InvalidInputException {
        int n = dates.size();
        double[][] c = new double[6][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < 6; j++) {
                c[j][k] = rows.get(k)[j];
            }
        }
        try {
            return new GnssSeries(station, dates.toArray(new LocalDate[0]), c[0], c[1], c[2], c[3], c[4], c[5], lat, lon);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, null, e.getMessage(), e);
        }
    }

    /** "15MAR20" → 2015-03-20 (two-digit years: 00–49 → 20xx, 50–99 → 19xx, NGL's window). */
    static LocalDate parseYyMmmDd(String s) {
        if (s.length() != 7) {
            throw new java.time.DateTimeException("expected YYMMMDD, got " + s);
        }
        int yy = Integer.parseInt(s.substring(0, 2));
        String mon = s.substring(2, 5).toUpperCase(java.util.Locale.ROOT);
        int month = -1;
        for (int k = 0; k < 12; k++) {
            if (MONTHS[k].equals(mon)) {
                month = k + 1;
            }
        }
        if (month < 0) {
            throw new java.time.DateTimeException("unknown month in " + s);
        }
        return LocalDate.of(yy < 50 ? 2000 + yy : 1900 + yy, month, Integer.parseInt(s.substring(5, 7)));
    }
}

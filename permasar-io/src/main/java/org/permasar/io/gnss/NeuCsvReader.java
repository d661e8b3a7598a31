package org.permasar.io.gnss;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.permasar.io.TextFiles;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.GnssSeries;

/**
 * Reads the CSV layout of the gnss-station-neu-timeseries data set ({@code USUDneu9818.csv},
 * {@code G001neu9818.csv}): header {@code time,lon,lat,ver,group,year,day_fraction,days,month,day}, one row
 * per day, {@code time} an ISO date.
 *
 * <p><b>Assumptions</b> (the source documents neither): columns {@code lon}, {@code lat}, {@code ver} are the
 * east, north and up displacement, and their unit is <b>millimetres</b> (converted here to metres). They
 * are relative to a reference position but not necessarily to the first epoch (G001 starts at 0, 0, 0,
 * USUD does not); values are returned as given, not re-based. No sigmas: they are NaN. The station code is
 * the {@code group} column of the first row; station coordinates are unknown (NaN).
 */
public final class NeuCsvReader {
    private static final String HEADER = "time,lon,lat,ver,group";

    private NeuCsvReader() {
    }

    public static GnssSeries read(Path file) throws IOException {
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        String station = null;
        try (BufferedReader r = TextFiles.reader(file)) {
            String line = r.readLine();
            if (line == null || !line.replace("\uFEFF", "").startsWith(HEADER)) {
                throw new InvalidInputException(file, "expected a header starting with '" + HEADER + "', found: " + line);
            }
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < 5) {
                    throw new InvalidInputException(file, "line " + lineNo + ": expected at least 5 columns, found " + f.length);
                }
                try {
                    dates.add(LocalDate.parse(f[0].trim()));
                    double nan = Double.NaN;
                    rows.add(new double[] {
                        Double.parseDouble(f[1]) * 1e-3, Double.parseDouble(f[2]) * 1e-3, Double.parseDouble(f[3]) * 1e-3,
                        nan, nan, nan});
                } catch (NumberFormatException | DateTimeParseException e) {
                    throw new InvalidInputException(file, null, "line " + lineNo + ": " + e.getMessage(), e);
                }
                if (station == null) {
                    station = f[4].trim();
                }
            }
        }
        if (dates.isEmpty()) {
            throw new InvalidInputException(file, "no rows after the header");
        }
        return Tenv3Reader.build(file, station, dates, rows, Double.NaN, Double.NaN);
    }

    /** Column names this reader expects, for messages. */
    public static List<String> expectedColumns() {
        return Arrays.asList(HEADER.split(","));
    }
}

package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.io.AtomicFiles;
import org.permasar.io.table.DailyCsvReader;
import org.permasar.thermal.DegreeDays;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.input.DailySeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar thermal}: the temperature chain alone (SCIENCE.md §3). Station mode
 * ({@code --station CSV --column tgs_degC --out DIR}) writes {@code DIR/thermal_years.csv}: per calendar
 * year the thaw and freeze onsets ({@link FreezeThawOnsets}, seed 001 §3.2) and the ADDT / ADDF of the
 * permafrost year that starts at the mean thaw onset ({@link DegreeDays}, Nelson et al. 1997), °C·day;
 * empty cells where a year has no onset or a missing day. Raster mode ({@code --lst}) is not in this build.
 */
@Command(name = "thermal", mixinStandardHelpOptions = true,
        description = "Thaw/freeze onsets and degree-days from a station temperature series.")
public final class ThermalCommand implements Callable<Integer> {
    @Option(names = "--station", paramLabel = "CSV", description = "Daily station table (date,column,...).")
    Path station;
    @Option(names = "--column", defaultValue = "tgs_degC", paramLabel = "NAME", description = "Temperature column, °C (default ${DEFAULT-VALUE}).")
    String column;
    @Option(names = "--lst", paramLabel = "LST", description = "LST rasters (raster mode; not in this build).")
    Path lst;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    /** Per-year results of station mode. */
    public record Year(int year, double thawDoy, double freezeDoy, LocalDate permafrostYearStart, double addt, double addf) {
    }

    @Override
    public Integer call() throws Exception {
        if (station == null) {
            throw new IllegalArgumentException(lst != null
                    ? "raster mode (--lst) is not available in this build; use --station CSV"
                    : "give --station CSV (daily temperature table)");
        }
        java.util.List<Year> years = station(station, column);
        Files.createDirectories(out);
        Path csv = out.resolve("thermal_years.csv");
        StringBuilder b = new StringBuilder("year,thaw_onset_doy,freeze_onset_doy,permafrost_year_start,addt_degC_day,addf_degC_day\n");
        int ok = 0;
        for (Year y : years) {
            b.append(y.year()).append(',').append(num(y.thawDoy())).append(',').append(num(y.freezeDoy())).append(',')
                    .append(y.permafrostYearStart() == null ? "" : y.permafrostYearStart().toString()).append(',')
                    .append(num(y.addt())).append(',').append(num(y.addf())).append('\n');
            ok += Double.isNaN(y.addt()) ? 0 : 1;
        }
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
        System.out.println(years.size() + " years, " + ok + " with complete degree-days; wrote " + csv);
        return 0;
    }

    /** Station mode as a method (for the CLI and tests). */
    public static java.util.List<Year> station(Path csv, String column) throws IOException {
        DailySeries s = DailyCsvReader.read(csv, column);
        FreezeThawOnsets.Result on = FreezeThawOnsets.defaults().detect(s.start(), s.values());
        java.util.Map<Long, double[]> pyears = new java.util.HashMap<>();
        if (!Double.isNaN(on.meanThawDoy())) {
            for (double[] row : DegreeDays.perPermafrostYear(s.start(), s.values(), on.meanThawDoy())) {
                pyears.put((long) LocalDate.ofEpochDay((long) row[0]).getYear(), row);
            }
        }
        java.util.List<Year> out = new java.util.ArrayList<>();
        for (int k = 0; k < on.thawDoy().length; k++) {
            int year = on.firstYear() + k;
            double[] row = pyears.get((long) year);
            out.add(new Year(year, on.thawDoy()[k], on.freezeDoy()[k],
                    row == null ? null : LocalDate.ofEpochDay((long) row[0]),
                    row == null ? Double.NaN : row[1], row == null ? Double.NaN : row[2]));
        }
        return out;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }
}

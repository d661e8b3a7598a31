package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.io.AtomicFiles;
import org.permasar.io.table.DailyCsvReader;
import org.permasar.pipeline.thermal.ThermalParameters;
import org.permasar.pipeline.thermal.ThermalStep;
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
 * empty cells where a year has no onset or a missing day.
 *
 * <p>Raster mode ({@code --lst LST --out DIR}, see {@link org.permasar.pipeline.thermal.ThermalKernel}): LST composites (on the LST grid, or
 * regridded bilinearly onto {@code --grid REF}) → HANTS gap filling → daily series → {@code thawOnsetDoy.tif},
 * {@code freezeOnsetDoy.tif} (day of year), {@code addtMean.tif}, {@code addfMean.tif} (°C·day per permafrost
 * year), {@code hantsStatus.tif}, {@code thermal.h5} (all maps, MintPy velocity layout with per-dataset UNIT); with
 * {@code --dates-from TIMESERIES.h5}, {@code addt.h5} and {@code addf.h5} (MintPy timeseries layout, UNIT degC*day)
 * at the SAR dates (streamed block by block through the HDF5 sink above {@code --max-cube-mb}); with {@code --kappa} and {@code --theta}, the physical Stefan ALT {@code altStefan.tif}; with
 * {@code --boreholes CSV} (id,lon,lat,alt in the grid CRS), E of {@code Z = E·√ADDT} fitted by least squares,
 * {@code altStefanCalibrated.tif} and {@code boreholes.csv}. PNG maps beside the GeoTIFFs.
 */
@Command(name = "thermal", mixinStandardHelpOptions = true,
        description = "Thaw/freeze onsets, degree-days and Stefan ALT from a station series (--station) or LST rasters (--lst).")
public final class ThermalCommand implements Callable<Integer> {
    @Option(names = "--station", paramLabel = "CSV", description = "Daily station table (date,column,...).")
    Path station;
    @Option(names = "--column", defaultValue = "tgs_degC", paramLabel = "NAME", description = "Temperature column, °C (default ${DEFAULT-VALUE}).")
    String column;
    @Option(names = "--lst", paramLabel = "LST", description = "LST rasters: multi-band GeoTIFF (band descriptions = dates) or folder of dated GeoTIFFs (raster mode).")
    Path lst;
    @Option(names = "--grid", paramLabel = "REF", description = "raster: MintPy .h5 or GeoTIFF whose grid to use (default: the LST grid).")
    Path gridRef;
    @Option(names = "--dates-from", paramLabel = "TIMESERIES.h5", description = "raster: also write ADDT/ADDF at these SAR dates.")
    Path datesFrom;
    @Option(names = "--kappa", paramLabel = "K", description = "raster: thawed conductivity κ_t, W/(m·K): number or raster (physical Stefan ALT).")
    String kappa;
    @Option(names = "--theta", paramLabel = "THETA", description = "raster: volumetric water content θ, m³/m³: number or raster (physical Stefan ALT).")
    String theta;
    @Option(names = "--boreholes", paramLabel = "CSV", description = "raster: borehole ALTs (id,lon,lat,alt in m) to fit E of Z = E·√ADDT.")
    Path boreholes;
    @Option(names = "--rho-water", defaultValue = "1000", description = "Water density, kg/m³ (default ${DEFAULT-VALUE}).")
    double rhoWater;
    @Option(names = "--lst-centre-offset", defaultValue = "3.5", paramLabel = "DAYS",
            description = "raster: days from a composite's date to its window centre (MOD11A2: 3.5) (default ${DEFAULT-VALUE}).")
    double centreOffset;
    @Option(names = "--hants-harmonics", defaultValue = "3", paramLabel = "K", description = "raster: HANTS harmonics of 365 days (default ${DEFAULT-VALUE}).")
    int hantsHarmonics;
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;
    @Option(names = "--memory-mb", defaultValue = "0", paramLabel = "MB", description = "Block memory budget, all threads "
            + "together (default 0: a share of the JVM heap).")
    long memoryMb;
    @Option(names = "--max-cube-mb", defaultValue = "1024", paramLabel = "MB",
            description = "raster: ADDT+ADDF cubes at SAR dates above this size stream block by block into addt.h5/addf.h5 (default ${DEFAULT-VALUE}).")
    long maxCubeMb;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    /** Per-year results of station mode. */
    public record Year(int year, double thawDoy, double freezeDoy, LocalDate permafrostYearStart, double addt, double addf) {
    }

    @Override
    public Integer call() throws Exception {
        if (station != null && lst != null) {
            throw new IllegalArgumentException("give either --station CSV or --lst LST, not both");
        }
        if (lst != null) {
            ThermalStep.Result r = ThermalStep.run(parameters(), ConsoleProgress.create());
            writePlots(out, r);
            System.out.println(r.summary());
            if (r.calibration() != null) {
                System.out.println(r.calibrationLine());
            }
            System.out.println("wrote " + out);
            return 0;
        }
        if (station == null) {
            throw new IllegalArgumentException("give --station CSV (daily temperature table) or --lst LST (rasters)");
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

    /** The raster-mode options as the step's parameters (validated there). */
    ThermalParameters parameters() {
        return new ThermalParameters(lst, gridRef, datesFrom, out, kappa, theta, boreholes, rhoWater, centreOffset,
                hantsHarmonics, threads, memoryMb, maxCubeMb);
    }

    /** PNG maps beside the GeoTIFFs of a raster-mode result. */
    public static void writePlots(Path out, ThermalStep.Result r) throws IOException {
        String[][] maps = {{"thawOnsetDoy", "Thaw onset", "day of year"}, {"freezeOnsetDoy", "Freeze onset", "day of year"},
            {"addtMean", "Mean annual ADDT", "degC day"}, {"addfMean", "Mean annual ADDF", "degC day"},
            {"altStefan", "Stefan ALT", "m"}, {"altStefanCalibrated", "Calibrated Stefan ALT", "m"}};
        for (String[] m : maps) {
            if (r.maps().has(m[0])) {
                new RasterMap(m[1], m[2], Colormap.VIRIDIS).write(out.resolve(m[0] + ".png"), r.grid(), r.maps().map(m[0]));
            }
        }
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

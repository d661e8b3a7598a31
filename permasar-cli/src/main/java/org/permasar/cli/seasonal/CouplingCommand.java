package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.CouplingPlot;
import org.permasar.cli.plot.RasterMap;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.table.DailyCsvReader;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.TemperatureCoupling;
import org.permasar.thermal.input.DailySeries;
import org.permasar.thermal.input.LstCube;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar coupling}: the lag between a deformation series and a temperature series
 * ({@link TemperatureCoupling}; seed 002 §4.1). The deformation is a pixel ({@code --pixel},
 * {@code --lalo}) or the mean over a region mask ({@code --region}) of a MintPy {@code timeseries.h5}
 * (metres); the temperature a daily station CSV ({@code --temperature CSV[:COLUMN]}, °C) or LST on the
 * grid ({@code --lst}, at the same pixel or region). Writes {@code coupling_lag.csv} (the lag, its
 * interval, r, the sinusoid phase lag), {@code coupling_xcorr.csv} (r and pairs per lag) and
 * {@code coupling.png}. With {@code --map} and {@code --lst}: the lag of every pixel against its own LST
 * ({@code coupling_lag.tif}: lag, r, phase lag and its σ, in days; {@code coupling_lag.png}).
 */
@Command(name = "coupling", mixinStandardHelpOptions = true,
        description = "Lag between deformation and temperature: cross-correlation, bootstrap interval, sinusoid phase lag; "
                + "a lag map with --map --lst.")
public final class CouplingCommand implements Callable<Integer> {
    @Option(names = "--timeseries", required = true, paramLabel = "TS.h5", description = "MintPy timeseries.h5 (metres).")
    Path timeseries;
    @Option(names = "--pixel", paramLabel = "ROW,COL", description = "The pixel.")
    String pixel;
    @Option(names = "--lalo", paramLabel = "LAT,LON", description = "The pixel at this WGS 84 latitude, longitude.")
    String lalo;
    @Option(names = "--region", paramLabel = "MASK[:DATASET]", description = "Mean over the nonzero pixels of a mask on the grid.")
    String region;
    @Option(names = "--map", description = "Lag of every pixel against its LST (needs --lst).")
    boolean map;
    @Option(names = "--temperature", paramLabel = "CSV[:COLUMN]",
            description = "Daily temperature CSV (date + °C column; default the first value column).")
    String temperature;
    @Option(names = "--lst", paramLabel = "LST", description = "LST (multi-band GeoTIFF or folder) on or over the grid.")
    Path lst;
    @Option(names = "--min-lag", defaultValue = "0", paramLabel = "D", description = "Smallest lag, days (default ${DEFAULT-VALUE}).")
    int minLag;
    @Option(names = "--max-lag", defaultValue = "364", paramLabel = "D", description = "Largest lag, days (default ${DEFAULT-VALUE}).")
    int maxLag;
    @Option(names = "--extremum", defaultValue = "min", paramLabel = "min|max",
            description = "min: deformation maximum after the temperature minimum (most negative r); max: largest r "
                    + "(default ${DEFAULT-VALUE}).")
    String extremum;
    @Option(names = "--smooth-days", defaultValue = "31", paramLabel = "W",
            description = "Centred running mean of the daily temperature, odd days (default ${DEFAULT-VALUE}; LST: use 1).")
    int smoothDays;
    @Option(names = "--max-gap-days", defaultValue = "20", paramLabel = "G",
            description = "Largest temperature gap bridged linearly, days (default ${DEFAULT-VALUE}).")
    int maxGap;
    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "B",
            description = "Year-block bootstrap replicates (default ${DEFAULT-VALUE}; 0: none; the map uses none).")
    int bootstrap;
    @Option(names = "--seed", defaultValue = "20261207", paramLabel = "S", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((temperature == null) == (lst == null)) {
            throw new IllegalArgumentException("give one of --temperature CSV or --lst LST");
        }
        int where = (pixel != null ? 1 : 0) + (lalo != null ? 1 : 0) + (region != null ? 1 : 0) + (map ? 1 : 0);
        if (where != 1) {
            throw new IllegalArgumentException("give exactly one of --pixel ROW,COL, --lalo LAT,LON, --region MASK or --map");
        }
        if (map && lst == null) {
            throw new IllegalArgumentException("--map needs --lst (a temperature on the grid)");
        }
        TemperatureCoupling.Extremum ext = switch (extremum.toLowerCase(Locale.ROOT)) {
            case "min" -> TemperatureCoupling.Extremum.MIN;
            case "max" -> TemperatureCoupling.Extremum.MAX;
            default -> throw new IllegalArgumentException("--extremum must be min or max, got '" + extremum + "'");
        };
        TemperatureCoupling.Parameters p = new TemperatureCoupling.Parameters(minLag, maxLag, ext, smoothDays, maxGap, 10,
                bootstrap, 0.95, seed);
        if (!Files.isRegularFile(timeseries)) {
            throw new InvalidInputException(timeseries, "no such file");
        }
        List<LocalDate> dates;
        GridGeometry grid;
        try (MintPyProduct ts = MintPyProduct.open(timeseries)) {
            if (!ts.has("timeseries") || ts.dates().isEmpty()) {
                throw new InvalidInputException(timeseries, "timeseries", "expected a MintPy time series (3-D, dated)");
            }
            dates = ts.dates();
            grid = ts.grid();
        }
        double[] defDays = dates.stream().mapToDouble(LocalDate::toEpochDay).toArray();
        if (map) {
            return map(grid, dates, defDays, p);
        }
        boolean[] mask = mask(grid);
        Window w = window(grid, mask);
        double[] def = mean(readTs(w), w, mask, grid, dates.size());
        double[][] temp;
        String tempName;
        if (temperature != null) {
            DailySeries s = station(temperature);
            tempName = s.name();
            double[] d = new double[s.length()];
            for (int i = 0; i < d.length; i++) {
                d[i] = s.start().toEpochDay() + i;
            }
            temp = new double[][] {d, s.values()};
        } else {
            LstCube c = lstOn(grid, w);
            tempName = "LST";
            double[] v = mean(c.celsius(), w, mask, grid, c.layers());
            temp = new double[][] {c.dates().stream().mapToDouble(LocalDate::toEpochDay).toArray(), v};
        }
        TemperatureCoupling.Result r;
        try {
            r = TemperatureCoupling.compute(defDays, def, temp[0], temp[1], p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(timeseries + " / " + (temperature != null ? temperature : lst) + ": " + e.getMessage());
        }
        if (!Double.isFinite(r.lag())) {
            throw new IllegalArgumentException((temperature != null ? temperature : lst.toString())
                    + ": the temperature does not overlap the deformation dates " + dates.get(0) + " … "
                    + dates.get(dates.size() - 1) + " at any lag in [" + minLag + ", " + maxLag + "] (fewer than 10 pairs)");
        }
        Files.createDirectories(out);
        String scope = pixel != null ? "pixel " + pixel : lalo != null ? "lalo " + lalo
                : "region " + Path.of(region).getFileName();
        StringBuilder b = new StringBuilder("scope,temperature,extremum,lag_days,lag_low_days,lag_high_days,lag_std_days,"
                + "r_at_lag,pairs_at_lag,years,phase_lag_days,phase_lag_std_days,deformation_amplitude_mm,temperature_amplitude_degC,"
                + "uncertainty\n");
        int bi = (int) Math.round(r.lag()) - minLag;
        b.append('"').append(scope).append("\",").append(tempName).append(',').append(extremum).append(',')
                .append(num(r.lag())).append(',').append(num(r.lagLow())).append(',').append(num(r.lagHigh())).append(',')
                .append(num(r.lagStd())).append(',').append(num(r.rAtLag())).append(',').append(r.pairs()[bi]).append(',')
                .append(r.years()).append(',').append(num(r.phaseLag())).append(',').append(num(r.phaseLagStd())).append(',')
                .append(num(r.deformationAmplitude() * 1e3)).append(',').append(num(r.temperatureAmplitude())).append(',')
                .append("year-block bootstrap B=").append(bootstrap).append(" seed=").append(seed)
                .append(" lag ± t(0.975; years-1)·sd; phase: formal LS σ\n");
        StringBuilder x = new StringBuilder("lag_days,r,pairs\n");
        for (int i = 0; i < r.lags().length; i++) {
            x.append(r.lags()[i]).append(',').append(num(r.r()[i])).append(',').append(r.pairs()[i]).append('\n');
        }
        AtomicFiles.write(out.resolve("coupling_lag.csv"), tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("coupling_xcorr.csv"), tmp -> Files.writeString(tmp, x.toString(), StandardCharsets.UTF_8));
        CouplingPlot.write(out.resolve("coupling.png"), "Deformation (" + scope + ") and " + tempName, defDays, def, r);
        System.out.printf(Locale.ROOT, "%s: deformation %s temperature %s by %.1f d [%.1f, %.1f] (r = %.3f, %d years); "
                        + "sinusoid phase lag %.1f ± %.1f d%n", scope, ext == TemperatureCoupling.Extremum.MIN
                        ? "maximum follows the minimum of" : "maximum follows the maximum of", tempName, r.lag(), r.lagLow(),
                r.lagHigh(), r.rAtLag(), r.years(), r.phaseLag(), r.phaseLagStd());
        System.out.println("wrote " + out);
        return 0;
    }

    /** Every pixel against its own LST, row block by row block; no bootstrap. */
    private int map(GridGeometry grid, List<LocalDate> dates, double[] defDays, TemperatureCoupling.Parameters p0)
            throws IOException {
        TemperatureCoupling.Parameters p = p0.withBootstrap(0);
        int rows = grid.rows(), cols = grid.cols(), nd = dates.size(), px = rows * cols;
        float[] bands = new float[4 * px];
        java.util.Arrays.fill(bands, Float.NaN);
        int block = Math.max(1, 4096 / cols);
        int solved = 0;
        try (MintPyProduct ts = MintPyProduct.open(timeseries); LstSource src = LstSource.open(lst, LstOptions.auto())) {
            LstRegridder reg = new LstRegridder(src, grid, GridResampler.Method.BILINEAR);
            double[] lstDays = src.dates().stream().mapToDouble(LocalDate::toEpochDay).toArray();
            double[] def = new double[nd], temp = new double[lstDays.length];
            for (int r0 = 0; r0 < rows; r0 += block) {
                Window w = new Window(r0, 0, Math.min(block, rows - r0), cols);
                float[] v = ts.read("timeseries", w);
                LstCube c = reg.read(w);
                int n = w.size();
                for (int k = 0; k < n; k++) {
                    for (int t = 0; t < nd; t++) {
                        def[t] = v[t * n + k];
                    }
                    for (int t = 0; t < temp.length; t++) {
                        temp[t] = c.celsius()[t * n + k];
                    }
                    int g = (r0 + k / cols) * cols + k % cols;
                    try {
                        TemperatureCoupling.Result r = TemperatureCoupling.compute(defDays, def, lstDays, temp, p);
                        bands[g] = (float) r.lag();
                        bands[px + g] = (float) r.rAtLag();
                        bands[2 * px + g] = (float) r.phaseLag();
                        bands[3 * px + g] = (float) r.phaseLagStd();
                        solved += Double.isFinite(r.lag()) ? 1 : 0;
                    } catch (IllegalArgumentException e) {
                        // too few valid samples here: the pixel stays NaN
                    }
                }
            }
        }
        if (solved == 0) {
            throw new IllegalArgumentException(lst + ": no pixel has a lag (the LST and the deformation do not overlap in time, "
                    + "or every pixel lacks data)");
        }
        Files.createDirectories(out);
        GeoTiffWriter.write(out.resolve("coupling_lag.tif"), grid.withNodata(Double.NaN), bands, 4, Map.of("UNIT", "days"),
                List.of("lag_days", "r_at_lag", "phase_lag_days", "phase_lag_std_days"));
        float[] lag = java.util.Arrays.copyOf(bands, px);
        new RasterMap("Lag of deformation behind LST (" + extremum + "), days", "days", Colormap.VIRIDIS)
                .write(out.resolve("coupling_lag.png"), grid, lag);
        double[] finite = new double[solved];
        int k = 0;
        for (int i = 0; i < px; i++) {
            if (Float.isFinite(lag[i])) {
                finite[k++] = lag[i];
            }
        }
        java.util.Arrays.sort(finite);
        System.out.printf(Locale.ROOT, "%d of %d pixels: lag median %.1f d (25-75 %%: %.1f … %.1f)%n", solved, px,
                finite[solved / 2], finite[solved / 4], finite[(3 * solved) / 4]);
        System.out.println("wrote " + out);
        return 0;
    }

    private boolean[] mask(GridGeometry grid) throws IOException {
        if (region == null) {
            return null;
        }
        ProductRasters.Raster m = ProductRasters.readSpec(region);
        if (!m.grid().sameGrid(grid)) {
            throw new IllegalArgumentException("--region " + region + ": grid " + m.grid().rows() + "×" + m.grid().cols()
                    + " is not the time series' grid " + grid.rows() + "×" + grid.cols());
        }
        boolean[] b = new boolean[grid.size()];
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.isFinite(m.data()[i]) && m.data()[i] != 0;
            n += b[i] ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("--region " + region + ": no nonzero pixel");
        }
        return b;
    }

    private Window window(GridGeometry grid, boolean[] mask) throws IOException {
        if (mask != null) {
            return Window.of(grid);
        }
        int[] rc;
        if (pixel != null) {
            String[] f = pixel.split(",");
            try {
                rc = new int[] {Integer.parseInt(f[0].strip()), Integer.parseInt(f[1].strip())};
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--pixel needs ROW,COL, got '" + pixel + "'");
            }
            if (rc[0] < 0 || rc[1] < 0 || rc[0] >= grid.rows() || rc[1] >= grid.cols()) {
                throw new IllegalArgumentException("--pixel " + pixel + " is outside the grid " + grid.rows() + "×" + grid.cols());
            }
        } else {
            String[] f = lalo.split(",");
            double lat, lon;
            try {
                lat = Double.parseDouble(f[0].strip());
                lon = Double.parseDouble(f[1].strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--lalo needs LAT,LON in degrees, got '" + lalo + "'");
            }
            rc = LatLonLocator.on(grid).pixelInside("--lalo", lat, lon);
        }
        return new Window(rc[0], rc[1], 1, 1);
    }

    private float[] readTs(Window w) throws IOException {
        try (MintPyProduct ts = MintPyProduct.open(timeseries)) {
            return ts.read("timeseries", w);
        }
    }

    /** Per layer the mean of the window's finite values (inside the mask when there is one). */
    private static double[] mean(float[] v, Window w, boolean[] mask, GridGeometry grid, int layers) {
        int n = w.size();
        double[] out = new double[layers];
        for (int t = 0; t < layers; t++) {
            double s = 0;
            int c = 0;
            for (int k = 0; k < n; k++) {
                int g = (w.row0() + k / w.cols()) * grid.cols() + w.col0() + k % w.cols();
                float x = v[t * n + k];
                if ((mask == null || mask[g]) && Float.isFinite(x)) {
                    s += x;
                    c++;
                }
            }
            out[t] = c > 0 ? s / c : Double.NaN;
        }
        return out;
    }

    private LstCube lstOn(GridGeometry grid, Window w) throws IOException {
        try (LstSource src = LstSource.open(lst, LstOptions.auto())) {
            return new LstRegridder(src, grid, GridResampler.Method.BILINEAR).read(w);
        }
    }

    private static DailySeries station(String spec) throws IOException {
        String file = spec, column = null;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && !Files.exists(Path.of(spec))) {
            file = spec.substring(0, colon);
            column = spec.substring(colon + 1);
        }
        Path f = Path.of(file);
        if (!Files.isRegularFile(f)) {
            throw new InvalidInputException(f, "no such file");
        }
        List<DailySeries> all = column != null ? new ArrayList<>(List.of(DailyCsvReader.read(f, column))) : DailyCsvReader.readAll(f);
        if (all.isEmpty()) {
            throw new InvalidInputException(f, "no value column after the date");
        }
        return all.get(0);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}

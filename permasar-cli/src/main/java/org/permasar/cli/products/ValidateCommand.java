package org.permasar.cli.products;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.TimeSeriesPlot;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.gnss.NeuCsvReader;
import org.permasar.io.gnss.Tenv3Reader;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stats.Agreement;
import org.permasar.stats.GnssSeries;
import org.permasar.stats.SiteBlockAverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar validate}: InSAR against GNSS stations and in-situ ALT (SCIENCE.md §6 "Validation").
 *
 * <p>GNSS mode ({@code --insar TIMESERIES.h5 --gnss FILE...}): per station, the InSAR time series is averaged in a
 * {@code --block}-metre square around the station ({@link SiteBlockAverage}, weights from
 * {@code temporalCoherence.h5} beside the time series, or {@code --coherence}), the GNSS east/north/up series
 * (tenv3 or NEU CSV) is projected onto the LOS with the incidence/azimuth of the station's pixel
 * ({@code --geometry}, or {@code --incidence}/{@code --azimuth}), and {@link GnssComparison} aligns, references
 * and compares them. Writes {@code validation.csv} (one row per station; a station outside the grid or without
 * common dates gets NaN and the reason in {@code status}) and {@code <station>.png}.
 *
 * <p>ALT mode ({@code --alt-insar ALT.tif --boreholes CSV}): {@link BoreholeComparison}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare InSAR with GNSS stations (LOS, block average, ME/RMSE/bias/R², KS test) and InSAR ALT with boreholes.")
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--insar", paramLabel = "TIMESERIES.h5", description = "MintPy time series (m, positive towards the satellite).")
    Path insar;
    @Option(names = "--gnss", arity = "1..*", paramLabel = "FILE", description = "GNSS series: NGL .tenv3 or NEU CSV.")
    List<Path> gnss = new ArrayList<>();
    @Option(names = "--station", paramLabel = "NAME:LON:LAT", description = "Station position when the file has none (repeatable).")
    List<String> stations = new ArrayList<>();
    @Option(names = "--geometry", paramLabel = "GEOMETRY.h5", description = "MintPy geometry (incidenceAngle, azimuthAngle).")
    Path geometry;
    @Option(names = "--incidence", description = "Incidence angle, degrees, when there is no --geometry.")
    Double incidence;
    @Option(names = "--azimuth", description = "LOS azimuth angle, degrees (MintPy convention), when there is no --geometry.")
    Double azimuth;
    @Option(names = "--coherence", paramLabel = "FILE", description = "Weights (default: temporalCoherence.h5 beside --insar, if present).")
    Path coherence;
    @Option(names = "--block", defaultValue = "200", description = "Block width around a site, m (default ${DEFAULT-VALUE}).")
    double block;
    @Option(names = "--match-days", defaultValue = "1", description = "GNSS days within ± this of an InSAR date are averaged when the same day is missing (default ${DEFAULT-VALUE}).")
    int matchDays;
    @Option(names = "--alt-insar", paramLabel = "ALT", description = "InSAR ALT raster, m (e.g. alt.tif).")
    String altInsar;
    @Option(names = "--boreholes", paramLabel = "CSV", description = "Borehole ALT (id,lon,lat,alt).")
    Path boreholes;
    @Option(names = "--vwc", paramLabel = "VWC", description = "Mean active-layer water content (number or raster) for the moisture-calibrated ALT.")
    String vwc;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    /** One station's outcome; comparison null when the station could not be compared (see status). */
    public record StationResult(String station, double lon, double lat, int row, int col, double incidence,
                                double azimuth, int pixels, GnssComparison.Result comparison, String status) {
    }

    @Override
    public Integer call() throws Exception {
        if (insar == null && altInsar == null) {
            throw new IllegalArgumentException("give --insar with --gnss, and/or --alt-insar with --boreholes");
        }
        Files.createDirectories(out);
        if (insar != null) {
            for (StationResult r : stations()) {
                Agreement a = r.comparison() == null ? null : r.comparison().agreement();
                System.out.printf(Locale.ROOT, "%s: %s%n", r.station(), a == null ? r.status()
                        : String.format(Locale.ROOT, "bias %.2f mm, RMSE %.2f mm over %d dates", a.bias() * 1e3, a.rmse() * 1e3, a.n()));
            }
        }
        if (altInsar != null) {
            if (boreholes == null) {
                throw new IllegalArgumentException("--alt-insar needs --boreholes CSV");
            }
            for (BoreholeComparison.Summary s : BoreholeComparison.run(altInsar, boreholes, vwc, block, out)) {
                System.out.printf(Locale.ROOT, "ALT %s: n %d, bias %.3f m, RMSE %.3f m%n", s.kind(), s.agreement().n(),
                        s.agreement().bias(), s.agreement().rmse());
            }
        }
        System.out.println("wrote " + out);
        return 0;
    }

    /** GNSS mode: compares every station and writes validation.csv and the plots. */
    public List<StationResult> stations() throws IOException {
        if (gnss.isEmpty()) {
            throw new IllegalArgumentException("--insar needs at least one --gnss FILE");
        }
        Map<String, double[]> positions = parseStations(stations);
        List<StationResult> results = new ArrayList<>();
        try (MintPyProduct ts = MintPyProduct.open(insar)) {
            if (!ts.has("timeseries") || ts.dates().isEmpty()) {
                throw new org.permasar.stack.InvalidInputException(insar, "timeseries",
                        "expected a MintPy time series with a 'date' dataset");
            }
            GridGeometry g = ts.grid();
            if (!g.isGeocoded()) {
                throw new org.permasar.stack.InvalidInputException(insar, "a geocoded time series is needed to place stations");
            }
            Path cohFile = coherence != null ? coherence : insar.resolveSibling("temporalCoherence.h5");
            ProductRasters.Raster coh = Files.exists(cohFile) ? ProductRasters.read(cohFile, "temporalCoherence") : null;
            if (coh != null && !coh.grid().sameGrid(g)) {
                throw new IllegalArgumentException(cohFile + ": grid differs from the time series " + insar);
            }
            ProductRasters.Raster inc = geometry == null ? null : ProductRasters.read(geometry, "incidenceAngle");
            ProductRasters.Raster az = geometry == null ? null : ProductRasters.read(geometry, "azimuthAngle");
            if (geometry == null && (incidence == null || azimuth == null)) {
                throw new IllegalArgumentException("give --geometry, or both --incidence and --azimuth, to project GNSS onto the LOS");
            }
            for (Path f : gnss) {
                GnssSeries s = readGnss(f);
                double[] pos = positions.get(s.station());
                double lon = pos != null ? pos[0] : s.longitude(), lat = pos != null ? pos[1] : s.latitude();
                if (Double.isNaN(lon) || Double.isNaN(lat)) {
                    throw new IllegalArgumentException("station " + s.station() + " (" + f + ") has no coordinates: give --station "
                            + s.station() + ":LON:LAT");
                }
                if (g.isGeographic() && lon > 180) {
                    lon -= 360;
                }
                results.add(station(ts, g, coh, inc, az, s, lon, lat));
            }
        }
        writeCsv(results);
        for (StationResult r : results) {
            if (r.comparison() != null) {
                GnssComparison.Result c = r.comparison();
                new TimeSeriesPlot("InSAR vs GNSS (LOS) at " + r.station(), "LOS displacement (mm)")
                        .points("InSAR", c.dates(), scale(c.insar(), 1e3))
                        .points("GNSS", c.dates(), scale(c.gnss(), 1e3))
                        .write(out.resolve(safe(r.station()) + ".png"));
            }
        }
        return results;
    }

    private StationResult station(MintPyProduct ts, GridGeometry g, ProductRasters.Raster coh, ProductRasters.Raster inc,
                                  ProductRasters.Raster az, GnssSeries s, double lon, double lat) throws IOException {
        GeoTransform t = g.transform();
        int row = (int) Math.floor(t.row(lon, lat)), col = (int) Math.floor(t.col(lon, lat));
        if (row < 0 || col < 0 || row >= g.rows() || col >= g.cols()) {
            return new StationResult(s.station(), lon, lat, row, col, Double.NaN, Double.NaN, 0, null, "outside the InSAR grid");
        }
        double i = inc == null ? incidence : ProductRasters.onGrid(inc, g, "--geometry")[row * g.cols() + col];
        double a = az == null ? azimuth : ProductRasters.onGrid(az, g, "--geometry")[row * g.cols() + col];
        if (Double.isNaN(i) || Double.isNaN(a)) {
            return new StationResult(s.station(), lon, lat, row, col, i, a, 0, null, "no incidence/azimuth at the station");
        }
        // read only the window holding the block (plus one pixel) around the station
        int span = (int) Math.ceil(block / 2 / Math.min(metres(g, t.pixelWidth(), lat), metres(g, t.pixelHeight(), 0))) + 1;
        int r0 = Math.max(0, row - span), c0 = Math.max(0, col - span);
        Window w = new Window(r0, c0, Math.min(g.rows(), row + span + 1) - r0, Math.min(g.cols(), col + span + 1) - c0);
        GridGeometry sub = g.subset(w);
        float[] cube = ts.read("timeseries", w);
        float[] weights = null;
        if (coh != null) {
            weights = new float[w.size()];
            for (int r = 0; r < w.rows(); r++) {
                System.arraycopy(coh.data(), (r + r0) * g.cols() + c0, weights, r * w.cols(), w.cols());
            }
        }
        List<LocalDate> dates = ts.dates();
        double[] los = new double[dates.size()];
        float[] layer = new float[w.size()];
        int pixels = 0;
        for (int d = 0; d < dates.size(); d++) {
            System.arraycopy(cube, d * w.size(), layer, 0, w.size());
            SiteBlockAverage.Result b = SiteBlockAverage.average(layer, weights, sub, lon, lat, block);
            los[d] = b.value();
            pixels = Math.max(pixels, b.pixels());
        }
        GnssComparison.Result c = GnssComparison.compare(dates, los, s, i, a, matchDays);
        String status = pixels == 0 ? "no valid InSAR pixel in the block" : c.common() < 2
                ? "fewer than 2 common dates (GNSS " + s.dates()[0] + " … " + s.dates()[s.size() - 1] + ")" : "ok";
        return new StationResult(s.station(), lon, lat, row, col, i, a, pixels, c, status);
    }

    /** Ground size of a pixel step, m (degrees × R·π/180, times cos(lat) for longitude steps). */
    private static double metres(GridGeometry g, double step, double lat) {
        double m = Math.abs(step);
        return g.isGeographic() ? m * SiteBlockAverage.EARTH_RADIUS * Math.PI / 180 * Math.cos(Math.toRadians(lat)) : m;
    }

    /** Reads a GNSS series: NEU CSV when the name ends in .csv, else NGL .tenv3. */
    public static GnssSeries readGnss(Path f) throws IOException {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? NeuCsvReader.read(f) : Tenv3Reader.read(f);
    }

    static Map<String, double[]> parseStations(List<String> specs) {
        Map<String, double[]> m = new HashMap<>();
        for (String s : specs) {
            String[] f = s.split(":");
            try {
                if (f.length != 3) {
                    throw new NumberFormatException("expected 3 fields");
                }
                m.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--station '" + s + "': expected NAME:LON:LAT (" + e.getMessage() + ")");
            }
        }
        return m;
    }

    private void writeCsv(List<StationResult> results) throws IOException {
        StringBuilder b = new StringBuilder("station,lon,lat,row,col,incidence_deg,azimuth_deg,block_pixels,common_dates,"
                + "reference_date,bias_m,mean_abs_error_m,rmse_m,r2,pearson,ks_d,ks_p,status\n");
        for (StationResult r : results) {
            GnssComparison.Result c = r.comparison();
            Agreement a = c == null ? null : c.agreement();
            b.append(r.station()).append(',').append(r.lon()).append(',').append(r.lat()).append(',').append(r.row())
                    .append(',').append(r.col()).append(',').append(num(r.incidence())).append(',').append(num(r.azimuth()))
                    .append(',').append(r.pixels()).append(',').append(c == null ? 0 : c.common()).append(',')
                    .append(c == null || c.referenceDate() == null ? "" : c.referenceDate()).append(',')
                    .append(a == null ? "" : num(a.bias())).append(',').append(a == null ? "" : num(a.meanError())).append(',')
                    .append(a == null ? "" : num(a.rmse())).append(',').append(a == null ? "" : num(a.r2())).append(',')
                    .append(a == null ? "" : num(a.pearson())).append(',')
                    .append(c == null || c.ks() == null ? "" : num(c.ks().statistic())).append(',')
                    .append(c == null || c.ks() == null ? "" : num(c.ks().pValue())).append(',')
                    .append(r.status()).append('\n');
        }
        AtomicFiles.write(out.resolve("validation.csv"), tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double[] scale(double[] v, double f) {
        double[] o = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            o[k] = v[k] * f;
        }
        return o;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

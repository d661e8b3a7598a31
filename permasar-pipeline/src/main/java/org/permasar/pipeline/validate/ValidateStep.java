package org.permasar.pipeline.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.io.gnss.NeuCsvReader;
import org.permasar.io.gnss.Tenv3Reader;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.Agreement;
import org.permasar.stats.GnssSeries;
import org.permasar.stats.SiteBlockAverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validate step: InSAR against GNSS stations and in-situ ALT (SCIENCE.md §6 "Validation"). Called by
 * {@code permasar validate} and by the {@code permasar run} chain alike; the per-station plots are drawn by the
 * callers from the {@link Result}. The work is per site (a few windows read around each), not per pixel, so
 * there is no block kernel.
 *
 * <p>GNSS mode: per station, the InSAR time series is averaged in a block-metre square around the station
 * ({@link SiteBlockAverage}, weights from {@code temporalCoherence.h5} beside the time series, or the given
 * coherence), the GNSS east/north/up series (tenv3 or NEU CSV) is projected onto the LOS with the
 * incidence/azimuth of the station's pixel, and {@link GnssComparison} aligns, references and compares them.
 * Station latitude/longitude (WGS 84) are put on the time series' grid, whatever its CRS, by {@link LatLonLocator}.
 * Writes {@code validation.csv} (one row per station; a station outside the grid or without common dates gets NaN
 * and the reason in {@code status}, and an outside station is logged as a warning with the pixel it falls on).
 * When every station lies outside the grid nothing can be compared: {@link IllegalArgumentException} naming them,
 * before anything is written.
 *
 * <p>ALT mode: {@link BoreholeComparison}. Stateless and thread-safe.
 */
public final class ValidateStep {
    private static final Logger LOG = LoggerFactory.getLogger(ValidateStep.class);

    /** One station's outcome; comparison null when the station could not be compared (see status). */
    public record StationResult(String station, double lon, double lat, int row, int col, double incidence,
                                double azimuth, int pixels, GnssComparison.Result comparison, String status) {
    }

    /** What the step compared: stations (empty without GNSS) and borehole summaries (empty without boreholes). */
    public record Result(List<StationResult> stations, List<BoreholeComparison.Summary> boreholes) {
    }

    private ValidateStep() {
    }

    /** Runs the comparisons and writes the CSV files under {@code p.out()}. */
    public static Result run(ValidateParameters p) throws IOException {
        if (p.insar() == null && p.altInsar() == null) {
            throw new IllegalArgumentException("give --insar with --gnss, and/or --alt-insar with --boreholes");
        }
        Files.createDirectories(p.out());
        List<StationResult> st = p.insar() != null ? stations(p) : List.of();
        List<BoreholeComparison.Summary> bh = p.altInsar() != null
                ? BoreholeComparison.run(p.altInsar(), p.boreholes(), p.vwc(), p.block(), p.out()) : List.of();
        return new Result(st, bh);
    }

    /** GNSS mode: compares every station and writes validation.csv. */
    static List<StationResult> stations(ValidateParameters p) throws IOException {
        Map<String, double[]> positions = ValidateParameters.positions(p.stations());
        List<StationResult> results = new ArrayList<>();
        Path insar = p.insar();
        try (MintPyProduct ts = MintPyProduct.open(insar)) {
            if (!ts.has("timeseries") || ts.dates().isEmpty()) {
                throw new InvalidInputException(insar, "timeseries", "expected a MintPy time series with a 'date' dataset");
            }
            GridGeometry g = ts.grid();
            if (!g.isGeocoded()) {
                throw new InvalidInputException(insar, "a geocoded time series is needed to place stations");
            }
            Path cohFile = p.coherence() != null ? p.coherence() : insar.resolveSibling("temporalCoherence.h5");
            ProductRasters.Raster coh = Files.exists(cohFile) ? ProductRasters.read(cohFile, "temporalCoherence") : null;
            if (coh != null && !coh.grid().sameGrid(g)) {
                throw new IllegalArgumentException(cohFile + ": grid differs from the time series " + insar);
            }
            ProductRasters.Raster inc = p.geometry() == null ? null : ProductRasters.read(p.geometry(), "incidenceAngle");
            ProductRasters.Raster az = p.geometry() == null ? null : ProductRasters.read(p.geometry(), "azimuthAngle");
            LatLonLocator locator = LatLonLocator.on(g);
            List<String> outside = new ArrayList<>();
            for (Path f : p.gnss()) {
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
                int[] rc = locator.pixel("station " + s.station(), lat, lon);
                if (!locator.contains(rc)) {
                    outside.add(locator.outside("station " + s.station(), lat, lon, rc));
                    results.add(new StationResult(s.station(), lon, lat, rc[0], rc[1], Double.NaN, Double.NaN, 0, null,
                            "outside the InSAR grid"));
                    continue;
                }
                results.add(station(p, ts, g, coh, inc, az, s, locator, rc, lon, lat));
            }
            if (!results.isEmpty() && outside.size() == results.size()) {
                throw new IllegalArgumentException("no station lies on the InSAR grid of " + insar + ", nothing to compare: "
                        + String.join("; ", outside));
            }
            for (String why : outside) {
                LOG.warn("{}: not compared", why);
            }
        }
        writeCsv(p.out().resolve("validation.csv"), results);
        return results;
    }

    /** A station on the grid, at pixel {@code rc}. */
    private static StationResult station(ValidateParameters p, MintPyProduct ts, GridGeometry g, ProductRasters.Raster coh,
                                         ProductRasters.Raster inc, ProductRasters.Raster az, GnssSeries s,
                                         LatLonLocator locator, int[] rc, double lon, double lat) throws IOException {
        GeoTransform t = g.transform();
        int row = rc[0], col = rc[1];
        double[] xy = locator.toMap("station " + s.station(), lat, lon);
        double i = inc == null ? p.incidence() : ProductRasters.onGrid(inc, g, "--geometry")[row * g.cols() + col];
        double a = az == null ? p.azimuth() : ProductRasters.onGrid(az, g, "--geometry")[row * g.cols() + col];
        if (Double.isNaN(i) || Double.isNaN(a)) {
            return new StationResult(s.station(), lon, lat, row, col, i, a, 0, null, "no incidence/azimuth at the station");
        }
        double block = p.block();
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
            SiteBlockAverage.Result b = SiteBlockAverage.average(layer, weights, sub, xy[0], xy[1], block);
            los[d] = b.value();
            pixels = Math.max(pixels, b.pixels());
        }
        GnssComparison.Result c = GnssComparison.compare(dates, los, s, i, a, p.matchDays());
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

    private static void writeCsv(Path csv, List<StationResult> results) throws IOException {
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
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}

package org.permasar.pipeline.seaice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.vector.GeoJsonVectors;
import org.permasar.io.vector.VectorFeature;
import org.permasar.seaice.DriftParameters;
import org.permasar.seaice.DriftVectors;
import org.permasar.seaice.SeaIceDrift;
import org.permasar.stack.InvalidInputException;

/**
 * The sea-ice drift step (SCIENCE.md §7, seed 004): reads one band of two SAR images on one grid, tracks
 * drift with {@link SeaIceDrift} and writes into {@code out}, atomically:
 * <ul>
 *   <li>{@code drift.csv}: every matched vector with start and end (pixel row/col, and map x/y when
 *       georeferenced), dr, dc (pixels), u, v (km/day, map east / north; image column / up without a CRS),
 *       speed (km/day), Hamming distance, NCC peak and SNR, and its flag (kept, no_pattern_match, too_fast,
 *       regional_outlier);</li>
 *   <li>{@code drift.geojson}: the kept vectors as LineStrings from start to end (map coordinates, or pixel
 *       column/row without georeferencing), the same numbers as properties.</li>
 * </ul>
 * Pictures are the caller's. Stateless.
 */
public final class DriftStep {
    private static final String[] FLAGS = {"kept", "no_pattern_match", "too_fast", "regional_outlier"};

    private DriftStep() {
    }

    /**
     * What was read and computed: the grid, the reference image as tracked (dB when converted), the vectors,
     * u, v, speed (km/day; null without a pixel size and time), the largest displacement used (px) and seconds.
     */
    public record Result(GridGeometry grid, float[] reference, DriftVectors vectors, float[] u, float[] v, float[] speed,
                         double maxDisplacement, double seconds) {
    }

    /** Runs the step. Bad input: {@link InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(DriftStepParameters p) throws IOException {
        GridGeometry g;
        float[] a, b;
        try (GeoTiffReader ra = GeoTiffReader.open(p.reference()); GeoTiffReader rb = GeoTiffReader.open(p.secondary())) {
            g = ra.grid();
            GridGeometry gb = rb.grid();
            if (g.rows() != gb.rows() || g.cols() != gb.cols()) {
                throw new InvalidInputException(p.secondary(), "size " + gb.rows() + "×" + gb.cols() + " differs from "
                        + g.rows() + "×" + g.cols() + " of the reference " + p.reference() + ": resample both to one grid first");
            }
            if (g.isGeocoded() && gb.isGeocoded() && !g.transform().alignsWith(gb.transform(), 0.01)) {
                throw new InvalidInputException(p.secondary(), "geotransform differs from the reference's " + p.reference()
                        + ": drift of misaligned grids would include the grid shift");
            }
            for (GeoTiffReader t : List.of(ra, rb)) {
                if (p.band() > t.bandCount()) {
                    throw new IllegalArgumentException("--band " + p.band() + " is outside 1 … " + t.bandCount() + " of " + t.path());
                }
            }
            a = new float[g.size()];
            b = new float[g.size()];
            ra.readBand(p.band() - 1, Window.of(g), a, 0, 1f);
            rb.readBand(p.band() - 1, Window.of(gb), b, 0, 1f);
            prepare(a, g.nodata(), p.toDb());
            prepare(b, gb.nodata(), p.toDb());
        }
        double[] m = metresPerPixel(g, p.pixelSize());
        DriftParameters dp = p.tracking();
        if (!Double.isNaN(p.maxSpeed()) && m != null && !Double.isNaN(p.days())) {
            double px = Math.min(Math.hypot(m[0], m[2]), Math.hypot(m[1], m[3])); // metres per pixel, the finer axis
            dp = dp.withMaxDisplacement(p.maxSpeed() * 1000 * p.days() / px);
        }
        int need = 2 * dp.margin() + 1;
        if (g.rows() < need || g.cols() < need) {
            throw new InvalidInputException(p.reference(), "image " + g.rows() + "×" + g.cols() + " is smaller than " + need + "×"
                    + need + " px, the least that keypoints with their descriptor patch and NCC window need");
        }
        long t0 = System.nanoTime();
        DriftVectors d = SeaIceDrift.track(a, b, g.rows(), g.cols(), dp);
        double seconds = (System.nanoTime() - t0) / 1e9;
        float[] u = null, v = null, sp = null;
        if (m != null && !Double.isNaN(p.days())) {
            int n = d.size();
            u = new float[n];
            v = new float[n];
            sp = new float[n];
            for (int k = 0; k < n; k++) {
                // map displacement = J · (dc, dr), metres; / 1000 / days → km/day
                double dx = m[0] * d.dc()[k] + m[1] * d.dr()[k], dy = m[2] * d.dc()[k] + m[3] * d.dr()[k];
                u[k] = (float) (dx / 1000 / p.days());
                v[k] = (float) (dy / 1000 / p.days());
                sp[k] = (float) (Math.hypot(dx, dy) / 1000 / p.days());
            }
        }
        Files.createDirectories(p.out());
        writeCsv(p.out().resolve("drift.csv"), g, d, u, v, sp);
        writeGeoJson(p.out().resolve("drift.geojson"), g, d, u, v, sp);
        Result res = new Result(g, a, d, u, v, sp, dp.maxDisplacement(), seconds);
        String settings = "# PermaSAR drift\nreference = " + p.reference() + "\nsecondary = " + p.secondary() + "\nband = " + p.band()
                + "\nto_db = " + p.toDb() + "\ndays = " + p.days() + "\npixel_size_m = " + p.pixelSize() + "\nmax_speed_km_day = "
                + p.maxSpeed() + "\ntracking = " + dp + "\nsummary = " + summary(res) + "\n";
        AtomicFiles.write(p.out().resolve("drift_settings.txt"), tmp -> Files.writeString(tmp, settings, StandardCharsets.UTF_8));
        return res;
    }

    private static void prepare(float[] img, double nodata, boolean toDb) {
        float nd = (float) nodata;
        for (int k = 0; k < img.length; k++) {
            float x = img[k];
            if (!Double.isNaN(nodata) && x == nd) {
                img[k] = Float.NaN;
            } else if (toDb) {
                img[k] = x > 0 ? (float) (10 * Math.log10(x)) : Float.NaN;
            }
        }
    }

    /**
     * Metres of map x and y per pixel of column and row, {dx/dc, dx/dr, dy/dc, dy/dr}: the geotransform of a
     * projected grid, or {s, 0, 0, −s} for a pixel size s (x along columns, y up the image); null otherwise.
     */
    static double[] metresPerPixel(GridGeometry g, double pixelSize) {
        if (g.isGeocoded() && !g.isGeographic() && g.epsg() != 0) {
            GeoTransform t = g.transform();
            return new double[] {t.pixelWidth(), t.rowRotation(), t.colRotation(), t.pixelHeight()};
        }
        if (!Double.isNaN(pixelSize)) {
            return new double[] {pixelSize, 0, 0, -pixelSize};
        }
        return null;
    }

    private static void writeCsv(Path path, GridGeometry g, DriftVectors d, float[] u, float[] v, float[] sp) throws IOException {
        StringBuilder s = new StringBuilder("id,row,col,end_row,end_col,x,y,end_x,end_y,dr_px,dc_px,u_km_day,v_km_day,"
                + "speed_km_day,hamming,correlation,snr,flag\n");
        for (int k = 0; k < d.size(); k++) {
            double r = d.row()[k], c = d.col()[k], er = r + d.dr()[k], ec = c + d.dc()[k];
            s.append(k + 1).append(',').append(d.row()[k]).append(',').append(d.col()[k]).append(',').append(f(er)).append(',')
                    .append(f(ec)).append(',');
            if (g.isGeocoded()) {
                GeoTransform t = g.transform();
                s.append(f(t.x(c + 0.5, r + 0.5))).append(',').append(f(t.y(c + 0.5, r + 0.5))).append(',')
                        .append(f(t.x(ec + 0.5, er + 0.5))).append(',').append(f(t.y(ec + 0.5, er + 0.5))).append(',');
            } else {
                s.append(",,,,");
            }
            s.append(f(d.dr()[k])).append(',').append(f(d.dc()[k])).append(',').append(u == null ? "" : f(u[k])).append(',')
                    .append(v == null ? "" : f(v[k])).append(',').append(sp == null ? "" : f(sp[k])).append(',')
                    .append(d.hamming()[k]).append(',').append(f(d.correlation()[k])).append(',').append(f(d.snr()[k])).append(',')
                    .append(FLAGS[d.flag()[k]]).append('\n');
        }
        AtomicFiles.write(path, tmp -> Files.writeString(tmp, s.toString(), StandardCharsets.UTF_8));
    }

    private static void writeGeoJson(Path path, GridGeometry g, DriftVectors d, float[] u, float[] v, float[] sp)
            throws IOException {
        GeometryFactory gf = new GeometryFactory();
        List<VectorFeature> fs = new ArrayList<>();
        for (int k = 0; k < d.size(); k++) {
            if (d.flag()[k] != DriftVectors.KEPT) {
                continue;
            }
            double r = d.row()[k], c = d.col()[k], er = r + d.dr()[k], ec = c + d.dc()[k];
            Coordinate s0, s1;
            if (g.isGeocoded()) {
                GeoTransform t = g.transform();
                s0 = new Coordinate(t.x(c + 0.5, r + 0.5), t.y(c + 0.5, r + 0.5));
                s1 = new Coordinate(t.x(ec + 0.5, er + 0.5), t.y(ec + 0.5, er + 0.5));
            } else {
                s0 = new Coordinate(c, r);
                s1 = new Coordinate(ec, er);
            }
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("id", (double) (k + 1));
            at.put("dr_px", (double) d.dr()[k]);
            at.put("dc_px", (double) d.dc()[k]);
            if (u != null) {
                at.put("u_km_day", (double) u[k]);
                at.put("v_km_day", (double) v[k]);
                at.put("speed_km_day", (double) sp[k]);
            }
            at.put("hamming", (double) d.hamming()[k]);
            at.put("correlation", (double) d.correlation()[k]);
            at.put("snr", (double) d.snr()[k]);
            fs.add(new VectorFeature(gf.createLineString(new Coordinate[] {s0, s1}), at));
        }
        GeoJsonVectors.write(path, g.isGeocoded() ? (g.epsg() == 0 ? 4326 : g.epsg()) : 0, fs);
    }

    private static String f(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.4f", x);
    }

    /** A one-paragraph summary of a result. */
    public static String summary(Result r) {
        DriftVectors d = r.vectors();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d matched keypoints: %d kept, %d without a pattern match, %d too fast (> %.1f px), %d regional outliers;"
                        + " median displacement (%.3f, %.3f) px", d.size(), d.kept(), d.count(DriftVectors.NO_PATTERN_MATCH),
                d.count(DriftVectors.TOO_FAST), r.maxDisplacement(), d.count(DriftVectors.REGIONAL_OUTLIER),
                SeaIceDrift.median(d.dr(), d.flag()), SeaIceDrift.median(d.dc(), d.flag())));
        if (r.speed() != null) {
            s.append(String.format(Locale.ROOT, ", median speed %.3f km/day (u %.3f, v %.3f)", SeaIceDrift.median(r.speed(), d.flag()),
                    SeaIceDrift.median(r.u(), d.flag()), SeaIceDrift.median(r.v(), d.flag())));
        }
        s.append(String.format(Locale.ROOT, "; %.2f s", r.seconds()));
        return s.toString();
    }
}

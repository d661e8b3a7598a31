package org.permasar.pipeline.hazard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.hazard.SlumpSeriesClassifier;
import org.permasar.io.AtomicFiles;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.vector.GeoJsonVectors;
import org.permasar.io.vector.VectorFeature;
import org.permasar.io.vector.VectorFiles;
import org.permasar.io.vector.VectorLayer;
import org.permasar.io.vector.VectorReprojection;
import org.permasar.network.Dates;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;

/**
 * The slump-classes step (SCIENCE.md §6; seed 004): every pixel's displacement series, and with polygons every
 * slump's mean series, classed stable / abrupt thaw / linear subsidence by {@link SlumpSeriesClassifier} (a line
 * against a broken line by BIC, the annual sinusoid fitted jointly unless switched off), with the break date and
 * the rates before and after.
 *
 * <p>The cube (metres; mm when its UNIT says so) is read in blocks of whole rows and converted to mm. A polygon's
 * series is the mean, per date, of the finite values of the pixels whose centre lies inside it (the polygon is
 * reprojected into the grid's CRS; the grid must be geocoded with an EPSG code then). Writes into {@code out}, each
 * file atomically: {@code slump_class.tif} (uint8: 1 stable, 2 abrupt thaw, 3 linear subsidence, 0 too few dates),
 * {@code slump_rate.tif} (the single line's rate, mm/yr), {@code slump_break.tif} (the least-squares break time as a
 * decimal year, between acquisitions where it falls there; NaN unless abrupt), {@code slump_break_sigma.tif} (its
 * Cramér–Rao standard deviation, days), {@code slump_rate_before.tif}, {@code slump_rate_after.tif} (mm/yr, NaN unless
 * abrupt), {@code slump_class_counts.csv}; with polygons {@code slump_polygons.csv} (the break as the nearest
 * acquisition date, and as a decimal year with its standard deviation) and {@code slump_polygons.geojson} (WGS 84, the
 * classes as attributes). Stateless.
 */
public final class SlumpsStep {
    /** Class codes of slump_class.tif. */
    public static final int NODATA = 0;
    public static final int STABLE = 1;
    public static final int ABRUPT = 2;
    public static final int LINEAR = 3;
    private static final long BLOCK_VALUES = 4_000_000;

    private SlumpsStep() {
    }

    /** One polygon's class. */
    public record PolygonResult(String id, int pixels, SlumpSeriesClassifier.Result result) {
    }

    /**
     * What the step found.
     *
     * @param counts   pixels per code 0…3
     * @param polygons per polygon in file order (empty without polygons)
     */
    public record Result(GridGeometry grid, List<LocalDate> dates, byte[] classes, long[] counts,
                         List<PolygonResult> polygons) {
    }

    /** Runs the step and writes its outputs. */
    public static Result run(SlumpsParameters p) throws IOException {
        SlumpSeriesClassifier clf = p.classifier();
        try (TimeSeriesProduct ts = TimeSeriesProduct.open(p.timeseries())) {
            List<LocalDate> dates = ts.dates();
            if (dates.isEmpty() || !ts.has("timeseries")) {
                throw new InvalidInputException(p.timeseries(), "not a time series (no timeseries dataset with dates)");
            }
            GridGeometry g = ts.grid();
            String unit = ts.attributes().getOrDefault("UNIT", "m").trim();
            double toMm = unit.equalsIgnoreCase("mm") ? 1 : unit.equalsIgnoreCase("cm") ? 10 : 1000;
            List<VectorFeature> polys = List.of();
            int polyEpsg = 0;
            int[][] members = new int[0][];
            if (p.polygons() != null) {
                VectorLayer layer = VectorFiles.read(p.polygons());
                polys = layer.features();
                polyEpsg = layer.epsg();
                members = members(p.polygons(), layer, g);
            }
            int rows = g.rows(), cols = g.cols(), nd = dates.size();
            int blockRows = (int) Math.max(1, Math.min(rows, BLOCK_VALUES / ((long) nd * cols)));
            byte[] cls = new byte[rows * cols];
            float[] rate = new float[rows * cols], brk = new float[rows * cols], brkStd = new float[rows * cols],
                    before = new float[rows * cols], after = new float[rows * cols];
            double[][] polySum = new double[members.length][nd];
            int[][] polyN = new int[members.length][nd];
            int[] cursor = new int[members.length];
            double[] series = new double[nd];
            long[] counts = new long[4];
            for (int r0 = 0; r0 < rows; r0 += blockRows) {
                int nr = Math.min(blockRows, rows - r0);
                Window w = new Window(r0, 0, nr, cols);
                float[] cube = ts.read("timeseries", w);
                int ws = w.size();
                for (int k = 0; k < ws; k++) {
                    for (int d = 0; d < nd; d++) {
                        series[d] = cube[d * ws + k] * toMm;
                    }
                    int i = r0 * cols + k;
                    SlumpSeriesClassifier.Result res = clf.classify(dates, series);
                    int code = code(res.kind());
                    cls[i] = (byte) code;
                    counts[code]++;
                    rate[i] = (float) res.rate();
                    brk[i] = (float) Dates.decimalYear(res.breakDay());
                    brkStd[i] = (float) res.breakStdDays();
                    before[i] = (float) res.rateBefore();
                    after[i] = (float) res.rateAfter();
                }
                // polygon means: the members' values in this block (members sorted by pixel index)
                int end = (r0 + nr) * cols;
                for (int q = 0; q < members.length; q++) {
                    int[] m = members[q];
                    while (cursor[q] < m.length && m[cursor[q]] < end) {
                        int k = m[cursor[q]++] - r0 * cols;
                        for (int d = 0; d < nd; d++) {
                            float v = cube[d * ws + k];
                            if (Float.isFinite(v)) {
                                polySum[q][d] += v * toMm;
                                polyN[q][d]++;
                            }
                        }
                    }
                }
            }
            List<PolygonResult> pr = new ArrayList<>();
            for (int q = 0; q < members.length; q++) {
                double[] mean = new double[nd];
                for (int d = 0; d < nd; d++) {
                    mean[d] = polyN[q][d] > 0 ? polySum[q][d] / polyN[q][d] : Double.NaN;
                }
                pr.add(new PolygonResult(id(polys.get(q), q, p.idAttribute()), members[q].length,
                        clf.classify(dates, mean)));
            }
            Files.createDirectories(p.out());
            Map<String, String> legend = new LinkedHashMap<>();
            legend.put("CLASS_0", "too few dates");
            legend.put("CLASS_1", "stable");
            legend.put("CLASS_2", "abrupt thaw");
            legend.put("CLASS_3", "linear subsidence");
            ProductRasters.writeByte(p.out().resolve("slump_class.tif"), g, cls, NODATA, "slump class", legend);
            ProductRasters.writeFloat(p.out().resolve("slump_rate.tif"), g, rate, "line rate", "mm/year");
            ProductRasters.writeFloat(p.out().resolve("slump_break.tif"), g, brk, "break date", "decimal year");
            ProductRasters.writeFloat(p.out().resolve("slump_break_sigma.tif"), g, brkStd, "break date standard deviation",
                    "day");
            ProductRasters.writeFloat(p.out().resolve("slump_rate_before.tif"), g, before, "rate before break", "mm/year");
            ProductRasters.writeFloat(p.out().resolve("slump_rate_after.tif"), g, after, "rate after break", "mm/year");
            writeCounts(p.out().resolve("slump_class_counts.csv"), counts);
            if (p.polygons() != null) {
                writePolygons(p.out(), polys, pr, polyEpsg);
            }
            return new Result(g, dates, cls, counts, pr);
        }
    }

    /** slump_class.tif's code of a class. */
    public static int code(SlumpSeriesClassifier.Kind k) {
        return switch (k) {
            case STABLE -> STABLE;
            case ABRUPT_THAW -> ABRUPT;
            case LINEAR_SUBSIDENCE -> LINEAR;
            case TOO_SHORT -> NODATA;
        };
    }

    private static String id(VectorFeature f, int index, String attribute) {
        if (attribute != null) {
            Object v = f.attributes().get(attribute);
            if (v != null) {
                return v instanceof Double dv && dv == Math.rint(dv) ? Long.toString(dv.longValue()) : v.toString();
            }
        }
        return Integer.toString(index);
    }

    /** For each polygon of the file, the sorted indices of the pixels whose centre lies inside it. */
    static int[][] members(Path file, VectorLayer l, GridGeometry g) throws IOException {
        if (l.epsg() == 0) {
            throw new InvalidInputException(file, "its CRS is unknown (no .prj, or one whose EPSG code could not be "
                    + "identified)");
        }
        if (!g.isGeocoded() || g.epsg() == 0) {
            throw new InvalidInputException(file, "the time series must be geocoded with an EPSG code to place the "
                    + "polygons on it (found " + g + ")");
        }
        VectorLayer proj = VectorReprojection.toEpsg(l, g.epsg());
        GeoTransform t = g.transform();
        GeometryFactory gf = new GeometryFactory();
        int[][] out = new int[proj.features().size()][];
        for (int q = 0; q < out.length; q++) {
            Geometry poly = proj.features().get(q).geometry();
            if (poly == null || poly.isEmpty() || poly.getDimension() != 2) {
                throw new InvalidInputException(file, "feature " + q + " is "
                        + (poly == null ? "without geometry" : "a " + poly.getGeometryType()) + ": --polygons takes "
                        + "Polygon or MultiPolygon features");
            }
            PreparedGeometry pg = PreparedGeometryFactory.prepare(poly);
            Envelope e = poly.getEnvelopeInternal();
            int[] idx = new int[16];
            int n = 0;
            for (int r = 0; r < g.rows(); r++) {
                double y = t.y(0.5, r + 0.5);
                if (y < e.getMinY() || y > e.getMaxY()) {
                    continue;
                }
                for (int c = 0; c < g.cols(); c++) {
                    double x = t.x(c + 0.5, r + 0.5);
                    y = t.y(c + 0.5, r + 0.5);
                    if (e.contains(x, y) && pg.contains(gf.createPoint(new Coordinate(x, y)))) {
                        if (n == idx.length) {
                            idx = Arrays.copyOf(idx, 2 * n);
                        }
                        idx[n++] = r * g.cols() + c;
                    }
                }
            }
            out[q] = Arrays.copyOf(idx, n);
        }
        return out;
    }

    private static void writeCounts(Path file, long[] counts) throws IOException {
        long total = counts[0] + counts[1] + counts[2] + counts[3];
        String[] names = {"too_few_dates", "stable", "abrupt_thaw", "linear_subsidence"};
        StringBuilder b = new StringBuilder("class,code,pixels,share\n");
        for (int c : new int[] {STABLE, ABRUPT, LINEAR, NODATA}) {
            b.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f%n", names[c], c, counts[c],
                    total == 0 ? Double.NaN : (double) counts[c] / total));
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static void writePolygons(Path out, List<VectorFeature> polys, List<PolygonResult> pr, int epsg)
            throws IOException {
        StringBuilder b = new StringBuilder("id,pixels,class,rate_mm_yr,break_date,rate_before_mm_yr,rate_after_mm_yr,"
                + "delta_bic,break_year,break_sigma_days\n");
        List<VectorFeature> fs = new ArrayList<>();
        for (int q = 0; q < pr.size(); q++) {
            PolygonResult r = pr.get(q);
            SlumpSeriesClassifier.Result c = r.result();
            String kind = c.kind().name().toLowerCase(Locale.ROOT);
            b.append(String.format(Locale.ROOT, "%s,%d,%s,%.4f,%s,%.4f,%.4f,%.4f,%.5f,%.2f%n", csvText(r.id()), r.pixels(),
                    kind, c.rate(), c.breakDate() == null ? "" : c.breakDate(), c.rateBefore(), c.rateAfter(), c.deltaBic(),
                    Dates.decimalYear(c.breakDay()), c.breakStdDays()));
            Map<String, Object> a = new LinkedHashMap<>(polys.get(q).attributes());
            a.put("slump_id", r.id());
            a.put("pixels", (double) r.pixels());
            a.put("class", kind);
            a.put("rate_mm_yr", finiteOrNull(c.rate()));
            a.put("break_date", c.breakDate() == null ? null : c.breakDate().toString());
            a.put("break_year", finiteOrNull(Dates.decimalYear(c.breakDay())));
            a.put("break_sigma_days", finiteOrNull(c.breakStdDays()));
            a.put("rate_before_mm_yr", finiteOrNull(c.rateBefore()));
            a.put("rate_after_mm_yr", finiteOrNull(c.rateAfter()));
            fs.add(new VectorFeature(VectorReprojection.transform(polys.get(q).geometry(), epsg, 4326), a));
        }
        AtomicFiles.write(out.resolve("slump_polygons.csv"), tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
        GeoJsonVectors.write(out.resolve("slump_polygons.geojson"), 4326, fs);
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

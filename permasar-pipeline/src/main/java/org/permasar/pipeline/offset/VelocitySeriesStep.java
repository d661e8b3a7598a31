package org.permasar.pipeline.offset;

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
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.network.Dates;
import org.permasar.offset.VelocityTimeSeries;
import org.permasar.offset.VelocityTimeSeries.Pair;
import org.permasar.stack.InvalidInputException;

/**
 * The velocity-series step (SCIENCE.md §7, seed 004): reads the offset fields listed in a pairs table
 * (each an {@code offsets.tif} of {@link OffsetStep}, all on one grid), converts the row / column offsets
 * (pixels) to map displacements (metres: the georeferencing of a projected grid divided by the offsets'
 * STEP, or the table's {@code pixel_size} with x along columns and y up the image), and solves
 * {@link VelocityTimeSeries}. Writes into {@code out}, each file atomically:
 * <ul>
 *   <li>{@code vx.tif}, {@code vy.tif}, {@code speed.tif}: one band per interval between consecutive
 *       distinct dates, named {@code YYYYMMDD_YYYYMMDD}, m/day (× 365.25 for m/yr), on the offsets' grid;</li>
 *   <li>{@code intervals.csv}: start, end, days, pixels with a velocity, median speed in m/day and m/yr;</li>
 *   <li>{@code pairs_used.csv}: each pair with its estimated mosaicking offset (x, y, metres; 0 for S1).</li>
 * </ul>
 * The whole stack is held in memory (pairs × pixels × 2 floats). Stateless.
 */
public final class VelocitySeriesStep {
    private VelocitySeriesStep() {
    }

    /** One row of the pairs table. */
    public record Row(Path file, String sensor, LocalDate date1, LocalDate date2, double pixelSize) {
    }

    /** What was computed. */
    public record Result(GridGeometry grid, List<Row> rows, LocalDate[] dates, VelocityTimeSeries.Result series) {
    }

    /** Runs the step. Bad input: {@link InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(VelocitySeriesStepParameters p) throws IOException {
        List<Row> rows = readPairs(p.pairs());
        int np = rows.size();
        float[][] dx = new float[np][], dy = new float[np][];
        GridGeometry g0 = null;
        LocalDate origin = rows.stream().map(Row::date1).min(LocalDate::compareTo).orElseThrow();
        List<Pair> pairs = new ArrayList<>();
        for (int k = 0; k < np; k++) {
            Row r = rows.get(k);
            try (GeoTiffReader t = GeoTiffReader.open(r.file())) {
                GridGeometry g = t.grid();
                if (g0 == null) {
                    g0 = g;
                } else if (g.rows() != g0.rows() || g.cols() != g0.cols()) {
                    throw new InvalidInputException(r.file(), "grid " + g.rows() + "×" + g.cols() + " differs from "
                            + g0.rows() + "×" + g0.cols() + " of " + rows.get(0).file() + ": track all pairs with the same chip grid");
                }
                List<String> names = t.bandDescriptions();
                int br = names.indexOf("rowOffset"), bc = names.indexOf("colOffset");
                if (br < 0 || bc < 0) {
                    throw new InvalidInputException(r.file(), "no bands named rowOffset and colOffset (found " + names
                            + "): give offsets.tif files of permasar offsets");
                }
                int n = g.size();
                float[] v = new float[2 * n];
                t.readBands(new int[] {br, bc}, Window.of(g), v, 0, 1f);
                double[] m = metresPerPixel(r, g, t.attributes());
                dx[k] = new float[n];
                dy[k] = new float[n];
                for (int i = 0; i < n; i++) {
                    double dr = v[i], dc = v[n + i];
                    dx[k][i] = (float) (m[0] * dc + m[1] * dr);
                    dy[k][i] = (float) (m[2] * dc + m[3] * dr);
                }
            }
            pairs.add(new Pair((int) Dates.daysBetween(origin, r.date1()), (int) Dates.daysBetween(origin, r.date2()),
                    r.sensor().equals("S2")));
        }
        boolean[] stable = p.stableMask() == null ? null : readMask(p.stableMask(), g0);
        VelocityTimeSeries.Result s = VelocityTimeSeries.solve(pairs, dx, dy, stable, p.settings());
        LocalDate[] dates = new LocalDate[s.dates().length];
        for (int k = 0; k < dates.length; k++) {
            dates[k] = origin.plusDays(s.dates()[k]);
        }
        write(p, g0, rows, dates, s);
        return new Result(g0, rows, dates, s);
    }

    /** {dx/dc, dx/dr, dy/dc, dy/dr} in metres per input pixel. */
    static double[] metresPerPixel(Row r, GridGeometry g, Map<String, String> attrs) throws InvalidInputException {
        if (!Double.isNaN(r.pixelSize())) {
            double s = r.pixelSize();
            return new double[] {s, 0, 0, -s};
        }
        String step = attrs.get("STEP");
        if (g.isGeocoded() && !g.isGeographic() && g.epsg() != 0 && step != null) {
            double st;
            try {
                st = Double.parseDouble(step.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(r.file(), "STEP metadata '" + step + "' is not a number");
            }
            GeoTransform t = g.transform();
            return new double[] {t.pixelWidth() / st, t.rowRotation() / st, t.colRotation() / st, t.pixelHeight() / st};
        }
        throw new InvalidInputException(r.file(), "offsets are not on a projected grid with a STEP item: give the images' "
                + "ground pixel size in metres in a pixel_size column of the pairs table");
    }

    /** Reads and checks the pairs table. */
    public static List<Row> readPairs(Path table) throws IOException {
        if (!Files.isRegularFile(table)) {
            throw new InvalidInputException(table, "pairs table not found");
        }
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new InvalidInputException(table, "empty: expected a header file,sensor,date1,date2[,pixel_size]");
        }
        List<String> head = Arrays.stream(lines.get(0).split(",")).map(x -> x.trim().toLowerCase(Locale.ROOT)).toList();
        int cf = head.indexOf("file"), cs = head.indexOf("sensor"), c1 = head.indexOf("date1"), c2 = head.indexOf("date2");
        int cp = head.indexOf("pixel_size");
        if (cf < 0 || cs < 0 || c1 < 0 || c2 < 0) {
            throw new InvalidInputException(table, "header " + head + " lacks one of file, sensor, date1, date2");
        }
        Path dir = table.toAbsolutePath().getParent();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = "line " + (i + 1) + ": ";
            if (f.length < head.size()) {
                throw new InvalidInputException(table, where + f.length + " fields for " + head.size() + " columns");
            }
            Path file = dir.resolve(f[cf].trim());
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(table, where + "file " + file + " not found");
            }
            String sensor = f[cs].trim().toUpperCase(Locale.ROOT);
            if (!sensor.equals("S1") && !sensor.equals("S2")) {
                throw new InvalidInputException(table, where + "sensor '" + f[cs].trim() + "': expected S1 (SAR) or S2 (optical)");
            }
            LocalDate d1, d2;
            try {
                d1 = Dates.parse(f[c1]);
                d2 = Dates.parse(f[c2]);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(table, where + e.getMessage());
            }
            if (!d2.isAfter(d1)) {
                throw new InvalidInputException(table, where + "date2 " + d2 + " is not after date1 " + d1);
            }
            double px = Double.NaN;
            if (cp >= 0 && !f[cp].isBlank()) {
                try {
                    px = Double.parseDouble(f[cp].trim());
                } catch (NumberFormatException e) {
                    px = -1;
                }
                if (!(px > 0 && Double.isFinite(px))) {
                    throw new InvalidInputException(table, where + "pixel_size '" + f[cp].trim() + "' must be > 0 metres");
                }
            }
            rows.add(new Row(file, sensor, d1, d2, px));
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(table, "no pairs listed");
        }
        return rows;
    }

    private static boolean[] readMask(Path file, GridGeometry g) throws IOException {
        try (GeoTiffReader t = GeoTiffReader.open(file)) {
            GridGeometry mg = t.grid();
            if (mg.rows() != g.rows() || mg.cols() != g.cols()) {
                throw new InvalidInputException(file, "stable mask is " + mg.rows() + "×" + mg.cols() + ", the offsets "
                        + g.rows() + "×" + g.cols());
            }
            float[] v = new float[g.size()];
            t.readBand(0, Window.of(mg), v, 0, 1f);
            boolean[] m = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                m[i] = !Float.isNaN(v[i]) && v[i] != 0;
            }
            return m;
        }
    }

    private static void write(VelocitySeriesStepParameters p, GridGeometry g, List<Row> rows, LocalDate[] dates,
            VelocityTimeSeries.Result s) throws IOException {
        Files.createDirectories(p.out());
        int n = g.size(), ni = s.intervals();
        float[] sp = new float[ni * n];
        for (int i = 0; i < sp.length; i++) {
            sp[i] = (float) Math.hypot(s.vx()[i], s.vy()[i]);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < ni; k++) {
            names.add(Dates.compact(dates[k]) + "_" + Dates.compact(dates[k + 1]));
        }
        GridGeometry og = new GridGeometry(g.rows(), g.cols(), g.transform(), g.epsg(), Double.NaN, null);
        String[][] files = {{"vx.tif", "velocity east (or along image columns)"}, {"vy.tif", "velocity north (or up the image)"},
            {"speed.tif", "speed"}};
        float[][] data = {s.vx(), s.vy(), sp};
        for (int f = 0; f < 3; f++) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("SOFTWARE", "PermaSAR velocity-series");
            meta.put("QUANTITY", files[f][1]);
            meta.put("UNIT", "m/day");
            meta.put("PAIRS", p.pairs().toString());
            meta.put("BANDS", "one per interval between consecutive dates, named YYYYMMDD_YYYYMMDD");
            float[] d = data[f];
            AtomicFiles.write(p.out().resolve(files[f][0]), tmp -> GeoTiffWriter.write(tmp, og, d, ni, meta, names));
        }
        StringBuilder b = new StringBuilder("start,end,days,pixels,median_speed_m_per_day,median_speed_m_per_yr\n");
        float[] tmp = new float[n];
        for (int k = 0; k < ni; k++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!Float.isNaN(sp[k * n + i])) {
                    tmp[m++] = sp[k * n + i];
                }
            }
            Arrays.sort(tmp, 0, m);
            double med = m == 0 ? Double.NaN : m % 2 == 1 ? tmp[m / 2] : 0.5 * (tmp[m / 2 - 1] + tmp[m / 2]);
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.2f%n", dates[k], dates[k + 1],
                    Dates.daysBetween(dates[k], dates[k + 1]), m, med, med * 365.25));
        }
        AtomicFiles.write(p.out().resolve("intervals.csv"), t -> Files.writeString(t, b.toString(), StandardCharsets.UTF_8));
        StringBuilder c = new StringBuilder("file,sensor,date1,date2,mosaic_offset_x_m,mosaic_offset_y_m\n");
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            c.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.4f,%.4f%n", r.file(), r.sensor(), r.date1(), r.date2(),
                    s.offsetX()[k], s.offsetY()[k]));
        }
        AtomicFiles.write(p.out().resolve("pairs_used.csv"), t -> Files.writeString(t, c.toString(), StandardCharsets.UTF_8));
    }
}

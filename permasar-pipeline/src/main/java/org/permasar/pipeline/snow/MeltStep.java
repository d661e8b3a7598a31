package org.permasar.pipeline.snow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.snow.MeltDetector;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.Medians;

/**
 * The melt step (SCIENCE.md §7, seed 004): reads a σ⁰ (dB) stack, one band per date, runs
 * {@link MeltDetector} and writes into {@code out}, atomically: {@code melt.tif} (per year Y the bands
 * {@code meltDays_Y} (days), {@code onset_Y}, {@code end_Y} (day of year), {@code reference_Y} (winter
 * σ⁰, dB)), {@code melt_summary.csv} (per year: pixels with a reference, pixels with melt, mean melt
 * days, median onset and end) and, for the chosen sites, {@code melt_sites.csv} (date, σ⁰, reference,
 * wet). Pictures are the caller's. Stateless.
 */
public final class MeltStep {
    private MeltStep() {
    }

    /** What was read and computed. */
    public record Result(GridGeometry grid, LocalDate[] dates, MeltDetector.Maps maps) {
    }

    /** Runs the step. Bad input: {@link InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(MeltStepParameters p) throws IOException {
        GridGeometry g;
        float[] cube;
        LocalDate[] dates;
        try (GeoTiffReader t = GeoTiffReader.open(p.sigma0())) {
            g = t.grid();
            int nb = t.bandCount();
            dates = p.dates() == null ? datesFromBands(p.sigma0(), t.bandDescriptions(), nb) : datesFromFile(p.dates(), nb);
            for (int k = 1; k < dates.length; k++) {
                if (!dates[k].isAfter(dates[k - 1])) {
                    throw new InvalidInputException(p.dates() == null ? p.sigma0() : p.dates(), "dates must increase: band " + k
                            + " is " + dates[k - 1] + ", band " + (k + 1) + " is " + dates[k]);
                }
            }
            if ((long) nb * g.size() > Integer.MAX_VALUE) {
                throw new InvalidInputException(p.sigma0(), nb + " bands × " + g.size() + " pixels exceed 2^31 values: cut the area");
            }
            cube = new float[nb * g.size()];
            int[] bands = new int[nb];
            for (int k = 0; k < nb; k++) {
                bands[k] = k;
            }
            t.readBands(bands, Window.of(g), cube, 0, 1f);
        }
        for (int[] s : p.sites()) {
            if (s[0] >= g.rows() || s[1] >= g.cols()) {
                throw new IllegalArgumentException("--site " + s[0] + "," + s[1] + " is outside the " + g.rows() + "×" + g.cols()
                        + " grid of " + p.sigma0());
            }
        }
        MeltDetector det = new MeltDetector(dates, p.melt());
        MeltDetector.Maps m = det.detect(cube, g.size());
        Files.createDirectories(p.out());
        writeTiff(p.out().resolve("melt.tif"), g, m, p);
        write(p.out().resolve("melt_summary.csv"), summary(m));
        if (!p.sites().isEmpty()) {
            write(p.out().resolve("melt_sites.csv"), sites(p, g, dates, cube, det));
        }
        return new Result(g, dates, m);
    }

    static LocalDate[] datesFromBands(Path file, List<String> desc, int nb) throws InvalidInputException {
        LocalDate[] d = new LocalDate[nb];
        for (int k = 0; k < nb; k++) {
            String s = k < desc.size() ? desc.get(k) : null;
            d[k] = s == null ? null : parse(s);
            if (d[k] == null) {
                throw new InvalidInputException(file, "band " + (k + 1) + " description '" + s + "' is not a date (YYYYMMDD or "
                        + "YYYY-MM-DD): name the bands by date or give --dates FILE");
            }
        }
        return d;
    }

    static LocalDate[] datesFromFile(Path file, int nb) throws IOException {
        List<LocalDate> d = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (s.isBlank() || s.startsWith("#")) {
                continue;
            }
            LocalDate x = parse(s.trim());
            if (x == null) {
                throw new InvalidInputException(file, "line " + line + " '" + s.trim() + "' is not a date (YYYYMMDD or YYYY-MM-DD)");
            }
            d.add(x);
        }
        if (d.size() != nb) {
            throw new InvalidInputException(file, d.size() + " dates for " + nb + " bands");
        }
        return d.toArray(new LocalDate[0]);
    }

    private static LocalDate parse(String s) {
        String t = s.trim();
        try {
            return t.length() == 8 ? LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void writeTiff(Path path, GridGeometry g, MeltDetector.Maps m, MeltStepParameters p) throws IOException {
        int n = g.size(), ny = m.years().length;
        float[] data = new float[4 * ny * n];
        List<String> names = new ArrayList<>();
        for (int y = 0; y < ny; y++) {
            int yr = m.years()[y];
            System.arraycopy(m.meltDays(), y * n, data, (4 * y) * n, n);
            System.arraycopy(m.onset(), y * n, data, (4 * y + 1) * n, n);
            System.arraycopy(m.end(), y * n, data, (4 * y + 2) * n, n);
            System.arraycopy(m.reference(), y * n, data, (4 * y + 3) * n, n);
            names.addAll(List.of("meltDays_" + yr, "onset_" + yr, "end_" + yr, "reference_" + yr));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("SOFTWARE", "PermaSAR melt");
        meta.put("SIGMA0", p.sigma0().toString());
        meta.put("THRESHOLD_DB", Double.toString(p.melt().thresholdDb()));
        meta.put("WINTER", p.melt().winterStart() + " … " + p.melt().winterEnd());
        meta.put("MIN_RUN", Integer.toString(p.melt().minRun()));
        meta.put("UNITS", "meltDays: days; onset, end: day of year; reference: dB");
        GridGeometry og = new GridGeometry(g.rows(), g.cols(), g.transform(), g.epsg(), Double.NaN, null);
        AtomicFiles.write(path, tmp -> GeoTiffWriter.write(tmp, og, data, 4 * ny, meta, names));
    }

    /** The per-year summary table (CSV text, header first). */
    public static String summary(MeltDetector.Maps m) {
        StringBuilder b = new StringBuilder("year,pixels_with_reference,pixels_with_melt,mean_melt_days,median_onset_doy,median_end_doy\n");
        int n = m.pixels();
        for (int y = 0; y < m.years().length; y++) {
            int withRef = 0, withMelt = 0;
            double sum = 0;
            float[] on = new float[n], en = new float[n];
            int k = 0;
            for (int px = 0; px < n; px++) {
                float d = m.meltDays()[y * n + px];
                if (Float.isNaN(d)) {
                    continue;
                }
                withRef++;
                sum += d;
                if (d > 0) {
                    withMelt++;
                    on[k] = m.onset()[y * n + px];
                    en[k++] = m.end()[y * n + px];
                }
            }
            b.append(m.years()[y]).append(',').append(withRef).append(',').append(withMelt).append(',')
                    .append(withRef == 0 ? "" : String.format(Locale.ROOT, "%.2f", sum / withRef)).append(',')
                    .append(k == 0 ? "" : fmt(median(on, k))).append(',').append(k == 0 ? "" : fmt(median(en, k))).append('\n');
        }
        return b.toString();
    }

    private static String sites(MeltStepParameters p, GridGeometry g, LocalDate[] dates, float[] cube, MeltDetector det) {
        StringBuilder b = new StringBuilder("site,row,col,date,sigma0_db,reference_db,wet\n");
        int n = g.size(), first = dates[0].getYear();
        for (int[] s : p.sites()) {
            int px = s[0] * g.cols() + s[1];
            double[] ser = new double[dates.length];
            for (int t = 0; t < dates.length; t++) {
                ser[t] = cube[t * n + px];
            }
            MeltDetector.Series r = det.pixel(ser);
            for (int t = 0; t < dates.length; t++) {
                double ref = r.reference()[dates[t].getYear() - first];
                b.append(s[0]).append('_').append(s[1]).append(',').append(s[0]).append(',').append(s[1]).append(',')
                        .append(dates[t]).append(',').append(fmt(ser[t])).append(',').append(fmt(ref)).append(',')
                        .append(r.wet()[t] ? 1 : 0).append('\n');
            }
        }
        return b.toString();
    }

    private static double median(float[] v, int k) {
        return Medians.sortInPlace(v, k);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void write(Path path, String text) throws IOException {
        AtomicFiles.write(path, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}

package org.permasar.cli.seasonal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.TimeSeriesPlot;
import org.permasar.io.AtomicFiles;
import org.permasar.io.table.DailyCsvReader;
import org.permasar.thermal.input.DailySeries;
import org.permasar.timefn.MultiSensorJoin;
import org.permasar.timefn.NsbasReconnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar join}: joins displacement series of several sensors (different periods, dates and
 * references) with one offset per sensor and a common rate + annual term ({@link MultiSensorJoin},
 * SCIENCE.md §6, seed 003). Each {@code --series NAME=CSV[:COLUMN]} is a table with a date column and a
 * displacement column (the named one, else the first after the date), in metres, or in millimetres when
 * the column name ends in {@code _mm}. Writes {@code join_parameters.csv} (offsets, rate, annual terms,
 * σ per sensor, in mm and mm/yr), {@code joined_series.csv} (each observation, shifted by its sensor's
 * offset, and the common model) and {@code join.png}.
 */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "Join deformation series of several sensors: one offset per sensor + common rate + annual term.")
public final class JoinCommand implements Callable<Integer> {
    @Option(names = "--series", required = true, paramLabel = "NAME=CSV[:COLUMN]",
            description = "A sensor's series (date + displacement in m, or mm when the column ends in _mm); repeat per sensor.")
    List<String> series;
    @Option(names = "--sigma-mm", paramLabel = "NAME=S", description = "Known noise σ of a sensor, mm (default: estimated).")
    List<String> sigmas = new ArrayList<>();
    @Option(names = "--thaw-season", paramLabel = "MM-DD:MM-DD",
            description = "Also write thaw-season scaling factors (share of each sub-period in the season's subsidence).")
    String thawSeason;
    @Option(names = "--sub-periods", defaultValue = "4", paramLabel = "K", description = "Sub-periods of the thaw season (default ${DEFAULT-VALUE}).")
    int subPeriods;
    @Option(names = "--max-gap-days", defaultValue = "30", paramLabel = "D",
            description = "Largest distance from a sub-period boundary to an observation (default ${DEFAULT-VALUE}).")
    int maxGapDays;
    @Option(names = "--external-rate", paramLabel = "MM_PER_YR|NAME|FILE|free",
            description = "Reconnect the campaigns of the --constrain sensors by NSBAS with this rate held fixed: a value in "
                    + "mm/yr, the NAME of another --series (fitted alone), a join_parameters.csv (its rate), or 'free' "
                    + "(NSBAS estimating the rate from the sensor itself).")
    String externalRate;
    @Option(names = "--constrain", split = ",", paramLabel = "NAME",
            description = "Sensors reconnected with --external-rate (default: all but the rate's source sensor).")
    List<String> constrain = new ArrayList<>();
    @Option(names = "--segment-gap-days", defaultValue = "180", paramLabel = "D",
            description = "A new campaign (unrelated reference) starts after a gap longer than this, unless the CSV has a "
                    + "'segment' column (default ${DEFAULT-VALUE}).")
    int segmentGapDays;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Map<String, Double> known = new LinkedHashMap<>();
        for (String s : sigmas) {
            String[] kv = s.split("=", 2);
            try {
                known.put(kv[0], Double.parseDouble(kv[1]) / 1000);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--sigma-mm " + s + ": expected NAME=σ in mm");
            }
        }
        List<MultiSensorJoin.Sensor> sensors = new ArrayList<>();
        Map<String, double[]> segmentColumns = new LinkedHashMap<>();
        for (String s : series) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--series " + s + ": expected NAME=CSV[:COLUMN]");
            }
            String name = s.substring(0, eq), rest = s.substring(eq + 1);
            String column = null;
            int colon = rest.lastIndexOf(':');
            if (colon > 0 && !Files.exists(Path.of(rest))) {
                column = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            Path file = Path.of(rest);
            DailySeries d = column != null ? DailyCsvReader.read(file, column) : DailyCsvReader.readAll(file).get(0);
            double scale = d.name().toLowerCase(Locale.ROOT).endsWith("_mm") ? 1e-3 : 1;
            List<LocalDate> dates = d.dates();
            double[] v = d.values();
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
            if (externalRate != null) {
                for (DailySeries c : DailyCsvReader.readAll(file)) {
                    if (c.name().equalsIgnoreCase("segment")) {
                        segmentColumns.put(name, c.values());
                    }
                }
            }
            Double sig = known.remove(name);
            sensors.add(new MultiSensorJoin.Sensor(name, dates.toArray(new LocalDate[0]), v, sig == null ? Double.NaN : sig));
        }
        if (!known.isEmpty()) {
            throw new IllegalArgumentException("--sigma-mm names no --series: " + known.keySet());
        }
        java.time.MonthDay[] season = season(thawSeason);
        if (season != null && subPeriods < 1) {
            throw new IllegalArgumentException("--sub-periods must be ≥ 1, got " + subPeriods);
        }
        List<String> extRows = new ArrayList<>();
        if (externalRate != null) {
            sensors = reconnect(sensors, segmentColumns, extRows);
        } else if (!constrain.isEmpty()) {
            throw new IllegalArgumentException("--constrain needs --external-rate");
        }
        MultiSensorJoin.Result r = MultiSensorJoin.fit(sensors);
        Files.createDirectories(out);
        if (season != null) {
            writeScaling(sensors, r, season);
        }
        StringBuilder p = new StringBuilder("parameter,sensor,value,std,unit\n");
        for (int s = 0; s < sensors.size(); s++) {
            p.append(row("offset", r.names().get(s), r.offsets()[s] * 1e3, r.offsetStd()[s] * 1e3, "mm"));
            p.append(row("sigma", r.names().get(s), r.sigma()[s] * 1e3, Double.NaN, "mm"));
            p.append(row("n", r.names().get(s), r.n()[s], Double.NaN, "1"));
        }
        p.append(row("rate", "", r.rate() * 1e3, r.rateStd() * 1e3, "mm/yr"));
        p.append(row("annual_cos", "", r.cos() * 1e3, Double.NaN, "mm"));
        p.append(row("annual_sin", "", r.sin() * 1e3, Double.NaN, "mm"));
        p.append(row("annual_amplitude_half_peak_to_trough", "", r.amplitude() * 1e3, r.amplitudeStd() * 1e3, "mm"));
        p.append(row("t0", "", Double.NaN, Double.NaN, r.t0().toString()));
        extRows.forEach(p::append);
        StringBuilder j = new StringBuilder("date,sensor,observed_mm,joined_mm,model_mm\n");
        TimeSeriesPlot plot = new TimeSeriesPlot("Joined series: offsets removed, common rate + annual model", "displacement (mm)");
        LocalDate first = null, last = null;
        for (int s = 0; s < sensors.size(); s++) {
            MultiSensorJoin.Sensor x = sensors.get(s);
            List<LocalDate> ds = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (int k = 0; k < x.d().length; k++) {
                if (!Double.isFinite(x.d()[k])) {
                    continue;
                }
                LocalDate d = x.dates()[k];
                double joined = x.d()[k] - r.offsets()[s];
                j.append(d).append(',').append(x.name()).append(',').append(num(x.d()[k] * 1e3)).append(',')
                        .append(num(joined * 1e3)).append(',').append(num(r.common(d) * 1e3)).append('\n');
                ds.add(d);
                vs.add(joined * 1e3);
                first = first == null || d.isBefore(first) ? d : first;
                last = last == null || d.isAfter(last) ? d : last;
            }
            plot.points(x.name(), ds, vs.stream().mapToDouble(Double::doubleValue).toArray());
        }
        List<LocalDate> md = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(5)) {
            md.add(d);
        }
        plot.curve("common model", md, md.stream().mapToDouble(d -> r.common(d) * 1e3).toArray());
        AtomicFiles.write(out.resolve("join_parameters.csv"), tmp -> Files.writeString(tmp, p.toString(), StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("joined_series.csv"), tmp -> Files.writeString(tmp, j.toString(), StandardCharsets.UTF_8));
        plot.write(out.resolve("join.png"));
        System.out.printf(Locale.ROOT, "%d sensors, rate %.2f ± %.2f mm/yr, annual amplitude %.2f ± %.2f mm (half peak-to-trough)%n",
                sensors.size(), r.rate() * 1e3, r.rateStd() * 1e3, r.amplitude() * 1e3, r.amplitudeStd() * 1e3);
        for (int s = 0; s < sensors.size(); s++) {
            System.out.printf(Locale.ROOT, "  %s: offset %.2f ± %.2f mm, σ %.2f mm, %d values%n", r.names().get(s),
                    r.offsets()[s] * 1e3, r.offsetStd()[s] * 1e3, r.sigma()[s] * 1e3, r.n()[s]);
        }
        System.out.println("wrote " + out);
        return 0;
    }

    /**
     * The --constrain sensors with their campaigns put on one reference by NSBAS ({@link NsbasReconnection}) with the
     * external rate held fixed (or free); rows for join_parameters.csv are added to {@code rows}.
     */
    private List<MultiSensorJoin.Sensor> reconnect(List<MultiSensorJoin.Sensor> sensors, Map<String, double[]> segmentColumns,
            List<String> rows) throws java.io.IOException {
        Map<String, MultiSensorJoin.Sensor> byName = new LinkedHashMap<>();
        sensors.forEach(x -> byName.put(x.name(), x));
        double rate;
        String source;
        if (externalRate.equalsIgnoreCase("free")) {
            rate = Double.NaN;
            source = "free";
        } else if (byName.containsKey(externalRate)) {
            rate = MultiSensorJoin.fit(List.of(byName.get(externalRate))).rate();
            source = externalRate;
        } else if (Files.isRegularFile(Path.of(externalRate))) {
            rate = rateFromParameters(Path.of(externalRate));
            source = externalRate;
        } else {
            try {
                rate = Double.parseDouble(externalRate) / 1000;
                source = "value";
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--external-rate " + externalRate + ": not a number (mm/yr), a --series name "
                        + byName.keySet() + ", an existing join_parameters.csv, nor 'free'");
            }
        }
        List<String> targets = new ArrayList<>(constrain);
        if (targets.isEmpty()) {
            byName.keySet().stream().filter(n -> !n.equals(externalRate)).forEach(targets::add);
        }
        for (String t : targets) {
            if (!byName.containsKey(t)) {
                throw new IllegalArgumentException("--constrain " + t + ": no --series of that name (have " + byName.keySet() + ")");
            }
            if (t.equals(externalRate)) {
                throw new IllegalArgumentException("--constrain " + t + ": it is the source of --external-rate");
            }
        }
        if (segmentGapDays < 1) {
            throw new IllegalArgumentException("--segment-gap-days must be ≥ 1, got " + segmentGapDays);
        }
        rows.add(row("external_rate", source, rate * 1e3, Double.NaN, "mm/yr"));
        List<MultiSensorJoin.Sensor> out = new ArrayList<>();
        for (MultiSensorJoin.Sensor x : sensors) {
            if (!targets.contains(x.name())) {
                out.add(x);
                continue;
            }
            int[] seg;
            double[] col = segmentColumns.get(x.name());
            if (col != null) {
                seg = new int[col.length];
                for (int i = 0; i < col.length; i++) {
                    seg[i] = Double.isFinite(col[i]) ? (int) Math.round(col[i]) : -1;
                }
            } else {
                seg = NsbasReconnection.segmentsByGap(x.dates(), x.d(), segmentGapDays);
            }
            long campaigns = java.util.Arrays.stream(seg).filter(v -> v >= 0).distinct().count();
            double[] d;
            try {
                d = NsbasReconnection.reconnect(x.dates(), x.d(), seg, rate);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--series " + x.name() + ": " + e.getMessage());
            }
            rows.add(row("nsbas_campaigns", x.name(), campaigns, Double.NaN, "1"));
            System.out.printf(Locale.ROOT, "%s: %d campaign(s) reconnected by NSBAS, rate %s%n", x.name(), campaigns,
                    Double.isNaN(rate) ? "free" : String.format(Locale.ROOT, "held at %.3f mm/yr (%s)", rate * 1e3, source));
            out.add(new MultiSensorJoin.Sensor(x.name(), x.dates(), d, x.sigma()));
        }
        return out;
    }

    /** The {@code rate} row (mm/yr) of a join_parameters.csv, in m/yr. */
    private static double rateFromParameters(Path file) throws java.io.IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(",", -1);
            if (f.length >= 3 && f[0].equals("rate")) {
                try {
                    return Double.parseDouble(f[2]) / 1000;
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new org.permasar.stack.InvalidInputException(file, "no 'rate' row with a value in mm/yr (expected a join_parameters.csv)");
    }

    static java.time.MonthDay[] season(String s) {
        if (s == null) {
            return null;
        }
        String[] p = s.split(":");
        try {
            java.time.MonthDay a = java.time.MonthDay.parse("--" + p[0].trim()), b = java.time.MonthDay.parse("--" + p[1].trim());
            if (!b.isAfter(a)) {
                throw new IllegalArgumentException("--thaw-season " + s + ": must end after it starts within the year");
            }
            return new java.time.MonthDay[] {a, b};
        } catch (java.time.format.DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--thaw-season " + s + ": expected MM-DD:MM-DD, e.g. 05-15:09-30");
        }
    }

    /** Thaw-season scaling factors of the joined observations (offsets removed, all sensors merged by date). */
    private void writeScaling(List<MultiSensorJoin.Sensor> sensors, MultiSensorJoin.Result r, java.time.MonthDay[] season)
            throws java.io.IOException {
        java.util.TreeMap<LocalDate, double[]> merged = new java.util.TreeMap<>();
        for (int s = 0; s < sensors.size(); s++) {
            MultiSensorJoin.Sensor x = sensors.get(s);
            for (int k = 0; k < x.d().length; k++) {
                if (Double.isFinite(x.d()[k])) {
                    double[] acc = merged.computeIfAbsent(x.dates()[k], d -> new double[2]);
                    acc[0] += x.d()[k] - r.offsets()[s];
                    acc[1]++;
                }
            }
        }
        LocalDate[] dates = merged.keySet().toArray(new LocalDate[0]);
        double[] v = merged.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
        org.permasar.timefn.ThawSeasonScaling.Result t = org.permasar.timefn.ThawSeasonScaling.compute(dates, v, r.rate(),
                season[0], season[1], subPeriods, maxGapDays);
        StringBuilder b = new StringBuilder("year,season_total_mm");
        for (int k = 1; k <= subPeriods; k++) {
            b.append(",f").append(k);
        }
        b.append('\n');
        for (int y = 0; y < t.years().length; y++) {
            b.append(t.years()[y]).append(',').append(num(t.total()[y] * 1e3));
            for (double f : t.factors()[y]) {
                b.append(',').append(num(f));
            }
            b.append('\n');
        }
        b.append("mean,");
        for (double f : t.mean()) {
            b.append(',').append(num(f));
        }
        b.append("\nstd,");
        for (double f : t.std()) {
            b.append(',').append(num(f));
        }
        b.append('\n');
        AtomicFiles.write(out.resolve("thaw_scaling.csv"), tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "thaw season %s … %s in %d parts, %d years: factors %s ± %s%n", season[0], season[1],
                subPeriods, t.years().length, java.util.Arrays.toString(round(t.mean())), java.util.Arrays.toString(round(t.std())));
    }

    private static double[] round(double[] x) {
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            o[i] = Math.round(x[i] * 1000) / 1000.0;
        }
        return o;
    }

    private static String row(String what, String sensor, double v, double std, String unit) {
        return what + "," + sensor + "," + num(v) + "," + num(std) + "," + unit + "\n";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}

package org.permasar.cli.hydro;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.RecessionPlot;
import org.permasar.hydro.DerivativeMethod;
import org.permasar.hydro.DischargeSeries;
import org.permasar.hydro.FitMethod;
import org.permasar.hydro.RecessionAnalysis;
import org.permasar.hydro.RecessionCriteria;
import org.permasar.hydro.RecessionExtractor;
import org.permasar.io.table.DischargeCsvReader;
import org.permasar.pipeline.hydro.RecessionParameters;
import org.permasar.pipeline.hydro.RecessionStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar recession}: streamflow recession analysis of a daily discharge series (SCIENCE.md
 * §6, seed 003; Brutsaert &amp; Nieber 1977). Extracts recession segments ({@link RecessionExtractor}),
 * fits −dQ/dt = a·Q^b by log–log least squares, nonlinear least squares and the lower envelope, pooled,
 * per event, per year and before / after {@code --break-date} with cluster-bootstrap intervals
 * ({@link RecessionAnalysis}), and tests the per-event and per-year series for trend (Mann–Kendall with
 * Hamed–Rao, Sen's slope per year) and a change point (Pettitt). Every derivative method given to
 * {@code --method} is fitted (pooled and break scopes) so their spread shows in {@code recession_fit.csv};
 * the first one drives the events, years, trends and pictures.
 *
 * <p>The step ({@link RecessionStep}) writes into {@code --out}: {@code recession_events.csv}, {@code recession_fit.csv},
 * {@code recession_yearly.csv}, {@code trend_tests.csv}, {@code recession_settings.txt} (settings, seed,
 * units), {@code recession_cloud.png}, {@code recession_yearly.png}; each file atomically. Q in m³/s,
 * t in days, a in (m³/s)^(1−b) per day.
 */
@Command(name = "recession", mixinStandardHelpOptions = true,
        description = "Streamflow recession analysis: -dQ/dt = a*Q^b per event, year and period, with trend tests.")
public final class RecessionCommand implements Callable<Integer> {
    @Option(names = "--discharge", required = true, paramLabel = "FILE",
            description = "Daily discharge: CSV (date + discharge column [+ flag column]) or CAMELS-US streamflow text.")
    Path discharge;
    @Option(names = "--column", paramLabel = "C", description = "Discharge column (default: the first named q…, …discharge… or …flow…).")
    String column;
    @Option(names = "--flag-column", paramLabel = "F", description = "Flag column: non-zero numbers or texts other than A/OK/good flag a day.")
    String flagColumn;
    @Option(names = "--units", paramLabel = "U", description = "m3/s (CSV default), ft3/s (CAMELS default), m3/day or mm/day (needs --area-km2).")
    String units;
    @Option(names = "--area-km2", paramLabel = "A", description = "Basin area, km² (for --units mm/day).")
    double areaKm2 = Double.NaN;
    @Option(names = "--method", defaultValue = "backward,central,ets", paramLabel = "M[,M…]",
            description = "dQ/dt methods: backward (Brutsaert–Nieber), central, ets (Roques et al. 2017); the first drives "
                    + "events, years and trends (default ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--min-days", defaultValue = "5", paramLabel = "N", description = "Least days of a recession segment after dropping (default ${DEFAULT-VALUE}).")
    int minDays;
    @Option(names = "--drop-days", defaultValue = "1", paramLabel = "N", description = "Days dropped after the peak day, which is always dropped (default ${DEFAULT-VALUE}).")
    int dropDays;
    @Option(names = "--season", paramLabel = "MM-DD:MM-DD", description = "Keep only days in this season, e.g. 06-01:09-15 (thaw season).")
    String season;
    @Option(names = "--exclude-flagged", description = "Flagged days end a recession (e.g. ice-affected days).")
    boolean excludeFlagged;
    @Option(names = "--break-date", paramLabel = "YYYY-MM-DD", description = "Fit events before and after this date separately.")
    String breakDate;
    @Option(names = "--tau", defaultValue = "0.05", paramLabel = "T", description = "Quantile of the lower-envelope fit (default ${DEFAULT-VALUE}).")
    double tau;
    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N", description = "Bootstrap replicates, resampling events (default ${DEFAULT-VALUE}).")
    int bootstrap;
    @Option(names = "--seed", defaultValue = "20261207", paramLabel = "S", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        // options named as the user typed them; the records check the same ranges again
        if (minDays < 3) {
            throw new IllegalArgumentException("--min-days must be ≥ 3 (two derivative points need three days), got " + minDays);
        }
        if (dropDays < 0) {
            throw new IllegalArgumentException("--drop-days must be ≥ 0, got " + dropDays);
        }
        if (!(tau > 0 && tau <= 0.5)) {
            throw new IllegalArgumentException("--tau (lower-envelope quantile) must be in (0, 0.5], got " + tau);
        }
        if (bootstrap < 0 || bootstrap > 100_000) {
            throw new IllegalArgumentException("--bootstrap must be in 0 … 100000, got " + bootstrap);
        }
        RecessionStep.Result res = runAndDraw(parameters());
        DerivativeMethod primary = res.results().keySet().iterator().next();
        System.out.println(summary(res.read(), res.read().series(), res.results(), primary));
        System.out.println("bootstrap seed " + seed + "; wrote " + out);
        return 0;
    }

    /** The options as the step's parameters (validated there and in the core records). */
    RecessionParameters parameters() {
        return new RecessionParameters(discharge, column, flagColumn, units == null ? null : DischargeCsvReader.Unit.parse(units),
                areaKm2, methods(method), criteria(), new RecessionAnalysis.Settings(tau, bootstrap, seed, 0.95, date(breakDate)),
                out);
    }

    RecessionCriteria criteria() {
        MonthDay from = null, to = null;
        if (season != null) {
            String[] p = season.split(":");
            try {
                if (p.length != 2) {
                    throw new DateTimeParseException("two ends", season, 0);
                }
                from = MonthDay.parse("--" + p[0].trim());
                to = MonthDay.parse("--" + p[1].trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--season " + season + ": expected MM-DD:MM-DD, e.g. 06-01:09-15");
            }
        }
        return new RecessionCriteria(minDays, dropDays, from, to, excludeFlagged, DerivativeMethod.BACKWARD);
    }

    static List<DerivativeMethod> methods(String list) {
        List<DerivativeMethod> out = new ArrayList<>();
        for (String w : list.split(",")) {
            String t = w.trim().toUpperCase(Locale.ROOT);
            try {
                DerivativeMethod m = DerivativeMethod.valueOf(t);
                if (!out.contains(m)) {
                    out.add(m);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--method " + list + ": '" + w.trim() + "' is not one of backward, central, ets");
            }
        }
        return out;
    }

    private static LocalDate date(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--break-date " + s + ": not a date YYYY-MM-DD");
        }
    }






    /** The step and its two pictures, as the command and the {@code run} chain make them. */
    public static RecessionStep.Result runAndDraw(RecessionParameters p) throws IOException {
        RecessionStep.Result res = RecessionStep.run(p);
        plots(p.out(), p.discharge(), res.primary(), res.results().keySet().iterator().next());
        return res;
    }

    /** The defaults of {@code permasar recession --discharge FILE --out OUT} (all three derivatives). */
    public static RecessionParameters defaults(Path discharge, Path out, LocalDate breakDate) {
        return new RecessionParameters(discharge, null, null, null, Double.NaN, methods("backward,central,ets"),
                new RecessionCriteria(5, 1, null, null, false, DerivativeMethod.BACKWARD),
                new RecessionAnalysis.Settings(0.05, 1000, 20261207L, 0.95, breakDate), out);
    }

    private static void plots(Path out, Path discharge, RecessionAnalysis.Result r, DerivativeMethod primary)
            throws IOException {
        double[][] p = RecessionAnalysis.pool(r.events());
        List<RecessionPlot.Law> laws = new ArrayList<>();
        for (RecessionAnalysis.ScopeFit f : r.fits()) {
            if (f.scope().equals("all")) {
                laws.add(new RecessionPlot.Law(String.format(Locale.ROOT, "%s: a = %.4g, b = %.2f", f.method().label(), f.a(),
                        f.b()), f.a(), f.b()));
            }
        }
        String name = discharge.getFileName().toString();
        RecessionPlot.cloud(out.resolve("recession_cloud.png"), "Recession −dQ/dt vs Q, " + name + " ("
                + primary.name().toLowerCase(Locale.ROOT) + ", " + r.events().size() + " events)", p[0], p[1], laws);
        List<RecessionPlot.YearValue> a = new ArrayList<>(), b = new ArrayList<>();
        double pooledA = Double.NaN;
        for (RecessionAnalysis.ScopeFit f : r.fits()) {
            if (f.scope().equals("all") && f.method() == FitMethod.OLS) {
                pooledA = f.a();
            }
        }
        for (RecessionAnalysis.YearFit y : r.years()) {
            a.add(new RecessionPlot.YearValue(y.year(), y.aFixed(), y.aFixedLo(), y.aFixedHi()));
            b.add(new RecessionPlot.YearValue(y.year(), y.ols().b(), y.bLo(), y.bHi()));
        }
        RecessionPlot.yearly(out.resolve("recession_yearly.png"), "Recession per year, " + name,
                String.format(Locale.ROOT, "a at pooled b = %.2f", r.pooledB()), a, pooledA, b, r.pooledB());
    }

    private String summary(DischargeCsvReader.Read read, DischargeSeries s, Map<DerivativeMethod, RecessionAnalysis.Result> res,
            DerivativeMethod primary) {
        StringBuilder b = new StringBuilder();
        b.append(discharge.getFileName()).append(": ").append(s.validDays()).append(" days with Q (column ").append(read.column())
                .append(", ").append(read.unit().label()).append(")\n");
        for (var en : res.entrySet()) {
            RecessionAnalysis.Result r = en.getValue();
            b.append(String.format(Locale.ROOT, "%-8s %3d events, %4d points:", en.getKey().name().toLowerCase(Locale.ROOT),
                    r.events().size(), RecessionAnalysis.pool(r.events())[0].length));
            for (RecessionAnalysis.ScopeFit f : r.fits()) {
                if (f.scope().equals("all")) {
                    b.append(String.format(Locale.ROOT, "  %s a=%.4g [%.4g, %.4g] b=%.2f [%.2f, %.2f]", f.method().label(), f.a(),
                            f.aLo(), f.aHi(), f.b(), f.bLo(), f.bHi()));
                }
            }
            b.append('\n');
        }
        return b.toString().stripTrailing();
    }
}

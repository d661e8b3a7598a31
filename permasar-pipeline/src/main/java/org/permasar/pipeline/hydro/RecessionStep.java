package org.permasar.pipeline.hydro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.hydro.DerivativeMethod;
import org.permasar.hydro.DischargeSeries;
import org.permasar.hydro.RecessionAnalysis;
import org.permasar.hydro.RecessionCriteria;
import org.permasar.hydro.RecessionEvent;
import org.permasar.hydro.RecessionExtractor;
import org.permasar.io.AtomicFiles;
import org.permasar.io.table.DischargeCsvReader;
import org.permasar.stats.trend.MannKendall;

/**
 * The recession step (SCIENCE.md §6, seed 003): reads the discharge ({@link DischargeCsvReader}), extracts
 * recessions and runs {@link RecessionAnalysis} once per derivative method, and writes into
 * {@code out}, each file atomically: {@code recession_events.csv}, {@code recession_fit.csv} (every
 * method), {@code recession_yearly.csv} and {@code trend_tests.csv} (first method), and
 * {@code recession_settings.txt} (settings, seed, units). Pictures are the caller's (they live in the CLI).
 * Stateless.
 */
public final class RecessionStep {
    private RecessionStep() {
    }

    /** What was read and computed; {@code results} in the order of the methods, the first is the primary one. */
    public record Result(DischargeCsvReader.Read read, Map<DerivativeMethod, RecessionAnalysis.Result> results) {
        /** The result of the first method. */
        public RecessionAnalysis.Result primary() {
            return results.values().iterator().next();
        }
    }

    /** Runs the step. Bad input: {@link org.permasar.stack.InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(RecessionParameters p) throws IOException {
        DischargeCsvReader.Read read = DischargeCsvReader.read(p.discharge(), new DischargeCsvReader.Options(p.column(),
                p.flagColumn(), p.unit(), p.areaKm2()));
        DischargeSeries s = read.series();
        Map<DerivativeMethod, RecessionAnalysis.Result> results = new LinkedHashMap<>();
        for (DerivativeMethod m : p.methods()) {
            List<RecessionEvent> ev = RecessionExtractor.extract(s, p.criteria().withDerivative(m));
            if (ev.isEmpty()) {
                RecessionCriteria c = p.criteria();
                throw new IllegalArgumentException(p.discharge() + ": no recession of ≥ " + c.minDays() + " days found ("
                        + s.validDays() + " valid days" + (c.seasonStart() == null ? "" : ", season " + c.seasonStart()
                        + " … " + c.seasonEnd()) + ")");
            }
            results.put(m, RecessionAnalysis.run(ev, p.settings()));
        }
        Files.createDirectories(p.out());
        RecessionAnalysis.Result r = results.get(p.methods().get(0));
        write(p.out(), "recession_events.csv", events(r));
        write(p.out(), "recession_fit.csv", fits(results));
        write(p.out(), "recession_yearly.csv", yearly(r));
        write(p.out(), "trend_tests.csv", trends(r));
        write(p.out(), "recession_settings.txt", settingsText(p, read, s));
        return new Result(read, results);
    }

    private static void write(Path out, String name, String text) throws IOException {
        AtomicFiles.write(out.resolve(name), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    static String events(RecessionAnalysis.Result r) {
        StringBuilder b = new StringBuilder("event,start,end,days,points,q_start_m3s,q_end_m3s,a,b,a_at_pooled_b,"
                + "timescale_days_at_median_q\n");
        for (RecessionAnalysis.EventFit f : r.eventFits()) {
            RecessionEvent e = f.event();
            double[] q = e.q();
            b.append(e.index() + 1).append(',').append(e.start()).append(',').append(e.end()).append(',').append(e.days())
                    .append(',').append(e.points()).append(',').append(num(q[0])).append(',').append(num(q[q.length - 1]))
                    .append(',').append(num(f.ols().a())).append(',').append(num(f.ols().b())).append(',')
                    .append(num(f.aAtPooledB())).append(',').append(num(f.timescaleDays())).append('\n');
        }
        return b.toString();
    }
    static String fits(Map<DerivativeMethod, RecessionAnalysis.Result> results) {
        StringBuilder b = new StringBuilder("derivative,scope,method,a,a_lo,a_hi,b,b_lo,b_hi,n_points,n_events,"
                + "timescale_days_at_median_q,median_q_m3s,interval\n");
        for (var en : results.entrySet()) {
            for (RecessionAnalysis.ScopeFit f : en.getValue().fits()) {
                b.append(en.getKey().name().toLowerCase(Locale.ROOT)).append(',').append(f.scope()).append(',')
                        .append(f.method().label()).append(',').append(num(f.a())).append(',').append(num(f.aLo())).append(',')
                        .append(num(f.aHi())).append(',').append(num(f.b())).append(',').append(num(f.bLo())).append(',')
                        .append(num(f.bHi())).append(',').append(f.points()).append(',').append(f.events()).append(',')
                        .append(num(f.timescaleDays())).append(',').append(num(en.getValue().medianQ())).append(',')
                        .append(f.interval()).append('\n');
            }
        }
        return b.toString();
    }
    static String yearly(RecessionAnalysis.Result r) {
        StringBuilder b = new StringBuilder("year,events,points,a,a_lo,a_hi,b,b_lo,b_hi,pooled_b,a_at_pooled_b,"
                + "a_at_pooled_b_lo,a_at_pooled_b_hi,timescale_days_at_median_q\n");
        for (RecessionAnalysis.YearFit y : r.years()) {
            b.append(y.year()).append(',').append(y.events()).append(',').append(y.points()).append(',').append(num(y.ols().a()))
                    .append(',').append(num(y.aLo())).append(',').append(num(y.aHi())).append(',').append(num(y.ols().b()))
                    .append(',').append(num(y.bLo())).append(',').append(num(y.bHi())).append(',').append(num(r.pooledB()))
                    .append(',').append(num(y.aFixed())).append(',').append(num(y.aFixedLo())).append(',')
                    .append(num(y.aFixedHi())).append(',').append(num(y.timescaleDays())).append('\n');
        }
        return b.toString();
    }
    static String trends(RecessionAnalysis.Result r) {
        StringBuilder b = new StringBuilder("series,unit,n,mk_s,mk_var_s,mk_z,mk_p,kendall_tau,hr_n_over_nstar,hr_z,hr_p,"
                + "sen_slope_per_year,pettitt_k,pettitt_t,pettitt_change_date,pettitt_p\n");
        for (RecessionAnalysis.Trend t : r.trends()) {
            b.append(t.series()).append(',').append(t.unit()).append(',').append(t.n());
            MannKendall.Result m = t.mk();
            if (m == null) {
                b.append(",,,,,,,,,,,,,\n");
                continue;
            }
            b.append(',').append(num(m.s())).append(',').append(num(m.varS())).append(',').append(num(m.z())).append(',')
                    .append(num(m.p())).append(',').append(num(m.tau())).append(',').append(num(m.nOverNStar())).append(',')
                    .append(num(m.zCorrected())).append(',').append(num(m.pCorrected())).append(',').append(num(t.senPerYear()))
                    .append(',').append(num(t.pettitt().k())).append(',').append(t.pettitt().changePoint()).append(',')
                    .append(t.changeDate()).append(',').append(num(t.pettitt().p())).append('\n');
        }
        return b.toString();
    }
    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String settingsText(RecessionParameters p, DischargeCsvReader.Read read, DischargeSeries s) {
        RecessionCriteria c = p.criteria();
        RecessionAnalysis.Settings st = p.settings();
        return "discharge " + p.discharge() + " (" + read.layout() + ", column " + read.column() + ", " + read.unit().label()
                + " → m³/s)\n"
                + "days " + s.start() + " … " + s.date(s.size() - 1) + ", " + s.validDays() + " with a value\n"
                + "recession: strictly falling ≥ " + c.minDays() + " days after dropping the peak day and " + c.dropAfterPeak()
                + " more; season " + (c.seasonStart() == null ? "all year" : c.seasonStart() + " … " + c.seasonEnd())
                + "; flagged days " + (c.excludeFlagged() ? "end a recession" : "kept") + "\n"
                + "derivatives " + p.methods() + " (first drives events, years, trends, pictures)\n"
                + "fits: ols (log–log), nls (Levenberg–Marquardt), quantile τ = " + st.tau() + " (lower envelope)\n"
                + "bootstrap " + st.bootstrap() + " replicates resampling events, seed " + st.seed() + ", "
                + Math.round(st.level() * 100) + " % percentile intervals\n"
                + "break date " + (st.breakDate() == null ? "none" : st.breakDate()) + "\n"
                + "units: Q m³/s, t days, −dQ/dt m³/s per day, a (m³/s)^(1−b) per day, time scale 1/(a·Q^(b−1)) days at the "
                + "median Q of the points\n";
    }
}

package org.permasar.hydro;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.permasar.stats.trend.MannKendall;
import org.permasar.stats.trend.Pettitt;
import org.permasar.stats.trend.SenSlope;

/**
 * The recession study of seed 003 / SCIENCE.md §6 on extracted events: −dQ/dt = a·Q^b fitted by
 * each {@link FitMethod} on the pooled cloud, per event, per calendar year and before / after a
 * break date, with bootstrap confidence intervals; a at the pooled b per event and per year; and
 * trend tests (Mann–Kendall with Hamed–Rao correction, Sen's slope per year, Pettitt) on the
 * per-event and per-year series.
 *
 * <p>Confidence intervals are percentile intervals of a <em>cluster</em> bootstrap that resamples
 * whole events with replacement (points of one event are serially dependent, so resampling points
 * would understate the spread); a scope with fewer than 3 events gets none (NaN). The generator is
 * seeded ({@link Settings#seed}) and each scope restarts it, so a result does not depend on which
 * other scopes were computed. Stateless apart from its arguments; thread-safe.
 */
public final class RecessionAnalysis {
    private RecessionAnalysis() {
    }

    /**
     * Settings.
     *
     * @param tau        quantile of the lower-envelope fit, (0, 0.5]
     * @param bootstrap  bootstrap replicates, 0 for none, ≤ 100 000
     * @param seed       seed of the bootstrap
     * @param level      confidence level of the intervals, (0, 1)
     * @param breakDate  events starting before it form scope "before", the others "after"; null for none
     */
    public record Settings(double tau, int bootstrap, long seed, double level, LocalDate breakDate) {
        public static final Settings DEFAULTS = new Settings(RecessionFits.DEFAULT_TAU, 1000, 20261207L, 0.95, null);

        public Settings {
            if (!(tau > 0 && tau <= 0.5)) {
                throw new IllegalArgumentException("lower-envelope quantile must be in (0, 0.5], got " + tau);
            }
            if (bootstrap < 0 || bootstrap > 100_000) {
                throw new IllegalArgumentException("bootstrap replicates must be in 0 … 100000, got " + bootstrap);
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
            }
        }

        public Settings withBootstrap(int n) {
            return new Settings(tau, n, seed, level, breakDate);
        }

        public Settings withSeed(long s) {
            return new Settings(tau, bootstrap, s, level, breakDate);
        }

        public Settings withBreakDate(LocalDate d) {
            return new Settings(tau, bootstrap, seed, level, d);
        }
    }

    /**
     * One fit of one scope. For scope "per-event" the values are medians over events and the
     * interval is the inter-quartile range ({@code interval} says which).
     */
    public record ScopeFit(String scope, FitMethod method, double a, double aLo, double aHi, double b, double bLo,
            double bHi, int points, int events, double timescaleDays, String interval) {
    }

    /** Per-event results: the event's own OLS fit and a at the pooled b. */
    public record EventFit(RecessionEvent event, PowerLawFit ols, double aAtPooledB, double timescaleDays) {
    }

    /** Per-year results (year of event start). a at the pooled b with its bootstrap interval. */
    public record YearFit(int year, int events, int points, PowerLawFit ols, double aLo, double aHi, double bLo, double bHi,
            double aFixed, double aFixedLo, double aFixedHi, double timescaleDays) {
    }

    /** One trend test row. {@code senPerYear} is in the series' unit per year. */
    public record Trend(String series, String unit, int n, MannKendall.Result mk, double senPerYear, Pettitt.Result pettitt,
            LocalDate changeDate) {
    }

    /** Everything. {@code medianQ} (m³/s) is where time scales are evaluated. */
    public record Result(List<RecessionEvent> events, List<ScopeFit> fits, List<EventFit> eventFits, List<YearFit> years,
            List<Trend> trends, double pooledB, double medianQ, Settings settings) {
    }

    /** Runs the study on {@code events} (from {@link RecessionExtractor}). */
    public static Result run(List<RecessionEvent> events, Settings s) {
        double[][] all = pool(events);
        double medianQ = median(all[0]);
        List<ScopeFit> fits = new ArrayList<>();
        for (FitMethod m : FitMethod.values()) {
            fits.add(scope("all", m, events, s, medianQ));
        }
        PowerLawFit pooled = RecessionFits.ols(all[0], all[1]);
        double bPooled = pooled.b();

        List<EventFit> eventFits = new ArrayList<>();
        for (RecessionEvent e : events) {
            PowerLawFit f = RecessionFits.ols(e.pointQ(), e.rate());
            PowerLawFit fx = RecessionFits.fixedExponent(e.pointQ(), e.rate(), bPooled);
            eventFits.add(new EventFit(e, f, fx.a(), fx.ok() ? fx.timescaleDays(medianQ) : Double.NaN));
        }
        fits.add(perEventSummary(eventFits));

        if (s.breakDate() != null) {
            List<RecessionEvent> before = new ArrayList<>(), after = new ArrayList<>();
            for (RecessionEvent e : events) {
                (e.start().isBefore(s.breakDate()) ? before : after).add(e);
            }
            for (FitMethod m : FitMethod.values()) {
                fits.add(scope("before " + s.breakDate(), m, before, s, medianQ));
            }
            for (FitMethod m : FitMethod.values()) {
                fits.add(scope("after " + s.breakDate(), m, after, s, medianQ));
            }
        }

        TreeMap<Integer, List<RecessionEvent>> byYear = new TreeMap<>();
        for (RecessionEvent e : events) {
            byYear.computeIfAbsent(e.year(), y -> new ArrayList<>()).add(e);
        }
        List<YearFit> years = new ArrayList<>();
        for (var en : byYear.entrySet()) {
            years.add(year(en.getKey(), en.getValue(), bPooled, s, medianQ));
        }
        List<Trend> trends = trends(eventFits, years);
        return new Result(List.copyOf(events), fits, eventFits, years, trends, bPooled, medianQ, s);
    }

    private static ScopeFit scope(String name, FitMethod m, List<RecessionEvent> ev, Settings s, double medianQ) {
        double[][] p = pool(ev);
        PowerLawFit f = RecessionFits.fit(m, p[0], p[1], s.tau());
        double[] ci = bootstrap(ev, s, rep -> {
            double[][] q = pool(rep);
            PowerLawFit g = RecessionFits.fit(m, q[0], q[1], s.tau());
            return new double[] {g.a(), g.b()};
        });
        return new ScopeFit(name, m, f.a(), ci[0], ci[1], f.b(), ci[2], ci[3], f.n(), ev.size(),
                f.ok() ? f.timescaleDays(medianQ) : Double.NaN, s.bootstrap() > 0 ? "bootstrap " + pct(s.level()) : "none");
    }

    private static ScopeFit perEventSummary(List<EventFit> fits) {
        List<Double> a = new ArrayList<>(), b = new ArrayList<>(), t = new ArrayList<>();
        int pts = 0;
        for (EventFit f : fits) {
            if (f.ols().ok()) {
                a.add(f.ols().a());
                b.add(f.ols().b());
                pts += f.ols().n();
            }
        }
        double[] av = a.stream().mapToDouble(Double::doubleValue).toArray();
        double[] bv = b.stream().mapToDouble(Double::doubleValue).toArray();
        return new ScopeFit("per-event", FitMethod.OLS, quantile(av, 0.5), quantile(av, 0.25), quantile(av, 0.75),
                quantile(bv, 0.5), quantile(bv, 0.25), quantile(bv, 0.75), pts, av.length, Double.NaN,
                "inter-quartile range of events");
    }

    private static YearFit year(int year, List<RecessionEvent> ev, double bPooled, Settings s, double medianQ) {
        double[][] p = pool(ev);
        PowerLawFit f = RecessionFits.ols(p[0], p[1]);
        PowerLawFit fx = RecessionFits.fixedExponent(p[0], p[1], bPooled);
        double[] ci = bootstrap(ev, s, rep -> {
            double[][] q = pool(rep);
            PowerLawFit g = RecessionFits.ols(q[0], q[1]);
            PowerLawFit gx = RecessionFits.fixedExponent(q[0], q[1], bPooled);
            return new double[] {g.a(), g.b(), gx.a()};
        });
        return new YearFit(year, ev.size(), f.n(), f, ci[0], ci[1], ci[2], ci[3], fx.a(), ci[4], ci[5],
                fx.ok() ? fx.timescaleDays(medianQ) : Double.NaN);
    }

    /** Trend tests on per-event a (pooled b), per-event b, per-event time scale, per-year a (pooled b) and b. */
    private static List<Trend> trends(List<EventFit> ef, List<YearFit> years) {
        List<Trend> out = new ArrayList<>();
        int n = ef.size();
        long[] day = new long[n];
        double[] aFix = new double[n], bEv = new double[n], tEv = new double[n];
        LocalDate[] dates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            EventFit f = ef.get(i);
            dates[i] = f.event().start();
            day[i] = dates[i].toEpochDay();
            aFix[i] = f.aAtPooledB();
            bEv[i] = f.ols().b();
            tEv[i] = f.timescaleDays();
        }
        out.add(trend("event a at pooled b", "(m³/s)^(1−b)/day", day, aFix, dates));
        out.add(trend("event b", "1", day, bEv, dates));
        out.add(trend("event timescale at median Q", "days", day, tEv, dates));
        int m = years.size();
        long[] yd = new long[m];
        double[] ya = new double[m], yb = new double[m];
        LocalDate[] ydates = new LocalDate[m];
        for (int i = 0; i < m; i++) {
            ydates[i] = LocalDate.of(years.get(i).year(), 7, 2); // mid-year
            yd[i] = ydates[i].toEpochDay();
            ya[i] = years.get(i).aFixed();
            yb[i] = years.get(i).ols().b();
        }
        out.add(trend("yearly a at pooled b", "(m³/s)^(1−b)/day", yd, ya, ydates));
        out.add(trend("yearly b", "1", yd, yb, ydates));
        return out;
    }

    private static Trend trend(String name, String unit, long[] day, double[] v, LocalDate[] dates) {
        int k = 0;
        long[] d = new long[v.length];
        double[] x = new double[v.length];
        LocalDate[] dd = new LocalDate[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                d[k] = day[i];
                dd[k] = dates[i];
                x[k++] = v[i];
            }
        }
        if (k < 3) {
            return new Trend(name, unit, k, null, Double.NaN, null, null);
        }
        d = Arrays.copyOf(d, k);
        x = Arrays.copyOf(x, k);
        Pettitt.Result p = Pettitt.test(x);
        return new Trend(name, unit, k, MannKendall.test(x), SenSlope.perYear(d, x), p, dd[p.changePoint() - 1]);
    }

    /** Percentile intervals [lo, hi] of each statistic over replicates; NaN without bootstrap or with &lt; 3 events. */
    private static double[] bootstrap(List<RecessionEvent> ev, Settings s, java.util.function.Function<List<RecessionEvent>,
            double[]> stat) {
        int dims = stat.apply(ev).length;
        double[] out = new double[2 * dims];
        Arrays.fill(out, Double.NaN);
        int e = ev.size();
        if (s.bootstrap() == 0 || e < 3) {
            return out;
        }
        SplittableRandom rnd = new SplittableRandom(s.seed());
        double[][] reps = new double[dims][s.bootstrap()];
        int[] filled = new int[dims];
        List<RecessionEvent> draw = new ArrayList<>(e);
        for (int r = 0; r < s.bootstrap(); r++) {
            draw.clear();
            for (int i = 0; i < e; i++) {
                draw.add(ev.get(rnd.nextInt(e)));
            }
            double[] v = stat.apply(draw);
            for (int k = 0; k < dims; k++) {
                if (Double.isFinite(v[k])) {
                    reps[k][filled[k]++] = v[k];
                }
            }
        }
        double alpha = (1 - s.level()) / 2;
        for (int k = 0; k < dims; k++) {
            double[] x = Arrays.copyOf(reps[k], filled[k]);
            out[2 * k] = quantile(x, alpha);
            out[2 * k + 1] = quantile(x, 1 - alpha);
        }
        return out;
    }

    /** All points of {@code ev}: {Q, −dQ/dt}. */
    public static double[][] pool(List<RecessionEvent> ev) {
        int n = 0;
        for (RecessionEvent e : ev) {
            n += e.points();
        }
        double[] q = new double[n], r = new double[n];
        int k = 0;
        for (RecessionEvent e : ev) {
            double[] eq = e.pointQ(), er = e.rate();
            System.arraycopy(eq, 0, q, k, eq.length);
            System.arraycopy(er, 0, r, k, er.length);
            k += eq.length;
        }
        return new double[][] {q, r};
    }

    /** Linear-interpolation quantile (type 7, as R and numpy default), NaN for an empty array. */
    static double quantile(double[] x, double p) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    static double median(double[] x) {
        return quantile(x, 0.5);
    }

    private static String pct(double level) {
        return String.format(java.util.Locale.ROOT, "%.0f%%", 100 * level);
    }
}

package org.permasar.snow;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * Wet-snow (melt) detection from a σ⁰ time series (SCIENCE.md §7, seed 004): an acquisition is wet
 * when σ⁰ drops more than a threshold below the winter reference of its year (Nagler &amp; Rott 2000,
 * IEEE TGRS 38(2), 754–765: wet snow where σ⁰_wet / σ⁰_ref &lt; −3 dB; Ashcraft &amp; Long 2006 for
 * melt-day counting on the Greenland ice sheet):
 * <pre>  wet(t) ⇔ σ⁰(t) &lt; σ⁰_ref(year(t)) − threshold   (dB)</pre>
 * σ⁰_ref(y) is the mean of the acquisitions in y's winter window, averaged in linear power
 * (10^(σ⁰/10)) and returned to dB. Wet runs shorter than {@code minRun} acquisitions are dropped.
 *
 * <p>Per calendar year: melt onset = first day of year of a wet acquisition, melt end = last one,
 * melt days = the days represented by wet acquisitions, each acquisition standing for the days nearer
 * to it than to its neighbours (from the midpoint with the previous acquisition to the midpoint with the
 * next; the first and last stand for their own day only), clipped to the year — with daily data this is
 * the count of wet days.
 *
 * <p>Units: σ⁰ in dB; days of year 1 … 366. NaN policy: NaN acquisitions are skipped (neither wet nor
 * dry, and not counted); a year without a reference (fewer than {@code minWinter} winter values) has
 * NaN reference, onset, end and melt days; a year with a reference and no melt has NaN onset and end
 * and 0 melt days. Stateless and thread-safe.
 */
public final class MeltDetector {
    private final MeltParameters p;
    private final LocalDate[] dates;
    private final int[] years;
    private final long[] epochDay;

    /**
     * @param dates acquisition dates, strictly increasing
     */
    public MeltDetector(LocalDate[] dates, MeltParameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.dates = dates.clone();
        if (dates.length == 0) {
            throw new IllegalArgumentException("need at least one acquisition date");
        }
        epochDay = new long[dates.length];
        for (int t = 0; t < dates.length; t++) {
            epochDay[t] = dates[t].toEpochDay();
            if (t > 0 && epochDay[t] <= epochDay[t - 1]) {
                throw new IllegalArgumentException("dates must be strictly increasing: " + dates[t - 1] + " then " + dates[t]);
            }
        }
        years = java.util.stream.IntStream.rangeClosed(dates[0].getYear(), dates[dates.length - 1].getYear()).toArray();
    }

    /** Calendar years covered, first to last date. */
    public int[] years() {
        return years.clone();
    }

    /**
     * Per-year maps. Arrays are [year index · pixels + pixel].
     *
     * @param reference winter reference σ⁰, dB
     * @param onset     first wet day of year
     * @param end       last wet day of year
     * @param meltDays  melt days
     * @param wetCount  wet acquisitions
     */
    public record Maps(int[] years, int pixels, float[] reference, float[] onset, float[] end, float[] meltDays, float[] wetCount) {
    }

    /** One pixel's result: the wet flags per acquisition (after the run filter) and the per-year values. */
    public record Series(boolean[] wet, double[] reference, double[] onset, double[] end, double[] meltDays, int[] wetCount) {
    }

    /**
     * Detects melt for every pixel of a cube.
     *
     * @param sigma0Db band-major cube {@code [t · pixels + pixel]}, σ⁰ in dB
     * @param pixels   pixels per acquisition
     */
    public Maps detect(float[] sigma0Db, int pixels) {
        int nt = dates.length, ny = years.length;
        if (pixels < 1 || (long) nt * pixels != sigma0Db.length) {
            throw new IllegalArgumentException("cube must hold " + nt + " dates × " + pixels + " pixels, got " + sigma0Db.length
                    + " values");
        }
        float[] ref = new float[ny * pixels], on = new float[ny * pixels], en = new float[ny * pixels],
                md = new float[ny * pixels], wc = new float[ny * pixels];
        double[] s = new double[nt];
        for (int px = 0; px < pixels; px++) {
            for (int t = 0; t < nt; t++) {
                s[t] = sigma0Db[t * pixels + px];
            }
            Series r = pixel(s);
            for (int y = 0; y < ny; y++) {
                int k = y * pixels + px;
                ref[k] = (float) r.reference[y];
                on[k] = (float) r.onset[y];
                en[k] = (float) r.end[y];
                md[k] = (float) r.meltDays[y];
                wc[k] = Double.isNaN(r.reference[y]) ? Float.NaN : r.wetCount[y];
            }
        }
        return new Maps(years.clone(), pixels, ref, on, en, md, wc);
    }

    /** Detects melt in one series of σ⁰ (dB), one value per date. */
    public Series pixel(double[] sigma0Db) {
        int nt = dates.length, ny = years.length;
        if (sigma0Db.length != nt) {
            throw new IllegalArgumentException("series must hold " + nt + " values, got " + sigma0Db.length);
        }
        double[] ref = new double[ny];
        for (int y = 0; y < ny; y++) {
            ref[y] = winterReference(sigma0Db, years[y]);
        }
        boolean[] wet = new boolean[nt];
        for (int t = 0; t < nt; t++) {
            double r = ref[dates[t].getYear() - years[0]];
            // wet ⇔ σ⁰ < σ⁰_ref − threshold (Nagler & Rott 2000); NaN compares false
            wet[t] = sigma0Db[t] < r - p.thresholdDb();
        }
        dropShortRuns(wet, sigma0Db);
        double[] on = new double[ny], en = new double[ny], md = new double[ny];
        int[] wc = new int[ny];
        Arrays.fill(on, Double.NaN);
        Arrays.fill(en, Double.NaN);
        for (int y = 0; y < ny; y++) {
            md[y] = Double.isNaN(ref[y]) ? Double.NaN : 0;
        }
        for (int t = 0; t < nt; t++) {
            if (!wet[t]) {
                continue;
            }
            int y = dates[t].getYear() - years[0];
            int doy = dates[t].getDayOfYear();
            if (Double.isNaN(on[y])) {
                on[y] = doy;
            }
            en[y] = doy;
            wc[y]++;
            md[y] += representedDays(t, sigma0Db);
        }
        return new Series(wet, ref, on, en, md, wc);
    }

    /** Mean σ⁰ (dB) of the winter window of year y, averaged in linear power; NaN with fewer than minWinter values. */
    private double winterReference(double[] s, int year) {
        LocalDate from = p.winterStart().atYear(p.crossesYear() ? year - 1 : year);
        LocalDate to = p.winterEnd().atYear(year);
        double sum = 0;
        int n = 0;
        for (int t = 0; t < dates.length; t++) {
            if (!dates[t].isBefore(from) && !dates[t].isAfter(to) && !Double.isNaN(s[t])) {
                sum += Math.pow(10, s[t] / 10);
                n++;
            }
        }
        return n >= p.minWinter() ? 10 * Math.log10(sum / n) : Double.NaN;
    }

    /** Unsets wet runs (over valid acquisitions; NaN ones are skipped, not breaking a run) shorter than minRun. */
    private void dropShortRuns(boolean[] wet, double[] s) {
        if (p.minRun() <= 1) {
            return;
        }
        int t = 0, nt = wet.length;
        while (t < nt) {
            if (!wet[t]) {
                t++;
                continue;
            }
            int len = 0, u = t;
            while (u < nt && (wet[u] || Double.isNaN(s[u]))) {
                if (wet[u]) {
                    len++;
                }
                u++;
            }
            if (len < p.minRun()) {
                for (int q = t; q < u; q++) {
                    wet[q] = false;
                }
            }
            t = u;
        }
    }

    /**
     * Days acquisition t stands for within its year: from the midpoint with the previous valid
     * acquisition to the midpoint with the next one (its own day at the ends of the series).
     */
    private double representedDays(int t, double[] s) {
        int prev = t - 1, next = t + 1;
        while (prev >= 0 && Double.isNaN(s[prev])) {
            prev--;
        }
        while (next < s.length && Double.isNaN(s[next])) {
            next++;
        }
        double d = epochDay[t];
        double lo = prev >= 0 ? 0.5 * (epochDay[prev] + d) : d - 0.5;
        double hi = next < s.length ? 0.5 * (d + epochDay[next]) : d + 0.5;
        // clip to the calendar year of t: [Jan 1, Dec 31 + 1) in epoch days, with day k covering [k − ½, k + ½)
        LocalDate start = LocalDate.of(dates[t].getYear(), 1, 1);
        double y0 = start.toEpochDay() - 0.5, y1 = start.plus(1, ChronoUnit.YEARS).toEpochDay() - 0.5;
        return Math.max(0, Math.min(hi, y1) - Math.max(lo, y0));
    }
}

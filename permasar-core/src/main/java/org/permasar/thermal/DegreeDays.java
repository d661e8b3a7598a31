package org.permasar.thermal;

import java.time.LocalDate;
import java.util.List;

/**
 * Accumulated degree-days of thaw and freeze within a permafrost year (seed 001 §3.6; Nelson et al.
 * 1997): {@code ADDT(τ) = Σ max(T_d, 0)}, {@code ADDF(τ) = Σ max(−T_d, 0)} (°C·day) over the days d
 * from the thaw onset that starts the permafrost year containing τ up to and including τ. The thaw
 * onset of calendar year Y is {@code 1 January Y + round(thawDoy) − 1} days; a permafrost year runs
 * to the day before the next onset.
 *
 * <p>The one owner of degree-day sums in PermaSAR: the daily increments ({@link #thawPart},
 * {@link #freezePart}), the onset rule ({@link #onsetOffsetDays}), the running sums of a raster block
 * ({@link #runningSums}) and the NaN rule are defined here and used by {@code permasar thermal} (point and
 * raster modes) and by {@link org.permasar.permafrost.pecm.PecmForcingBuilder}.
 *
 * <p><b>NaN rule</b> (every caller): a degree-day sum over a span is NaN when any daily value inside the span
 * is NaN or when the series does not cover the span; a NaN outside the span does not matter. (The PECM
 * builder reports such a SAR date with status {@code LST_GAP}.) Stateless and thread-safe.
 */
public final class DegreeDays {

    private DegreeDays() {
    }

    /** Thaw-onset date of calendar year {@code year} for a mean onset day of year. */
    public static LocalDate onsetDate(int year, double thawDoy) {
        if (!(thawDoy >= 1) || thawDoy > 366) {
            throw new IllegalArgumentException("thaw onset day of year must be in [1, 366], got " + thawDoy);
        }
        return LocalDate.of(year, 1, 1).plusDays(onsetOffsetDays(thawDoy));
    }

    /**
     * Days from 1 January to the thaw onset of a mean onset day of year: {@code round(thawDoy) − 1}
     * (the onset of year Y is 1 January Y plus this many days).
     */
    public static long onsetOffsetDays(double thawDoy) {
        return Math.round(thawDoy) - 1;
    }

    /** Thaw increment of one day, {@code max(T, 0)} (°C·day); 0 for NaN, which the NaN rule handles. */
    public static double thawPart(double t) {
        return t > 0 ? t : 0;                           // ADDT = Σ max(T, 0)  (Nelson et al. 1997)
    }

    /** Freeze increment of one day, {@code max(−T, 0)} (°C·day); 0 for NaN. */
    public static double freezePart(double t) {
        return t < 0 ? -t : 0;                          // ADDF = Σ max(−T, 0)
    }

    /**
     * Running sums of pixel {@code p} of a day-major block {@code daily[d·npix + p]} (°C):
     * {@code cumT[d] = Σ_{e<d} max(T_e, 0)}, {@code cumF[d] = Σ_{e<d} max(−T_e, 0)},
     * {@code cumNan[d]} = NaN days before d, for d = 0 … ndays (index 0 must hold 0). The sums over days
     * [a, e] are {@code cum[e + 1] − cum[a]}; by the NaN rule they are valid only when
     * {@code cumNan[e + 1] == cumNan[a]}.
     */
    public static void runningSums(float[] daily, int ndays, int npix, int p, double[] cumT, double[] cumF,
                                   int[] cumNan) {
        for (int d = 0; d < ndays; d++) {
            double v = daily[d * npix + p];
            cumT[d + 1] = cumT[d] + thawPart(v);
            cumF[d + 1] = cumF[d] + freezePart(v);
            cumNan[d + 1] = cumNan[d] + (Double.isNaN(v) ? 1 : 0);
        }
    }

    /** First day of the permafrost year containing {@code date}. */
    public static LocalDate permafrostYearStart(LocalDate date, double thawDoy) {
        LocalDate on = onsetDate(date.getYear(), thawDoy);
        return date.isBefore(on) ? onsetDate(date.getYear() - 1, thawDoy) : on;
    }

    /**
     * ADDT and ADDF at query dates.
     *
     * @param start   date of {@code daily[0]}
     * @param daily   daily mean temperature (°C)
     * @param thawDoy mean thaw onset (day of year)
     * @param dates   query dates
     * @return {@code [0][k]} = ADDT, {@code [1][k]} = ADDF at {@code dates.get(k)} (°C·day)
     */
    public static double[][] accumulatedAt(LocalDate start, double[] daily, double thawDoy, List<LocalDate> dates) {
        double[][] out = new double[2][dates.size()];
        for (int k = 0; k < dates.size(); k++) {
            LocalDate d = dates.get(k);
            double[] s = sum(start, daily, permafrostYearStart(d, thawDoy), d);
            out[0][k] = s[0];
            out[1][k] = s[1];
        }
        return out;
    }

    /**
     * Totals of every complete permafrost year covered by the series.
     *
     * @return rows {@code {startEpochDay, ADDT, ADDF}} of each permafrost year, in order
     */
    public static double[][] perPermafrostYear(LocalDate start, double[] daily, double thawDoy) {
        LocalDate end = start.plusDays(daily.length - 1L);
        java.util.ArrayList<double[]> rows = new java.util.ArrayList<>();
        for (int y = start.getYear(); y <= end.getYear(); y++) {
            LocalDate a = onsetDate(y, thawDoy);
            LocalDate b = onsetDate(y + 1, thawDoy).minusDays(1);
            if (a.isBefore(start) || b.isAfter(end)) {
                continue;
            }
            double[] s = sum(start, daily, a, b);
            rows.add(new double[] {a.toEpochDay(), s[0], s[1]});
        }
        return rows.toArray(new double[0][]);
    }

    /** {ADDT, ADDF} over [from, to] inclusive; NaN when uncovered or a value is NaN. */
    static double[] sum(LocalDate start, double[] daily, LocalDate from, LocalDate to) {
        long i0 = from.toEpochDay() - start.toEpochDay();
        long i1 = to.toEpochDay() - start.toEpochDay();
        if (i0 < 0 || i1 >= daily.length) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double t = 0, f = 0;
        for (long i = i0; i <= i1; i++) {
            double v = daily[(int) i];
            t += thawPart(v);
            f += freezePart(v);
            if (Double.isNaN(v)) {
                return new double[] {Double.NaN, Double.NaN};
            }
        }
        return new double[] {t, f};
    }
}

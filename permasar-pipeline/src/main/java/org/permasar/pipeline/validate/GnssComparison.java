package org.permasar.pipeline.validate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.permasar.stats.Agreement;
import org.permasar.stats.GnssSeries;
import org.permasar.stats.KolmogorovSmirnov;

/**
 * Compares one InSAR LOS series (block average around a station, m) with that station's GNSS series projected
 * onto the same LOS (SCIENCE.md §6 "Validation"; seed 000):
 * <ol>
 * <li>date alignment: for each InSAR date, the GNSS value of that day when present, else the mean of the GNSS
 *     days within ±{@code matchDays} (NaN when none);</li>
 * <li>both series are referenced to their first common date (value at that date subtracted), so constant
 *     offsets between the two position datums cancel;</li>
 * <li>{@link Agreement} with InSAR as the estimate and GNSS as the reference, and the two-sample
 *     {@link KolmogorovSmirnov} test, over the common dates.</li>
 * </ol>
 * Stateless.
 */
public final class GnssComparison {
    /**
     * Result for one station. Series are on the InSAR dates, referenced, m; NaN where a side is missing.
     *
     * @param referenceDate first common date, or null when there is none
     */
    public record Result(List<LocalDate> dates, double[] insar, double[] gnss, LocalDate referenceDate, int common,
                         Agreement agreement, KolmogorovSmirnov.Result ks) {
    }

    private GnssComparison() {
    }

    /**
     * @param insarDates dates of the InSAR series
     * @param insarLos   InSAR LOS displacement per date, m (NaN allowed)
     * @param gnss       station series
     * @param incDeg     incidence angle at the station, degrees; @param azDeg LOS azimuth, degrees (MintPy convention)
     * @param matchDays  largest |GNSS date − InSAR date| averaged when the same day is missing, days (≥ 0)
     */
    public static Result compare(List<LocalDate> insarDates, double[] insarLos, GnssSeries gnss, double incDeg,
                                 double azDeg, int matchDays) {
        if (insarDates.size() != insarLos.length) {
            throw new IllegalArgumentException(insarDates.size() + " InSAR dates but " + insarLos.length + " values");
        }
        if (matchDays < 0) {
            throw new IllegalArgumentException("match window must be ≥ 0 days, got " + matchDays);
        }
        LocalDate[] gd = gnss.dates();
        double[] gl = gnss.toLos(incDeg, azDeg);
        int n = insarDates.size();
        double[] g = new double[n];
        int j0 = 0;
        for (int i = 0; i < n; i++) {
            LocalDate d = insarDates.get(i);
            while (j0 < gd.length && ChronoUnit.DAYS.between(gd[j0], d) > matchDays) {
                j0++;   // gnss dates increase: skip those too early for this and every later InSAR date
            }
            double sum = 0, exact = Double.NaN;
            int cnt = 0;
            for (int j = j0; j < gd.length && ChronoUnit.DAYS.between(d, gd[j]) <= matchDays; j++) {
                if (Double.isNaN(gl[j])) {
                    continue;
                }
                if (gd[j].equals(d)) {
                    exact = gl[j];
                }
                sum += gl[j];
                cnt++;
            }
            g[i] = !Double.isNaN(exact) ? exact : cnt > 0 ? sum / cnt : Double.NaN;
        }
        int ref = -1;
        for (int i = 0; i < n && ref < 0; i++) {
            if (!Double.isNaN(g[i]) && !Double.isNaN(insarLos[i])) {
                ref = i;
            }
        }
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = ref < 0 ? Double.NaN : insarLos[i] - insarLos[ref];
            b[i] = ref < 0 ? Double.NaN : g[i] - g[ref];
        }
        List<Double> ca = new ArrayList<>(), cb = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                ca.add(a[i]);
                cb.add(b[i]);
            }
        }
        double[] xa = ca.stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = cb.stream().mapToDouble(Double::doubleValue).toArray();
        Agreement ag = Agreement.of(xa, xb);
        KolmogorovSmirnov.Result ks = xa.length > 0 ? KolmogorovSmirnov.test(xa, xb) : null;
        return new Result(List.copyOf(insarDates), a, b, ref < 0 ? null : insarDates.get(ref), xa.length, ag, ks);
    }
}

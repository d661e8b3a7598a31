package org.permasar.timefn;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Thaw-season scaling factors (seed 003; SCIENCE.md §6): the thaw season of each year, from
 * {@code start} to {@code end}, is cut into K sub-periods of equal length (in days, rounded to whole
 * days), and the factor of sub-period k is its share of the season's subsidence,
 * f_k = (D(b_k) − D(b_{k−1})) / (D(b_K) − D(b_0)), so Σ f_k = 1. D is the displacement with a known
 * linear rate removed (the secular part is not seasonal subsidence), linearly interpolated between
 * observations; a boundary more than {@code maxGapDays} from an observation on either side, or a
 * season whose total change is zero, leaves that year out. The factors are meant to be stable across
 * years; their year-to-year standard deviation is their uncertainty. Stateless, thread-safe.
 */
public final class ThawSeasonScaling {
    private ThawSeasonScaling() {
    }

    /**
     * Per-year factors and their mean and sample standard deviation (NaN with fewer than 2 years).
     *
     * @param years   years kept
     * @param factors factors[year][k]
     * @param mean    mean over years of each f_k
     * @param std     standard deviation over years of each f_k
     * @param total   season total D(b_K) − D(b_0) of each kept year, in the input unit
     */
    public record Result(int[] years, double[][] factors, double[] mean, double[] std, double[] total) {
    }

    /**
     * @param dates      observation dates, increasing
     * @param d          displacement (any unit), NaN skipped
     * @param ratePerYear linear rate removed first, unit per year (days / 365.25)
     * @param start      first day of the thaw season
     * @param end        last day of the thaw season (after {@code start} in the same year)
     * @param k          number of sub-periods, ≥ 1
     * @param maxGapDays largest distance from a boundary to the observations used to interpolate it
     */
    public static Result compute(LocalDate[] dates, double[] d, double ratePerYear, MonthDay start, MonthDay end, int k,
            int maxGapDays) {
        if (k < 1) {
            throw new IllegalArgumentException("sub-periods must be ≥ 1, got " + k);
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("thaw season must end after it starts within a year: " + start + " … " + end);
        }
        int n = 0;
        long[] t = new long[dates.length];
        double[] v = new double[dates.length];
        for (int i = 0; i < dates.length; i++) {
            if (Double.isFinite(d[i])) {
                if (n > 0 && dates[i].toEpochDay() <= t[n - 1]) {
                    throw new IllegalArgumentException("dates must increase: " + dates[i] + " after " + LocalDate.ofEpochDay(t[n - 1]));
                }
                t[n] = dates[i].toEpochDay();
                v[n++] = d[i] - ratePerYear * (t[n - 1] - dates[0].toEpochDay()) / 365.25;
            }
        }
        List<Integer> ys = new ArrayList<>();
        List<double[]> fs = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        if (n >= 2) {
            for (int y = LocalDate.ofEpochDay(t[0]).getYear(); y <= LocalDate.ofEpochDay(t[n - 1]).getYear(); y++) {
                long s0 = start.atYear(y).toEpochDay(), s1 = end.atYear(y).toEpochDay();
                double[] at = new double[k + 1];
                boolean ok = true;
                for (int j = 0; j <= k && ok; j++) {
                    long b = s0 + Math.round((double) (s1 - s0) * j / k);
                    at[j] = interpolate(t, v, n, b, maxGapDays);
                    ok = Double.isFinite(at[j]);
                }
                double tot = ok ? at[k] - at[0] : Double.NaN;
                if (!ok || tot == 0) {
                    continue;
                }
                double[] f = new double[k];
                for (int j = 0; j < k; j++) {
                    f[j] = (at[j + 1] - at[j]) / tot;
                }
                ys.add(y);
                fs.add(f);
                totals.add(tot);
            }
        }
        int m = ys.size();
        double[] mean = new double[k], std = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (double[] f : fs) {
                s += f[j];
            }
            mean[j] = m == 0 ? Double.NaN : s / m;
            double q = 0;
            for (double[] f : fs) {
                q += (f[j] - mean[j]) * (f[j] - mean[j]);
            }
            std[j] = m < 2 ? Double.NaN : Math.sqrt(q / (m - 1));
        }
        return new Result(ys.stream().mapToInt(Integer::intValue).toArray(), fs.toArray(new double[0][]), mean, std,
                totals.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Linear interpolation at day b between the observations around it, NaN when either is further than maxGap. */
    private static double interpolate(long[] t, double[] v, int n, long b, int maxGap) {
        int i = Arrays.binarySearch(t, 0, n, b);
        if (i >= 0) {
            return v[i];
        }
        int hi = -i - 1, lo = hi - 1;
        if (lo < 0 || hi >= n || b - t[lo] > maxGap || t[hi] - b > maxGap) {
            return Double.NaN;
        }
        double w = (double) (b - t[lo]) / (t[hi] - t[lo]);
        return v[lo] + w * (v[hi] - v[lo]);
    }
}

package org.permasar.thermal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Linear interpolation of irregular observations (e.g. 8-day LST composites, seed 001 §3.1) to a
 * daily series or to arbitrary dates (SAR acquisitions). Values outside the observed period are
 * NaN (no extrapolation); NaN observations are skipped. Stateless and thread-safe.
 */
public final class DailyInterpolation {

    private DailyInterpolation() {
    }

    /**
     * Interpolates one series at query times.
     *
     * @param times  observation times, strictly increasing (days from any origin)
     * @param values observations (any unit), NaN = missing
     * @param query  query times (same origin)
     * @return interpolated values, NaN outside [first valid, last valid]
     */
    public static double[] interpolate(double[] times, double[] values, double[] query) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times (" + times.length + ") and values (" + values.length
                    + ") differ in length");
        }
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("times must increase strictly, got " + times[i - 1]
                        + " then " + times[i] + " at index " + i);
            }
        }
        double[] out = new double[query.length];
        for (int k = 0; k < query.length; k++) {
            out[k] = at(times, values, query[k]);
        }
        return out;
    }

    private static double at(double[] t, double[] v, double x) {
        int lo = -1;
        int hi = -1;
        // binary search for the last time <= x, then walk to valid neighbours
        int a = 0, b = t.length - 1, idx = -1;
        while (a <= b) {
            int m = (a + b) >>> 1;
            if (t[m] <= x) {
                idx = m;
                a = m + 1;
            } else {
                b = m - 1;
            }
        }
        for (int i = idx; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                lo = i;
                break;
            }
        }
        for (int i = Math.max(idx, 0); i < t.length; i++) {
            if (!Double.isNaN(v[i]) && t[i] >= x) {
                hi = i;
                break;
            }
        }
        if (lo < 0 || hi < 0) {
            return Double.NaN;
        }
        if (hi == lo || t[hi] == t[lo]) {
            return v[lo];
        }
        double w = (x - t[lo]) / (t[hi] - t[lo]);
        return v[lo] + w * (v[hi] - v[lo]);
    }

    /**
     * Daily series from dated observations: one value per day from the first to the last date.
     *
     * @param dates  observation dates, strictly increasing
     * @param values observations, NaN = missing
     * @return values for {@code dates.get(0)}, {@code +1 day}, … {@code dates.get(last)}
     */
    public static double[] toDaily(List<LocalDate> dates, double[] values) {
        LocalDate origin = dates.get(0);
        double[] t = new double[dates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ChronoUnit.DAYS.between(origin, dates.get(i));
        }
        int days = (int) t[t.length - 1] + 1;
        double[] q = new double[days];
        for (int k = 0; k < days; k++) {
            q[k] = k;
        }
        return interpolate(t, values, q);
    }

    /**
     * Block version: every pixel shares the observation times; query-major, pixel-contiguous loops.
     * A pixel whose bracketing observations are NaN is interpolated between its nearest valid ones.
     *
     * <p>The weights of a query time are those of every pixel, so each output row is one tight loop over the
     * pixels (from the two observation rows, kept in double while the bracketing pair is the same); a pixel
     * with some (not all) NaN observations is then corrected where a bracketing observation is NaN, from its
     * nearest valid observations on either side (indices found once per pixel). A pixel with only NaN
     * observations gets NaN from the row loop already. The numbers are those of the former per-pixel
     * formulation: {@code a + w·(b − a)} with {@code b − a} in float and the rest in double where both
     * bracketing values are valid, the scalar interpolation otherwise.
     *
     * @param times  observation times, strictly increasing (days)
     * @param values {@code values[obs*npix + p]}, NaN = missing
     * @param npix   pixels
     * @param query  query times (days, same origin), e.g. every day
     * @return {@code out[query*npix + p]}, NaN outside each pixel's valid period
     */
    public static float[] interpolateBlock(double[] times, float[] values, int npix, double[] query) {
        int n = times.length;
        if (values.length != n * npix) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " values, got " + values.length);
        }
        interpolate(times, new double[n], new double[0]);        // validates the time axis
        int nq = query.length;
        float[] out = new float[nq * npix];
        // bracketing observations and weight of each query time (−1: outside the observed period)
        int[] loOf = new int[nq];
        int[] hiOf = new int[nq];
        double[] wOf = new double[nq];
        int lo = 0;
        for (int k = 0; k < nq; k++) {
            double x = query[k];
            if (n == 0 || !(x >= times[0] && x <= times[n - 1])) {      // outside, or NaN
                loOf[k] = -1;
                continue;
            }
            while (lo + 1 < n && times[lo + 1] <= x) {
                lo++;
            }
            while (lo > 0 && times[lo] > x) {
                lo--;
            }
            int hi = times[lo] == x ? lo : Math.min(lo + 1, n - 1);
            loOf[k] = lo;
            hiOf[k] = hi;
            wOf[k] = hi == lo ? 0 : (x - times[lo]) / (times[hi] - times[lo]);
        }
        // a + w·(b − a) (b − a in float, the rest in double) from the rows of the current interval in double
        double[] base = new double[npix];
        double[] step = new double[npix];
        long[] nanBracket = new long[npix];                      // nonzero: some bracketing value is NaN
        int rowLo = -1, rowHi = -1;
        for (int k = 0; k < nq; k++) {
            int o = k * npix;
            if (loOf[k] < 0) {
                java.util.Arrays.fill(out, o, o + npix, Float.NaN);
                continue;
            }
            if (loOf[k] != rowLo || hiOf[k] != rowHi) {
                rowLo = loOf[k];
                rowHi = hiOf[k];
                int ol = rowLo * npix;
                int oh = rowHi * npix;
                for (int p = 0; p < npix; p++) {
                    float a = values[ol + p];
                    double d = values[oh + p] - a;
                    base[p] = a;
                    step[p] = d;
                    // NaN a or b makes d NaN: |bits| above those of +∞, without a branch
                    nanBracket[p] |= (0x7ff0000000000000L - (Double.doubleToRawLongBits(d) & 0x7fffffffffffffffL)) >>> 63;
                }
            }
            double w = wOf[k];
            for (int p = 0; p < npix; p++) {
                out[o + p] = (float) (base[p] + w * step[p]);      // NaN when a or b is
            }
        }
        // pixels with a NaN bracketing value: there, the nearest valid observations (none: NaN, as already)
        double[] column = new double[n];
        int[] prevValid = new int[n];
        int[] nextValid = new int[n];
        for (int p = 0; p < npix; p++) {
            if (nanBracket[p] == 0) {
                continue;
            }
            int valid = 0;
            for (int i = 0, last = -1; i < n; i++) {
                column[i] = values[i * npix + p];
                last = Double.isNaN(column[i]) ? last : i;
                valid += Double.isNaN(column[i]) ? 0 : 1;
                prevValid[i] = last;
            }
            if (valid == 0) {
                continue;
            }
            for (int i = n - 1, next = -1; i >= 0; i--) {
                next = Double.isNaN(column[i]) ? next : i;
                nextValid[i] = next;
            }
            for (int k = 0; k < nq; k++) {
                int l = loOf[k];
                if (l < 0 || !(Double.isNaN(column[l]) || Double.isNaN(column[hiOf[k]]))) {
                    continue;
                }
                // as at(): last valid at or before the last time <= x, first valid at or after x
                double x = query[k];
                int a = prevValid[l];
                int b = times[l] == x ? nextValid[l] : l + 1 < n ? nextValid[l + 1] : -1;
                double v;
                if (a < 0 || b < 0) {
                    v = Double.NaN;
                } else if (b == a || times[b] == times[a]) {
                    v = column[a];
                } else {
                    double wv = (x - times[a]) / (times[b] - times[a]);
                    v = column[a] + wv * (column[b] - column[a]);
                }
                out[k * npix + p] = (float) v;
            }
        }
        return out;
    }
}

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
        float[] out = new float[query.length * npix];
        double[] column = new double[n];
        int lo = 0;
        for (int k = 0; k < query.length; k++) {
            double x = query[k];
            int o = k * npix;
            if (n == 0 || x < times[0] || x > times[n - 1]) {
                java.util.Arrays.fill(out, o, o + npix, Float.NaN);
                continue;
            }
            while (lo + 1 < n && times[lo + 1] <= x) {
                lo++;
            }
            while (lo > 0 && times[lo] > x) {
                lo--;
            }
            int hi = times[lo] == x ? lo : Math.min(lo + 1, n - 1);
            double w = hi == lo ? 0 : (x - times[lo]) / (times[hi] - times[lo]);
            int ol = lo * npix;
            int oh = hi * npix;
            for (int p = 0; p < npix; p++) {
                float a = values[ol + p];
                float b = values[oh + p];
                if (a == a && b == b) {
                    out[o + p] = (float) (a + w * (b - a));
                } else {
                    for (int i = 0; i < n; i++) {
                        column[i] = values[i * npix + p];
                    }
                    out[o + p] = (float) at(times, column, x);
                }
            }
        }
        return out;
    }
}

package org.permasar.thermal;

/**
 * {@link DailyInterpolation#interpolateBlock} as it was before the rewrite (one pass per query time, a
 * column gather and binary search per pixel and query whose bracketing observations are NaN), kept
 * verbatim as the reference of {@code DailyInterpolationParityTest} and of the timings.
 */
public final class DailyInterpolationReference {

    private DailyInterpolationReference() {
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

    /** The former {@link DailyInterpolation#interpolateBlock}. */
    public static float[] interpolateBlock(double[] times, float[] values, int npix, double[] query) {
        int n = times.length;
        if (values.length != n * npix) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " values, got " + values.length);
        }
        DailyInterpolation.interpolate(times, new double[n], new double[0]);        // validates the time axis
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

package org.permasar.thermal.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Averages a layered moisture series over the thaw-season intervals of the Zhang et al. (2020)
 * piecewise ALT model (SCIENCE.md §4: W_ij = mean moisture of layer j during interval i). Interval i
 * is [b_i, b_{i+1}) for K + 1 boundaries b (e.g. consecutive SAR acquisition dates); a moisture sample
 * dated d belongs to it when b_i ≤ d &lt; b_{i+1}. The mean ignores NaN samples; an interval with no valid
 * sample of a layer gives NaN there (the ALT solver then flags the pixel). Stateless, thread-safe.
 */
public final class MoistureIntervals {
    private MoistureIntervals() {
    }

    /**
     * @param m          moisture at sample dates
     * @param boundaries K + 1 strictly increasing dates (K ≥ 1)
     * @return a cube with one "date" per interval (its start b_i), same layers and pixels, layout
     *         {@code [(i·L + j)·pixels + p]}
     */
    public static MoistureCube mean(MoistureCube m, List<LocalDate> boundaries) {
        int k = boundaries.size() - 1;
        if (k < 1) {
            throw new IllegalArgumentException("need ≥ 2 interval boundaries, got " + boundaries);
        }
        for (int i = 1; i <= k; i++) {
            if (!boundaries.get(i).isAfter(boundaries.get(i - 1))) {
                throw new IllegalArgumentException("interval boundaries must increase: " + boundaries.get(i - 1)
                        + " then " + boundaries.get(i));
            }
        }
        int nl = m.layers().size(), np = m.pixels(), block = nl * np;
        float[] out = new float[k * block];
        double[] sum = new double[block];
        int[] cnt = new int[block];
        int t = 0, nt = m.dates().size();
        while (t < nt && m.dates().get(t).isBefore(boundaries.get(0))) {
            t++;
        }
        for (int i = 0; i < k; i++) {
            Arrays.fill(sum, 0);
            Arrays.fill(cnt, 0);
            LocalDate end = boundaries.get(i + 1);
            for (; t < nt && m.dates().get(t).isBefore(end); t++) {
                int off = t * block;
                for (int q = 0; q < block; q++) {
                    float v = m.values()[off + q];
                    if (!Float.isNaN(v)) {
                        sum[q] += v;
                        cnt[q]++;
                    }
                }
            }
            // W_ij = (1/n) Σ_{b_i ≤ d < b_{i+1}} W_j(d)   (Zhang et al. 2020, interval mean moisture)
            for (int q = 0; q < block; q++) {
                out[i * block + q] = cnt[q] == 0 ? Float.NaN : (float) (sum[q] / cnt[q]);
            }
        }
        List<LocalDate> starts = new ArrayList<>(boundaries.subList(0, k));
        return new MoistureCube(m.grid(), starts, m.layers(), np, out);
    }
}

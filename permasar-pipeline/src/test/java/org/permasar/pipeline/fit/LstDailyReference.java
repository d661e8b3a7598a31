package org.permasar.pipeline.fit;

import java.time.LocalDate;
import java.util.List;
import org.permasar.thermal.DailyInterpolationReference;
import org.permasar.thermal.HantsParameters;
import org.permasar.thermal.HantsReference;

/**
 * {@link LstDaily#daily} as it was before the HANTS and daily-interpolation rewrites: the former HANTS
 * ({@link HantsReference}), the former block interpolation ({@link DailyInterpolationReference}) and the
 * residual statistics, verbatim. Reference of {@code LstDailyParityTest} and {@code LstDailyTiming}.
 */
final class LstDailyReference {
    private final double[] times;
    private final double[] query;
    private final HantsReference hants;
    private final int hantsUnknowns;

    LstDailyReference(List<LocalDate> dates, HantsParameters params, double centreOffsetDays) {
        LocalDate origin = dates.get(0);
        times = new double[dates.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = dates.get(i).toEpochDay() - origin.toEpochDay() + centreOffsetDays;
        }
        int ndays = (int) (dates.get(dates.size() - 1).toEpochDay() - origin.toEpochDay()) + 1;
        query = new double[ndays];
        for (int k = 0; k < ndays; k++) {
            query[k] = k;
        }
        hants = new HantsReference(params, times);
        hantsUnknowns = params.unknowns();
    }

    LstDaily.Block daily(float[] celsius, int npix) {
        HantsReference.Result h = hants.fill(celsius, npix);
        float[] d = DailyInterpolationReference.interpolateBlock(times, h.filled(), npix, query);
        float[] smooth = DailyInterpolationReference.interpolateBlock(times, h.reconstructed(), npix, query);
        double[] ss = new double[npix];
        int[] cnt = new int[npix];
        double[] lag = new double[npix];
        double[] prev = new double[npix];
        java.util.Arrays.fill(prev, Double.NaN);
        float[] rec = h.reconstructed(), filled = h.filled();
        for (int i = 0; i < times.length; i++) {
            int o = i * npix;
            for (int q = 0; q < npix; q++) {
                float v = celsius[o + q];
                if (v == v && filled[o + q] == v) {     // accepted observation (kept by HANTS)
                    double r = v - rec[o + q];
                    ss[q] += r * r;
                    cnt[q]++;
                    if (prev[q] == prev[q]) {
                        lag[q] += prev[q] * r;
                    }
                    prev[q] = r;
                } else {
                    prev[q] = Double.NaN;             // only consecutive composites count for lag 1
                }
            }
        }
        int dof = hantsUnknowns;
        for (int q = 0; q < npix; q++) {
            boolean ok = h.status()[q] == HantsReference.OK && cnt[q] > dof;
            lag[q] = ok && ss[q] > 0 ? lag[q] / ss[q] : Double.NaN;
            ss[q] = ok ? Math.sqrt(ss[q] / (cnt[q] - dof)) : Double.NaN;
        }
        return new LstDaily.Block(d, smooth, h.status(), ss, lag);
    }
}

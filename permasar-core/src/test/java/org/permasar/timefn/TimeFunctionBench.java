package org.permasar.timefn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timing harness, not a test: µs per pixel of {@link LinearBatchFit#fit} and {@link SeasonalityClassifier#classify}
 * against their references before the pixel tiling, in one JVM (the thread's CPU time, robust to a busy machine). Run with
 * {@code mvn -o -q -pl permasar-core test -Dtest=TimeFunctionBench -Dpermasar.bench=true}.
 */
@EnabledIfSystemProperty(named = "permasar.bench", matches = "true")
class TimeFunctionBench {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** n dates spread over {@code years} years from 2014-10-10. */
    static List<LocalDate> dates(int n, int years) {
        List<LocalDate> d = new ArrayList<>();
        LocalDate d0 = LocalDate.of(2014, 10, 10);
        long span = d0.plusYears(years).toEpochDay() - d0.toEpochDay();
        for (int i = 0; i < n; i++) {
            d.add(d0.plusDays(Math.round(i * (double) span / (n - 1))));
        }
        return d;
    }

    /** Trend + annual + semi-annual + noise; {@code nanFraction} of the pixels miss 1–10 dates. */
    static float[] scene(List<LocalDate> dates, int npix, double nanFraction, long seed) {
        Random rnd = new Random(seed);
        int n = dates.size();
        double t0 = TimeFunctionModel.mintpyYears(dates.get(0));
        float[] y = new float[n * npix];
        for (int q = 0; q < npix; q++) {
            double rate = -0.02 + 0.03 * rnd.nextDouble();
            double a1 = 0.02 * rnd.nextDouble(), p1 = 2 * Math.PI * rnd.nextDouble();
            double a2 = 0.5 * a1 * rnd.nextDouble(), p2 = 2 * Math.PI * rnd.nextDouble();
            double noise = 0.001 + 0.005 * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                double t = TimeFunctionModel.mintpyYears(dates.get(i)) - t0;
                y[i * npix + q] = (float) (rate * t + a1 * Math.sin(2 * Math.PI * t + p1)
                        + a2 * Math.sin(4 * Math.PI * t + p2) + noise * rnd.nextGaussian());
            }
            if (rnd.nextDouble() < nanFraction) {
                for (int k = 1 + rnd.nextInt(10); k > 0; k--) {
                    y[rnd.nextInt(n) * npix + q] = Float.NaN;
                }
            }
        }
        return y;
    }

    @Test
    void timings() {
        int n = 150, npix = 30_000, p = 4;
        List<LocalDate> dates = dates(n, 8);
        float[] y = scene(dates, npix, 0.03, 42L);
        double[] design = TimeFunctionModel.linearAnnual().designMatrix(dates);
        SeasonalityClassifier sc = SeasonalityClassifier.permafrost(2, 0.2, 0.001);
        long sink = 0;
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 8; round++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int r = 0; r < 5; r++) {
                sink += Double.doubleToLongBits(new LinearBatchFitReference(design, n, p).fit(y, npix).params()[r]);
            }
            long t1 = CPU.getCurrentThreadCpuTime();
            for (int r = 0; r < 5; r++) {
                sink += Double.doubleToLongBits(new LinearBatchFit(design, n, p).fit(y, npix).params()[r]);
            }
            long t2 = CPU.getCurrentThreadCpuTime();
            sink += SeasonalityClassifierReference.classify(sc, dates, y, npix).extremaCount()[round];
            long t3 = CPU.getCurrentThreadCpuTime();
            sink += sc.classify(dates, y, npix).extremaCount()[round];
            long t4 = CPU.getCurrentThreadCpuTime();
            double[] us = {(t1 - t0) / 1e3 / 5 / npix, (t2 - t1) / 1e3 / 5 / npix, (t3 - t2) / 1e3 / npix,
                (t4 - t3) / 1e3 / npix};
            System.out.printf(Locale.ROOT, "round %d  LinearBatchFit.fit p=%d n=%d npix=%d: old %.3f µs/px, new %.3f µs/px"
                    + " | classify prominence 0.2: old %.3f µs/px, new %.3f µs/px%n", round, p, n, npix,
                    us[0], us[1], us[2], us[3]);
            for (int k = 0; k < 4; k++) {
                best[k] = Math.min(best[k], us[k]);
            }
        }
        System.out.printf(Locale.ROOT, "best of 8 rounds (CPU time): LinearBatchFit.fit old %.3f new %.3f µs/px (×%.1f);"
                + " classify old %.3f new %.3f µs/px (×%.1f)%n", best[0], best[1], best[0] / best[1], best[2], best[3],
                best[2] / best[3]);
        System.out.println("sink " + sink);
    }
}

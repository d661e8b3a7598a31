package org.permasar.permafrost.pecm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * CPU time per pixel of {@link PecmKappaProfile#estimate}, {@link PecmFit#fit} and {@link PecmForcing#gather}
 * against their reference implementations ({@link PecmReference}), interleaved in one JVM on a
 * {@link PecmScene}. Not a test: run by hand from the test classpath,
 * {@code java -cp <test-classes:classes:deps> org.permasar.permafrost.pecm.PecmFastPathBench [npix] [cells] [reps]}.
 */
public final class PecmFastPathBench {

    private PecmFastPathBench() {
    }

    public static void main(String[] args) {
        int npix = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int cells = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        PecmScene s = new PecmScene(cells, npix, 0, false, 7);
        PecmKappaProfile.Result prof = PecmKappaProfile.estimate(s.dd, s.y, s.refIndex);
        PecmForcing f = s.forcing(PecmScene.kappaOr(prof.ratio(), 1.2));
        int[] index = new int[npix];
        java.util.Random rnd = new java.util.Random(3);
        for (int q = 0; q < npix; q++) {
            index[q] = rnd.nextDouble() < 0.01 ? -1 : rnd.nextInt(npix);
        }
        String[] names = {"estimate ref", "estimate new", "fit ref", "fit new", "gather ref", "gather new"};
        @SuppressWarnings("unchecked")
        Supplier<Object>[] runs = new Supplier[] {
            () -> PecmReference.estimate(s.dd, s.y, s.refIndex),
            () -> PecmKappaProfile.estimate(s.dd, s.y, s.refIndex),
            () -> PecmReference.fit(f, s.y, s.refIndex),
            () -> PecmFit.fit(f, s.y, s.refIndex),
            () -> PecmReference.gather(f, index, PecmStatus.NO_VALID_LST),
            () -> f.gather(index, PecmStatus.NO_VALID_LST),
        };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] best = new double[runs.length];
        double[] sum = new double[runs.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        int counted = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (int k = 0; k < runs.length; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                Object r = runs[k].get();
                long t1 = mx.getCurrentThreadCpuTime();
                if (r == null) {
                    throw new IllegalStateException();
                }
                double us = (t1 - t0) / 1e3 / npix;
                best[k] = Math.min(best[k], us);
                if (rep >= reps / 3) {
                    sum[k] += us;
                }
            }
            counted += rep >= reps / 3 ? 1 : 0;
        }
        System.out.printf("npix %d, cells %d, %d dates, %d years, %d reps (mean over the last %d)%n", npix, cells,
                s.dd.dates(), s.dd.years(), reps, counted);
        for (int k = 0; k < runs.length; k++) {
            System.out.printf("  %-13s best %8.3f µs/pixel, mean %8.3f µs/pixel%n", names[k], best[k], sum[k] / counted);
        }
    }
}

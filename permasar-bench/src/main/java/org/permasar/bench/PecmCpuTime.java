package org.permasar.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU-time (not wall-time) companion of {@link PecmBench} for crowded machines: the thread CPU
 * time per operation does not count time the thread waited for a core.
 * Run: {@code java -cp permasar-bench/target/benchmarks.jar org.permasar.bench.PecmCpuTime [pixels]}.
 */
public final class PecmCpuTime {

    private PecmCpuTime() {
    }

    public static void main(String[] args) {
        PecmBench b = new PecmBench();
        b.pixels = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String what : new String[] {"fit", "buildAndFit"}) {
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 8; rep++) {
                long t0 = mx.getCurrentThreadCpuTime();
                Object r = what.equals("fit") ? b.fit() : b.buildAndFit();
                long t1 = mx.getCurrentThreadCpuTime();
                if (r == null) {
                    throw new IllegalStateException();
                }
                best = Math.min(best, (t1 - t0) / 1e9);
            }
            System.out.printf("%s: %d pixels, 150 dates: best CPU time %.4f s -> %.3g pixels/s per core%n",
                    what, b.pixels, best, b.pixels / best);
        }
    }
}

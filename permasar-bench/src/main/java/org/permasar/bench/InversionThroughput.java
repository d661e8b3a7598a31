package org.permasar.bench;

import org.permasar.inversion.InversionInput;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.InversionResult;
import org.permasar.inversion.ParallelInversion;
import org.permasar.network.Network;

/**
 * Prints SBAS inversion throughput (pixels/s) per method on a realistic network.
 * Usage: {@code java -cp benchmarks.jar org.permasar.bench.InversionThroughput [pixels] [threads] [dates] [neighbours]}
 * (defaults 30000 pixels, all cores, 145 dates, 5 neighbours = 810 pairs).
 */
public final class InversionThroughput {
    private InversionThroughput() {
    }

    public static void main(String[] args) {
        int npix = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int dates = args.length > 2 ? Integer.parseInt(args[2]) : 145;
        int neighbours = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Network net = InversionStacks.network(dates, neighbours);
        float[][] full = InversionStacks.block(net, npix, 0.0, 1L);
        float[][] gappy = InversionStacks.block(net, npix, 0.02, 2L);
        System.out.printf("network: %s; %d pixels; %d threads%n", net, npix, threads);
        String[][] cases = {{"l2", "no"}, {"svd", "no"}, {"wls", "var"}, {"wls", "no"}, {"l1", "no"}, {"nsbas", "no"}};
        for (String[] c : cases) {
            InversionParameters prm = InversionParameters.of(c[0]).withWeight(
                    org.permasar.inversion.WeightFunction.byName(c[1])).withLooks(5);
            for (float[][] blk : new float[][][] {full, gappy}) {
                InversionInput in = InversionInput.of(blk[0], blk[1], npix);
                ParallelInversion.invert(net, prm, in, threads); // warm-up
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                InversionResult r = ParallelInversion.invert(net, prm, in, threads);
                double s = (System.nanoTime() - t0) * 1e-9;
                double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
                // with 1 thread the work runs on this thread: CPU time is robust to a loaded machine
                String cpuRate = threads == 1 ? String.format("%10.0f px/cpu-s", npix / cpu) : "";
                System.out.printf("%-6s w=%-4s %-10s %10.0f px/s wall %s (%.2f s, tcoh[0]=%.3f)%n", c[0], c[1],
                        blk == full ? "all-valid" : "2%-NaN", npix / s, cpuRate, s, r.temporalCoherence()[0]);
            }
        }
    }
}

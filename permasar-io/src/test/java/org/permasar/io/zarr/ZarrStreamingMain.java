package org.permasar.io.zarr;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.stack.BlockPlanner;

/**
 * Child-process program for {@link ZarrStreamingTest}: writes the {@link ZarrTestCube} block
 * by block with a {@link BlockPlanner} plan (optionally "crashing" with {@code Runtime.halt}
 * after some blocks), commits, then reads every window back and prints the worst error.
 *
 * <p>Arguments: {@code dir rows cols layers budgetBytes crashAfterBlocks(-1 = never)}.
 */
public final class ZarrStreamingMain {
    private ZarrStreamingMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]), cols = Integer.parseInt(args[2]), layers = Integer.parseInt(args[3]);
        long budget = Long.parseLong(args[4]);
        int crashAfter = Integer.parseInt(args[5]);
        GridGeometry g = ZarrTestCube.grid(rows, cols);
        List<Window> plan = new BlockPlanner(budget, 1).plan(g, layers * 4L);
        System.out.println("heap " + Runtime.getRuntime().maxMemory() + " cube " + 4L * layers * rows * cols);
        long t0 = System.nanoTime();
        int written = 0, blocks = 0;
        try (ZarrCubeWriter w = ZarrCubeWriter.create(dir, g, Map.of("FILE_TYPE", "timeseries"),
                List.of(ZarrArraySpec.forPlan("timeseries", layers, plan)))) {
            List<Window> todo = w.pending("timeseries", plan);
            System.out.println("pending " + todo.size() + " of " + plan.size());
            for (Window win : todo) {
                written += w.writeBlock("timeseries", win, ZarrTestCube.block(win, layers));
                if (++blocks == crashAfter) {
                    System.out.println("crash after " + blocks);
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
            w.commit();
        }
        double writeS = (System.nanoTime() - t0) * 1e-9;
        System.out.println("written " + written);
        long t1 = System.nanoTime();
        double worst = 0;
        try (ZarrCube z = ZarrCube.open(dir)) {
            for (Window win : plan) {
                worst = Math.max(worst, ZarrTestCube.maxError(win, layers, z.read("timeseries", win)));
            }
        }
        double readS = (System.nanoTime() - t1) * 1e-9;
        double mb = 4.0 * layers * rows * cols / 1e6;
        System.out.printf("write %.2f s (%.0f MB/s), read %.2f s (%.0f MB/s)%n", writeS, mb / writeS, readS, mb / readS);
        System.out.println("maxError " + worst);
    }
}

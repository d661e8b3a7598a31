package org.permasar.sim;

import org.permasar.stack.BlockPlanner;

/**
 * Child-JVM entry of {@link SmallHeapSimulationTest}: streams a scene of {@code ROWS × COLS} px
 * (the demo's calendar: 150 dates, 564 pairs per track) into a sink that only checksums it,
 * with the heap-derived default planner, and prints "OK bands checksum".
 */
public final class SmallHeapSimulationMain {
    private SmallHeapSimulationMain() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]);
        SceneSpec spec = SceneSpec.small().withSize(rows, cols);
        double[] sum = new double[1];
        int[] bands = new int[1];
        SceneSimulator.stream(spec, BlockPlanner.forThreads(1), new SceneSink() {
            @Override
            public void begin(SceneStream scene) {
                // nothing to write
            }

            @Override
            public void block(SceneBlock b) {
                bands[0]++;
                for (TrackBlock t : b.tracks()) {
                    for (float v : t.unwrapPhase()) {
                        sum[0] += Float.isNaN(v) ? 0 : v;
                    }
                }
            }

            @Override
            public void end(SceneStream scene) {
                // nothing to finish
            }
        });
        System.out.println("OK " + bands[0] + " " + sum[0]);
    }
}

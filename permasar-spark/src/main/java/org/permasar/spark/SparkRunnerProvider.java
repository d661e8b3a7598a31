package org.permasar.spark;

import org.permasar.pipeline.block.BlockRunnerProvider;
import org.permasar.stack.BlockPlanner;

/** {@code --engine spark}: registered in {@code META-INF/services} for {@link java.util.ServiceLoader}. */
public final class SparkRunnerProvider implements BlockRunnerProvider {
    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public Session open(String master, BlockPlanner planner) {
        return SparkBlockRunner.start(master, planner);
    }
}

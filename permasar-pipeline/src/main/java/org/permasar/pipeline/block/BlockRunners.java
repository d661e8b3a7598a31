package org.permasar.pipeline.block;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.permasar.engine.BlockEngine;
import org.permasar.io.sink.BlockSink;

/**
 * Chooses the engine of a run by name: {@code local} is the in-process {@link LocalBlockRunner};
 * any other name is looked up among the {@link BlockRunnerProvider}s on the class path.
 */
public final class BlockRunners {
    /** Name of the in-process engine. */
    public static final String LOCAL = "local";

    private BlockRunners() {
    }

    /**
     * Opens the engine called {@code engine}.
     *
     * @param engine {@code local} or the name of a provider (e.g. {@code spark})
     * @param master where a cluster engine runs (ignored by {@code local})
     * @param local  threads, block planner and progress of this process; cluster engines take
     *               its planner so that their blocks are the local run's blocks
     * @throws IllegalArgumentException when no provider of that name is on the class path (one
     *                                  line that says how to get it)
     * @throws IOException              when the engine cannot start
     */
    public static BlockRunnerProvider.Session open(String engine, String master, BlockEngine local)
            throws IOException {
        if (engine == null || LOCAL.equals(engine)) {
            LocalBlockRunner runner = new LocalBlockRunner(local);
            return new BlockRunnerProvider.Session() {
                @Override
                public void run(BlockJob job, Map<String, BlockSink> sinks) throws IOException {
                    runner.run(job, sinks);
                }

                @Override
                public void close() {
                }
            };
        }
        return provider(engine).open(master, local.planner());
    }

    /**
     * Checks that engine {@code engine} can be opened here, without starting it.
     *
     * @throws IllegalArgumentException as {@link #open} does
     */
    public static void require(String engine) {
        if (engine != null && !LOCAL.equals(engine)) {
            provider(engine);
        }
    }

    private static BlockRunnerProvider provider(String engine) {
        List<String> found = new ArrayList<>();
        for (BlockRunnerProvider p : ServiceLoader.load(BlockRunnerProvider.class)) {
            if (p.engine().equals(engine)) {
                return p;
            }
            found.add(p.engine());
        }
        found.add(0, LOCAL);
        throw new IllegalArgumentException("engine \"" + engine + "\" is not on the class path (engines here: "
                + String.join(", ", found) + "); for spark run org.permasar.spark.Main from permasar-spark or spark-submit "
                + "its application jar");
    }
}

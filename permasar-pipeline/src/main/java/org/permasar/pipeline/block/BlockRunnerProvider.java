package org.permasar.pipeline.block;

import java.io.Closeable;
import java.io.IOException;
import org.permasar.stack.BlockPlanner;

/**
 * A cluster engine for {@link BlockJob}s, found at run time with {@link java.util.ServiceLoader}
 * so that the command line can offer {@code --engine spark} without depending on Spark: the
 * module {@code permasar-spark} lists its provider in
 * {@code META-INF/services/org.permasar.pipeline.block.BlockRunnerProvider}. Look providers up
 * through {@link BlockRunners#open}.
 */
public interface BlockRunnerProvider {

    /** Engine name as the user types it after {@code --engine}, e.g. {@code spark}. */
    String engine();

    /**
     * Starts the engine.
     *
     * @param master  where to run, in the engine's own syntax (Spark: {@code local[*]},
     *                {@code local[2,3]}, {@code spark://host:7077})
     * @param planner the block plan of the local run, so that every engine cuts the same blocks
     * @throws IOException when the engine cannot start
     */
    Session open(String master, BlockPlanner planner) throws IOException;

    /** A started engine: runs any number of jobs, then {@link #close()} stops it. */
    interface Session extends BlockRunner, Closeable {
    }
}

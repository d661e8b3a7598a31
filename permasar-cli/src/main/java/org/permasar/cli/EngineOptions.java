package org.permasar.cli;

import java.io.IOException;
import java.util.function.Supplier;
import org.permasar.engine.BlockEngine;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.BlockRunnerProvider;
import org.permasar.pipeline.block.BlockRunners;
import picocli.CommandLine.Option;

/**
 * {@code --engine} and {@code --master} of the commands whose steps run as block jobs
 * ({@code invert}, {@code fit}, {@code run}). The Spark engine is not a dependency of the command line: it is
 * found at run time ({@link BlockRunners}) when the {@code permasar-spark} launcher or application
 * jar is on the class path.
 */
public final class EngineOptions {
    @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
            description = "Where the blocks are computed: local (this process, default) or spark "
                    + "(needs the permasar-spark launcher or application jar).")
    String engine = BlockRunners.LOCAL;

    @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
            description = "Spark master for --engine spark: local[N], local[N,RETRIES], spark://HOST:PORT "
                    + "(default: ${DEFAULT-VALUE}; spark-submit's master wins).")
    String master = "local[*]";

    /** A step run with a block runner; {@code runner} null means the step's own in-process runner. */
    @FunctionalInterface
    public interface Body<T> {
        T run(BlockRunner runner) throws IOException;
    }

    /** The in-process engine, as if no option were given. */
    public static EngineOptions local() {
        return new EngineOptions();
    }

    public boolean isLocal() {
        return engine == null || BlockRunners.LOCAL.equals(engine);
    }

    /**
     * Fails early, before any work, when the engine is not on the class path.
     *
     * @throws IllegalArgumentException one line naming the engine and what to run instead
     */
    public void check() {
        BlockRunners.require(engine);
    }

    /**
     * Runs {@code body} on the chosen engine: with a null runner for {@code local}, else with a
     * runner started for this step (cutting the blocks of {@code local}'s planner) and stopped after it.
     */
    public <T> T run(Supplier<BlockEngine> local, Body<T> body) throws IOException {
        if (isLocal()) {
            return body.run(null);
        }
        try (BlockRunnerProvider.Session s = BlockRunners.open(engine, master, local.get())) {
            return body.run(s);
        }
    }
}

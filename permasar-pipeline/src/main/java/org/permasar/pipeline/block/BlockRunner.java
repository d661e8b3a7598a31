package org.permasar.pipeline.block;

import java.io.IOException;
import java.util.Map;
import org.permasar.io.sink.BlockSink;

/**
 * An engine that runs a {@link BlockJob}: cuts the grid into blocks, computes each with the job's
 * kernel and writes every output block into the sink of its product. Implementations: the
 * in-process {@link LocalBlockRunner}; the Spark backend (module {@code permasar-spark}).
 *
 * <p>The caller opens the sinks (one per {@link BlockJob#products() product}, with the job's
 * datasets already {@link BlockSink#create created}) and commits them after {@code run} returns;
 * on an exception it closes them without commit, so nothing half-written is left.
 */
public interface BlockRunner {

    /**
     * Computes every block of {@code job} and writes it to {@code sinks.get(output.product())}.
     *
     * @throws IOException when reading inputs or writing outputs fails
     */
    void run(BlockJob job, Map<String, BlockSink> sinks) throws IOException;
}

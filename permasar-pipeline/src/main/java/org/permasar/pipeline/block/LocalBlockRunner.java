package org.permasar.pipeline.block;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;

/**
 * Runs a {@link BlockJob} in this process on the {@link BlockEngine}'s threads and memory budget:
 * one {@link BlockKernel.Worker} per thread, blocks in row-major order, each output block written
 * to its product's sink as soon as it is computed.
 */
public final class LocalBlockRunner implements BlockRunner {
    private final BlockEngine engine;

    public LocalBlockRunner(BlockEngine engine) {
        this.engine = engine;
    }

    @Override
    public void run(BlockJob job, Map<String, BlockSink> sinks) throws IOException {
        for (String p : job.products()) {
            if (!sinks.containsKey(p)) {
                throw new IllegalArgumentException("no sink for product " + p + " of step " + job.name());
            }
        }
        List<BlockKernel.Worker> workers = Collections.synchronizedList(new ArrayList<>());
        try {
            engine.run(job.name(), job.grid().rows(), job.grid().cols(), job.bytesPerPixel(), () -> {
                try {
                    BlockKernel.Worker w = job.kernel().open();
                    workers.add(w);
                    return w;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, (Window w, BlockKernel.Worker worker) -> write(job, sinks, w, worker.compute(w)));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            IOException first = null;
            for (BlockKernel.Worker w : workers) {
                try {
                    w.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Writes one computed window to the sinks, checking that the kernel returned every output (for every engine). */
    public static void write(BlockJob job, Map<String, BlockSink> sinks, Window w, Map<String, float[]> values)
            throws IOException {
        for (BlockOutput o : job.outputs()) {
            float[] v = values.get(o.dataset().name());
            long need = (long) o.layers() * w.size();
            if (v == null || v.length < need) {
                throw new IllegalStateException("step " + job.name() + ": kernel returned " + (v == null ? "nothing"
                        : v.length + " values") + " for " + o.dataset().name() + " over " + w + ", need " + need);
            }
            sinks.get(o.product()).writeBlock(o.dataset().name(), w, v);
        }
    }
}

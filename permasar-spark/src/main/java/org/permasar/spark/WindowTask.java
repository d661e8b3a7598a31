package org.permasar.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockKernel;

/**
 * What one Spark task does on its executor: opens the job's kernel worker, computes the windows of
 * its partition (one window per partition: a partition is a block of the plan) and writes each
 * into the {@link WindowStore}. Only small {@link Result}s go back to the driver, never values.
 */
final class WindowTask implements FlatMapFunction<Iterator<Integer>, WindowTask.Result> {
    private static final long serialVersionUID = 1L;

    /** Timing of one window on its executor; {@code endMillis} by the executor's clock. */
    record Result(int index, long computeNanos, long writeNanos, long bytes, long endMillis) implements Serializable {
    }

    private final BlockJob job;
    private final WindowStore store;

    WindowTask(BlockJob job, WindowStore store) {
        this.job = job;
        this.store = store;
    }

    @Override
    public Iterator<Result> call(Iterator<Integer> indices) throws Exception {
        List<Result> out = new ArrayList<>();
        if (!indices.hasNext()) {
            return out.iterator();
        }
        try (BlockKernel.Worker worker = job.kernel().open()) {
            while (indices.hasNext()) {
                int i = indices.next();
                if (store.isDone(i)) {
                    continue; // an earlier attempt of this task got this far
                }
                long t0 = System.nanoTime();
                Map<String, float[]> values = worker.compute(store.plan().get(i));
                long t1 = System.nanoTime();
                long bytes = store.write(i, values);
                out.add(new Result(i, t1 - t0, System.nanoTime() - t1, bytes, System.currentTimeMillis()));
            }
        }
        return out.iterator();
    }
}

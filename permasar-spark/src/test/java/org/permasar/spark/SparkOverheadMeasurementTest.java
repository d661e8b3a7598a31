package org.permasar.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

/**
 * Cost of Spark over the in-process runner for the same closed-form job (2000 × 2000 px, 5 layers
 * and a plane, Zarr product), 2 threads against {@code local[2]}, for a few block sizes. A
 * measurement, not a check: runs only with {@code -Dpermasar.measure=true} and prints its table.
 */
class SparkOverheadMeasurementTest {

    @Test
    void measure(@TempDir Path dir) throws IOException {
        assumeTrue(Boolean.getBoolean("permasar.measure"), "measurement: run with -Dpermasar.measure=true");
        GridGeometry grid = BlockJobs.grid(2000, 2000);
        long t0 = System.nanoTime();
        try (SparkBlockRunner spark = SparkBlockRunner.start("local[2]", BlockPlanner.defaults())) {
            System.out.printf(Locale.ROOT, "Spark context start: %.2f s%n", (System.nanoTime() - t0) / 1e9);
            for (int bandRows : new int[] {200, 20, 2}) {
                BlockEngine engine = new BlockEngine(new BlockPlanner(bandRows * 2000L * BlockJobs.BYTES_PER_PIXEL, 1), 2,
                        Progress.NONE);
                BlockJob job = BlockJobs.job(grid, engine.planner(), new FormulaKernel(BlockJobs.LAYERS));
                SparkBlockRunner runner = new SparkBlockRunner(spark.context(), engine.planner());
                double local = 0, onSpark = 0;
                for (int rep = 0; rep < 2; rep++) { // first round warms up the JIT; the second is reported
                    long a = System.nanoTime();
                    BlockJobs.run(new LocalBlockRunner(engine), job, dir.resolve("l" + bandRows + "-" + rep + ".zarr"));
                    long b = System.nanoTime();
                    BlockJobs.run(runner, job, dir.resolve("s" + bandRows + "-" + rep + ".zarr"));
                    long c = System.nanoTime();
                    local = (b - a) / 1e9;
                    onSpark = (c - b) / 1e9;
                }
                SparkBlockRunner.RunStats s = runner.lastRun();
                // a slot's time not spent computing or writing its block: scheduling, (de)serialisation, worker open
                double perTaskMs = (2.0 * s.sparkNanos() - s.taskComputeNanos() - s.taskWriteNanos()) / 1e6 / s.windows();
                System.out.printf(Locale.ROOT, "bands of %4d rows: %4d blocks  local %.2f s  spark %.2f s  ratio %.2f  "
                        + "(Spark phase %.2f s, driver stream to sink %.2f s, tasks: compute %.2f s, scratch write %.2f s; "
                        + "overhead per task %.1f ms of a slot)%n", bandRows, s.windows(), local, onSpark, onSpark / local,
                        s.sparkNanos() / 1e9, s.streamNanos() / 1e9, s.taskComputeNanos() / 1e9, s.taskWriteNanos() / 1e9,
                        perTaskMs);
            }
        }
    }
}

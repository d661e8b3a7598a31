package org.permasar.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.zarr.ZarrCube;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.BlockRunnerProvider;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

/** The Spark runner writes the same bytes as the local one, through retries and driver restarts. */
class SparkBlockRunnerTest {
    /** 3 task slots, 2 attempts per task. */
    private static final String MASTER = "local[3,2]";
    private static SparkBlockRunner spark;

    @BeforeAll
    static void start() {
        spark = SparkBlockRunner.start(MASTER, BlockPlanner.defaults());
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** Local (2 threads) and Spark runs of {@code kernel} with the same blocks: the two committed stores, local first. */
    private static Path[] localAndSpark(Path dir, GridGeometry grid, BlockPlanner planner, BlockKernel kernel)
            throws IOException {
        BlockEngine engine = new BlockEngine(planner, 2, Progress.NONE);
        BlockJob job = BlockJobs.job(grid, engine.planner(), kernel);
        Path local = BlockJobs.run(new LocalBlockRunner(engine), job, dir.resolve("local/out.zarr"));
        Path sp = BlockJobs.run(new SparkBlockRunner(spark.context(), engine.planner()), job,
                dir.resolve("spark/out.zarr"));
        return new Path[] {local, sp};
    }

    @Test
    void everyPlanGivesTheLocalBytes(@TempDir Path dir) throws IOException {
        GridGeometry grid = BlockJobs.grid(37, 60);
        // 2 bands (one per local thread), 5-row bands with a short last one, 1-row bands,
        // single-row pieces of 42 columns with a short last piece
        for (long budget : new long[] {1L << 20, 8_000, 2_000, 1_024}) {
            BlockPlanner planner = new BlockPlanner(budget, 1);
            Path[] out = localAndSpark(dir.resolve("b" + budget), grid, planner, new FormulaKernel(BlockJobs.LAYERS));
            BlockJobs.assertSameBytes(out[0], out[1]);
            try (ZarrCube z = ZarrCube.open(out[1])) {
                float[] all = z.read("cube", Window.of(grid));
                assertThat(Float.floatToRawIntBits(all[2 * 37 * 60 + 5 * 60 + 7]))
                        .isEqualTo(Float.floatToRawIntBits(FormulaKernel.cube(2, 5, 7)));
            }
            try (Stream<Path> left = Files.list(out[1].getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).as("scratch store removed").containsExactly("out.zarr");
            }
        }
    }

    /** Throws on the first attempt of the task computing the window at row {@code failRow}. */
    record FlakyKernel(int failRow) implements BlockKernel {
        @Override
        public Worker open() {
            Worker inner = new FormulaKernel(BlockJobs.LAYERS).open();
            return new Worker() {
                @Override
                public Map<String, float[]> compute(Window w) throws IOException {
                    if (w.row0() == failRow && TaskContext.get().attemptNumber() == 0) {
                        throw new IOException("injected failure at " + w);
                    }
                    return inner.compute(w);
                }

                @Override
                public void close() throws IOException {
                    inner.close();
                }
            };
        }
    }

    @Test
    void aRetriedTaskGivesTheSameBytes(@TempDir Path dir) throws IOException {
        GridGeometry grid = BlockJobs.grid(40, 30);
        BlockPlanner planner = new BlockPlanner(4L * 30 * BlockJobs.BYTES_PER_PIXEL, 1); // 4-row bands
        BlockJob job = BlockJobs.job(grid, planner, new FlakyKernel(8));
        Path local = BlockJobs.run(new LocalBlockRunner(new BlockEngine(planner, 1, Progress.NONE)),
                BlockJobs.job(grid, planner, new FormulaKernel(BlockJobs.LAYERS)), dir.resolve("local/out.zarr"));
        SparkBlockRunner runner = new SparkBlockRunner(spark.context(), planner);
        Path sp = BlockJobs.run(runner, job, dir.resolve("spark/out.zarr"));
        BlockJobs.assertSameBytes(local, sp);
        assertThat(runner.lastRun().windows()).isEqualTo(10);
        assertThat(runner.lastRun().computed()).isEqualTo(10);
    }

    /**
     * Fails every attempt of the window at row {@code failRow} while {@code flag} exists: the job
     * fails as a killed driver would leave it; the same kernel after the flag is gone succeeds.
     */
    record FailWhileFlagKernel(int failRow, String flag) implements BlockKernel {
        @Override
        public Worker open() {
            Worker inner = new FormulaKernel(BlockJobs.LAYERS).open();
            return new Worker() {
                @Override
                public Map<String, float[]> compute(Window w) throws IOException {
                    if (w.row0() == failRow && Files.exists(Path.of(flag))) {
                        throw new IOException("injected failure at " + w);
                    }
                    return inner.compute(w);
                }

                @Override
                public void close() throws IOException {
                    inner.close();
                }
            };
        }
    }

    @Test
    void aStoppedRunResumesWithoutRecomputingDoneBlocks(@TempDir Path dir) throws IOException {
        GridGeometry grid = BlockJobs.grid(40, 30);
        BlockPlanner planner = new BlockPlanner(4L * 30 * BlockJobs.BYTES_PER_PIXEL, 1); // 10 bands
        Path flag = Files.createFile(dir.resolve("fail"));
        BlockJob job = BlockJobs.job(grid, planner, new FailWhileFlagKernel(36, flag.toString()));
        SparkBlockRunner runner = new SparkBlockRunner(spark.context(), planner);
        Path target = dir.resolve("spark/out.zarr");
        assertThatThrownBy(() -> BlockJobs.run(runner, job, target)).isInstanceOf(IOException.class)
                .hasMessageContaining("kept in").hasStackTraceContaining("injected failure");
        Path scratch = dir.resolve("spark/.formula.spark-blocks.partial-zarr");
        long done = countFiles(scratch.resolve(".done"));
        // the last band is launched only when an earlier task finished, so some blocks are done
        assertThat(done).isBetween(1L, 9L);
        assertThat(target).doesNotExist();

        Files.delete(flag);
        BlockJobs.run(runner, job, target);
        assertThat(runner.lastRun().computed()).as("blocks computed by the rerun").isEqualTo(10 - done);
        Path local = BlockJobs.run(new LocalBlockRunner(new BlockEngine(planner, 1, Progress.NONE)),
                BlockJobs.job(grid, planner, new FormulaKernel(BlockJobs.LAYERS)), dir.resolve("local/out.zarr"));
        BlockJobs.assertSameBytes(local, target);
        assertThat(scratch).doesNotExist();
    }

    @Test
    void aStoreOfAnotherJobIsNotReused(@TempDir Path dir) throws IOException {
        GridGeometry grid = BlockJobs.grid(12, 20);
        BlockPlanner planner = new BlockPlanner(3L * 20 * BlockJobs.BYTES_PER_PIXEL, 1); // 3-row bands
        BlockJob three = BlockJobs.job(grid, planner, new FormulaKernel(BlockJobs.LAYERS));
        Path scratch = dir.resolve(".formula.spark-blocks");
        WindowStore stale = WindowStore.open(scratch, BlockJobs.job(grid, planner, new FlakyKernel(3)),
                planner.plan(grid, BlockJobs.BYTES_PER_PIXEL));
        stale.write(0, new FormulaKernel(BlockJobs.LAYERS).open().compute(stale.plan().get(0)));
        assertThat(stale.pending()).hasSize(3);
        WindowStore fresh = WindowStore.open(scratch, three, planner.plan(grid, BlockJobs.BYTES_PER_PIXEL));
        assertThat(fresh.pending()).hasSize(4);
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        List<String> engines = java.util.ServiceLoader.load(BlockRunnerProvider.class).stream()
                .map(p -> p.get().engine()).toList();
        assertThat(engines).containsExactly("spark");
    }

    private static long countFiles(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

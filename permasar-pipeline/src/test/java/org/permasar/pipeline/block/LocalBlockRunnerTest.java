package org.permasar.pipeline.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.io.zarr.ZarrBlockSink;
import org.permasar.io.zarr.ZarrCube;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

/** A kernel whose every output value is a closed form of its pixel, run through small and large blocks. */
class LocalBlockRunnerTest {

    /** layer k of pixel (r, c) = 1000·k + 10·r + c; plane = r − c. */
    record Formula(int layers) implements BlockKernel {
        @Override
        public Worker open() {
            return new Worker() {
                @Override
                public Map<String, float[]> compute(Window w) {
                    float[] cube = new float[layers * w.size()];
                    float[] plane = new float[w.size()];
                    for (int r = 0; r < w.rows(); r++) {
                        for (int c = 0; c < w.cols(); c++) {
                            int p = r * w.cols() + c;
                            for (int k = 0; k < layers; k++) {
                                cube[k * w.size() + p] = 1000f * k + 10f * (w.row0() + r) + (w.col0() + c);
                            }
                            plane[p] = (w.row0() + r) - (w.col0() + c);
                        }
                    }
                    return Map.of("cube", cube, "plane", plane);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void everyBlockPlanWritesTheSameClosedForm(@TempDir Path dir) throws IOException {
        int rows = 37, cols = 23, layers = 5;
        GridGeometry grid = new GridGeometry(rows, cols, new GeoTransform(0, 1, 0, 0, 0, -1), 0, Double.NaN, null);
        for (long budget : new long[] {2_000, 20_000, 1L << 20}) {
            BlockEngine engine = new BlockEngine(new BlockPlanner(budget, 1), 2, Progress.NONE);
            // Zarr needs windows of whole chunks: chunk rows = the plan's band height
            List<Window> plan = engine.planner().plan(rows, cols, 4L * (layers + 1));
            int bandRows = plan.get(0).rows();
            int chunkCols = plan.get(0).cols();
            DatasetSpec cube = new DatasetSpec("cube", SinkDataType.FLOAT32, new int[] {layers, rows, cols},
                    new int[] {layers, bandRows, chunkCols}, 1, Double.NaN, Map.of());
            DatasetSpec plane = new DatasetSpec("plane", SinkDataType.FLOAT32, new int[] {rows, cols},
                    new int[] {bandRows, chunkCols}, 1, Double.NaN, Map.of());
            BlockJob job = new BlockJob("formula", grid, 4L * (layers + 1),
                    List.of(new BlockOutput("out.zarr", cube), new BlockOutput("out.zarr", plane)), new Formula(layers));
            Path target = dir.resolve("b" + budget + ".zarr");
            try (BlockSink sink = ZarrBlockSink.open(target, grid, Map.of())) {
                sink.create(cube);
                sink.create(plane);
                new LocalBlockRunner(engine).run(job, Map.of("out.zarr", sink));
                sink.commit();
            }
            try (ZarrCube z = ZarrCube.open(target)) {
                float[] all = z.read("cube", Window.of(grid));
                for (int k = 0; k < layers; k++) {
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            assertThat(all[k * rows * cols + r * cols + c]).isEqualTo(1000f * k + 10f * r + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aKernelThatForgetsAnOutputIsAnError() {
        GridGeometry grid = new GridGeometry(4, 4, new GeoTransform(0, 1, 0, 0, 0, -1), 0, Double.NaN, null);
        DatasetSpec plane = new DatasetSpec("plane", SinkDataType.FLOAT32, new int[] {4, 4}, null, 0, Double.NaN, Map.of());
        BlockJob job = new BlockJob("forgetful", grid, 8, List.of(new BlockOutput("x.h5", plane)),
                () -> new BlockKernel.Worker() {
                    @Override
                    public Map<String, float[]> compute(Window w) {
                        return Map.of();
                    }

                    @Override
                    public void close() {
                    }
                });
        assertThatThrownBy(() -> LocalBlockRunner.write(job, Map.of(), Window.of(grid), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plane");
    }
}

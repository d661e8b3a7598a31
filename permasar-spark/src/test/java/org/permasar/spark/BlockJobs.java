package org.permasar.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.io.zarr.ZarrBlockSink;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.BlockOutput;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.stack.BlockPlanner;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: a cube-and-plane job on a Zarr product chunked like the plan, and byte-for-byte store comparison. */
final class BlockJobs {
    static final long BYTES_PER_PIXEL = 4L * 6;
    static final int LAYERS = 5;

    private BlockJobs() {
    }

    static GridGeometry grid(int rows, int cols) {
        return new GridGeometry(rows, cols, new GeoTransform(0, 1, 0, 0, 0, -1), 0, Double.NaN, null);
    }

    /** The job of {@code kernel} over {@code grid}: cube (LAYERS) and plane in out.zarr, chunked as {@code planner}'s plan. */
    static BlockJob job(GridGeometry grid, BlockPlanner planner, BlockKernel kernel) {
        List<Window> plan = planner.plan(grid, BYTES_PER_PIXEL);
        int cr = plan.get(0).rows(), cc = plan.get(0).cols();
        DatasetSpec cube = new DatasetSpec("cube", SinkDataType.FLOAT32, new int[] {LAYERS, grid.rows(), grid.cols()},
                new int[] {LAYERS, cr, cc}, 1, Double.NaN, Map.of("UNIT", "m"));
        DatasetSpec plane = new DatasetSpec("plane", SinkDataType.FLOAT32, new int[] {grid.rows(), grid.cols()},
                new int[] {cr, cc}, 1, Double.NaN, Map.of());
        return new BlockJob("formula", grid, BYTES_PER_PIXEL,
                List.of(new BlockOutput("out.zarr", cube), new BlockOutput("out.zarr", plane)), kernel);
    }

    /** Runs {@code job} with {@code runner} into {@code target} (a Zarr store) and commits it. */
    static Path run(BlockRunner runner, BlockJob job, Path target) throws IOException {
        try (BlockSink sink = ZarrBlockSink.open(target, job.grid(), Map.of("FILE_TYPE", "test"))) {
            for (BlockOutput o : job.outputs()) {
                sink.create(o.dataset());
            }
            runner.run(job, Map.of("out.zarr", sink));
            return sink.commit();
        }
    }

    /** Every file of store {@code b} exists in {@code a} with the same bytes, and the other way round. */
    static void assertSameBytes(Path a, Path b) throws IOException {
        List<Path> fa = files(a), fb = files(b);
        assertThat(fb).as("files of %s vs %s", b, a).isEqualTo(fa);
        for (Path rel : fa) {
            assertThat(Files.readAllBytes(b.resolve(rel))).as("bytes of %s", rel).isEqualTo(Files.readAllBytes(a.resolve(rel)));
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

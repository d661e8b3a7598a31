package org.permasar.pipeline.block;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

/**
 * A block job whose outputs are 2-D maps kept whole in memory ({@link MemoryBlockSink}) and written by the
 * step afterwards with the whole-array writers of its products (GeoTIFFs of the product steps). Stateless.
 */
public final class MapJob {
    private MapJob() {
    }

    /**
     * Runs {@code kernel} over {@code grid}, one plane per name of {@code names}, on {@code runner}, or in
     * this process on all cores with the heap-derived block memory when {@code runner} is null.
     *
     * @param step          step name (progress, errors)
     * @param product       the file the caller will write (names the sink; nothing is written there)
     * @param bytesPerPixel working memory of one pixel inside a block
     * @return the committed sink, every plane complete
     */
    public static MemoryBlockSink run(String step, List<String> names, BlockKernel kernel, GridGeometry grid, Path product,
                                      BlockRunner runner, Progress progress, long bytesPerPixel) throws IOException {
        String file = product.getFileName().toString();
        MemoryBlockSink maps = new MemoryBlockSink(product, grid);
        List<BlockOutput> outputs = new ArrayList<>();
        for (String name : names) {
            BlockOutput o = new BlockOutput(file, DatasetSpec.plane(name, grid.rows(), grid.cols()));
            outputs.add(o);
            maps.create(o.dataset());
        }
        int threads = Runtime.getRuntime().availableProcessors();
        BlockRunner r = runner != null ? runner
                : new LocalBlockRunner(new BlockEngine(BlockPlanner.forMemoryMb(0, threads), threads, progress));
        r.run(new BlockJob(step, grid, bytesPerPixel, outputs, kernel), Map.of(file, maps));
        maps.commit();
        return maps;
    }

    /** Class or flag codes (0–255 stored as floats by a kernel) back as bytes. */
    public static byte[] codes(float[] values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) values[k];
        }
        return b;
    }

    /** Class or flag codes as the floats a kernel returns. */
    public static float[] floats(byte[] codes) {
        float[] f = new float[codes.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = codes[k];
        }
        return f;
    }
}

package org.permasar.pipeline.block;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.permasar.grid.GridGeometry;

/**
 * A step prepared on the driver and ready to run block by block: its grid, the working memory
 * one pixel of a block needs (inputs + outputs + scratch, for the block planner), the gridded
 * outputs it writes, and the kernel that computes them. Immutable and serialisable; engines
 * ({@link BlockRunner}) decide the blocks and where they run.
 *
 * @param name          step name shown by progress reporting (e.g. {@code invert})
 * @param grid          grid of every output
 * @param bytesPerPixel working memory of one pixel inside a block
 * @param outputs       gridded datasets written by the kernel, in creation order
 * @param kernel        the per-block computation
 */
public record BlockJob(String name, GridGeometry grid, long bytesPerPixel, List<BlockOutput> outputs, BlockKernel kernel)
        implements Serializable {
    public BlockJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(kernel, "kernel");
        if (bytesPerPixel <= 0) {
            throw new IllegalArgumentException("bytesPerPixel must be > 0, got " + bytesPerPixel);
        }
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a block job writes at least one output");
        }
    }

    /** Distinct product file names, in first-use order. */
    public List<String> products() {
        return outputs.stream().map(BlockOutput::product).distinct().toList();
    }
}

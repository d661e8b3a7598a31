package org.permasar.pipeline.block;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import org.permasar.grid.Window;

/**
 * The per-block work of a step, in a form any engine can schedule: the in-process
 * {@link LocalBlockRunner} on threads, or a cluster engine on executors (MintPy's Dask path calls
 * its patch function the same way). A kernel is a small serialisable value (parameters, input
 * paths, the few per-step constants computed on the driver such as the reference pixel's phase);
 * each worker re-opens its own readers from it with {@link #open()}.
 *
 * <p>Contract: the outputs of a window depend only on the kernel and the window, never on which
 * other windows exist or on the order they run in, so every engine and every block plan gives
 * the same numbers.
 */
public interface BlockKernel extends Serializable {

    /**
     * Opens a worker: its own readers and workspace, confined to one thread (or one Spark task).
     *
     * @throws IOException when an input cannot be opened
     */
    Worker open() throws IOException;

    /**
     * A kernel whose inputs are already in the kernel itself (whole-grid planes the driver prepared),
     * so a worker opens nothing: {@link #open()} hands every window to {@link #compute(Window)}.
     * The computation must not keep state between windows.
     */
    interface InMemory extends BlockKernel {
        /** Computes every output over {@code w} (layout as {@link Worker#compute}). */
        Map<String, float[]> compute(Window w);

        @Override
        default Worker open() {
            return new Worker() {
                @Override
                public Map<String, float[]> compute(Window w) {
                    return InMemory.this.compute(w);
                }

                @Override
                public void close() {
                    // nothing opened: the inputs are in the kernel
                }
            };
        }
    }

    /** Thread-confined computation of blocks; close releases its readers. */
    interface Worker extends Closeable {
        /**
         * Computes every output of the job over {@code w}.
         *
         * @return one flat band-major array per output dataset name (layout of
         *         {@link org.permasar.io.sink.BlockSink#writeBlock}), each of
         *         {@code layers × w.size()} values
         * @throws IOException when reading the window's inputs fails
         */
        Map<String, float[]> compute(Window w) throws IOException;
    }
}

package org.permasar.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.permasar.grid.Window;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

/**
 * Runs a step over a grid block by block, on all cores, within a memory budget: the one place
 * where blocks are cut ({@link BlockPlanner}) and scheduled. The command line and (later) the
 * Spark backend both go through a {@link BlockBody}, so step code never sees threads or
 * partitions.
 *
 * <p>Each worker thread gets its own workspace from the supplier (workspaces are mutable and
 * never shared across threads). Bodies must write their outputs to disjoint places (e.g. the
 * block's own window of an output array). Blocks are handed out in row-major order.
 */
public final class BlockEngine {

    /** Work done on one block with a thread-confined workspace. */
    @FunctionalInterface
    public interface BlockBody<S> {
        void process(Window window, S workspace) throws IOException;
    }

    private final BlockPlanner planner;
    private final int threads;
    private final Progress progress;

    /**
     * @param planner  decides block sizes from the memory budget
     * @param threads  worker threads (≥ 1)
     * @param progress receives pixels done
     */
    public BlockEngine(BlockPlanner planner, int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.planner = planner.withMinBlocks(Math.max(planner.minBlocks(), threads));
        this.threads = threads;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** Default planner, all available cores, no progress. */
    public static BlockEngine defaults() {
        return new BlockEngine(BlockPlanner.defaults(), Runtime.getRuntime().availableProcessors(), Progress.NONE);
    }

    public int threads() {
        return threads;
    }

    public BlockPlanner planner() {
        return planner;
    }

    /**
     * Processes every block of a {@code rows × cols} grid.
     *
     * @param task          name shown by the progress reporter
     * @param bytesPerPixel working memory one pixel needs inside a block (inputs + outputs + scratch)
     */
    public <S> void run(String task, int rows, int cols, long bytesPerPixel, Supplier<S> workspace, BlockBody<S> body)
            throws IOException {
        List<Window> blocks = planner.plan(rows, cols, bytesPerPixel);
        progress.start(task, (long) rows * cols, "px");
        try {
            if (threads == 1 || blocks.size() == 1) {
                S ws = workspace.get();
                for (Window w : blocks) {
                    body.process(w, ws);
                    progress.step(w.size());
                }
                return;
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, blocks.size()), r -> {
                Thread t = new Thread(r, "permasar-block");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < Math.min(threads, blocks.size()); t++) {
                    futures.add(pool.submit(() -> {
                        S ws = workspace.get();
                        for (int i = next.getAndIncrement(); i < blocks.size(); i = next.getAndIncrement()) {
                            Window w = blocks.get(i);
                            try {
                                body.process(w, ws);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            progress.step(w.size());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    await(f, next, blocks.size());
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            progress.close();
        }
    }

    private static void await(Future<?> f, AtomicInteger next, int n) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.set(n);
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            next.set(n); // stop the other workers after their current block
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }
}

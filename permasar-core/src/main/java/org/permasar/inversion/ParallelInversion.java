package org.permasar.inversion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.permasar.network.Network;

/**
 * Block-parallel driver: splits a block's pixels into contiguous ranges, one solver (and so one
 * workspace) per thread. Results are identical to a single-threaded run. Stateless and
 * thread-safe; each call creates and shuts down its own pool.
 */
public final class ParallelInversion {
    private ParallelInversion() {
    }

    /**
     * Inverts a whole block with {@code threads} threads (≥ 1; use
     * {@code Runtime.getRuntime().availableProcessors()} for all cores).
     */
    public static InversionResult invert(Network network, InversionParameters params, InversionInput input, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        InversionResult out = new InversionResult(network.dateCount(), input.pixelCount());
        int npix = input.pixelCount();
        int t = Math.min(threads, Math.max(1, npix / 64));
        if (t == 1) {
            TimeSeriesInversion.create(network, params).invert(input, 0, npix, out);
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int per = (npix + t - 1) / t;
            for (int i = 0; i < t; i++) {
                int p0 = i * per, p1 = Math.min(npix, p0 + per);
                if (p0 >= p1) {
                    break;
                }
                futures.add(pool.submit(() -> TimeSeriesInversion.create(network, params).invert(input, p0, p1, out)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("inversion interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}

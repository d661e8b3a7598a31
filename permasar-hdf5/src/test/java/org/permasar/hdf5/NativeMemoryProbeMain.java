package org.permasar.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;

/**
 * Child JVM of {@link NativeMemoryTest}: writes one {@code layers × rows × cols} float32 cube through
 * {@link Hdf5BlockSink} a band of {@code bandRows} rows at a time (chunks [layers, bandRows, ≤ 4 MiB
 * of columns], as the simulator and invert lay them out) and prints the process's resident size
 * ({@code VmRSS} of {@code /proc/self/status}) after every band, then the peak, the heap limit and
 * the write rate. Args: file layers rows cols bandRows deflate [threads, default 1].
 */
public final class NativeMemoryProbeMain {
    private NativeMemoryProbeMain() {
    }

    /** VmRSS in KiB, or -1 without /proc. */
    static long rssKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int layers = Integer.parseInt(args[1]), rows = Integer.parseInt(args[2]), cols = Integer.parseInt(args[3]);
        int band = Integer.parseInt(args[4]), deflate = Integer.parseInt(args[5]);
        GridGeometry grid = GridGeometry.radar(rows, cols, null).withNodata(Double.NaN);
        long bandBytes = 4L * layers * band;
        int chunkCols = (int) Math.max(1, Math.min(cols, (4L << 20) / bandBytes));
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try (BlockSink s = Hdf5BlockSink.open(file, grid, Map.of("FILE_TYPE", "probe"))) {
            s.create(DatasetSpec.cube("cube", layers, rows, cols).withChunks(layers, band, chunkCols).withDeflate(deflate));
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2 * threads); // bounded heap
            for (int r0 = 0; r0 < rows; r0 += band) {
                Window w = new Window(r0, 0, Math.min(band, rows - r0), cols);
                inFlight.acquire();
                done.add(pool.submit(() -> {
                    try {
                        int n = layers * w.size();
                        float[] b = new float[n];
                        for (int i = 0; i < n; i++) {
                            b[i] = (float) Math.sin(w.row0() * 1e-3 + i * 1e-4) * 0.05f; // compressible, not trivially
                        }
                        s.writeBlock("cube", w, b, 0);
                        long rss = rssKb();
                        peak.accumulateAndGet(rss, Math::max);
                        System.out.println("band " + w.row0() + " rssMiB " + (rss >> 10) + " heapCommittedMiB "
                                + (Runtime.getRuntime().totalMemory() >> 20));
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            s.commit();
        } finally {
            pool.shutdown();
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        long raw = 4L * layers * rows * cols;
        System.out.println(String.format(Locale.ROOT, "peakRssMiB %d heapMiB %d rawMiB %d chunk %dx%dx%d seconds %.1f "
                + "MBps %.1f fileMiB %d", peak.get() >> 10, Runtime.getRuntime().maxMemory() >> 20, raw >> 20, layers, band,
                chunkCols, sec, raw / 1e6 / sec, Files.size(file) >> 20));
    }
}

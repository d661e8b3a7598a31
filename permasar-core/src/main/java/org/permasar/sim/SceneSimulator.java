package org.permasar.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.permasar.grid.Window;
import org.permasar.stack.BlockPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a simulated scene from a {@link SceneSpec}: deterministic for a given seed (every
 * random component draws from its own SplitMix stream split off the seed in a fixed order, so
 * the same spec gives bit-identical arrays on any JVM), and independent of how it is cut into
 * blocks.
 *
 * <p>Steps: terrain, regions and parameters ({@link SceneLayout}); daily LST from 1 January of
 * the year before the first acquisition to 31 December of the year after the last one
 * ({@link LandSurfaceTemperature}); per pixel the freeze–thaw calendar and the PECM vertical
 * displacement D(τ) = v·L(τ) + d·I(τ) (Chen et al. 2018, eq. 2; {@link PermafrostCalendar}) at each
 * acquisition; then the two tracks ({@link TrackSimulator}): ascending dates from
 * {@link SceneSpec#start()}, descending dates {@value #DESCENDING_OFFSET_DAYS} days later, the
 * same {@link SceneSpec#gaps()} acquisitions missing on both.
 *
 * <p>Two ways out: {@link #stream} hands the scene to a {@link SceneSink} band of rows by band
 * of rows in a memory budget (any size: a 1000 × 1000 px, 150-date scene in a 1 GB heap);
 * {@link #simulate(SceneSpec)} assembles it in memory (small scenes: tests, the demo). Both give
 * the same values. Thread-safe (stateless).
 */
public final class SceneSimulator {
    /** Offset of the descending acquisitions after the ascending ones, days. */
    public static final int DESCENDING_OFFSET_DAYS = 5;
    /**
     * Size above which a track's per-date atmosphere is spilled to a temporary file, bytes:
     * 64 MiB, or 1/16 of the maximum heap when that is less.
     */
    static final long SPILL_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    private static final Logger LOG = LoggerFactory.getLogger(SceneSimulator.class);

    private SceneSimulator() {
    }

    /** Simulates the scene described by {@code spec} into memory (whole-scene arrays: small scenes only). */
    public static SimulatedScene simulate(SceneSpec spec) {
        return simulate(spec, BlockPlanner.forThreads(1));
    }

    /** Simulates into memory, generating with {@code planner}'s blocks (the values do not depend on them). */
    public static SimulatedScene simulate(SceneSpec spec, BlockPlanner planner) {
        return simulate(spec, planner, SPILL_BYTES);
    }

    static SimulatedScene simulate(SceneSpec spec, BlockPlanner planner, long spillBytes) {
        SceneAssembler assembler = new SceneAssembler();
        try {
            stream(spec, planner, assembler, spillBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory simulation cannot fail on I/O, but did", e);
        }
        return assembler.scene();
    }

    /**
     * Generates the scene band of rows by band of rows into {@code sink}. A band holds as many
     * whole rows as {@code planner} allows at {@link SceneStream#bytesPerPixel()} (at least one
     * row), so the heap needed is the planner's budget plus the scene's maps
     * ({@link SceneStream}); the per-date atmosphere goes to a temporary file when it exceeds
     * 64 MiB (or 1/16 of the heap) per track.
     *
     * @throws IOException from the sink, or writing the temporary atmosphere file
     */
    public static void stream(SceneSpec spec, BlockPlanner planner, SceneSink sink) throws IOException {
        stream(spec, planner, sink, SPILL_BYTES);
    }

    /** {@link #stream(SceneSpec, BlockPlanner, SceneSink)} spilling atmosphere cubes above {@code spillBytes}. */
    static void stream(SceneSpec spec, BlockPlanner planner, SceneSink sink, long spillBytes) throws IOException {
        long t0 = System.nanoTime();
        try (SceneStream scene = new SceneStream(spec, spillBytes)) {
            int rows = spec.rows(), cols = spec.cols();
            long bpp = scene.bytesPerPixel();
            long px = Math.min(planner.budgetBytes() / bpp, (Integer.MAX_VALUE - 8L) / scene.maxLayers());
            int bandRows = (int) Math.max(1, Math.min(rows, px / cols));
            LOG.debug("prepared {}×{} px in {} ms; bands of {} rows ({} MiB each)", rows, cols,
                    (System.nanoTime() - t0) / 1_000_000, bandRows, bandRows * cols * bpp >> 20);
            scene.bandRows(bandRows);
            sink.begin(scene);
            SceneBlock work = null;
            for (int r0 = 0; r0 < rows; r0 += bandRows) {
                int h = Math.min(bandRows, rows - r0);
                work = work != null && work.window().rows() == h ? reposition(work, r0) : scene.newBlock(r0, h);
                scene.fill(work);
                sink.block(work);
            }
            scene.complete();
            sink.end(scene);
            LOG.debug("simulated {}×{} px, {} + {} pairs in {} ms", rows, cols,
                    scene.ascending().network().pairCount(), scene.descending().network().pairCount(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The same workspace arrays for the band starting at {@code row0}. */
    private static SceneBlock reposition(SceneBlock b, int row0) {
        Window w = b.window();
        return b.at(new Window(row0, 0, w.rows(), w.cols()));
    }
}

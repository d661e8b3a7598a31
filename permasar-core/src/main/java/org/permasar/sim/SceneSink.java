package org.permasar.sim;

import java.io.IOException;

/**
 * Receives a simulated scene as it is generated, band of rows by band of rows, so that no whole
 * cube of the scene (interferograms × pixels, days × pixels) is ever held in memory. The writer
 * side of {@link SceneSimulator#stream}: the CLI adapts it to HDF5 / GeoTIFF sinks, tests and
 * {@link SceneSimulator#simulate(SceneSpec)} assemble the blocks in memory.
 *
 * <p>Call order: {@link #begin} once, {@link #block} once per band in row order (the bands
 * cover the grid exactly once), {@link #end} once. All calls come from one thread.
 */
public interface SceneSink {
    /**
     * The scene's metadata and the maps known before any block (grid, dates, networks,
     * geometry, regions, DEM). Its truth maps that come from the daily LST (seasonal amplitude,
     * onsets) are complete only at {@link #end}.
     */
    void begin(SceneStream scene) throws IOException;

    /**
     * One band of whole rows of every cube. The block's arrays are reused for the next block:
     * copy what must outlive this call.
     */
    void block(SceneBlock block) throws IOException;

    /** Every block has been delivered; the scene's truth maps are now complete. */
    void end(SceneStream scene) throws IOException;
}

package org.permasar.stack;

import org.permasar.network.Network;

/**
 * A stack of unwrapped interferograms on one grid, with their network. Layer k of each 3-D
 * dataset is pair k of {@link #network()}. Datasets: {@link #UNWRAP_PHASE} (radians, always),
 * {@link #COHERENCE} (0–1, when present) and {@link #CONNECT_COMPONENT} (integer labels as float,
 * 0 = not unwrapped, when present).
 */
public interface InterferogramStack extends RasterSource {
    String UNWRAP_PHASE = "unwrapPhase";
    String COHERENCE = "coherence";
    String CONNECT_COMPONENT = "connectComponent";

    /** Dates and pairs, pair k = layer k. */
    Network network();

    /** Radar wavelength in metres (always known: readers refuse stacks without one). */
    double wavelength();

    /**
     * Pairs MintPy marks as dropped ({@code dropIfgram == False}) are reported here as
     * {@code false}; every pair is kept by default.
     */
    default boolean[] keptPairs() {
        boolean[] k = new boolean[network().pairCount()];
        java.util.Arrays.fill(k, true);
        return k;
    }
}

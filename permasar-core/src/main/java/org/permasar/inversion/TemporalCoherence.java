package org.permasar.inversion;

/**
 * The temporal coherence above which an inverted pixel counts as reliable: 0.7, MintPy's default
 * {@code mintpy.networkInversion.minTempCoh} for its mask (Yunjun et al. 2019, §3.4; temporal
 * coherence after Pepe &amp; Lanari 2006). One owner for the summary line of {@code invert}, the
 * report's table and its choice of example pixels.
 */
public final class TemporalCoherence {
    /** MintPy's {@code minTempCoh} default. */
    public static final float RELIABLE = 0.7f;

    private TemporalCoherence() {
    }
}

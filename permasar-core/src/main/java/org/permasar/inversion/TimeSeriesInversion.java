package org.permasar.inversion;

import org.permasar.network.Network;

/**
 * SBAS time-series inversion of a block of unwrapped interferograms into a phase time series
 * per pixel (Berardino et al. 2002; see SCIENCE.md §1).
 *
 * <p>Implementations hold a mutable workspace: an instance must not be used by two threads at
 * once. For parallelism create one instance per thread and give each a disjoint pixel range, or
 * use {@link ParallelInversion}.
 */
public interface TimeSeriesInversion {

    Network network();

    InversionParameters parameters();

    /**
     * Inverts pixels [fromPixel, toPixel) of the block into {@code out}. Unsolvable pixels get
     * NaN and a {@link QualityFlag}; no exception is thrown for bad pixel data.
     *
     * @throws IllegalArgumentException when the block does not match the network (layer count),
     *         a weighted method gets no coherence, or the range is outside the block
     */
    void invert(InversionInput input, int fromPixel, int toPixel, InversionResult out);

    /** Inverts a whole block into a new result. */
    default InversionResult invert(InversionInput input) {
        InversionResult out = new InversionResult(network().dateCount(), input.pixelCount());
        invert(input, 0, input.pixelCount(), out);
        return out;
    }

    /** A solver for the network with the given settings (method chosen by {@link InversionParameters#method()}). */
    static TimeSeriesInversion create(Network network, InversionParameters parameters) {
        return new SbasInversion(network, parameters);
    }

    /** Convenience: {@code create(network, InversionParameters.of(methodName))}. */
    static TimeSeriesInversion create(Network network, String methodName) {
        return create(network, InversionParameters.of(methodName));
    }
}

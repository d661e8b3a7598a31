package org.permasar.inversion;

/**
 * One block of interferograms to invert, layer-major: value of pair k at pixel p is
 * {@code array[k*pixelCount + p]}. Arrays are read, never modified.
 *
 * @param phase unwrapped phase (rad), already referenced to a reference point; NaN = no data
 * @param coherence spatial coherence 0–1, or null (required by weighted methods)
 * @param pairMask per-pair validity, or null: a value of 0 or NaN masks that pair at that
 *        pixel (e.g. a connected-component label, or 1/0 from a coherence threshold)
 * @param externalRate per-pixel linear rate in rad/year that the data-constrained NSBAS variant
 *        holds fixed (seed 003), or null for the free-rate NSBAS model; length pixelCount
 * @param pixelCount pixels in the block (rows × cols)
 */
public record InversionInput(float[] phase, float[] coherence, float[] pairMask, float[] externalRate, int pixelCount) {

    public InversionInput {
        if (phase == null) {
            throw new IllegalArgumentException("phase block is required");
        }
        if (pixelCount <= 0 || phase.length % pixelCount != 0) {
            throw new IllegalArgumentException("phase length " + phase.length + " is not a multiple of pixelCount " + pixelCount);
        }
        if (coherence != null && coherence.length != phase.length) {
            throw new IllegalArgumentException("coherence length " + coherence.length + " != phase length " + phase.length);
        }
        if (pairMask != null && pairMask.length != phase.length) {
            throw new IllegalArgumentException("pairMask length " + pairMask.length + " != phase length " + phase.length);
        }
        if (externalRate != null && externalRate.length != pixelCount) {
            throw new IllegalArgumentException("externalRate length " + externalRate.length + " != pixelCount " + pixelCount);
        }
    }

    /** Phase only. */
    public static InversionInput of(float[] phase, int pixelCount) {
        return new InversionInput(phase, null, null, null, pixelCount);
    }

    /** Phase and coherence. */
    public static InversionInput of(float[] phase, float[] coherence, int pixelCount) {
        return new InversionInput(phase, coherence, null, null, pixelCount);
    }

    /** Number of layers (pairs). */
    public int layerCount() {
        return phase.length / pixelCount;
    }
}

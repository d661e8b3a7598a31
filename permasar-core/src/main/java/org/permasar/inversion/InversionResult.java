package org.permasar.inversion;

import java.util.Arrays;

/**
 * Output of an inversion over a block of {@code pixelCount} pixels and {@code dateCount} dates,
 * layer-major like the input: {@code phase[d*pixelCount + p]}. Mutable container, filled by
 * {@link TimeSeriesInversion#invert}; not thread-safe, but disjoint pixel ranges may be written
 * by different threads.
 *
 * <ul>
 * <li>{@link #phase()}: phase of each date in radians, reference (first) date = 0; NaN where unsolved.</li>
 * <li>{@link #temporalCoherence()}: γ_t = |Σ exp(i r_k)|/M over the M pairs used (Pepe &amp; Lanari 2006), 0–1.</li>
 * <li>{@link #pairsUsed()}: number of pairs used per pixel (MintPy {@code numInvIfgram}).</li>
 * <li>{@link #std()}: standard deviation of each date in radians from the weighted normal matrix
 * (NaN when not requested or not estimable; 0 on the reference date).</li>
 * <li>{@link #flag()}: {@link QualityFlag#code()} per pixel.</li>
 * </ul>
 */
public final class InversionResult {
    private final int dateCount;
    private final int pixelCount;
    private final float[] phase;
    private final float[] std;
    private final float[] temporalCoherence;
    private final short[] pairsUsed;
    private final byte[] flag;

    public InversionResult(int dateCount, int pixelCount) {
        if (dateCount < 2 || pixelCount < 0) {
            throw new IllegalArgumentException("need >= 2 dates and >= 0 pixels, got " + dateCount + " dates, " + pixelCount + " pixels");
        }
        this.dateCount = dateCount;
        this.pixelCount = pixelCount;
        this.phase = new float[Math.multiplyExact(dateCount, pixelCount)];
        this.std = new float[phase.length];
        Arrays.fill(std, Float.NaN);
        this.temporalCoherence = new float[pixelCount];
        this.pairsUsed = new short[pixelCount];
        this.flag = new byte[pixelCount];
    }

    public int dateCount() {
        return dateCount;
    }

    public int pixelCount() {
        return pixelCount;
    }

    public float[] phase() {
        return phase;
    }

    public float[] std() {
        return std;
    }

    public float[] temporalCoherence() {
        return temporalCoherence;
    }

    public short[] pairsUsed() {
        return pairsUsed;
    }

    public byte[] flag() {
        return flag;
    }

    public QualityFlag flagOf(int pixel) {
        return QualityFlag.of(flag[pixel]);
    }

    /** Sets every output of pixel p to "unsolved" with the given flag. */
    void markUnsolved(int p, QualityFlag f, int used) {
        for (int d = 0; d < dateCount; d++) {
            phase[d * pixelCount + p] = Float.NaN;
            std[d * pixelCount + p] = Float.NaN;
        }
        temporalCoherence[p] = Float.NaN;
        pairsUsed[p] = (short) used;
        flag[p] = f.code();
    }
}

package org.permasar.unwrap;

/**
 * Closure-based quality of each interferogram, accumulated over blocks of pixels: for pair k, over
 * every (triplet containing k, pixel) cell whose closure phase Φ = φ₁₂ + φ₂₃ − φ₁₃ is defined,
 * <ul>
 *   <li>the share of cells whose integer ambiguity C_int = round((Φ − wrap(Φ))/2π) is non-zero
 *       (Yunjun et al. 2019, eq. 8–9: the per-pair view of MintPy's per-pixel
 *       {@code numTriNonzeroIntAmbiguity}; a 2π·n error of pair k over a share s of the pixels gives
 *       share s on k, and less on its partners, which share only some of k's triplets), and</li>
 *   <li>the mean |wrap(Φ)| in radians (the non-integer closure: decorrelation noise and
 *       closure-phase bias, Zheng et al. 2022), in [0, π].</li>
 * </ul>
 * NaN policy: cells whose closure is NaN (a NaN phase in any of the triplet's pairs, e.g. water)
 * are not counted; a pair with no counted cell (or in no triplet) has NaN share and mean.
 *
 * <p>Mutable accumulator, not thread-safe: one per thread, then {@link #merge}.
 */
public final class PairClosureQuality {
    private static final float TWO_PI = (float) (2 * Math.PI);
    private static final float PI = (float) Math.PI;

    private final Triplets t;
    private final long[] valid;
    private final long[] nonzero;
    private final double[] sumAbsWrapped;

    public PairClosureQuality(Triplets triplets) {
        if (triplets == null) {
            throw new IllegalArgumentException("triplets are required");
        }
        this.t = triplets;
        int m = triplets.pairCount();
        this.valid = new long[m];
        this.nonzero = new long[m];
        this.sumAbsWrapped = new double[m];
    }

    /**
     * Adds a block of pixels.
     *
     * @param phase      layer-major unwrapped phase, rad, referenced; {@code triplets.pairCount()} layers
     * @param pixelCount pixels of the block
     */
    public void add(float[] phase, int pixelCount) {
        if (phase.length != (long) t.pairCount() * pixelCount) {
            throw new IllegalArgumentException("phase has " + phase.length + " values, expected " + t.pairCount()
                    + " pairs × " + pixelCount + " pixels");
        }
        for (int q = 0; q < t.count(); q++) {
            int k12 = t.pair12(q), k23 = t.pair23(q), k13 = t.pair13(q);
            int o12 = k12 * pixelCount, o23 = k23 * pixelCount, o13 = k13 * pixelCount;
            long v = 0, nz = 0;
            double s = 0;
            for (int p = 0; p < pixelCount; p++) {
                float c = phase[o12 + p] + phase[o23 + p] - phase[o13 + p]; // Φ = φ12 + φ23 − φ13
                if (Float.isNaN(c)) {
                    continue;
                }
                v++;
                float wrapped = -PI + PhaseClosure.positiveMod2Pi(c + PI); // wrap(Φ) = −π + ((Φ + π) mod 2π)
                s += Math.abs(wrapped);
                nz += Math.rint((c - wrapped) / TWO_PI) != 0 ? 1 : 0;
            }
            for (int k : new int[] {k12, k23, k13}) {
                valid[k] += v;
                nonzero[k] += nz;
                sumAbsWrapped[k] += s;
            }
        }
    }

    /** Adds another accumulator of the same triplets. */
    public void merge(PairClosureQuality o) {
        if (o.t.pairCount() != t.pairCount() || o.t.count() != t.count()) {
            throw new IllegalArgumentException("cannot merge the closure quality of another network");
        }
        for (int k = 0; k < valid.length; k++) {
            valid[k] += o.valid[k];
            nonzero[k] += o.nonzero[k];
            sumAbsWrapped[k] += o.sumAbsWrapped[k];
        }
    }

    /** Number of pairs. */
    public int pairCount() {
        return valid.length;
    }

    /** Triplets containing pair k. */
    public int triplets(int k) {
        return t.tripletCountOf(k);
    }

    /** (triplet, pixel) cells of pair k with a defined closure. */
    public long validCells(int k) {
        return valid[k];
    }

    /** (triplet, pixel) cells of pair k with a non-zero closure integer. */
    public long nonzeroCells(int k) {
        return nonzero[k];
    }

    /** Share of pair k's cells with a non-zero closure integer, [0, 1]; NaN without cells. */
    public double nonzeroShare(int k) {
        return valid[k] == 0 ? Double.NaN : nonzero[k] / (double) valid[k];
    }

    /** Mean |wrap(Φ)| over pair k's cells, rad in [0, π]; NaN without cells. */
    public double meanAbsWrappedClosure(int k) {
        return valid[k] == 0 ? Double.NaN : sumAbsWrapped[k] / valid[k];
    }
}

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
        add(phase, pixelCount, 1);
    }

    /**
     * As {@link #add(float[], int)}, and in the same pass over the closures the per-pixel count of
     * {@link PhaseClosure#countNonzeroIntegerAmbiguity} into {@code nonzeroPerPixel} (length {@code pixelCount}; NaN
     * where no triplet is complete): the numbers of both, for the price of one pass.
     */
    public void add(float[] phase, int pixelCount, float[] nonzeroPerPixel) {
        if (nonzeroPerPixel.length != pixelCount) {
            throw new IllegalArgumentException("per-pixel counts of " + nonzeroPerPixel.length + " pixels, expected "
                    + pixelCount);
        }
        checkLength(phase, pixelCount);
        int nt = t.count();
        long[] v = new long[nt];
        long[] nz = new long[nt];
        double[] s = new double[nt];
        int[] validPerPixel = new int[pixelCount];
        java.util.Arrays.fill(nonzeroPerPixel, 0f);
        sums(phase, pixelCount, 0, nt, v, nz, s, nonzeroPerPixel, validPerPixel);
        for (int p = 0; p < pixelCount; p++) {
            if (validPerPixel[p] == 0) {
                nonzeroPerPixel[p] = Float.NaN;
            }
        }
        accumulate(v, nz, s);
    }

    private void checkLength(float[] phase, int pixelCount) {
        if (phase.length != (long) t.pairCount() * pixelCount) {
            throw new IllegalArgumentException("phase has " + phase.length + " values, expected " + t.pairCount()
                    + " pairs × " + pixelCount + " pixels");
        }
    }

    /**
     * As {@link #add(float[], int)} with the triplets shared among {@code threads} threads: each triplet's sums over
     * the pixels are made by one thread, then added to its pairs in triplet order, so the result is that of one
     * thread bit for bit.
     */
    public void add(float[] phase, int pixelCount, int threads) {
        checkLength(phase, pixelCount);
        int nt = t.count();
        long[] v = new long[nt];
        long[] nz = new long[nt];
        double[] s = new double[nt];
        int parts = (int) Math.max(1, Math.min(Math.min(threads, nt), (long) nt * pixelCount / MIN_CELLS_PER_THREAD));
        if (parts == 1) {
            sums(phase, pixelCount, 0, nt, v, nz, s, null, null);
        } else {
            Thread[] workers = new Thread[parts - 1];
            RuntimeException[] failure = new RuntimeException[parts];
            for (int k = 1; k < parts; k++) {
                int q0 = (int) ((long) nt * k / parts), q1 = (int) ((long) nt * (k + 1) / parts), slot = k;
                workers[k - 1] = new Thread(() -> {
                    try {
                        sums(phase, pixelCount, q0, q1, v, nz, s, null, null);
                    } catch (RuntimeException e) {
                        failure[slot] = e;
                    }
                }, "closure-quality-" + k);
                workers[k - 1].start();
            }
            sums(phase, pixelCount, 0, nt / parts, v, nz, s, null, null);
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while summing triplet closures", e);
                }
            }
            for (RuntimeException e : failure) {
                if (e != null) {
                    throw e;
                }
            }
        }
        accumulate(v, nz, s);
    }

    /** Each triplet's sums added to its three pairs, in triplet order. */
    private void accumulate(long[] v, long[] nz, double[] s) {
        for (int q = 0; q < v.length; q++) {
            for (int k : new int[] {t.pair12(q), t.pair23(q), t.pair13(q)}) {
                valid[k] += v[q];
                nonzero[k] += nz[q];
                sumAbsWrapped[k] += s[q];
            }
        }
    }

    /** Below this many (triplet, pixel) cells per thread a block is summed by the calling thread alone. */
    private static final long MIN_CELLS_PER_THREAD = 1L << 20;

    /**
     * The cells, non-zero integers and sum of |wrap(Φ)| of triplets {@code q0..q1−1} over the block's pixels; with
     * {@code perPixel} (and {@code validPerPixel}) not null also, per pixel, the triplets with a closure and those
     * whose integer is non-zero, as {@link PhaseClosure#closureInteger} gives it.
     */
    private void sums(float[] phase, int pixelCount, int q0, int q1, long[] cells, long[] nonzeroCells, double[] abs,
                      float[] perPixel, int[] validPerPixel) {
        for (int q = q0; q < q1; q++) {
            int o12 = t.pair12(q) * pixelCount, o23 = t.pair23(q) * pixelCount, o13 = t.pair13(q) * pixelCount;
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
                // C_int = round((Φ − wrap(Φ))/2π), 0 without computing it where Φ wraps to itself
                double cInt = PhaseClosure.wrapsToItself(c) ? 0 : Math.rint((c - wrapped) / TWO_PI);
                nz += cInt != 0 ? 1 : 0;
                if (perPixel != null) {
                    validPerPixel[p]++;
                    if ((int) cInt != 0) {                              // as PhaseClosure.closureInteger
                        perPixel[p]++;
                    }
                }
            }
            cells[q] = v;
            nonzeroCells[q] = nz;
            abs[q] = s;
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

package org.permasar.offset;

/**
 * How {@link OffsetTracker} computes the cross-correlation sums Σ (a − ā)·b over the search window;
 * the normalisation (running sums, Lewis 1995) and everything after are the same for both, so the
 * correlation surfaces agree to rounding (≈ 1e-12, tested to 1e-9).
 */
public enum CorrelationMethod {
    /** Direct sums: (2S + 1)² · C² multiply-adds per node (C chip, S search radius). */
    DIRECT,
    /**
     * Fast Fourier transform (JTransforms): one complex FFT of size N × N forward and one inverse per
     * node, N ≥ C + 2S the next 2-3-5-smooth size; ≈ 10 N² log₂ N operations per node.
     */
    FFT,
    /** Whichever of the two is faster at the chip and search radius ({@link #resolve}). */
    AUTO;

    /**
     * The method AUTO stands for: FFT when the direct sums' cost (2S + 1)²·C² exceeds 12 × the FFT's
     * N²·log₂ N (N = {@link FftCorrelator#smooth}(C + 2S)), DIRECT otherwise. The factor 12 is where the
     * two crossed on a 1000 × 1000 pair, step 32, one thread (2026-12-07, this project's 2-core machine):
     * chip 16 direct faster at S = 6 (ratio 9.8), FFT at S = 10 (16.8); chip 32 direct at S = 4 (9.8), FFT
     * at S = 6 (15.6) and 6 × faster at S = 16; chip 64 direct at S = 4 (10.4), FFT at S = 8 (29).
     */
    public CorrelationMethod resolve(int chip, int search) {
        if (this != AUTO) {
            return this;
        }
        double s = 2.0 * search + 1, n = FftCorrelator.smooth(chip + 2 * search);
        double direct = s * s * chip * chip, fft = n * n * Math.log(n) / Math.log(2);
        return direct > 12 * fft ? FFT : DIRECT;
    }
}

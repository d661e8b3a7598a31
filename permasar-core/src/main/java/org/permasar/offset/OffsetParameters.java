package org.permasar.offset;

/**
 * Settings of dense offset tracking ({@link OffsetTracker}). Immutable; validated here, the one place
 * their defaults live.
 *
 * @param chip           side of the square reference chip, pixels, ≥ 8 (the correlation window)
 * @param search         search radius, pixels, ≥ 1: integer shifts −search … +search are tried in
 *                       each direction around the a-priori offset
 * @param step           grid step between chip centres, pixels, ≥ 1
 * @param minCorrelation matches whose peak normalised correlation is below this are NaN, in [−1, 1)
 * @param minSnr         matches whose signal-to-noise (peak / mean |correlation| over the search
 *                       surface) is below this are NaN, ≥ 0
 * @param filterThreshold normalised-median-test threshold of the outlier filter (Westerweel &amp;
 *                       Scarano 2005, recommended 2); ≤ 0 or NaN switches the filter off
 * @param peakFit        sub-pixel estimator of the correlation peak
 * @param refine         sub-pixel refinement iterations, 0 … 10: the secondary chip is resampled
 *                       (bicubic) at the current estimate and the peak fitted again about 0, which removes
 *                       most of the three-point estimator's pull towards whole pixels; 0 = off
 * @param method         direct sums or FFT for the cross-correlation sums (same surface to rounding);
 *                       AUTO picks the faster for the chip and search radius
 */
public record OffsetParameters(int chip, int search, int step, double minCorrelation, double minSnr,
                               double filterThreshold, PeakFit peakFit, int refine, CorrelationMethod method) {

    /** Chip 32, search 8, step 16, correlation ≥ 0.2, SNR ≥ 0, median test 2 (Westerweel &amp; Scarano 2005), Gaussian fit, 2 refinements, AUTO method. */
    public static final OffsetParameters DEFAULTS = new OffsetParameters(32, 8, 16, 0.2, 0, 2, PeakFit.GAUSSIAN, 2,
            CorrelationMethod.AUTO);

    public OffsetParameters {
        if (chip < 8 || chip > 1024) {
            throw new IllegalArgumentException("chip must be in 8 … 1024 pixels, got " + chip);
        }
        if (search < 1 || search > 1024) {
            throw new IllegalArgumentException("search radius must be in 1 … 1024 pixels, got " + search);
        }
        if (step < 1) {
            throw new IllegalArgumentException("grid step must be ≥ 1 pixel, got " + step);
        }
        if (!(minCorrelation >= -1 && minCorrelation < 1)) {
            throw new IllegalArgumentException("minimum correlation must be in [−1, 1), got " + minCorrelation);
        }
        if (peakFit == null) {
            throw new IllegalArgumentException("peak fit must be GAUSSIAN or PARABOLIC, got null");
        }
        if (refine < 0 || refine > 10) {
            throw new IllegalArgumentException("refinement iterations must be in 0 … 10, got " + refine);
        }
        if (method == null) {
            throw new IllegalArgumentException("correlation method must be DIRECT, FFT or AUTO, got null");
        }
        if (!(minSnr >= 0)) {
            throw new IllegalArgumentException("minimum SNR must be ≥ 0, got " + minSnr);
        }
    }

    public OffsetParameters withChip(int c) {
        return new OffsetParameters(c, search, step, minCorrelation, minSnr, filterThreshold, peakFit, refine, method);
    }

    public OffsetParameters withSearch(int s) {
        return new OffsetParameters(chip, s, step, minCorrelation, minSnr, filterThreshold, peakFit, refine, method);
    }

    public OffsetParameters withStep(int s) {
        return new OffsetParameters(chip, search, s, minCorrelation, minSnr, filterThreshold, peakFit, refine, method);
    }

    public OffsetParameters withFilterThreshold(double t) {
        return new OffsetParameters(chip, search, step, minCorrelation, minSnr, t, peakFit, refine, method);
    }

    public OffsetParameters withMinCorrelation(double c) {
        return new OffsetParameters(chip, search, step, c, minSnr, filterThreshold, peakFit, refine, method);
    }

    public OffsetParameters withPeakFit(PeakFit f) {
        return new OffsetParameters(chip, search, step, minCorrelation, minSnr, filterThreshold, f, refine, method);
    }

    public OffsetParameters withRefine(int iterations) {
        return new OffsetParameters(chip, search, step, minCorrelation, minSnr, filterThreshold, peakFit, iterations, method);
    }

    public OffsetParameters withMethod(CorrelationMethod m) {
        return new OffsetParameters(chip, search, step, minCorrelation, minSnr, filterThreshold, peakFit, refine, m);
    }

    /** Whether the median outlier filter runs. */
    public boolean filterOn() {
        return filterThreshold > 0;
    }
}

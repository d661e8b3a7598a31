package org.permasar.seaice;

/**
 * Settings of sea-ice drift retrieval ({@link SeaIceDrift}). Immutable; validated here, the one place
 * their defaults live. Lengths in pixels of the input images.
 *
 * @param smoothing        σ of the Gaussian applied before corner detection and description, pixels, &gt; 0
 * @param cell             keypoints are kept per square cell of this side (the strongest {@code perCell}
 *                         corners of each), so they cover the scene, pixels, ≥ 4
 * @param perCell          corners kept per cell, ≥ 1
 * @param patchRadius      radius of the descriptor's sampling disc, pixels, 4 … 64
 * @param oriented         steer the descriptor by the patch orientation (intensity centroid), which makes
 *                         it invariant to rotation of the floes
 * @param maxHamming       largest accepted descriptor distance, bits of 256
 * @param ratio            nearest / second-nearest distance ratio test (Lowe 2004), in (0, 1]
 * @param maxDisplacement  largest displacement searched, pixels, &gt; 0 (from the largest drift speed)
 * @param chip             chip side of the pattern-matching (NCC) refinement, pixels, ≥ 8
 * @param search           NCC search radius about the feature match, pixels, ≥ 1; a refinement moving the
 *                         vector further is a mismatch (the MCC-referenced filter of Li et al. 2022)
 * @param minCorrelation   smallest accepted NCC peak, in [−1, 1)
 * @param region           spacing of the Voronoi generators of the regional consistency filter, pixels
 *                         (Li et al. 2022); ≤ 0 switches that filter off
 * @param sigmas           a vector further than this many regional standard deviations (robust: 1.4826 ×
 *                         MAD) from the regional median (of u or of v) is an outlier, &gt; 0 (3 in Li et al. 2022)
 * @param minSigma         floor on the regional standard deviation, pixels, ≥ 0 (a rigid region has σ ≈ 0)
 */
public record DriftParameters(double smoothing, int cell, int perCell, int patchRadius, boolean oriented, int maxHamming,
                              double ratio, double maxDisplacement, int chip, int search, double minCorrelation, double region,
                              double sigmas, double minSigma) {

    /** σ 1.5, cells of 24 px with 2 corners each, 15 px patches, oriented, Hamming ≤ 90, ratio 0.85, ±64 px, chip 32, ±4 px, ρ ≥ 0.3, regions of 96 px, 3σ, σ ≥ 1 px. */
    public static final DriftParameters DEFAULTS = new DriftParameters(1.5, 24, 2, 15, true, 90, 0.85, 64, 32, 4, 0.3, 96, 3, 1.0);

    public DriftParameters {
        if (!(smoothing > 0 && smoothing < 20)) {
            throw new IllegalArgumentException("smoothing σ must be in (0, 20) pixels, got " + smoothing);
        }
        if (cell < 4 || perCell < 1) {
            throw new IllegalArgumentException("keypoint cell must be ≥ 4 px and corners per cell ≥ 1, got " + cell + ", " + perCell);
        }
        if (patchRadius < 4 || patchRadius > 64) {
            throw new IllegalArgumentException("patch radius must be in 4 … 64 pixels, got " + patchRadius);
        }
        if (maxHamming < 0 || maxHamming > 256) {
            throw new IllegalArgumentException("largest Hamming distance must be in 0 … 256 bits, got " + maxHamming);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio test threshold must be in (0, 1], got " + ratio);
        }
        if (!(maxDisplacement > 0 && Double.isFinite(maxDisplacement))) {
            throw new IllegalArgumentException("largest displacement must be > 0 pixels, got " + maxDisplacement);
        }
        if (chip < 8 || chip > 256 || search < 1 || search > 64) {
            throw new IllegalArgumentException("NCC chip must be in 8 … 256 and search in 1 … 64 pixels, got " + chip + ", " + search);
        }
        if (!(minCorrelation >= -1 && minCorrelation < 1)) {
            throw new IllegalArgumentException("minimum correlation must be in [−1, 1), got " + minCorrelation);
        }
        if (!(sigmas > 0) || !(minSigma >= 0) || Double.isNaN(region)) {
            throw new IllegalArgumentException("filter needs sigmas > 0, minSigma ≥ 0 and a region spacing, got " + sigmas + ", "
                    + minSigma + ", " + region);
        }
    }

    public DriftParameters withMaxDisplacement(double px) {
        return new DriftParameters(smoothing, cell, perCell, patchRadius, oriented, maxHamming, ratio, px, chip, search,
                minCorrelation, region, sigmas, minSigma);
    }

    public DriftParameters withOriented(boolean o) {
        return new DriftParameters(smoothing, cell, perCell, patchRadius, o, maxHamming, ratio, maxDisplacement, chip, search,
                minCorrelation, region, sigmas, minSigma);
    }

    public DriftParameters withRegion(double r) {
        return new DriftParameters(smoothing, cell, perCell, patchRadius, oriented, maxHamming, ratio, maxDisplacement, chip,
                search, minCorrelation, r, sigmas, minSigma);
    }

    public DriftParameters withCell(int c) {
        return new DriftParameters(smoothing, c, perCell, patchRadius, oriented, maxHamming, ratio, maxDisplacement, chip,
                search, minCorrelation, region, sigmas, minSigma);
    }

    /** Pixels from the image edge inside which no keypoint is taken (descriptor disc and NCC window fit). */
    public int margin() {
        return Math.max(patchRadius + 2, chip / 2 + search + 4);
    }
}

package org.permasar.seaice;

/**
 * Drift vectors from feature tracking, one per matched keypoint, kept or rejected. Pixel units of the
 * input images: a feature at (row, col) in the reference is at (row + dr, col + dc) in the secondary (the
 * sign convention of {@link org.permasar.offset.OffsetTracker}). Arrays are shared, not copied: treat them
 * as read-only.
 *
 * @param row         reference row of the keypoint
 * @param col         reference column
 * @param dr          row displacement, pixels (after the NCC refinement; the descriptor match where that failed)
 * @param dc          column displacement, pixels
 * @param hamming     descriptor distance of the match, bits of 256
 * @param correlation NCC peak of the refinement, NaN where it failed
 * @param snr         NCC peak / mean |ρ| over the search surface, NaN where it failed
 * @param flag        {@link #KEPT}, or why the vector was rejected
 */
public record DriftVectors(int[] row, int[] col, float[] dr, float[] dc, int[] hamming, float[] correlation, float[] snr,
                           int[] flag) {
    /** Kept. */
    public static final int KEPT = 0;
    /** Pattern matching failed: peak on the search border, below the correlation threshold, or off the image. */
    public static final int NO_PATTERN_MATCH = 1;
    /** Longer than the largest displacement. */
    public static final int TOO_FAST = 2;
    /** Outside the regional mean ± sigmas·σ (Voronoi-fragment filter, Li et al. 2022). */
    public static final int REGIONAL_OUTLIER = 3;

    public DriftVectors {
        int n = row.length;
        if (col.length != n || dr.length != n || dc.length != n || hamming.length != n || correlation.length != n
                || snr.length != n || flag.length != n) {
            throw new IllegalArgumentException("drift vector arrays must all hold " + n + " values");
        }
    }

    public int size() {
        return row.length;
    }

    /** Number of kept vectors. */
    public int kept() {
        int k = 0;
        for (int f : flag) {
            k += f == KEPT ? 1 : 0;
        }
        return k;
    }

    /** Number of vectors with the given flag. */
    public int count(int which) {
        int k = 0;
        for (int f : flag) {
            k += f == which ? 1 : 0;
        }
        return k;
    }
}

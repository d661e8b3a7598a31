package org.permasar.cli.report;

import org.permasar.inversion.TemporalCoherence;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the representative pixels whose time series the report plots: the largest subsidence,
 * the largest seasonal amplitude, a stable pixel, one pixel per simulated region (when the truth
 * is known) and the user's pixels. Deterministic: ties go to the first pixel in row-major order.
 * Stateless.
 */
final class ReportPixels {
    /** Region names of the simulated scene (codes 0…4 of truth.h5 {@code region}). */
    static final String[] REGIONS = {"seasonal", "non-seasonal", "E-W slope", "lake", "subsidence patch"};

    /** A pixel to plot, with why it was chosen. */
    record Pixel(String label, int row, int col) {
    }

    private ReportPixels() {
    }

    /**
     * @param cols      grid width
     * @param reference row-major index of the reference pixel (zero by construction, never "stable"), or −1
     * @param velocity  LOS velocity, m/yr, row-major (NaN = not solved)
     * @param amplitude seasonal peak-to-trough amplitude, m (may be null)
     * @param coherence temporal coherence 0…1 (may be null)
     * @param regions   truth region codes (may be null)
     * @param user      user pixels {row, col} (outside the grid: skipped by the caller's check)
     */
    static List<Pixel> choose(int cols, int reference, float[] velocity, float[] amplitude, float[] coherence, float[] regions,
                              List<int[]> user) {
        List<Pixel> out = new ArrayList<>();
        int sub = -1, amp = -1, stable = -1;
        double stableScore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < velocity.length; i++) {
            float v = velocity[i];
            if (Float.isNaN(v)) {
                continue;
            }
            if (sub < 0 || v < velocity[sub]) {
                sub = i; // MintPy LOS sign: + towards the satellite, so subsidence is the most negative rate
            }
            if (amplitude != null && !Float.isNaN(amplitude[i]) && (amp < 0 || amplitude[i] > amplitude[amp])) {
                amp = i;
            }
            boolean coherent = coherence == null || coherence[i] >= TemporalCoherence.RELIABLE;
            double a = amplitude == null || Float.isNaN(amplitude[i]) ? 0 : amplitude[i];
            double score = Math.abs(v) + a + (coherent ? 0 : 1.0); // m/yr + m: small rate and small seasonal motion
            if (score < stableScore && i != reference) {
                stableScore = score;
                stable = i;
            }
        }
        add(out, "largest subsidence rate", sub, cols);
        add(out, "largest seasonal amplitude", amp, cols);
        add(out, "stable (small rate and amplitude)", stable, cols);
        if (regions != null) {
            for (int k = 0; k < REGIONS.length; k++) {
                add(out, "region: " + REGIONS[k], centralPixel(cols, regions, velocity, k), cols);
            }
        }
        for (int[] p : user) {
            add(out, "chosen in the configuration", p[0] * cols + p[1], cols);
        }
        return out;
    }

    /** The valid pixel of region {@code code} nearest to the region's centroid, or −1. */
    static int centralPixel(int cols, float[] regions, float[] velocity, int code) {
        double sr = 0, sc = 0;
        int n = 0;
        for (int i = 0; i < regions.length; i++) {
            if (Math.round(regions[i]) == code && !Float.isNaN(velocity[i])) {
                sr += i / cols;
                sc += i % cols;
                n++;
            }
        }
        if (n == 0) {
            return -1;
        }
        double r0 = sr / n, c0 = sc / n;
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < regions.length; i++) {
            if (Math.round(regions[i]) == code && !Float.isNaN(velocity[i])) {
                double d = Math.hypot(i / cols - r0, i % cols - c0);
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
        }
        return best;
    }

    private static void add(List<Pixel> out, String label, int index, int cols) {
        if (index < 0) {
            return;
        }
        int r = index / cols, c = index % cols;
        for (int i = 0; i < out.size(); i++) {
            Pixel p = out.get(i);
            if (p.row() == r && p.col() == c) {
                out.set(i, new Pixel(p.label() + "; " + label, r, c));
                return;
            }
        }
        out.add(new Pixel(label, r, c));
    }
}

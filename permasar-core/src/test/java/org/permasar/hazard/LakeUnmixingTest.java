package org.permasar.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Sub-pixel lake areas on rasters whose pixel water shares are known in closed form: a rectangle off the pixel grid
 * (shares the products of its overlaps with each pixel's row and column), pixels mixed linearly between two
 * end-members.
 */
class LakeUnmixingTest {
    static final double[] W = {0.05, 0.02};            // water: green, NIR
    static final double[] L = {0.11, 0.30};            // land

    /** Overlap of [a, b) with [lo, hi). */
    static double overlap(double a, double b, double lo, double hi) {
        return Math.max(0, Math.min(b, hi) - Math.max(a, lo));
    }

    /**
     * A 16 × 16 raster; lake A the rectangle columns 2.3 … 8.6, rows 3.25 … 7.5 (area 6.3 × 4.25 = 26.775 pixels),
     * lake B the whole pixels rows 11–12, columns 11–12 (4 pixels, no interior pixel of its own). The mask is share
     * &gt; 0.5, as a threshold half-way would give: A's mask has 27 pixels (rows 3–6 × columns 2–8 but (3, 8)), its
     * boundary pixels of share 0.45 … 0.7 are unmixed and the pixels of share 0.5 just outside it (its ring).
     */
    @Test
    void recoversTheAreaOfARectangleOffTheGrid() {
        int n = 16;
        double[] share = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                share[r * n + c] = overlap(c, c + 1, 2.3, 8.6) * overlap(r, r + 1, 3.25, 7.5)
                        + (r >= 11 && r <= 12 && c >= 11 && c <= 12 ? 1 : 0);
            }
        }
        float[] g = new float[n * n];
        float[] s = new float[n * n];
        boolean[] mask = new boolean[n * n];
        for (int i = 0; i < n * n; i++) {
            g[i] = (float) (share[i] * W[0] + (1 - share[i]) * L[0]);
            s[i] = (float) (share[i] * W[1] + (1 - share[i]) * L[1]);
            mask[i] = share[i] > 0.5;
        }
        int[][] comp = WaterMapping.components(mask, n, n, 1);
        assertArrayEquals(new int[] {27, 4}, comp[1]);
        LakeUnmixing.Result res = LakeUnmixing.unmix(g, s, comp[0], 2, mask, n, n);
        LakeUnmixing.Lake a = res.lakes().get(0);
        assertEquals(6.3 * 4.25, a.waterPixels(), 1e-4);
        assertEquals(LakeUnmixing.Source.LAKE, a.source());
        assertArrayEquals(W, a.water(), 1e-7);
        assertArrayEquals(L, a.land(), 1e-7);
        // unmixed: the 27 − 9 boundary pixels (interior: row 4 cols 3–6, row 5 cols 3–7); the ring, rows 2–7 ×
        // cols 1–9 less the mask and less the corner (2, 9), which touches only the notch: 54 − 27 − 1; and, grown
        // from the ring pixels of share ≥ 0.2 (row 7 cols 2–8, the notch), row 8 cols 1–9 and the corner (2, 9)
        assertEquals(18 + 26 + 10, a.unmixed());
        LakeUnmixing.Lake b = res.lakes().get(1);
        assertEquals(4, b.waterPixels(), 1e-5);           // whole pixels; its ring is pure land
        assertEquals(LakeUnmixing.Source.SCENE, b.source()); // its water end-member is lake A's interior
        assertArrayEquals(W, b.water(), 1e-7);
        // the share raster: the truth on every pixel of A's mask and ring
        for (int i = 0; i < n * n; i++) {
            assertEquals(share[i], res.fraction()[i], 2e-6, "pixel " + i);
        }
    }

    @Test
    void aLakeWithoutEndMembersCountsItsPixels() {
        int n = 5;
        float[] g = new float[n * n];
        float[] s = new float[n * n];
        boolean[] mask = new boolean[n * n];
        for (int i = 0; i < n * n; i++) {
            g[i] = (float) L[0];
            s[i] = (float) L[1];
        }
        mask[12] = true;
        g[12] = (float) (0.6 * W[0] + 0.4 * L[0]);
        s[12] = (float) (0.6 * W[1] + 0.4 * L[1]);
        int[][] comp = WaterMapping.components(mask, n, n, 1);
        LakeUnmixing.Lake lake = LakeUnmixing.unmix(g, s, comp[0], 1, mask, n, n).lakes().get(0);
        assertEquals(LakeUnmixing.Source.NONE, lake.source());
        assertEquals(1, lake.waterPixels(), 0);
        assertEquals(0, lake.unmixed());
    }

    @Test
    void shareIsTheLeastSquaresProjectionClamped() {
        // p = 0.3 w + 0.7 l + a vector orthogonal to w − l (it does not change the share)
        double dg = W[0] - L[0], ds = W[1] - L[1];
        double g = 0.3 * W[0] + 0.7 * L[0] + 0.01 * ds, s = 0.3 * W[1] + 0.7 * L[1] - 0.01 * dg;
        assertEquals(0.3, LakeUnmixing.share(g, s, W, L), 1e-12);
        assertEquals(1, LakeUnmixing.share(W[0] + 0.1 * dg, W[1] + 0.1 * ds, W, L), 0);
        assertEquals(0, LakeUnmixing.share(L[0] - 0.1 * dg, L[1] - 0.1 * ds, W, L), 0);
    }
}

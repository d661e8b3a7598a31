package org.permasar.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.permasar.grid.GeoTransform;

/** Otsu on a hand-worked histogram, the index, component cleaning and polygon areas/holes against closed forms. */
class WaterMappingTest {
    /**
     * Histogram [2, 3, 1, 1, 4, 1] over levels 0…5 (N = 12, Σ level·count = 29). σ²_B(k) = ω₀ω₁(μ₀ − μ₁)²:
     * k=0: (2/12)(10/12)(0 − 2.9)² = 1.168; k=1: (5/12)(7/12)(0.6 − 26/7)² = 2.357; k=2: (6/12)(6/12)(5/6 − 4)² = 2.507;
     * k=3: (7/12)(5/12)(8/7 − 4.2)² = 2.272; k=4: (11/12)(1/12)(24/11 − 5)² = 0.607 → k = 2, threshold 2.5.
     */
    @Test
    void otsuOnAHandWorkedHistogram() {
        assertEquals(2, WaterMapping.otsuBin(new long[] {2, 3, 1, 1, 4, 1}));
        float[] v = {0, 0, 1, 1, 1, 2, 3, 4, 4, 4, 4, 5};
        assertEquals(2.5, WaterMapping.otsu(v, 6, -0.5, 5.5), 1e-12);
        // two well-separated modes: the threshold falls between them
        float[] two = {-0.6f, -0.62f, -0.58f, -0.61f, 0.5f, 0.52f, 0.48f};
        double t = WaterMapping.otsu(two, 256);
        assertEquals(true, t > -0.58 && t < 0.48, "threshold " + t);
    }

    @Test
    void indexComponentsAndPolygons() {
        assertArrayEquals(new float[] {0.5f, Float.NaN, -1f}, WaterMapping.normalisedDifference(new float[] {3, 0, 0},
                new float[] {1, 0, 2}), 1e-7f);
        // 6 × 7 mask: a 3 × 4 ring-shaped lake with a one-pixel island (hole), a lone pixel (dropped, < 2 px)
        String[] rows = {
            "..X....",
            ".......",
            ".XXXX..",
            ".X.XX..",
            ".XXXX..",
            "......."};
        int nr = rows.length, nc = rows[0].length();
        boolean[] mask = new boolean[nr * nc];
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                mask[r * nc + c] = rows[r].charAt(c) == 'X';
            }
        }
        int[][] comp = WaterMapping.components(mask, nr, nc, 2);
        assertArrayEquals(new int[] {11}, comp[1]);
        assertEquals(-1, comp[0][2]);
        GeoTransform t = GeoTransform.northUp(500000, 30, 7000000, -30);
        List<Geometry> p = WaterMapping.polygons(comp[0], 1, nr, nc, t);
        assertEquals(11 * 900, p.get(0).getArea(), 1e-6);
        assertEquals(1, ((org.locationtech.jts.geom.Polygon) p.get(0)).getNumInteriorRing());
        assertEquals(2 * (120 + 90) + 4 * 30, p.get(0).getLength(), 1e-6); // outer 120 × 90 m, hole 30 × 30 m
    }

    /**
     * Holes of 1 and 6 pixels, a bay open to the raster's edge, and land enclosed by water on its four sides that
     * reaches the edge through a corner (no hole: 8-connected land is the dual of 4-connected water).
     */
    @Test
    void fillsHolesBelowASize() {
        String[] rows = {
            "XXXXXXXXXX",
            "X.XX...XXX",
            "XXXX...XXX",
            "XXXXXXXX..",
            "XXXXXXXX..",
            "XX.XXXXXXX",
            "XX..X.X.XX",
            "XX.XXX.XXX"};
        int nr = rows.length, nc = rows[0].length();
        boolean[] mask = new boolean[nr * nc];
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                mask[r * nc + c] = rows[r].charAt(c) == 'X';
            }
        }
        // 1 px at (1,1); 6 px at rows 1–2 cols 4–6; the bay at rows 3–4 cols 8–9 (edge); the 4 px at (5,2), (6,2),
        // (6,3), (7,2) touch the edge; (6,5) has water on its four sides but touches (7,6), on the edge, through a
        // corner: (6,5), (6,7), (7,6) are one 8-connected region of 3 px reaching the edge
        boolean[] below2 = WaterMapping.fillHoles(mask, nr, nc, 2);
        boolean[] below7 = WaterMapping.fillHoles(mask, nr, nc, 7);
        int filled2 = 0, filled7 = 0;
        for (int i = 0; i < mask.length; i++) {
            filled2 += below2[i] && !mask[i] ? 1 : 0;
            filled7 += below7[i] && !mask[i] ? 1 : 0;
        }
        assertEquals(1, filled2);
        assertEquals(true, below2[1 * nc + 1]);
        assertEquals(7, filled7);                              // the 1 px and the 6 px holes, nothing touching the edge
        assertEquals(false, below7[3 * nc + 8]);
        assertEquals(false, below7[6 * nc + 5]);
        assertArrayEquals(mask, WaterMapping.fillHoles(mask, nr, nc, 1));
    }
}

package org.permasar.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Lake counts and area fractions per cell, and binned statistics, against hand-worked closed forms. */
class LakeDensityTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
            new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    @Test
    void countsByCentroidAndSharesAreaAmongCells() {
        // 2 × 2 cells of 1 000 m, north-west corner (0, 2000): cell 0 is x 0–1000, y 1000–2000
        // lake A 200 × 100 m inside cell 0; lake B 400 × 200 m straddling cells 2 and 3 (x 800–1200, y 200–400):
        // centroid at x 1000 → cell 3 (the east cell owns its west edge), area 80 000 m² split 40 000 / 40 000
        List<Geometry> lakes = List.of(box(100, 1500, 300, 1600), box(800, 200, 1200, 400));
        double[] px = {500, 1500, 500, 1500, 520};
        double[] py = {1500, 1500, 500, 500, 480};
        double[] rate = {-10, 0, -20, Double.NaN, -30};
        double[] amp = {5, 1, 8, 9, 10};
        LakeDensity.Cells c = LakeDensity.grid(0, 2000, 1000, 2, 2, lakes, px, py, rate, amp, 1);
        assertArrayEquals(new double[] {1, 0, 0, 1}, c.count());
        assertArrayEquals(new double[] {0.02, 0, 0.04, 0.04}, c.areaFraction(), 1e-12);
        assertArrayEquals(new double[] {-10, 0, -25, Double.NaN}, c.rate(), 1e-12);
        assertArrayEquals(new double[] {5, 1, 9, Double.NaN}, c.amplitude(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 2, 0}, c.pixels());
        assertEquals(1500, c.x()[3], 0);
        assertEquals(500, c.y()[3], 0);
    }

    /**
     * Moving windows of 1 000 m every 200 m over 0 … 3 000 m (11 × 11 windows, x0 = 0, y0 = 3 000), two rectangular
     * lakes, pixels of 100 m whose rate is their easting and amplitude their northing. Per window, in closed form: the
     * lake area share Σ (x-overlap × y-overlap) / 10⁶ m², the count of centroids in it (west and north edges
     * inclusive), the mean rate its centre's easting and the mean amplitude its centre's northing, over 10 × 10 pixels.
     */
    @Test
    void movingWindowsAgainstClosedForms() {
        double[][] rects = {{1150, 820, 1350, 1120}, {2010, 2510, 2090, 2590}};   // x0, y0, x1, y1
        List<Geometry> lakes = List.of(box(1150, 820, 1350, 1120), box(2010, 2510, 2090, 2590));
        int np = 30;
        double[] px = new double[np * np];
        double[] py = new double[np * np];
        for (int i = 0; i < px.length; i++) {
            px[i] = 50 + 100 * (i % np);
            py[i] = 2950 - 100 * (i / np);
        }
        double w = 1000, step = 200;
        int m = 11;
        LakeDensity.Cells c = LakeDensity.windows(0, 3000, w, step, m, m, lakes, px, py, px, py, 1);
        assertEquals(w, c.cell(), 0);
        for (int r = 0; r < m; r++) {
            for (int col = 0; col < m; col++) {
                int k = r * m + col;
                double wx0 = col * step, wy1 = 3000 - r * step, wy0 = wy1 - w;
                double share = 0, count = 0;
                for (double[] b : rects) {
                    share += Math.max(0, Math.min(wx0 + w, b[2]) - Math.max(wx0, b[0]))
                            * Math.max(0, Math.min(wy1, b[3]) - Math.max(wy0, b[1])) / (w * w);
                    double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
                    count += cx >= wx0 && cx < wx0 + w && cy > wy0 && cy <= wy1 ? 1 : 0;
                }
                String at = "window " + r + ", " + col;
                assertEquals(share, c.areaFraction()[k], 1e-12, at);
                assertEquals(count, c.count()[k], 0, at);
                assertEquals(wx0 + w / 2, c.x()[k], 1e-9, at);
                assertEquals(wy1 - w / 2, c.y()[k], 1e-9, at);
                assertEquals(100, c.pixels()[k], at);
                assertEquals(c.x()[k], c.rate()[k], 1e-9, at);
                assertEquals(c.y()[k], c.amplitude()[k], 1e-9, at);
            }
        }
        // the first lake whole in the window at row 9, col 5 (x 1000–2000, y 200–1200): 60 000 m² of 10⁶
        assertEquals(0.06, c.areaFraction()[9 * m + 5], 1e-12);
        // step = window gives the cells
        LakeDensity.Cells cells = LakeDensity.grid(0, 3000, w, 3, 3, lakes, px, py, px, py, 1);
        LakeDensity.Cells same = LakeDensity.windows(0, 3000, w, w, 3, 3, lakes, px, py, px, py, 1);
        assertArrayEquals(cells.areaFraction(), same.areaFraction(), 0);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0, 0, 1, 0}, cells.count());   // centroids (2050, 2550), (1250, 970)
    }

    @Test
    void binnedStatisticsPerClass() {
        double[] by = {0, 0.005, 0.02, 0.03, 0.5, 1.0};
        double[] v = {1, 3, 10, 20, 7, Double.NaN};
        double[][] b = LakeDensity.binned(by, v, new double[] {0, 0.01, 0.1, 1.0});
        assertArrayEquals(new double[] {2, 2, 1.5, 2, 2.5}, b[0], 1e-12);
        assertArrayEquals(new double[] {2, 15, 12.5, 15, 17.5}, b[1], 1e-12);
        assertArrayEquals(new double[] {1, 7, 7, 7, 7}, b[2], 1e-12);
    }
}

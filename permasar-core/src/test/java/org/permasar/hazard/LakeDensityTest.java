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

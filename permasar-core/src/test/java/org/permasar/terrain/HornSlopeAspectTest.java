package org.permasar.terrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/** Horn slope and aspect on analytic surfaces: planes (projected and geographic grids) and a cone. */
class HornSlopeAspectTest {
    @Test
    void planesHaveTheirClosedFormSlopeAndAspect() {
        // z = α·E + β·N on a 30 m UTM grid: slope = atan √(α² + β²), aspect = atan2(−α, −β) (down-slope azimuth)
        double[][] ab = {{0.1, 0}, {-0.1, 0}, {0, 0.2}, {0, -0.2}, {0.3, -0.4}, {-1, -1}};
        double[] aspect = {270, 90, 180, 0, Math.toDegrees(Math.atan2(-0.3, 0.4)) + 360, 45};
        GridGeometry g = GridGeometry.geocoded(7, 9, GeoTransform.northUp(500_000, 30, 4_000_000, -30), 32643, Double.NaN);
        for (int t = 0; t < ab.length; t++) {
            float[] dem = new float[g.size()];
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    double e = 30 * c, n = -30 * r;
                    dem[r * g.cols() + c] = (float) (100 + ab[t][0] * e + ab[t][1] * n);
                }
            }
            HornSlopeAspect.Result res = HornSlopeAspect.compute(dem, g);
            double slope = Math.toDegrees(Math.atan(Math.hypot(ab[t][0], ab[t][1])));
            for (int r = 1; r < g.rows() - 1; r++) {
                for (int c = 1; c < g.cols() - 1; c++) {
                    assertEquals(slope, res.slope()[r * g.cols() + c], 1e-3, "plane " + t);
                    assertEquals(aspect[t] % 360, res.aspect()[r * g.cols() + c], 1e-3, "plane " + t);
                }
            }
            assertTrue(Float.isNaN(res.slope()[0]), "edge pixel");
        }
    }

    @Test
    void coneSlopesAwayFromItsPeak() {
        // z = 1000 − 0.5·r, r the metric distance from the centre: slope atan(0.5) = 26.565°, aspect = azimuth away
        int n = 41;
        GridGeometry g = GridGeometry.geocoded(n, n, GeoTransform.northUp(0, 10, 0, -10), 32633, Double.NaN);
        float[] dem = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                dem[r * n + c] = (float) (1000 - 0.5 * Math.hypot(10 * (c - 20), 10 * (r - 20)));
            }
        }
        HornSlopeAspect.Result res = HornSlopeAspect.compute(dem, g);
        // far from the apex the 3×3 window sees an almost plane surface
        int east = 20 * n + 35, north = 5 * n + 20, southWest = 30 * n + 10;
        assertEquals(26.565, res.slope()[east], 0.05);
        assertEquals(90, res.aspect()[east], 1e-3);
        assertEquals(0, res.aspect()[north], 1e-3);
        assertEquals(225, res.aspect()[southWest], 1e-3);
        // at the apex the window is symmetric: zero gradient, slope 0, aspect undefined
        assertEquals(0, res.slope()[20 * n + 20], 1e-6);
        assertTrue(Float.isNaN(res.aspect()[20 * n + 20]));
    }

    @Test
    void geographicGridUsesTheEllipsoidAtEachLatitude() {
        // a 3″ grid at 60° N; z rises 1 m per metre of easting measured on the ellipsoid's parallel:
        // Δx = N(φ) cos φ Δλ → slope 45° exactly wherever the window's rows share the centre row's scale
        double lat0 = 60, step = 3 / 3600.0;
        int rows = 5, cols = 5;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(10, step, lat0, -step), 4326, Double.NaN);
        double[] dx = new double[rows], dy = new double[rows];
        HornSlopeAspect.spacing(g, dx, dy);
        // at 60°: N = a/√(1 − e² sin²φ) = 6 394 209.17 m, so Δx = N·cos 60°·(3″ in rad) = 46.50 m
        double phi = Math.toRadians(lat0 - 2.5 * step);
        double nRadius = 6_378_137.0 / Math.sqrt(1 - 6.69437999014e-3 * Math.sin(phi) * Math.sin(phi));
        assertEquals(nRadius * Math.cos(phi) * Math.toRadians(step), dx[2], 1e-9);
        assertEquals(46.50, dx[2], 0.01);
        float[] dem = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dem[r * cols + c] = (float) (dx[2] * c);
            }
        }
        HornSlopeAspect.Result res = HornSlopeAspect.compute(dem, g);
        assertEquals(45, res.slope()[2 * cols + 2], 1e-4);
        assertEquals(270, res.aspect()[2 * cols + 2], 1e-4);
    }

    @Test
    void nanSpreadsToItsNeighbours() {
        GridGeometry g = GridGeometry.geocoded(5, 5, GeoTransform.northUp(0, 1, 0, -1), 32633, Double.NaN);
        float[] dem = new float[25];
        dem[12] = Float.NaN;
        HornSlopeAspect.Result res = HornSlopeAspect.compute(dem, g);
        for (int k : new int[] {6, 7, 8, 11, 12, 13, 16, 17, 18}) {
            assertTrue(Float.isNaN(res.slope()[k]), "pixel " + k);
        }
    }
}

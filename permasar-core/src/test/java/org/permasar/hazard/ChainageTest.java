package org.permasar.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXYM;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * Kilometre-post chainage on simulated lines with posts at known positions: the chainage is the posts' km
 * interpolated linearly in length along the line (closed form), and the corridor profile bins by it; the same for
 * the measures (M values) of the line's vertices.
 */
class ChainageTest {
    private static final GeometryFactory GF = new GeometryFactory();
    /** An L-shaped line: 6 km east, then 4 km north (10 km), projected metres. */
    private static final Geometry L_LINE = GF.createLineString(new Coordinate[] {new Coordinate(0, 0),
        new Coordinate(6000, 0), new Coordinate(6000, 4000)});

    @Test
    void interpolatesBetweenPostsAlongTheLine() {
        // posts beside the line (100 m off it) at 1 km, 6 km (the corner) and 9 km of line; the line between posts 1
        // and 2 is 5.000 km long but carries 5.200 km of chainage (a realignment), 3.000 km between posts 2 and 3
        Chainage c = Chainage.fromPosts(L_LINE, new double[] {1000, 6100, 5900}, new double[] {-100, -50, 3000},
                new double[] {101.0, 106.2, 109.2});
        assertEquals(101.0, c.km(1000, 0), 1e-12);
        assertEquals(101.0 + 2.5 * 5.2 / 5.0, c.km(3500, 0), 1e-12); // halfway between posts 1 and 2
        assertEquals(106.2, c.km(6000, 0), 1e-12);
        assertEquals(106.2 + 1.5, c.km(6000, 1500), 1e-12); // 1.5 km north of the corner, 1:1 between posts 2 and 3
        // outside the posts: 1 km per km of line
        assertEquals(100.0, c.km(0, 0), 1e-12);
        assertEquals(109.2 + 1.0, c.km(6000, 4000), 1e-12);
        assertEquals(100.0, c.minKm(), 1e-12);
        assertEquals(110.2, c.maxKm(), 1e-12);
        assertTrue(c.fromPosts());
        // without posts: length from the start
        assertEquals(8.0, Chainage.fromStart(L_LINE).km(6000, 2000), 1e-12);
    }

    @Test
    void postsMayCountDownAlongTheLine() {
        Chainage c = Chainage.fromPosts(L_LINE, new double[] {0, 6000}, new double[] {0, 4000}, new double[] {250.0, 240.0});
        assertEquals(245.0, c.km(5000, 0), 1e-12);
        assertEquals(240.0, c.minKm(), 1e-12);
        assertEquals(250.0, c.maxKm(), 1e-12);
        // one post: a shift only
        assertEquals(57.5, Chainage.fromPosts(L_LINE, new double[] {2000}, new double[] {0}, new double[] {55.0})
                .km(4500, 0), 1e-12);
    }

    @Test
    void refusesPostsOutOfOrderOrOnTheSamePoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromPosts(L_LINE,
                new double[] {1000, 2000, 3000}, new double[] {0, 0, 0}, new double[] {1, 3, 2}));
        assertTrue(e.getMessage().contains("km 3.0") && e.getMessage().contains("km 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromPosts(L_LINE, new double[] {1000, 1000},
                new double[] {50, -50}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("same point"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chainage.fromPosts(L_LINE, new double[] {1000},
                new double[] {0}, new double[] {Double.NaN}));
    }

    @Test
    void profileBinsByPostChainage() {
        // straight 10 km line; posts km 200.0 at x = 0 and km 210.0 at x = 8000 (10 km of chainage over 8 km of line);
        // pixels every 10 m along y = 50 subside 30 mm/yr for 4000 < x < 4800, i.e. km 205.0–206.0
        Geometry line = GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10000, 0)});
        Chainage c = Chainage.fromPosts(line, new double[] {0, 8000}, new double[] {0, 0}, new double[] {200.0, 210.0});
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 5 + 10 * i;
            y[i] = 50;
            rate[i] = x[i] > 4000 && x[i] < 4800 ? -30 : 0;
        }
        CorridorProfile.Bin[] bins = CorridorProfile.compute(Corridor.around(line, BufferRings.DEFAULT), c, 1.0, x, y,
                rate, 10, List.of());
        // chainage 200 … 210 over the posts, then 2 km of line at 1 km/km: 212.0
        assertEquals(12, bins.length);
        assertEquals(200.0, bins[0].startKm(), 1e-12);
        assertEquals(212.0, bins[11].endKm(), 1e-9);
        for (CorridorProfile.Bin b : bins) {
            double expected = b.startKm() >= 205.0 - 1e-9 && b.endKm() <= 206.0 + 1e-9 ? 1.0 : 0.0;
            assertEquals(expected, b.shareFaster(), 1e-12, "bin " + b.startKm());
        }
        // bins 0–9 hold 80 pixels (0.8 km of line each), 10–11 hold 100
        assertEquals(80, bins[3].pixels());
        assertEquals(100, bins[11].pixels());
    }
    /** A line through (x, y, m) vertices. */
    private static LineString measured(double[]... v) {
        Coordinate[] c = new Coordinate[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = new CoordinateXYM(v[i][0], v[i][1], v[i][2]);
        }
        return GF.createLineString(c);
    }

    @Test
    void measuresGiveTheChainageAtEachVertexLinearInLengthBetween() {
        // the L-shaped line, its corner carrying km 106.2 (6 km of line carry 6.2 km), its end 110.2 (4 km carry 4)
        LineString l = measured(new double[] {0, 0, 100.0}, new double[] {6000, 0, 106.2}, new double[] {6000, 4000, 110.2});
        Chainage c = Chainage.fromMeasures(l, 1.0);
        assertEquals(100.0, c.km(0, 0), 1e-12);
        assertEquals(100.0 + 3.0 * 6.2 / 6.0, c.km(3000, 80), 1e-12);   // halfway along the first leg, beside it
        assertEquals(106.2, c.km(6000, 0), 1e-12);
        assertEquals(106.2 + 1.5, c.km(6100, 1500), 1e-12);
        assertEquals(110.2, c.km(6000, 4500), 1e-12);                  // beyond the end: the end's measure
        assertEquals(100.0, c.minKm(), 1e-12);
        assertEquals(110.2, c.maxKm(), 1e-12);
        // measures in metres, counting down along the line
        Chainage down = Chainage.fromMeasures(measured(new double[] {0, 0, 250000}, new double[] {6000, 0, 244000},
                new double[] {6000, 4000, 236000}), 0.001);
        assertEquals(250.0 - 3.0 * 6.0 / 6.0, down.km(3000, 0), 1e-12);
        assertEquals(244.0 - 2.0 * 8.0 / 4.0, down.km(6000, 2000), 1e-12);
        assertEquals(236.0, down.minKm(), 1e-12);
    }

    @Test
    void partsFollowEachOtherAndTheMeasureMayJumpBetweenThem() {
        // two 1 km parts 4 km apart: the second starts at M 3 (an equation in the measures); no length between them
        Geometry two = GF.createMultiLineString(new LineString[] {measured(new double[] {0, 0, 0}, new double[] {1000, 0, 1}),
            measured(new double[] {5000, 0, 3}, new double[] {6000, 0, 4})});
        Chainage c = Chainage.fromMeasures(two, 1.0);
        assertEquals(0.25, c.km(250, 10), 1e-12);
        assertEquals(3.5, c.km(5500, -10), 1e-12);
        assertEquals(4.0, c.maxKm(), 1e-12);
    }

    @Test
    void refusesMissingOrDisorderedMeasuresNamingTheVertex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromMeasures(measured(
                new double[] {0, 0, 0}, new double[] {1000, 0, 2}, new double[] {2000, 0, 1.5}, new double[] {3000, 0, 3}),
                1.0));
        assertTrue(e.getMessage().contains("vertex 2 of line part 0 (2000.000, 0.000)")
                && e.getMessage().contains("M 1.5 after M 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromMeasures(measured(new double[] {0, 0, 0},
                new double[] {1000, 0, Double.NaN}, new double[] {2000, 0, 3}), 1.0));
        assertTrue(e.getMessage().contains("vertex 1 of line part 0") && e.getMessage().contains("no measure"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromMeasures(measured(new double[] {0, 0, 0},
                new double[] {1000, 0, 1}, new double[] {2000, 0, 1}, new double[] {3000, 0, 3}), 1.0));
        assertTrue(e.getMessage().contains("vertex 2 of line part 0"), e.getMessage()); // a flat stretch is no chainage
        e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromMeasures(L_LINE, 1.0));
        assertTrue(e.getMessage().contains("line part 0 has no measures"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chainage.fromMeasures(measured(new double[] {0, 0, 5},
                new double[] {1000, 0, 5}), 1.0));
        assertTrue(e.getMessage().contains("do not change"), e.getMessage());
        // a repeated vertex (no length) may repeat its measure
        assertEquals(1.5, Chainage.fromMeasures(measured(new double[] {0, 0, 0}, new double[] {1000, 0, 1},
                new double[] {1000, 0, 1}, new double[] {2000, 0, 2}), 1.0).km(1500, 0), 1e-12);
    }

    @Test
    void profileBinsByMeasureChainage() {
        // straight 10 km line with vertices at 0, 2, 8, 10 km carrying M 50, 52, 56, 58 (the 6 km between the middle
        // vertices carry 4 km); pixels every 10 m along y = 50 subside 30 mm/yr for 3500 < x < 5000, i.e. between
        // km 52 + 1.5 × 4/6 = 53.0 and 52 + 3 × 4/6 = 54.0
        Geometry line = measured(new double[] {0, 0, 50}, new double[] {2000, 0, 52}, new double[] {8000, 0, 56},
                new double[] {10000, 0, 58});
        Chainage c = Chainage.fromMeasures(line, 1.0);
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 5 + 10 * i;
            y[i] = 50;
            rate[i] = x[i] > 3500 && x[i] < 5000 ? -30 : 0;
        }
        CorridorProfile.Bin[] bins = CorridorProfile.compute(Corridor.around(line, BufferRings.DEFAULT), c, 1.0, x, y,
                rate, 10, List.of());
        assertEquals(8, bins.length);
        assertEquals(50.0, bins[0].startKm(), 1e-12);
        for (CorridorProfile.Bin b : bins) {
            boolean sub = b.startKm() >= 53.0 - 1e-9 && b.endKm() <= 54.0 + 1e-9;
            assertEquals(sub ? 1.0 : 0.0, b.shareFaster(), 1e-12, "bin " + b.startKm());
            // 1 km of chainage is 1000 m of line in km 50–52 and 56–58, 1500 m in km 52–56
            assertEquals(b.startKm() >= 52 - 1e-9 && b.endKm() <= 56 + 1e-9 ? 150 : 100, b.pixels(), "bin " + b.startKm());
        }
    }
}

package org.permasar.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Closed-form checks of the metric buffer rings and the counting rule (SCIENCE.md §6, seed 002 §4.3). */
class CorridorTest {
    private static final GeometryFactory GF = new GeometryFactory();
    /** A straight 10 km line along the x axis, projected metres. */
    private static final Geometry LINE = GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10000, 0)});

    private static Geometry point(double x, double y) {
        return GF.createPoint(new Coordinate(x, y));
    }

    private static Geometry box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
            new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    @Test
    void pointsAtKnownDistancesFallInTheirRings() {
        Corridor c = Corridor.around(LINE, BufferRings.DEFAULT);
        // distances: 100, 499, 500 (border: belongs to the inner ring), 501, 999, 1200, 1999, 2500 (outside),
        // 300 beyond the east end (round cap), 1800 beyond the west end
        List<Geometry> pts = List.of(point(5000, 100), point(5000, -499), point(2000, 500), point(7000, 501),
                point(7000, -999), point(1000, 1200), point(9000, -1999), point(5000, 2500), point(10300, 0),
                point(-1800, 0));
        Corridor.Inventory inv = c.inventory(pts);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 3, -1, 0, 3}, inv.ringOf());
        assertArrayEquals(new int[] {4, 2, 1, 2}, inv.ringCount());
        assertArrayEquals(new int[] {4, 6, 7, 9}, inv.bufferCount());
        for (int k = 0; k < 4; k++) {
            double d = BufferRings.DEFAULT.distance(k);
            // buffer of a straight segment: rectangle 2dL plus two half-disc caps, which together are a regular
            // 120-gon inscribed in the circle of radius d: (N/2) d² sin(2π/N)
            double expected = 2 * d * 10000 + 60 * d * d * Math.sin(2 * Math.PI / 120);
            assertEquals(expected, inv.bufferArea()[k], 1e-6 * expected, "buffer " + d);
            double inner = k == 0 ? 0 : inv.bufferArea()[k - 1];
            assertEquals(inv.bufferArea()[k] - inner, inv.ringArea()[k], 1e-6 * expected);
            assertEquals(inv.bufferCount()[k] / (expected * 1e-6), inv.bufferDensity(k), 1e-6 * inv.bufferDensity(k));
        }
    }

    @Test
    void polygonStraddlingTwoRingsCountsOnceInTheRingOfItsNearestPoint() {
        Corridor c = Corridor.around(LINE, BufferRings.DEFAULT);
        // a 300 m × 300 m lake from 400 to 700 m north of the line: nearest point 400 m → ring 0 (0…500 m)
        Geometry lake = box(4000, 400, 4300, 700);
        // one crossing the line: distance 0 → ring 0; one from 1400 to 2600 m: ring 2, partly outside every buffer
        Geometry crossing = box(6000, -100, 6100, 100);
        Geometry far = box(8000, 1400, 8200, 2600);
        Corridor.Inventory inv = c.inventory(List.of(lake, crossing, far));
        assertArrayEquals(new int[] {0, 0, 2}, inv.ringOf());
        assertArrayEquals(new int[] {2, 0, 1, 0}, inv.ringCount());
        assertArrayEquals(new int[] {2, 2, 3, 3}, inv.bufferCount());
        // areas are clipped, not counted: lake 300·100 m² in ring 0 and 300·200 m² in ring 1; crossing 100·200 in ring 0;
        // far: 200·100 in ring 2 (1400…1500) and 200·500 in ring 3 (1500…2000)
        assertArrayEquals(new double[] {30000 + 20000, 60000, 20000, 100000}, inv.ringFeatureArea(), 1e-6);
        assertArrayEquals(new double[] {50000, 110000, 130000, 230000}, inv.bufferFeatureArea(), 1e-6);
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BufferRings(new double[] {500, 500}));
        assertThrows(IllegalArgumentException.class, () -> new BufferRings(new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> BufferRings.parse("500,abc"));
        assertThrows(IllegalArgumentException.class, () -> Corridor.around(point(0, 0), BufferRings.DEFAULT));
        assertArrayEquals(new double[] {250, 750}, BufferRings.parse(" 250, 750").distancesM());
    }

    @Test
    void utmZonesFollowTheSixDegreeRule() {
        assertEquals(32606, UtmZone.epsg(-147.7, 64.8)); // Fairbanks: 150…144° W is zone 6
        assertEquals(32646, UtmZone.epsg(92.0, 34.5));   // Qinghai–Tibet railway near Beiluhe: 90…96° E is zone 46
        assertEquals(32701, UtmZone.epsg(-180.0, -10));
        assertEquals(60, UtmZone.zone(179.99));
        assertEquals(31, UtmZone.zone(0.0));
        assertEquals(-147.0, UtmZone.centralMeridian(6));
    }

    @Test
    void profileFindsTheSubsidingStretchAtItsChainage() {
        Corridor c = Corridor.around(LINE, BufferRings.DEFAULT);
        // pixels every 100 m over the corridor and beyond; −20 mm/yr between km 3 and 5 within 1 km of the line,
        // 0 elsewhere; a −50 mm/yr patch 3 km off the line must not count (outside the 2 km buffer)
        List<double[]> px = new ArrayList<>();
        for (double x = -2950; x < 13000; x += 100) {
            for (double y = -3950; y < 4000; y += 100) {
                double r = x > 3000 && x < 5000 && Math.abs(y) < 1000 ? -20 : (y > 3000 ? -50 : 0);
                px.add(new double[] {x, y, r});
            }
        }
        double[] x = new double[px.size()];
        double[] y = new double[px.size()];
        double[] r = new double[px.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = px.get(i)[0];
            y[i] = px.get(i)[1];
            r[i] = px.get(i)[2];
        }
        r[0] = Double.NaN;
        List<Geometry> slumps = List.of(point(3500, 300), point(3600, -1900), point(4500, 2100), point(9999, 10));
        CorridorProfile.Bin[] bins = CorridorProfile.compute(c, 1.0, x, y, r, 10, List.of(slumps));
        assertEquals(10, bins.length);
        for (int b = 0; b < 10; b++) {
            // within a middle bin: 10 columns × 40 rows (y = −1950 … 1950); 20 rows have |y| < 1000 and −20 mm/yr
            double expectShare = b == 3 || b == 4 ? 0.5 : 0;
            assertEquals(expectShare, bins[b].shareFaster(), 1e-12, "bin " + b);
            assertEquals(b == 3 || b == 4 ? 20 : 0, bins[b].p95Subsidence(), 1e-12, "bin " + b);
            assertEquals(b == 3 || b == 4 ? -10 : 0, bins[b].meanRate(), 1e-12, "bin " + b);
        }
        assertEquals(400, bins[5].pixels());
        assertArrayEquals(new int[] {2}, bins[3].hazards());
        assertArrayEquals(new int[] {1}, bins[9].hazards());
        assertArrayEquals(new int[] {3, 4}, java.util.Arrays.copyOf(CorridorProfile.worst(bins, 2), 2));
    }

    @Test
    void percentileIsHyndmanFanSeven() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertEquals(10.5, CorridorProfile.percentile(v, 0, 11, 95), 1e-12); // numpy.percentile(range(1,12), 95)
        assertEquals(3.85, CorridorProfile.percentile(new double[] {1, 2, 3, 4}, 0, 4, 95), 1e-12);
    }
}

package org.permasar.hazard;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Metric buffers and rings around a corridor line (railway, highway, pipeline) and the inventory of a hazard layer
 * in them (SCIENCE.md §6; seed 002 §4.3 counts thaw slumps and thaw lakes within 500 … 2 000 m of the
 * Qinghai–Tibet railway and highway).
 *
 * <p><b>Units.</b> The line and every feature must be in one projected CRS with metre units (UTM, say; see
 * {@link UtmZone}); distances are metres and areas m². Nothing here is ever computed in degrees.
 *
 * <p><b>Buffers.</b> Buffer k is the JTS buffer of the line at distance d<sub>k</sub>, round caps and joins, with
 * {@link #QUADRANT_SEGMENTS} segments per quarter circle, vertices on the arc (the two caps together form a
 * regular 120-gon inscribed in the circle, short of πd² by 1 − sin(2π/120)/(2π/120) ≈ 0.046 %). Ring k = buffer k minus buffer k−1.
 *
 * <p><b>Counting rule (features crossing ring borders are counted once).</b> A feature belongs to the ring of its
 * <i>nearest point</i> to the line: its exact distance d to the line (JTS {@link IndexedFacetDistance}, 0 when it
 * touches or crosses the line) falls in (d<sub>k−1</sub>, d<sub>k</sub>] for exactly one k, or beyond the widest
 * buffer. A point counts by its distance; a polygon that straddles rings k and k+1 counts in ring k only. The
 * cumulative count of buffer k is the number of features with d ≤ d<sub>k</sub>, i.e. those that intersect the
 * exact buffer. Feature areas are the areas of the features' parts clipped to each ring and buffer (polygons only;
 * points and lines have none), so areas are split across rings while counts are not.
 *
 * <p>Immutable after construction and thread-safe for reads ({@link IndexedFacetDistance} is documented
 * thread-safe once built).
 */
public final class Corridor {
    /** Segments per quarter circle of the buffer arcs (SpatiaLite's ST_Buffer default is 30 as well). */
    public static final int QUADRANT_SEGMENTS = 30;

    private final Geometry line;
    private final BufferRings rings;
    private final Geometry[] buffers;
    private final Geometry[] ringPolygons;
    private final IndexedFacetDistance distance;

    private Corridor(Geometry line, BufferRings rings) {
        this.line = line;
        this.rings = rings;
        int n = rings.size();
        buffers = new Geometry[n];
        ringPolygons = new Geometry[n];
        for (int k = 0; k < n; k++) {
            buffers[k] = line.buffer(rings.distance(k), QUADRANT_SEGMENTS, BufferParameters.CAP_ROUND);
            ringPolygons[k] = k == 0 ? buffers[0] : OverlayNGRobust.overlay(buffers[k], buffers[k - 1], OverlayNG.DIFFERENCE);
        }
        distance = new IndexedFacetDistance(line);
    }

    /**
     * The corridor around {@code line} (a LineString or MultiLineString, projected metres).
     *
     * @throws IllegalArgumentException for an empty or non-linear geometry
     */
    public static Corridor around(Geometry line, BufferRings rings) {
        if (line == null || line.isEmpty() || line.getDimension() != 1) {
            throw new IllegalArgumentException("a corridor needs a non-empty line geometry, got "
                    + (line == null ? "null" : line.getGeometryType() + (line.isEmpty() ? " (empty)" : "")));
        }
        return new Corridor(line, rings);
    }

    public Geometry line() {
        return line;
    }

    public BufferRings rings() {
        return rings;
    }

    /** Buffer k (distance ≤ d<sub>k</sub>), projected metres. */
    public Geometry buffer(int k) {
        return buffers[k];
    }

    /** Ring k (d<sub>k−1</sub> &lt; distance ≤ d<sub>k</sub>), projected metres. */
    public Geometry ring(int k) {
        return ringPolygons[k];
    }

    /** Exact distance of a geometry to the line, m (0 when they touch or cross). */
    public double distanceTo(Geometry feature) {
        return distance.distance(feature);
    }

    /** Exact distance of a point (x, y) to the line, m. */
    public double distanceTo(double x, double y) {
        return distance.distance(line.getFactory().createPoint(new org.locationtech.jts.geom.Coordinate(x, y)));
    }

    /** The ring of a feature by the counting rule (its nearest point), or −1 beyond the widest buffer. */
    public int ringOf(Geometry feature) {
        return rings.ringOf(distanceTo(feature));
    }

    /**
     * Counts, areas and densities of one hazard layer per ring and per buffer. Null or empty features are skipped
     * (ring −1).
     */
    public Inventory inventory(List<Geometry> features) {
        int n = rings.size();
        int[] ringCount = new int[n];
        double[] ringFeatureArea = new double[n];
        double[] bufferFeatureArea = new double[n];
        int[] ringOf = new int[features.size()];
        for (int i = 0; i < features.size(); i++) {
            Geometry f = features.get(i);
            int k = f == null || f.isEmpty() ? -1 : ringOf(f);
            ringOf[i] = k;
            if (k < 0) {
                continue;
            }
            ringCount[k]++;
            if (f instanceof Polygonal) {
                Geometry g = f.isValid() ? f : f.buffer(0);
                for (int j = k; j < n; j++) {
                    ringFeatureArea[j] += OverlayNGRobust.overlay(g, ringPolygons[j], OverlayNG.INTERSECTION).getArea();
                    bufferFeatureArea[j] += OverlayNGRobust.overlay(g, buffers[j], OverlayNG.INTERSECTION).getArea();
                }
            }
        }
        int[] cumulative = new int[n];
        double[] ringArea = new double[n];
        double[] bufferArea = new double[n];
        int c = 0;
        for (int k = 0; k < n; k++) {
            c += ringCount[k];
            cumulative[k] = c;
            ringArea[k] = ringPolygons[k].getArea();
            bufferArea[k] = buffers[k].getArea();
        }
        return new Inventory(rings, ringCount, cumulative, ringArea, bufferArea, ringFeatureArea, bufferFeatureArea, ringOf);
    }

    /**
     * One layer's inventory. Arrays are indexed by ring / buffer k; areas m², densities features per km².
     *
     * @param ringCount         features whose nearest point lies in ring k
     * @param bufferCount       features within buffer k (cumulative over rings 0…k)
     * @param ringArea          area of ring k, m²
     * @param bufferArea        area of buffer k, m²
     * @param ringFeatureArea   area of the polygon features clipped to ring k, m²
     * @param bufferFeatureArea area of the polygon features clipped to buffer k, m²
     * @param ringOf            per input feature, its ring or −1
     */
    public record Inventory(BufferRings rings, int[] ringCount, int[] bufferCount, double[] ringArea, double[] bufferArea,
                            double[] ringFeatureArea, double[] bufferFeatureArea, int[] ringOf) {
        /** Features per km² of ring k: ringCount / (ringArea / 10⁶). */
        public double ringDensity(int k) {
            return ringCount[k] / (ringArea[k] * 1e-6);
        }

        /** Features per km² of buffer k. */
        public double bufferDensity(int k) {
            return bufferCount[k] / (bufferArea[k] * 1e-6);
        }
    }
}

package org.permasar.hazard;

import java.util.Arrays;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Chainage along a corridor line: the kilometre a point of the line carries, either its length from the line's start
 * ({@link #fromStart}), interpolated between kilometre posts ({@link #fromPosts}), or interpolated between the
 * measures (M values) of the line's vertices ({@link #fromMeasures}), as railway and highway engineers read their
 * line.
 *
 * <p><b>Posts.</b> Each post is placed on the line at its nearest point (JTS {@link LengthIndexedLine#project}, the
 * length s<sub>i</sub> along the line in metres) and carries its kilometre k<sub>i</sub>. Between two posts the
 * chainage is linear in s: k(s) = k<sub>i</sub> + (s − s<sub>i</sub>)(k<sub>i+1</sub> − k<sub>i</sub>) /
 * (s<sub>i+1</sub> − s<sub>i</sub>), so a post that is 1.02 km of line from the next is honoured (the posts' km
 * differs from the measured length wherever the line was realigned, or where the digitised line is generalised).
 * Before the first and after the last post the chainage runs at the nominal rate, 1 km per 1 000 m of line, in the
 * posts' direction (increasing or decreasing along the line). One post gives a shift only. The posts' kilometres
 * must be strictly monotonic along the line; two posts at the same place, or a post out of order, are refused
 * ({@link IllegalArgumentException} naming both).
 *
 * <p><b>Measures.</b> A line whose vertices carry measures (linear referencing: an ESRI PolyLineM, the M ordinate
 * of JTS coordinates) gives each vertex its chainage, k<sub>i</sub> = M<sub>i</sub> × (km per measure unit), at its
 * length s<sub>i</sub> from the line's start; between vertices k(s) is linear in s as between posts. The parts of a
 * MultiLineString follow each other in order with no length between them, so a jump of M from the end of one part
 * to the start of the next is a jump of chainage there. Measures must be finite and strictly monotonic along the
 * line (increasing or decreasing, by its two ends); two vertices with no length between them may carry the same
 * measure. A missing measure (NaN), a vertex out of order or a line without measures is refused
 * ({@link IllegalArgumentException} naming the part and vertex).
 *
 * <p>Units: s in metres of the line's projected CRS, chainage in km. Immutable; thread-safe.
 */
public final class Chainage {
    private final LengthIndexedLine index;
    private final double length;
    private final double[] s;
    private final double[] km;
    private final double direction;
    private final boolean posts;

    private Chainage(Geometry line, double[] s, double[] km, double direction, boolean posts) {
        this.index = new LengthIndexedLine(line);
        this.length = line.getLength();
        this.s = s;
        this.km = km;
        this.direction = direction;
        this.posts = posts;
    }

    /** Chainage = length from the line's start / 1000 (km). */
    public static Chainage fromStart(Geometry line) {
        return new Chainage(line, new double[0], new double[0], 1, false);
    }

    /**
     * Chainage from the measures (M values) of the line's vertices, linear in length between them.
     *
     * @param line          the corridor line (LineString or MultiLineString, parts in order), projected metres, its
     *                      coordinates with measures
     * @param kmPerMeasure  km per measure unit (1 for measures in km, 0.001 for metres), finite and &gt; 0
     * @throws IllegalArgumentException when a part has no measures, a measure is not finite, or the measures are not
     *                                  strictly monotonic along the line (naming the part and the vertex)
     */
    public static Chainage fromMeasures(Geometry line, double kmPerMeasure) {
        if (!(kmPerMeasure > 0) || Double.isInfinite(kmPerMeasure)) {
            throw new IllegalArgumentException("km per measure unit must be finite and > 0, got " + kmPerMeasure);
        }
        int n = line.getNumPoints();
        double[] s = new double[n];
        double[] km = new double[n];
        int[][] at = new int[n][];
        int k = 0;
        double along = 0;
        for (int p = 0; p < line.getNumGeometries(); p++) {
            if (!(line.getGeometryN(p) instanceof LineString part)) {
                throw new IllegalArgumentException("line part " + p + " is a " + line.getGeometryN(p).getGeometryType()
                        + ", not a LineString");
            }
            CoordinateSequence seq = part.getCoordinateSequence();
            if (!seq.hasM()) {
                throw new IllegalArgumentException("line part " + p + " has no measures (M values) on its vertices");
            }
            for (int i = 0; i < seq.size(); i++, k++) {
                if (i > 0) {
                    along += Math.hypot(seq.getX(i) - seq.getX(i - 1), seq.getY(i) - seq.getY(i - 1));
                }
                double m = seq.getM(i);
                if (!Double.isFinite(m)) {
                    throw new IllegalArgumentException(vertex(seq, p, i) + " has no measure (M is " + m + ": missing, "
                            + "or the Shapefile no-data value below -1e38)");
                }
                s[k] = along;
                km[k] = m * kmPerMeasure;
                at[k] = new int[] {p, i};
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the line has no vertices");
        }
        double direction = Math.signum(km[n - 1] - km[0]);
        if (direction == 0) {
            throw new IllegalArgumentException("the measures do not change along the line (M " + km[0] / kmPerMeasure
                    + " at both ends)");
        }
        for (k = 1; k < n; k++) {
            double dk = direction * (km[k] - km[k - 1]);
            if (s[k] > s[k - 1] ? !(dk > 0) : dk < 0) {
                LineString part = (LineString) line.getGeometryN(at[k][0]);
                throw new IllegalArgumentException("measures are not monotonic along the line: "
                        + vertex(part.getCoordinateSequence(), at[k][0], at[k][1]) + " has M " + km[k] / kmPerMeasure
                        + " after M " + km[k - 1] / kmPerMeasure + " (they " + (direction > 0 ? "increase" : "decrease")
                        + " from the line's start to its end)");
            }
        }
        return new Chainage(line, s, km, direction, false);
    }

    private static String vertex(CoordinateSequence seq, int part, int i) {
        return String.format(Locale.ROOT, "vertex %d of line part %d (%.3f, %.3f)", i, part, seq.getX(i), seq.getY(i));
    }

    /**
     * Chainage interpolated between kilometre posts.
     *
     * @param line  the corridor line, projected metres
     * @param postX posts' easting, m (same CRS)
     * @param postY posts' northing, m
     * @param postKm posts' kilometre, finite
     * @throws IllegalArgumentException when there is no post, a kilometre is not finite, two posts fall on the same
     *                                  point of the line, or the kilometres are not strictly monotonic along the line
     */
    public static Chainage fromPosts(Geometry line, double[] postX, double[] postY, double[] postKm) {
        int n = postKm.length;
        if (n == 0 || postX.length != n || postY.length != n) {
            throw new IllegalArgumentException("kilometre posts: need at least one post with x, y and km, got "
                    + postX.length + ", " + postY.length + ", " + n);
        }
        LengthIndexedLine index = new LengthIndexedLine(line);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(postKm[i]) || !Double.isFinite(postX[i]) || !Double.isFinite(postY[i])) {
                throw new IllegalArgumentException("kilometre post " + i + ": km " + postKm[i] + " at (" + postX[i]
                        + ", " + postY[i] + ") is not finite");
            }
            p[i] = new double[] {index.project(new Coordinate(postX[i], postY[i])), postKm[i]};
        }
        Arrays.sort(p, (a, b) -> Double.compare(a[0], b[0]));
        double[] s = new double[n];
        double[] km = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = p[i][0];
            km[i] = p[i][1];
        }
        double direction = n > 1 && km[n - 1] < km[0] ? -1 : 1;
        for (int i = 1; i < n; i++) {
            if (s[i] - s[i - 1] < 1e-6) {
                throw new IllegalArgumentException("kilometre posts km " + km[i - 1] + " and km " + km[i]
                        + " fall on the same point of the line (" + s[i] + " m from its start)");
            }
            if (direction * (km[i] - km[i - 1]) <= 0) {
                throw new IllegalArgumentException("kilometre posts are not monotonic along the line: km " + km[i - 1]
                        + " at " + s[i - 1] + " m, then km " + km[i] + " at " + s[i] + " m");
            }
        }
        return new Chainage(line, s, km, direction, true);
    }

    /** The chainage, km, of the point of the line {@code along} metres from its start. */
    public double km(double along) {
        int n = s.length;
        if (n == 0) {
            return along / 1000;
        }
        if (along <= s[0]) {
            return km[0] + direction * (along - s[0]) / 1000;
        }
        if (along >= s[n - 1]) {
            return km[n - 1] + direction * (along - s[n - 1]) / 1000;
        }
        int i = Arrays.binarySearch(s, along);
        if (i >= 0) {
            return km[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        return km[lo] + (along - s[lo]) * (km[hi] - km[lo]) / (s[hi] - s[lo]);
    }

    /** The chainage, km, of the nearest point of the line to (x, y). */
    public double km(double x, double y) {
        return km(index.project(new Coordinate(x, y)));
    }

    /** The chainage, km, of a coordinate's nearest point of the line. */
    public double km(Coordinate c) {
        return km(index.project(c));
    }

    /** Smallest chainage on the line, km. */
    public double minKm() {
        return Math.min(km(0.0), km(length));
    }

    /** Largest chainage on the line, km. */
    public double maxKm() {
        return Math.max(km(0.0), km(length));
    }

    /** True when chainage comes from kilometre posts. */
    public boolean fromPosts() {
        return posts;
    }
}

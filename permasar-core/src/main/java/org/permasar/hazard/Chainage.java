package org.permasar.hazard;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Chainage along a corridor line: the kilometre a point of the line carries, either its length from the line's start
 * ({@link #fromStart}) or interpolated between kilometre posts ({@link #fromPosts}), as railway and highway
 * engineers read their line.
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
 * <p>Units: s in metres of the line's projected CRS, chainage in km. Immutable; thread-safe.
 */
public final class Chainage {
    private final LengthIndexedLine index;
    private final double length;
    private final double[] s;
    private final double[] km;
    private final double direction;

    private Chainage(Geometry line, double[] s, double[] km, double direction) {
        this.index = new LengthIndexedLine(line);
        this.length = line.getLength();
        this.s = s;
        this.km = km;
        this.direction = direction;
    }

    /** Chainage = length from the line's start / 1000 (km). */
    public static Chainage fromStart(Geometry line) {
        return new Chainage(line, new double[0], new double[0], 1);
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
        return new Chainage(line, s, km, direction);
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
        return s.length > 0;
    }
}

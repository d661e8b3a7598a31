package org.permasar.hazard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.permasar.stats.Medians;

/**
 * Sub-pixel lake areas by linear spectral unmixing of the two bands the water index was made from.
 *
 * <p>A thresholded water index gives a lake's area in whole pixels, and that area is biased: the index
 * (G − NIR)/(G + NIR) is not linear in the share of water in a pixel, so a threshold half-way between water and land
 * in index space is reached at some other share (about 70 % water for Otsu's threshold on a simulated tundra
 * scene), and the boundary pixels on one side of it are all dropped, those on the other all kept. Reflectances, on the
 * other hand, mix linearly with the area shares (the linear mixture model of Adams, Smith &amp; Johnson 1986;
 * Settle &amp; Drake 1993): a pixel that is a share f water has p = f·w + (1 − f)·l per band, w and l the pure
 * water and pure land reflectances (the end-members). With the two bands (green, NIR or SWIR) and one unknown the
 * least-squares share is
 * <pre>f = ((p − l)·(w − l)) / |w − l|²,  clamped to 0 … 1</pre>
 * and a lake's area is Σ f over its pixels times the pixel area.
 *
 * <p>Which pixels: a lake's <em>interior</em> pixels (all in-raster 8-neighbours in the same lake) count 1, not
 * unmixed (their noise would be clamped at 1 and bias the sum low). Its <em>boundary</em> pixels (in the lake, an
 * 8-neighbour outside it) and its <em>ring</em> (pixels outside every lake whose nearest lake pixel, chessboard
 * distance 1, is in this lake; a pixel next to two lakes goes to the one the breadth-first search reaches first, in
 * row-major order of the lake pixels) are unmixed. Where a ring pixel is at least {@value #GROW_SHARE} water, its
 * neighbours outside the lakes and not yet counted join the ring in turn, up to {@value #LAND_RING} pixels from the
 * lakes: water thinner than the threshold's share of a pixel (the tip of a wedge, a narrow bay) is followed instead
 * of lost. A ring pixel without finite bands counts 0.
 *
 * <p>End-members, from the scene: the water end-member of a lake is the per-band median of its interior pixels; the
 * land end-member the per-band median of the pixels 2 … {@value #LAND_RING} pixels (chessboard) from it that are
 * not water in the thresholded mask nor next to such water. A lake with fewer than {@value #MIN_SAMPLES} samples of
 * either takes the scene's median of all lakes' samples of that kind ({@link Source#SCENE}); with none in the scene,
 * or when the two end-members coincide, the lake is not unmixed and counts its pixels ({@link Source#NONE}).
 *
 * <p>Arrays are row-major rows × cols. Stateless; thread-safe.
 */
public final class LakeUnmixing {
    /** Fewest samples for a lake's own end-member. */
    public static final int MIN_SAMPLES = 5;
    /** Land end-member samples lie 2 … LAND_RING pixels (chessboard distance) from the lake. */
    public static final int LAND_RING = 3;
    /** A ring pixel at least this share water brings its neighbours into the ring. */
    public static final double GROW_SHARE = 0.2;

    private LakeUnmixing() {
    }

    /** Where a lake's end-members came from. */
    public enum Source {
        /** Both from the lake's own interior and surroundings. */
        LAKE,
        /** At least one from the whole scene (too few samples of the lake's own). */
        SCENE,
        /** Not unmixed: no end-member, or water and land the same; the lake counts its whole pixels. */
        NONE
    }

    /**
     * One lake's unmixing.
     *
     * @param waterPixels Σ f: the lake's area in pixels
     * @param unmixed     pixels unmixed (boundary and ring)
     * @param water       water end-member {green, second band} (NaN with {@link Source#NONE})
     * @param land        land end-member {green, second band}
     * @param source      where the end-members came from
     */
    public record Lake(double waterPixels, int unmixed, double[] water, double[] land, Source source) {
    }

    /**
     * The unmixing of every lake.
     *
     * @param fraction water share per pixel: 1 in lake interiors, f on boundaries and rings, 0 elsewhere, NaN where a
     *                 pixel outside the lakes has no finite bands
     * @param lakes    per label 0 … m − 1
     */
    public record Result(float[] fraction, List<Lake> lakes) {
    }

    /**
     * Unmixes the lakes of {@code labels}.
     *
     * @param green  first band of the index (green), any linear unit (reflectance or DN)
     * @param second second band (NIR or SWIR), same unit
     * @param labels lake label 0 … m − 1 per pixel, −1 outside the lakes (as {@link WaterMapping#components})
     * @param m      number of lakes
     * @param water  the thresholded water mask before cleaning (dropped specks included), kept out of land samples
     * @param rows   raster rows
     * @param cols   raster columns
     */
    public static Result unmix(float[] green, float[] second, int[] labels, int m, boolean[] water, int rows, int cols) {
        int n = rows * cols;
        if (green.length != n || second.length != n || labels.length != n || water.length != n) {
            throw new IllegalArgumentException("bands, labels and mask need " + rows + " × " + cols + " = " + n
                    + " pixels, got " + green.length + ", " + second.length + ", " + labels.length + ", " + water.length);
        }
        // chessboard distance to the nearest lake pixel (up to LAND_RING) and that lake, breadth first
        int[] dist = new int[n];
        int[] owner = new int[n];
        Arrays.fill(dist, Integer.MAX_VALUE);
        Arrays.fill(owner, -1);
        int[] queue = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                dist[i] = 0;
                owner[i] = labels[i];
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int p = queue[head++];
            if (dist[p] == LAND_RING) {
                continue;
            }
            int r = p / cols, c = p % cols;
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int rr = r + dr, cc = c + dc;
                    if (rr >= 0 && rr < rows && cc >= 0 && cc < cols && dist[rr * cols + cc] == Integer.MAX_VALUE) {
                        int q = rr * cols + cc;
                        dist[q] = dist[p] + 1;
                        owner[q] = owner[p];
                        queue[tail++] = q;
                    }
                }
            }
        }
        boolean[] nearWater = new boolean[n];
        boolean[] interior = new boolean[n];
        for (int p = 0; p < n; p++) {
            int r = p / cols, c = p % cols;
            boolean inside = labels[p] >= 0;
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int rr = r + dr, cc = c + dc;
                    if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
                        int q = rr * cols + cc;
                        nearWater[p] |= water[q];
                        inside &= labels[q] == labels[p];
                    }
                }
            }
            interior[p] = inside;
        }
        // samples grouped by lake: kind 0 water (interior), kind 1 land (2 … LAND_RING away, dry)
        int[][] counts = new int[2][m];
        int[] kind = new int[n];
        for (int p = 0; p < n; p++) {
            kind[p] = -1;
            if (!Float.isFinite(green[p]) || !Float.isFinite(second[p])) {
                continue;
            }
            if (interior[p]) {
                kind[p] = 0;
            } else if (dist[p] >= 2 && dist[p] <= LAND_RING && !nearWater[p]) {
                kind[p] = 1;
            } else {
                continue;
            }
            counts[kind[p]][owner[p]]++;
        }
        double[][][] own = new double[2][m][];
        double[][] scene = new double[2][];
        for (int k = 0; k < 2; k++) {
            int[] start = new int[m + 1];
            for (int j = 0; j < m; j++) {
                start[j + 1] = start[j] + counts[k][j];
            }
            int total = start[m];
            float[] ga = new float[total];
            float[] sa = new float[total];
            int[] fill = Arrays.copyOf(start, m);
            for (int p = 0; p < n; p++) {
                if (kind[p] == k) {
                    int at = fill[owner[p]]++;
                    ga[at] = green[p];
                    sa[at] = second[p];
                }
            }
            for (int j = 0; j < m; j++) {
                if (counts[k][j] >= MIN_SAMPLES) {
                    own[k][j] = median(ga, sa, start[j], start[j + 1]);
                }
            }
            scene[k] = total > 0 ? median(ga, sa, 0, total) : null;
        }
        List<Lake> lakes = new ArrayList<>(m);
        double[][] w = new double[m][];
        double[][] l = new double[m][];
        boolean[] mixable = new boolean[m];
        for (int j = 0; j < m; j++) {
            w[j] = own[0][j] != null ? own[0][j] : scene[0];
            l[j] = own[1][j] != null ? own[1][j] : scene[1];
            mixable[j] = w[j] != null && l[j] != null
                    && (w[j][0] - l[j][0]) * (w[j][0] - l[j][0]) + (w[j][1] - l[j][1]) * (w[j][1] - l[j][1]) > 0;
        }
        float[] fraction = new float[n];
        double[] sum = new double[m];
        int[] unmixed = new int[m];
        boolean[] counted = new boolean[n];
        int[] grow = queue;                               // reused: the BFS is done
        head = 0;
        tail = 0;
        for (int p = 0; p < n; p++) {
            boolean finite = Float.isFinite(green[p]) && Float.isFinite(second[p]);
            int j = owner[p];
            float f;
            if (labels[p] >= 0) {
                f = interior[p] || !mixable[j] || !finite ? 1f : (float) share(green[p], second[p], w[j], l[j]);
            } else if (dist[p] == 1 && mixable[j]) {
                f = finite ? (float) share(green[p], second[p], w[j], l[j]) : 0f;
                if (f >= GROW_SHARE) {
                    grow[tail++] = p;
                }
            } else {
                fraction[p] = finite ? 0f : Float.NaN;
                continue;
            }
            fraction[p] = f;
            counted[p] = true;
            sum[j] += f;
            if (!interior[p] && mixable[j]) {
                unmixed[j]++;
            }
        }
        // the ring follows water thinner than the mask's threshold (a wedge's tip, a narrow bay) up to LAND_RING
        while (head < tail) {
            int p = grow[head++];
            int j = owner[p];
            int r = p / cols, c = p % cols;
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int rr = r + dr, cc = c + dc;
                    if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) {
                        continue;
                    }
                    int q = rr * cols + cc;
                    if (counted[q] || dist[q] > LAND_RING || !Float.isFinite(green[q]) || !Float.isFinite(second[q])) {
                        continue;
                    }
                    float f = (float) share(green[q], second[q], w[j], l[j]);
                    fraction[q] = f;
                    counted[q] = true;
                    owner[q] = j;
                    sum[j] += f;
                    unmixed[j]++;
                    if (f >= GROW_SHARE) {
                        grow[tail++] = q;
                    }
                }
            }
        }
        for (int j = 0; j < m; j++) {
            Source s = !mixable[j] ? Source.NONE : own[0][j] != null && own[1][j] != null ? Source.LAKE : Source.SCENE;
            double[] nan = {Double.NaN, Double.NaN};
            lakes.add(new Lake(sum[j], unmixed[j], mixable[j] ? w[j].clone() : nan, mixable[j] ? l[j].clone() : nan.clone(),
                    s));
        }
        return new Result(fraction, lakes);
    }

    /** The least-squares water share of pixel (g, s) between end-members w and l, clamped to 0 … 1. */
    static double share(double g, double s, double[] w, double[] l) {
        double dg = w[0] - l[0], ds = w[1] - l[1];
        double f = ((g - l[0]) * dg + (s - l[1]) * ds) / (dg * dg + ds * ds);  // (p − l)·(w − l) / |w − l|²
        return Math.max(0, Math.min(1, f));
    }

    private static double[] median(float[] ga, float[] sa, int from, int to) {
        float[] g = Arrays.copyOfRange(ga, from, to);
        float[] s = Arrays.copyOfRange(sa, from, to);
        return new double[] {Medians.sortInPlace(g, g.length), Medians.sortInPlace(s, s.length)};
    }
}

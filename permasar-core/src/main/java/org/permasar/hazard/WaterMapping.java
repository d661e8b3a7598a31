package org.permasar.hazard;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.permasar.grid.GeoTransform;

/**
 * Thermokarst lakes from optical imagery (SCIENCE.md §6; seed 004 maps them from Landsat): a normalised difference
 * water index, a threshold (fixed or Otsu's), a cleaned water mask and its lakes as polygons.
 *
 * <ul>
 *   <li>NDWI = (G − NIR)/(G + NIR) (McFeeters 1996), MNDWI = (G − SWIR)/(G + SWIR) (Xu 2006):
 *   {@link #normalisedDifference}; NaN where a band is not finite or G + NIR ≤ 0.</li>
 *   <li>Otsu (1979): the histogram of the finite index values in {@code bins} equal bins between their minimum and
 *   maximum; the threshold is the upper edge of the bin k that maximises the between-class variance
 *   σ²_B(k) = ω₀(k) ω₁(k) (μ₀(k) − μ₁(k))² (the first k on ties); water is index &gt; threshold.</li>
 *   <li>Cleaning: holes (8-connected non-water regions that do not touch the raster's edge) of fewer than
 *   {@code below} pixels are filled ({@link #fillHoles}); water components (4-connected) of fewer than
 *   {@code minPixels} pixels are dropped.</li>
 *   <li>Polygons: each component is the union (JTS {@link UnaryUnionOp}) of its rows' runs of pixels, each run a
 *   quadrilateral of the pixels' corners through the raster's geotransform, so islands of land stay holes and the
 *   polygon's area is exactly the pixels' area.</li>
 * </ul>
 * Stateless; thread-safe. Arrays are row-major rows × cols.
 */
public final class WaterMapping {
    private WaterMapping() {
    }

    /** (a − b)/(a + b) per pixel; NaN where either is not finite or a + b ≤ 0. */
    public static float[] normalisedDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("bands of different sizes: " + a.length + " and " + b.length + " pixels");
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            float s = a[i] + b[i];
            out[i] = Float.isFinite(a[i]) && Float.isFinite(b[i]) && s > 0 ? (a[i] - b[i]) / s : Float.NaN;
        }
        return out;
    }

    /**
     * Otsu's (1979) threshold of the finite values in {@code bins} equal bins over their range: the upper edge of
     * {@link #otsuBin}'s bin. NaN when fewer than two distinct finite values.
     */
    public static double otsu(float[] v, int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("Otsu needs at least 2 bins, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (Float.isFinite(f)) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        if (!(hi > lo)) {
            return Double.NaN;
        }
        return otsu(v, bins, lo, hi);
    }

    /** As {@link #otsu(float[], int)} with the histogram's range given: bins of (hi − lo)/bins from lo. */
    public static double otsu(float[] v, int bins, double lo, double hi) {
        long[] hist = new long[bins];
        double w = (hi - lo) / bins;
        for (float f : v) {
            if (Float.isFinite(f) && f >= lo && f <= hi) {
                hist[Math.min(bins - 1, (int) ((f - lo) / w))]++;
            }
        }
        return lo + (otsuBin(hist) + 1) * w;
    }

    /**
     * The bin k (class 0 = bins 0…k) maximising ω₀ω₁(μ₀ − μ₁)² over bin indices as levels (Otsu 1979, eq. 18),
     * the first on ties; k &lt; bins − 1.
     */
    public static int otsuBin(long[] hist) {
        double total = 0, sum = 0;
        for (int i = 0; i < hist.length; i++) {
            total += hist[i];
            sum += (double) i * hist[i];
        }
        double w0 = 0, s0 = 0, best = -1;
        int bestK = 0;
        for (int k = 0; k < hist.length - 1; k++) {
            w0 += hist[k];
            s0 += (double) k * hist[k];
            double w1 = total - w0;
            if (w0 == 0 || w1 == 0) {
                continue;
            }
            double m0 = s0 / w0, m1 = (sum - s0) / w1;
            double between = (w0 / total) * (w1 / total) * (m0 - m1) * (m0 - m1);
            if (between > best * (1 + 1e-12)) {
                best = between;
                bestK = k;
            }
        }
        return bestK;
    }

    /**
     * The mask with its small holes filled: each 8-connected region of non-water pixels that does not touch the
     * raster's edge and has fewer than {@code below} pixels becomes water. 8-connected background is the dual of the
     * 4-connected water of {@link #components} (two water pixels touching at a corner are not one lake, so the land
     * between them passes through that corner). {@code below} ≤ 1 fills nothing. The input is not modified.
     */
    public static boolean[] fillHoles(boolean[] mask, int rows, int cols, int below) {
        int n = rows * cols;
        if (mask.length != n) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels for a " + rows + " × " + cols + " grid");
        }
        boolean[] out = mask.clone();
        if (below <= 1) {
            return out;
        }
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] members = new int[n];
        for (int s = 0; s < n; s++) {
            if (mask[s] || seen[s]) {
                continue;
            }
            int top = 0, count = 0;
            boolean edge = false;
            stack[top++] = s;
            seen[s] = true;
            while (top > 0) {
                int p = stack[--top];
                members[count++] = p;
                int r = p / cols, c = p % cols;
                edge |= r == 0 || c == 0 || r == rows - 1 || c == cols - 1;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr, cc = c + dc;
                        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) {
                            continue;
                        }
                        int q = rr * cols + cc;
                        if (!mask[q] && !seen[q]) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (!edge && count < below) {
                for (int i = 0; i < count; i++) {
                    out[members[i]] = true;
                }
            }
        }
        return out;
    }

    /**
     * Labels of the 4-connected components of {@code mask} with at least {@code minPixels} pixels: 0…m−1, −1 for
     * background and dropped components; returns {labels, sizes}: {@code int[][] {labels, sizes}}.
     */
    public static int[][] components(boolean[] mask, int rows, int cols, int minPixels) {
        int n = rows * cols;
        if (mask.length != n) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels for a " + rows + " × " + cols + " grid");
        }
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        int[] stack = new int[n];
        int[] sizes = new int[16];
        int m = 0;
        int[] members = new int[n];
        for (int s = 0; s < n; s++) {
            if (!mask[s] || label[s] != -1) {
                continue;
            }
            int top = 0, count = 0;
            stack[top++] = s;
            label[s] = m;
            while (top > 0) {
                int p = stack[--top];
                members[count++] = p;
                int r = p / cols, c = p % cols;
                if (r > 0 && mask[p - cols] && label[p - cols] == -1) {
                    label[p - cols] = m;
                    stack[top++] = p - cols;
                }
                if (r < rows - 1 && mask[p + cols] && label[p + cols] == -1) {
                    label[p + cols] = m;
                    stack[top++] = p + cols;
                }
                if (c > 0 && mask[p - 1] && label[p - 1] == -1) {
                    label[p - 1] = m;
                    stack[top++] = p - 1;
                }
                if (c < cols - 1 && mask[p + 1] && label[p + 1] == -1) {
                    label[p + 1] = m;
                    stack[top++] = p + 1;
                }
            }
            if (count < minPixels) {
                for (int i = 0; i < count; i++) {
                    label[members[i]] = -2;                // seen, dropped
                }
                continue;
            }
            if (m == sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, 2 * m);
            }
            sizes[m++] = count;
        }
        for (int i = 0; i < n; i++) {
            if (label[i] == -2) {
                label[i] = -1;
            }
        }
        return new int[][] {label, java.util.Arrays.copyOf(sizes, m)};
    }

    /** One polygon (or multipolygon) per label 0…m−1, in the geotransform's coordinates. */
    public static List<Geometry> polygons(int[] labels, int m, int rows, int cols, GeoTransform t) {
        List<List<Geometry>> runs = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            runs.add(new ArrayList<>());
        }
        GeometryFactory gf = new GeometryFactory();
        for (int r = 0; r < rows; r++) {
            int c = 0;
            while (c < cols) {
                int l = labels[r * cols + c];
                if (l < 0) {
                    c++;
                    continue;
                }
                int c1 = c;
                while (c1 + 1 < cols && labels[r * cols + c1 + 1] == l) {
                    c1++;
                }
                runs.get(l).add(quad(gf, t, c, c1 + 1, r, r + 1));
                c = c1 + 1;
            }
        }
        List<Geometry> out = new ArrayList<>(m);
        for (List<Geometry> g : runs) {
            out.add(UnaryUnionOp.union(g));
        }
        return out;
    }

    private static Polygon quad(GeometryFactory gf, GeoTransform t, double c0, double c1, double r0, double r1) {
        Coordinate a = new Coordinate(t.x(c0, r0), t.y(c0, r0));
        Coordinate b = new Coordinate(t.x(c1, r0), t.y(c1, r0));
        Coordinate c = new Coordinate(t.x(c1, r1), t.y(c1, r1));
        Coordinate d = new Coordinate(t.x(c0, r1), t.y(c0, r1));
        return gf.createPolygon(new Coordinate[] {a, b, c, d, new Coordinate(a)});
    }
}

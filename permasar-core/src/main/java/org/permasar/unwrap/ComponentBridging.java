package org.permasar.unwrap;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Correction of unwrapping errors between the connected components of one interferogram by
 * bridging (Yunjun et al. 2019, §3.1; MintPy 1.5.1 {@code unwrap_error_bridging} and
 * {@code objects.conncomp}): the regions of equal non-zero connected-component label
 * (4-connected) of at least {@code minArea} pixels are joined by the minimum spanning tree of their
 * shortest bridges (nearest pixels of two regions); walking the tree from the reference region, each
 * child region is shifted by 2π·n with n = −sign(Δ)·⌊(|Δ| + π) / 2π⌋, Δ the difference of the
 * median phases of the two regions within {@code radius} pixels of the bridge's ends (the parent's
 * phase as already corrected).
 *
 * <p>Differences from MintPy: no 5×5 grey erosion of the label image before bridges are sought
 * (bridges join the regions' own nearest pixels), no ramp removal, and the small-region threshold
 * is min(minArea, 0.3 % of the pixels) as MintPy's. NaN phases are ignored by the medians; a
 * label of 0 or NaN is masked. Stateless and thread-safe.
 */
public final class ComponentBridging {
    /** MintPy's {@code connCompMinArea}: smallest region bridged, pixels. */
    public static final int DEFAULT_MIN_AREA = 2500;
    /** MintPy's bridge end radius, pixels (capped at 5 % of the shorter side). */
    public static final int DEFAULT_RADIUS = 50;

    private ComponentBridging() {
    }

    /** Result of one interferogram: region of each pixel and the cycles added to each region. */
    public record Bridged(int[] region, int[] regionLabel, int[] regionCycles) {
        /** Cycles added at pixel p (0 outside every bridged region). */
        public int cyclesAt(int p) {
            return region[p] < 0 ? 0 : regionCycles[region[p]];
        }
    }

    /**
     * Bridges one interferogram.
     *
     * @param phase      unwrapped phase, rad, rows × cols (row-major); not modified
     * @param labels     connected-component labels, rows × cols; 0 or NaN = masked
     * @param refPixel   row·cols + col of the reference pixel, or −1 for the largest region
     * @param minArea    smallest region bridged, pixels, ≥ 1
     * @param radius     bridge-end window half-size, pixels, ≥ 1
     */
    public static Bridged bridge(float[] phase, float[] labels, int rows, int cols, int refPixel, int minArea, int radius) {
        int n = rows * cols;
        if (phase.length != n || labels.length != n || minArea < 1 || radius < 1) {
            throw new IllegalArgumentException("phase " + phase.length + " and labels " + labels.length + " must hold "
                    + rows + " × " + cols + " values; minArea " + minArea + " and radius " + radius + " must be ≥ 1");
        }
        int[] region = new int[n];
        Arrays.fill(region, -1);
        int[] area = new int[16];
        float[] regionLabel = new float[16];
        int nreg = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            float l = labels[s];
            if (region[s] >= 0 || l == 0 || Float.isNaN(l)) {
                continue;
            }
            if (nreg == area.length) {
                area = Arrays.copyOf(area, 2 * nreg);
                regionLabel = Arrays.copyOf(regionLabel, 2 * nreg);
            }
            region[s] = nreg;
            regionLabel[nreg] = l;
            queue.add(s);
            int a = 0;
            while (!queue.isEmpty()) { // 4-connected flood fill of equal labels (skimage measure.label, connectivity 1)
                int p = queue.poll();
                a++;
                int r = p / cols, c = p % cols;
                if (r > 0) {
                    visit(p - cols, l, labels, region, nreg, queue);
                }
                if (r < rows - 1) {
                    visit(p + cols, l, labels, region, nreg, queue);
                }
                if (c > 0) {
                    visit(p - 1, l, labels, region, nreg, queue);
                }
                if (c < cols - 1) {
                    visit(p + 1, l, labels, region, nreg, queue);
                }
            }
            area[nreg++] = a;
        }
        // drop small regions (MintPy: min_area = min(min_area, size·3e-3)) and renumber
        double minA = Math.min(minArea, n * 3e-3);
        int[] newId = new int[nreg];
        int kept = 0;
        for (int i = 0; i < nreg; i++) {
            newId[i] = area[i] >= minA ? kept++ : -1;
        }
        int[] keptLabel = new int[kept];
        for (int i = 0; i < nreg; i++) {
            if (newId[i] >= 0) {
                keptLabel[newId[i]] = (int) regionLabel[i];
            }
        }
        int[] keptArea = new int[kept];
        for (int p = 0; p < n; p++) {
            region[p] = region[p] < 0 ? -1 : newId[region[p]];
            if (region[p] >= 0) {
                keptArea[region[p]]++;
            }
        }
        int[] cycles = new int[kept];
        if (kept <= 1) {
            return new Bridged(region, keptLabel, cycles);
        }
        // boundary pixels of each region (a 4-neighbour outside the region, or the image edge)
        int[][] bound = boundaries(region, rows, cols, kept);
        // shortest bridge between every two regions
        double[] dist = new double[kept * kept];
        int[] endA = new int[kept * kept];
        for (int i = 0; i < kept; i++) {
            for (int j = i + 1; j < kept; j++) {
                double best = Double.POSITIVE_INFINITY;
                int bi = -1, bj = -1;
                for (int pi : bound[i]) {
                    int ri = pi / cols, ci = pi % cols;
                    for (int pj : bound[j]) {
                        double dr = ri - pj / cols, dc = ci - pj % cols;
                        double d = dr * dr + dc * dc;
                        if (d < best) {
                            best = d;
                            bi = pi;
                            bj = pj;
                        }
                    }
                }
                dist[i * kept + j] = dist[j * kept + i] = Math.sqrt(best);
                endA[i * kept + j] = bi; // end in region i
                endA[j * kept + i] = bj; // end in region j
            }
        }
        // minimum spanning tree (Prim) from the reference region, then breadth-first as MintPy
        int root = refPixel >= 0 && region[refPixel] >= 0 ? region[refPixel] : argmax(keptArea);
        int[] parent = new int[kept];
        Arrays.fill(parent, -1);
        boolean[] in = new boolean[kept];
        double[] key = new double[kept];
        Arrays.fill(key, Double.POSITIVE_INFINITY);
        key[root] = 0;
        for (int it = 0; it < kept; it++) {
            int u = -1;
            for (int v = 0; v < kept; v++) {
                if (!in[v] && (u < 0 || key[v] < key[u])) {
                    u = v;
                }
            }
            in[u] = true;
            for (int v = 0; v < kept; v++) {
                if (!in[v] && dist[u * kept + v] < key[v]) {
                    key[v] = dist[u * kept + v];
                    parent[v] = u;
                }
            }
        }
        int[] orderBfs = new int[kept];
        int head = 0, tail = 0;
        orderBfs[tail++] = root;
        while (head < tail) {
            int u = orderBfs[head++];
            for (int v = 0; v < kept; v++) {
                if (parent[v] == u) {
                    orderBfs[tail++] = v;
                }
            }
        }
        int rad = (int) Math.max(1, Math.min(radius, Math.min(rows, cols) * 0.05));
        for (int o = 1; o < kept; o++) {
            int child = orderBfs[o], par = parent[child];
            int e0 = endA[par * kept + child], e1 = endA[child * kept + par];
            double v0 = windowMedian(phase, region, cycles, rows, cols, e0, rad, par);
            double v1 = windowMedian(phase, region, cycles, rows, cols, e1, rad, child);
            double d = v1 - v0;
            int jump = (int) Math.floor((Math.abs(d) + Math.PI) / (2 * Math.PI)); // MintPy: (|Δ| + π) // 2π
            cycles[child] = Double.isNaN(d) ? 0 : (d > 0 ? -jump : jump);
        }
        return new Bridged(region, keptLabel, cycles);
    }

    private static void visit(int q, float l, float[] labels, int[] region, int id, ArrayDeque<Integer> queue) {
        if (region[q] < 0 && labels[q] == l) {
            region[q] = id;
            queue.add(q);
        }
    }

    private static int[][] boundaries(int[] region, int rows, int cols, int kept) {
        int[] count = new int[kept];
        boolean[] isB = new boolean[region.length];
        for (int p = 0; p < region.length; p++) {
            int g = region[p];
            if (g < 0) {
                continue;
            }
            int r = p / cols, c = p % cols;
            boolean b = r == 0 || r == rows - 1 || c == 0 || c == cols - 1 || region[p - cols] != g
                    || region[p + cols] != g || region[p - 1] != g || region[p + 1] != g;
            if (b) {
                isB[p] = true;
                count[g]++;
            }
        }
        int[][] out = new int[kept][];
        for (int g = 0; g < kept; g++) {
            out[g] = new int[count[g]];
        }
        int[] fill = new int[kept];
        for (int p = 0; p < region.length; p++) {
            if (isB[p]) {
                out[region[p]][fill[region[p]]++] = p;
            }
        }
        return out;
    }

    /** Median of the corrected phase of region g within the (2·rad)² window at pixel e (MintPy's AOI ∩ label). */
    private static double windowMedian(float[] phase, int[] region, int[] cycles, int rows, int cols, int e, int rad,
                                       int g) {
        int r0 = Math.max(0, e / cols - rad), r1 = Math.min(rows, e / cols + rad);
        int c0 = Math.max(0, e % cols - rad), c1 = Math.min(cols, e % cols + rad);
        double[] v = new double[(r1 - r0) * (c1 - c0)];
        int k = 0;
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                int p = r * cols + c;
                if (region[p] == g && !Float.isNaN(phase[p])) {
                    v[k++] = phase[p] + 2 * Math.PI * cycles[g];
                }
            }
        }
        if (k == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, k);
        return (k & 1) == 1 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]); // np.nanmedian
    }

    private static int argmax(int[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}

package org.permasar.unwrap;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

/**
 * Phase-closure correction per region instead of per pixel (Yunjun et al. 2019, §3.2; the variant
 * MintPy 1.5.1 {@code unwrap_error_phase_closure} runs with connected components):
 * <ol>
 *   <li>common regions: the 4-connected regions of the pixels whose connected-component label is
 *       non-zero in every kept pair (MintPy's {@code maskConnComp.h5}), water excluded, of at least
 *       min(minArea, 0.3 % of the pixels) pixels, ordered by area, largest first;</li>
 *   <li>per region, {@code numSample} pixels drawn without replacement; at each, the integer cycles U
 *       of every pair by the closure LASSO ({@link ClosureCorrection}, rounded); the region's cycles
 *       per pair are the median over its samples, rounded half to even (MintPy keeps a half-integer
 *       median of an even number of samples and adds π·odd; here it becomes a whole cycle); the
 *       reference pixel's region gets 0;</li>
 *   <li>per pair, each of its own 4-connected regions of equal non-zero label (of at least the same
 *       area) takes the cycles of the first common region, largest first, whose samples all lie inside
 *       it; a region that holds no common region's samples, or a pixel of label 0, is not changed.</li>
 * </ol>
 * Against the per-pixel {@link ClosureCorrection} it costs {@code numSample} LASSO solves per region
 * instead of one per pixel with a non-zero closure integer, and corrects whole components at once,
 * including their pixels where noise hides the closure; it cannot correct an error that covers only
 * part of a component. Differences from MintPy: no 5 × 5 erosion of the label images (small regions
 * are dropped by area only), and the samples come from a seeded generator (MintPy's numpy draws are
 * unseeded), so runs repeat.
 *
 * <p>NaN policy: labels of 0 or NaN are outside every region; NaN phases at a sample are ignored by
 * its LASSO as in {@link ClosureCorrection}. Stateless and thread-safe.
 */
public final class RegionClosureCorrection {
    /** MintPy's {@code numSample}: pixels solved per common region. */
    public static final int DEFAULT_SAMPLES = 100;
    /** MintPy's {@code connCompMinArea}, pixels. */
    public static final int DEFAULT_MIN_AREA = 2500;

    private RegionClosureCorrection() {
    }

    /** Common regions: label per pixel (0 = none, 1 … count in order of decreasing area) and areas. */
    public record Regions(int[] label, int[] area) {
        /** Number of regions. */
        public int count() {
            return area.length;
        }
    }

    /** The smallest region kept: min(minArea, 0.3 % of the pixels), MintPy's {@code label_conn_comp}. */
    public static double minArea(int minArea, int pixels) {
        return Math.min(minArea, pixels * 3e-3);
    }

    /**
     * Common regions of a stack.
     *
     * @param labels connected-component labels, layer-major (pairs × pixels)
     * @param land   true on land, or null (all land)
     */
    public static Regions commonRegions(float[] labels, int pairs, boolean[] land, int rows, int cols, int minArea) {
        int n = rows * cols;
        if (labels.length != (long) pairs * n || (land != null && land.length != n)) {
            throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + pairs + " × " + n);
        }
        float[] mask = new float[n];
        for (int p = 0; p < n; p++) {
            boolean in = land == null || land[p];
            for (int k = 0; k < pairs && in; k++) {
                float l = labels[k * n + p];
                in = l != 0 && !Float.isNaN(l);
            }
            mask[p] = in ? 1f : 0f;
        }
        int[] region = new int[n];
        int[] area = label(mask, rows, cols, region);
        return keepLarge(region, area, minArea(minArea, n));
    }

    /**
     * {@code numSample} distinct pixels of each region (all of them when the region is smaller), in
     * increasing pixel order, from a generator seeded with {@code seed}.
     */
    public static int[][] samples(Regions r, int numSample, long seed) {
        if (numSample < 1) {
            throw new IllegalArgumentException("numSample must be ≥ 1, got " + numSample);
        }
        int[][] members = members(r);
        Random rnd = new Random(seed);
        int[][] s = new int[r.count()][];
        for (int g = 0; g < r.count(); g++) {
            int[] pix = members[g].clone();
            int k = Math.min(numSample, pix.length);
            for (int i = 0; i < k; i++) { // partial Fisher–Yates
                int j = i + rnd.nextInt(pix.length - i);
                int tmp = pix[i];
                pix[i] = pix[j];
                pix[j] = tmp;
            }
            s[g] = Arrays.copyOf(pix, k);
            Arrays.sort(s[g]);
        }
        return s;
    }

    /**
     * The cycles of each common region and pair: the median over the region's samples of the rounded
     * closure-LASSO cycles, rounded half to even.
     *
     * @param phase     referenced unwrapped phase, rad, layer-major over the whole grid (pairs × pixels)
     * @param samples   per region, its sample pixels
     * @param refRegion index of the reference pixel's region (its cycles are 0), or −1
     * @return [region][pair] cycles
     */
    public static int[][] regionCycles(float[] phase, int pixelCount, Triplets t, int[][] samples, int refRegion) {
        int m = t.pairCount();
        if (phase.length != (long) m * pixelCount) {
            throw new IllegalArgumentException("phase has " + phase.length + " values, expected " + m + " × " + pixelCount);
        }
        ClosureCorrection solver = new ClosureCorrection(t);
        int[][] out = new int[samples.length][m];
        for (int g = 0; g < samples.length; g++) {
            int ns = samples[g].length;
            if (g == refRegion || ns == 0) {
                continue;
            }
            float[] block = new float[m * ns];
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < ns; j++) {
                    block[k * ns + j] = phase[k * pixelCount + samples[g][j]];
                }
            }
            int[] u = new int[m * ns];
            solver.correct(block, ns, 0, ns, u);
            int[] v = new int[ns];
            for (int k = 0; k < m; k++) {
                System.arraycopy(u, k * ns, v, 0, ns);
                Arrays.sort(v);
                double med = ns % 2 == 1 ? v[ns / 2] : 0.5 * (v[ns / 2 - 1] + v[ns / 2]);
                out[g][k] = (int) Math.rint(med);
            }
        }
        return out;
    }

    /**
     * Cycles of one pair per pixel: each of the pair's own regions (4-connected, equal non-zero label,
     * at least {@link #minArea} pixels) takes the cycles of the first common region (largest first)
     * whose samples all lie inside it.
     *
     * @param labels        the pair's connected-component labels, rows × cols (0 or NaN = none)
     * @param land          true on land, or null
     * @param samples       per common region (largest first), its sample pixels
     * @param cyclesOfPair  per common region, its cycles in this pair
     * @param out           receives the cycles per pixel (0 where unchanged)
     */
    public static void applyPair(float[] labels, boolean[] land, int rows, int cols, int minArea, int[][] samples,
                                 int[] cyclesOfPair, int[] out) {
        int n = rows * cols;
        if (labels.length != n || out.length != n || cyclesOfPair.length != samples.length) {
            throw new IllegalArgumentException("labels " + labels.length + " and out " + out.length + " must hold " + n
                    + " values and cyclesOfPair one per region");
        }
        float[] l = labels;
        if (land != null) {
            l = labels.clone();
            for (int p = 0; p < n; p++) {
                if (!land[p]) {
                    l[p] = 0f;
                }
            }
        }
        int[] region = new int[n];
        int[] area = label(l, rows, cols, region);
        Regions local = keepLarge(region, area, minArea(minArea, n));
        int[] cyclesOfLocal = new int[local.count() + 1];
        boolean[] matched = new boolean[local.count() + 1];
        for (int g = 0; g < samples.length; g++) {
            if (samples[g].length == 0) {
                continue;
            }
            int r = local.label()[samples[g][0]];
            boolean all = r > 0 && !matched[r];
            for (int j = 1; j < samples[g].length && all; j++) {
                all = local.label()[samples[g][j]] == r;
            }
            if (all) { // the first (largest) common region inside this local region decides
                matched[r] = true;
                cyclesOfLocal[r] = cyclesOfPair[g];
            }
        }
        for (int p = 0; p < n; p++) {
            out[p] = cyclesOfLocal[local.label()[p]];
        }
    }

    /** Pixels of each region, in increasing order. */
    private static int[][] members(Regions r) {
        int[][] m = new int[r.count()][];
        int[] fill = new int[r.count()];
        for (int g = 0; g < r.count(); g++) {
            m[g] = new int[r.area()[g]];
        }
        for (int p = 0; p < r.label().length; p++) {
            int g = r.label()[p] - 1;
            if (g >= 0) {
                m[g][fill[g]++] = p;
            }
        }
        return m;
    }

    /**
     * 4-connected regions of equal non-zero, non-NaN value (skimage {@code measure.label}, connectivity 1):
     * region index + 1 per pixel into {@code region} (0 = none); returns the areas.
     */
    static int[] label(float[] values, int rows, int cols, int[] region) {
        int n = rows * cols;
        Arrays.fill(region, 0);
        int[] area = new int[16];
        int nreg = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            float v = values[s];
            if (region[s] != 0 || v == 0 || Float.isNaN(v)) {
                continue;
            }
            if (nreg == area.length) {
                area = Arrays.copyOf(area, 2 * nreg);
            }
            int id = ++nreg;
            region[s] = id;
            queue.add(s);
            int a = 0;
            while (!queue.isEmpty()) {
                int p = queue.poll();
                a++;
                int r = p / cols, c = p % cols;
                int[] nb = {r > 0 ? p - cols : -1, r < rows - 1 ? p + cols : -1, c > 0 ? p - 1 : -1,
                    c < cols - 1 ? p + 1 : -1};
                for (int q : nb) {
                    if (q >= 0 && region[q] == 0 && values[q] == v) {
                        region[q] = id;
                        queue.add(q);
                    }
                }
            }
            area[id - 1] = a;
        }
        return Arrays.copyOf(area, nreg);
    }

    /** Keeps the regions of at least {@code min} pixels, relabelled 1 … by decreasing area (ties: first pixel). */
    private static Regions keepLarge(int[] region, int[] area, double min) {
        Integer[] order = new Integer[area.length];
        for (int g = 0; g < area.length; g++) {
            order[g] = g;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(area[b], area[a])); // stable: ties keep first-pixel order
        int[] newId = new int[area.length + 1];
        int kept = 0;
        for (Integer g : order) {
            if (area[g] >= min) {
                newId[g + 1] = ++kept;
            }
        }
        int[] newArea = new int[kept];
        for (int g = 0; g < area.length; g++) {
            if (newId[g + 1] > 0) {
                newArea[newId[g + 1] - 1] = area[g];
            }
        }
        int[] label = new int[region.length];
        for (int p = 0; p < region.length; p++) {
            label[p] = newId[region[p]];
        }
        return new Regions(label, newArea);
    }
}

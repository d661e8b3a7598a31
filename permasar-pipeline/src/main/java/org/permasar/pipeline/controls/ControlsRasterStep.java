package org.permasar.pipeline.controls;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.stats.geodetector.BinnedStatistics;
import org.permasar.stats.geodetector.Breaks;
import org.permasar.stats.geodetector.Discretization;
import org.permasar.stats.geodetector.FactorDetector;
import org.permasar.stats.geodetector.GeographicalDetector;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.SpatialBlocks;
import org.permasar.stats.geodetector.StratumSums;

/**
 * The controls step in raster mode: the geographical detector on a deformation map and factor maps, streamed block
 * by block (rows of {@link ControlsRasterParameters#blockRows}) so memory does not grow with the map: per-stratum
 * sums ({@link StratumSums}) and per-class histograms are all that is kept.
 *
 * <p>Passes over the maps: (1) the deformation's range, the distinct codes of categorical factors (at most
 * {@link #MAX_CODES}), and for continuous factors their exact extremes and a deterministic sample (every s-th
 * pixel, at most {@link #SAMPLE} values, the extremes added) from which class limits are cut; (2) only when a factor
 * asks for OPGD: the q of every candidate discretisation over all pixels; (3) the detectors' sums for every factor
 * and pair, and the binned statistics. A pixel counts when the deformation and every factor are finite there, so
 * every q refers to the same pixels. Equal-interval and geometric limits depend only on the extremes and are
 * exact; quantile, natural-breaks and sd limits come from the sample.
 *
 * <p>With {@link ControlsRasterParameters#inference}, pass 3 also keeps the sums of every tile (for the block
 * bootstrap interval of q) and the pixels of a random set of whole tiles (for the block permutation p), see
 * {@link SpatialBlocks}: the memory of the latter is bounded by the number of tiles held, not by the map.
 *
 * <p>Writes the tables of {@link ControlsTables} and {@code binned_statistics.csv}.
 */
public final class ControlsRasterStep {
    /** Largest sample of a continuous factor's values used to cut classes. */
    public static final int SAMPLE = 200_000;
    /** Most distinct codes a categorical factor map may hold. */
    public static final int MAX_CODES = 1000;
    /** Histogram bins of the binned statistics between the deformation's minimum and maximum. */
    public static final int BINS = 4096;

    private ControlsRasterStep() {
    }

    /** The report, labels, discretisations, binned statistics per factor, pixels used and the grid. */
    public record Result(GeographicalDetector.Report report, List<String[]> labels,
                         List<ControlsTables.Discretized> discretized, List<List<BinnedStatistics.Row>> binned,
                         List<ControlsTables.BlockInference> inference, List<ControlsTables.Crossed> crossed,
                         long pixels, GridGeometry grid) {
    }

    /** Runs the three passes and writes the tables into {@code p.out()}. */
    public static Result run(ControlsRasterParameters p) throws IOException {
        List<String> names = new ArrayList<>(p.factors().keySet());
        int k = names.size();
        List<RasterInput> inputs = new ArrayList<>();
        try (RasterInput y = RasterInput.open("--deformation", p.deformation(), null, GridResampler.Method.BILINEAR)) {
            GridGeometry g = y.grid();
            try {
                for (String n : names) {
                    boolean continuous = p.discretize().containsKey(n);
                    inputs.add(RasterInput.open("--factor " + n, p.factors().get(n), g,
                            continuous ? GridResampler.Method.BILINEAR : GridResampler.Method.NEAREST));
                }
                return streamed(p, names, k, y, inputs, g);
            } finally {
                for (RasterInput in : inputs) {
                    in.close();
                }
            }
        }
    }

    private static Result streamed(ControlsRasterParameters p, List<String> names, int k, RasterInput y,
                                   List<RasterInput> inputs, GridGeometry g) throws IOException {
        int cols = g.cols(), block = Math.min(p.blockRows(), g.rows());
        float[] yv = new float[block * cols];
        float[][] xv = new float[k][block * cols];
        boolean[] continuous = new boolean[k];
        for (int i = 0; i < k; i++) {
            continuous[i] = p.discretize().containsKey(names.get(i));
        }
        // pass 1: ranges, codes, samples
        long stride = Math.max(1, (long) Math.ceil((double) g.size() / SAMPLE));
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        double[] xMin = new double[k], xMax = new double[k];
        Arrays.fill(xMin, Double.POSITIVE_INFINITY);
        Arrays.fill(xMax, Double.NEGATIVE_INFINITY);
        List<TreeSet<Float>> codes = new ArrayList<>();
        double[][] sample = new double[k][];
        int[] sampled = new int[k];
        for (int i = 0; i < k; i++) {
            codes.add(new TreeSet<>());
            sample[i] = continuous[i] ? new double[(int) Math.min(SAMPLE + 2, g.size() / stride + 3)] : null;
        }
        long valid = 0;
        float[] lastCode = new float[k];
        Arrays.fill(lastCode, Float.NaN);
        for (int r0 = 0; r0 < g.rows(); r0 += block) {
            int rows = Math.min(block, g.rows() - r0), n = rows * cols;
            read(y, inputs, r0, rows, yv, xv);
            for (int j = 0; j < n; j++) {
                if (!valid(yv, xv, j)) {
                    continue;
                }
                valid++;
                yMin = Math.min(yMin, yv[j]);
                yMax = Math.max(yMax, yv[j]);
                long pixel = (long) r0 * cols + j;
                for (int i = 0; i < k; i++) {
                    float x = xv[i][j] + 0.0f;   // −0 → +0: one code, as Arrays.binarySearch in pass 3 sees it
                    if (continuous[i]) {
                        xMin[i] = Math.min(xMin[i], x);
                        xMax[i] = Math.max(xMax[i], x);
                        if (pixel % stride == 0 && sampled[i] < sample[i].length - 2) {
                            sample[i][sampled[i]++] = x;
                        }
                    } else if (x != lastCode[i]) {   // skip the set look-up while a run of one code lasts
                        lastCode[i] = x;
                        TreeSet<Float> set = codes.get(i);
                        if (set.add(x) && set.size() > MAX_CODES) {
                            throw new IllegalArgumentException("--factor " + names.get(i) + ": more than " + MAX_CODES
                                    + " distinct values: a continuous factor needs --discretize " + names.get(i)
                                    + "=METHOD:K or =opgd");
                        }
                    }
                }
            }
        }
        if (valid < 3) {
            throw new IllegalArgumentException("--deformation " + p.deformation() + ": " + valid
                    + " pixels where the deformation and every factor are finite: need at least 3");
        }
        // class limits
        Breaks[] breaks = new Breaks[k];
        float[][] codeValues = new float[k][];
        List<String[]> labels = new ArrayList<>();
        List<List<OptimalDiscretization.Candidate>> candidates = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            candidates.add(null);
            if (continuous[i]) {
                double[] s = Arrays.copyOf(sample[i], sampled[i] + 2);
                s[sampled[i]] = xMin[i];
                s[sampled[i] + 1] = xMax[i];
                Arrays.sort(s);
                DiscretizeSpec spec = p.discretize().get(names.get(i));
                if (spec.opgd()) {
                    List<OptimalDiscretization.Candidate> cs = new ArrayList<>();
                    double[] forNatural = s.length <= OptimalDiscretization.NATURAL_SAMPLE ? s : thin(s);
                    for (Discretization.Method m : Discretization.Method.values()) {
                        for (int c = spec.kMin(); c <= spec.kMax(); c++) {
                            try {
                                cs.add(new OptimalDiscretization.Candidate(m, c, Discretization.breaksSorted(
                                        m == Discretization.Method.NATURAL ? forNatural : s, m, c), Double.NaN));
                            } catch (IllegalArgumentException e) {
                                // not a candidate
                            }
                        }
                    }
                    candidates.set(i, cs);
                } else {
                    try {
                        breaks[i] = Discretization.breaksSorted(s, spec.method(), spec.k());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--discretize " + names.get(i) + "=" + spec + ": " + e.getMessage());
                    }
                }
            } else {
                TreeSet<Float> set = codes.get(i);
                if (set.size() < 2) {
                    throw new IllegalArgumentException("--factor " + names.get(i) + ": a single stratum " + set
                            + " where the deformation is finite: a factor needs at least two");
                }
                codeValues[i] = new float[set.size()];
                int c = 0;
                for (float v : set) {
                    codeValues[i][c++] = v;
                }
            }
        }
        // pass 2: OPGD candidates' q over all pixels
        boolean anyOpgd = false;
        for (List<OptimalDiscretization.Candidate> cs : candidates) {
            anyOpgd |= cs != null;
        }
        List<ControlsTables.Discretized> disc = new ArrayList<>();
        if (anyOpgd) {
            StratumSums[][] cand = new StratumSums[k][];
            for (int i = 0; i < k; i++) {
                if (candidates.get(i) != null) {
                    cand[i] = new StratumSums[candidates.get(i).size()];
                    for (int c = 0; c < cand[i].length; c++) {
                        cand[i][c] = new StratumSums(candidates.get(i).get(c).k());
                    }
                }
            }
            for (int r0 = 0; r0 < g.rows(); r0 += block) {
                int rows = Math.min(block, g.rows() - r0), n = rows * cols;
                read(y, inputs, r0, rows, yv, xv);
                for (int i = 0; i < k; i++) {
                    if (cand[i] == null) {
                        continue;
                    }
                    for (int c = 0; c < cand[i].length; c++) {
                        Breaks b = candidates.get(i).get(c).breaks();
                        StratumSums s = cand[i][c];
                        for (int j = 0; j < n; j++) {
                            if (valid(yv, xv, j)) {
                                s.add(b.classOf(xv[i][j]), yv[j]);
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                if (cand[i] == null) {
                    continue;
                }
                List<OptimalDiscretization.Candidate> scored = new ArrayList<>();
                for (int c = 0; c < cand[i].length; c++) {
                    OptimalDiscretization.Candidate x = candidates.get(i).get(c);
                    scored.add(new OptimalDiscretization.Candidate(x.method(), x.k(), x.breaks(),
                            FactorDetector.detect(cand[i][c], p.singleMember()).q()));
                }
                DiscretizeSpec spec = p.discretize().get(names.get(i));
                OptimalDiscretization.Candidate chosen = OptimalDiscretization.choose(scored, spec.kMin(), spec.kMax(),
                        p.tolerance());
                breaks[i] = chosen.breaks();
                candidates.set(i, scored);
            }
        }
        for (int i = 0; i < k; i++) {
            String[] lab;
            if (continuous[i]) {
                lab = new String[breaks[i].classes()];
                for (int c = 0; c < lab.length; c++) {
                    lab[c] = breaks[i].label(c);
                }
                DiscretizeSpec spec = p.discretize().get(names.get(i));
                List<OptimalDiscretization.Candidate> cs = candidates.get(i) != null ? candidates.get(i)
                        : List.of(new OptimalDiscretization.Candidate(spec.method(), spec.k(), breaks[i], Double.NaN));
                disc.add(new ControlsTables.Discretized(names.get(i), spec, cs, breaks[i]));
            } else {
                lab = new String[codeValues[i].length];
                for (int c = 0; c < lab.length; c++) {
                    float v = codeValues[i][c];
                    lab[c] = v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
                }
            }
            labels.add(lab);
        }
        // pass 3: the detectors' sums and the binned statistics
        int[] classes = new int[k];
        for (int i = 0; i < k; i++) {
            classes[i] = labels.get(i).length;
        }
        StratumSums[] single = new StratumSums[k];
        StratumSums[][] pairs = new StratumSums[k][k];
        BinnedStatistics.Histograms[] hist = new BinnedStatistics.Histograms[k];
        for (int i = 0; i < k; i++) {
            single[i] = new StratumSums(classes[i]);
            hist[i] = new BinnedStatistics.Histograms(BINS, yMin, yMax);
            for (int j = i + 1; j < k; j++) {
                pairs[i][j] = new StratumSums(classes[i] * classes[j]);
            }
        }
        int[][] code = new int[k][block * cols];
        int nc = p.cross().size();
        int[][] crossIdx = new int[nc][2];
        BinnedStatistics.Histograms[] crossHist = new BinnedStatistics.Histograms[nc];
        for (int c = 0; c < nc; c++) {
            crossIdx[c][0] = names.indexOf(p.cross().get(c).get(0));
            crossIdx[c][1] = names.indexOf(p.cross().get(c).get(1));
            crossHist[c] = new BinnedStatistics.Histograms(BINS, yMin, yMax);
        }
        // spatial-block inference: per-tile sums of every factor, and the pixels of a random set of whole tiles
        ControlsRasterParameters.Inference inf = p.inference();
        int tile = inf == null ? 1 : inf.tile();
        int tileCols = (cols + tile - 1) / tile, tileRows = (g.rows() + tile - 1) / tile;
        StratumSums[][] tileSums = inf == null || inf.bootstrap() == 0 ? null : new StratumSums[k][tileRows * tileCols];
        int[] heldIndex = null;
        float[][] heldY = null;
        int[][][] heldCodes = null;
        if (inf != null && inf.permutations() > 0) {
            int fullRows = g.rows() / tile, fullCols = cols / tile, full = fullRows * fullCols;
            int m = Math.min(full, inf.maxTiles());
            if (m >= 2) {
                int[] all = new int[full];
                for (int t = 0; t < full; t++) {
                    all[t] = (t / fullCols) * tileCols + t % fullCols;
                }
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(inf.seed());
                for (int t = 0; t < m; t++) {   // partial Fisher–Yates: the first m of a random order
                    int j = t + rnd.nextInt(full - t);
                    int x = all[t];
                    all[t] = all[j];
                    all[j] = x;
                }
                heldIndex = new int[tileRows * tileCols];
                Arrays.fill(heldIndex, -1);
                for (int t = 0; t < m; t++) {
                    heldIndex[all[t]] = t;
                }
                heldY = new float[m][tile * tile];
                heldCodes = new int[k][m][tile * tile];
                for (float[] h : heldY) {
                    Arrays.fill(h, Float.NaN);
                }
                for (int[][] perFactor : heldCodes) {
                    for (int[] h : perFactor) {
                        Arrays.fill(h, -1);
                    }
                }
            }
        }
        for (int r0 = 0; r0 < g.rows(); r0 += block) {
            int rows = Math.min(block, g.rows() - r0), n = rows * cols;
            read(y, inputs, r0, rows, yv, xv);
            for (int i = 0; i < k; i++) {
                int[] ci = code[i];
                float[] x = xv[i];
                for (int j = 0; j < n; j++) {
                    if (!valid(yv, xv, j)) {
                        ci[j] = -1;
                    } else if (continuous[i]) {
                        ci[j] = breaks[i].classOf(x[j]);
                    } else {
                        ci[j] = Arrays.binarySearch(codeValues[i], x[j] + 0.0f);
                        if (ci[j] < 0) {
                            throw new IllegalStateException("code " + x[j] + " of " + names.get(i) + " not seen in pass 1");
                        }
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (code[0][j] < 0) {
                    continue;   // invalid pixels have −1 in every factor
                }
                double v = yv[j];
                for (int i = 0; i < k; i++) {
                    int ci = code[i][j];
                    single[i].add(ci, v);
                    hist[i].add(ci, v);
                    for (int jj = i + 1; jj < k; jj++) {
                        pairs[i][jj].add(ci * classes[jj] + code[jj][j], v);
                    }
                }
                for (int c = 0; c < nc; c++) {
                    int a = crossIdx[c][0], b = crossIdx[c][1];
                    crossHist[c].add(code[a][j] * classes[b] + code[b][j], v);
                }
                if (tileSums != null || heldIndex != null) {
                    int row = r0 + j / cols, col = j % cols;
                    int t = (row / tile) * tileCols + col / tile;
                    if (tileSums != null) {
                        for (int i = 0; i < k; i++) {
                            if (tileSums[i][t] == null) {
                                tileSums[i][t] = new StratumSums(classes[i]);
                            }
                            tileSums[i][t].add(code[i][j], v);
                        }
                    }
                    if (heldIndex != null && heldIndex[t] >= 0) {
                        int local = (row % tile) * tile + col % tile;
                        heldY[heldIndex[t]][local] = (float) v;
                        for (int i = 0; i < k; i++) {
                            heldCodes[i][heldIndex[t]][local] = code[i][j];
                        }
                    }
                }
            }
        }
        GeographicalDetector.Report report = GeographicalDetector.fromSums(names, single, pairs, p.singleMember());
        List<List<BinnedStatistics.Row>> binned = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<BinnedStatistics.Row> rowsOf = new ArrayList<>();
            for (int c = 0; c < classes[i]; c++) {
                rowsOf.add(hist[i].row(c));
            }
            binned.add(rowsOf);
        }
        List<ControlsTables.BlockInference> inference = null;
        if (inf != null) {
            inference = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                SpatialBlocks.Interval ci = tileSums == null ? new SpatialBlocks.Interval(Double.NaN, Double.NaN, 0)
                        : SpatialBlocks.bootstrapInterval(tileSums[i], inf.bootstrap(), 0.95, inf.seed(), p.singleMember());
                double pb = Double.NaN;
                if (heldY != null) {
                    // masked pixels of held tiles keep NaN and −1, and are skipped in every pairing
                    pb = SpatialBlocks.permutationP(heldY, heldCodes[i], inf.permutations(), inf.seed(), p.singleMember());
                }
                inference.add(new ControlsTables.BlockInference(ci.low(), ci.high(), pb, inf.tile(),
                        heldY == null ? 0 : heldY.length));
            }
        }
        Files.createDirectories(p.out());
        ControlsTables.write(p.out(), report, labels, disc, inference);
        List<ControlsTables.Crossed> crossed = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            int a = crossIdx[c][0], b = crossIdx[c][1];
            List<BinnedStatistics.Row> rowsOf = new ArrayList<>();
            for (int x = 0; x < classes[a] * classes[b]; x++) {
                rowsOf.add(crossHist[c].row(x));
            }
            crossed.add(new ControlsTables.Crossed(names.get(a), names.get(b), labels.get(a), labels.get(b), rowsOf));
        }
        ControlsTables.writeBinned(p.out(), names, labels, binned, crossed);
        return new Result(report, labels, disc, binned, inference, crossed, valid, g);
    }

    private static boolean valid(float[] yv, float[][] xv, int j) {
        if (Float.isNaN(yv[j]) || Float.isInfinite(yv[j])) {
            return false;
        }
        for (float[] x : xv) {
            if (!Float.isFinite(x[j])) {
                return false;
            }
        }
        return true;
    }

    private static void read(RasterInput y, List<RasterInput> inputs, int r0, int rows, float[] yv, float[][] xv)
            throws IOException {
        y.read(r0, rows, yv);
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).read(r0, rows, xv[i]);
        }
    }

    private static double[] thin(double[] sorted) {
        int n = OptimalDiscretization.NATURAL_SAMPLE;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = sorted[(int) ((long) i * (sorted.length - 1) / (n - 1))];
        }
        return s;
    }
}

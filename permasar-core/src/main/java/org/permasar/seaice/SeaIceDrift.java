package org.permasar.seaice;

import java.util.stream.IntStream;
import org.permasar.offset.CorrelationMethod;
import org.permasar.offset.OffsetField;
import org.permasar.offset.OffsetParameters;
import org.permasar.offset.OffsetTracker;
import org.permasar.offset.PeakFit;
import org.permasar.stats.Medians;

/**
 * Sea-ice drift between two SAR images by feature tracking followed by pattern matching (seed 004: Li et
 * al. 2022, JSTARS 15; the combination of Korosov &amp; Rampal 2017, Remote Sensing 9, 258):
 * <ol>
 *   <li>Harris corners on the Gaussian-smoothed images ({@link HarrisKeypoints}), bucketed per cell;</li>
 *   <li>256-bit oriented binary descriptors ({@link BinaryDescriptor});</li>
 *   <li>matching by Hamming distance within {@link DriftParameters#maxDisplacement}: the nearest secondary
 *       keypoint, accepted when its distance is at most {@code maxHamming}, below {@code ratio} × the second
 *       nearest (nearest-neighbour distance ratio, Lowe 2004, IJCV 60, 91) and the match is mutual;</li>
 *   <li>pattern matching: normalised cross-correlation of a chip about the keypoint, searched ±{@code search}
 *       px about the feature match, sub-pixel, by {@link OffsetTracker} (the dense tracker run on one node);
 *       a match whose correlation peak is missing, weak or on the search border is rejected (the
 *       MCC-referenced filter of Li et al. 2022: the feature vector must agree with pattern matching);</li>
 *   <li>vectors longer than {@code maxDisplacement} are rejected, then the regional consistency filter
 *       ({@link RegionalVectorFilter}).</li>
 * </ol>
 * Input: two images of equal size, row-major, in dB or amplitude (not linear intensity: its speckle
 * dominates the gradients); NaN = no data. Output in pixels ({@link DriftVectors}); conversion to km/day is
 * the caller's (pixel size and time). Stateless and thread-safe.
 */
public final class SeaIceDrift {
    private SeaIceDrift() {
    }

    /** Tracks drift from {@code reference} to {@code secondary}. */
    public static DriftVectors track(float[] reference, float[] secondary, int rows, int cols, DriftParameters p) {
        if (reference.length != rows * cols || secondary.length != rows * cols) {
            throw new IllegalArgumentException("both images must hold " + rows + "×" + cols + " pixels, got "
                    + reference.length + " and " + secondary.length);
        }
        if (rows <= 2 * p.margin() || cols <= 2 * p.margin()) {
            throw new IllegalArgumentException("image " + rows + "×" + cols + " is too small: keypoints need a margin of "
                    + p.margin() + " px on each side");
        }
        float[] sa = Gaussian.smooth(reference, rows, cols, p.smoothing());
        float[] sb = Gaussian.smooth(secondary, rows, cols, p.smoothing());
        int[][] ka = HarrisKeypoints.detect(sa, reference, rows, cols, p);
        int[][] kb = HarrisKeypoints.detect(sb, secondary, rows, cols, p);
        BinaryDescriptor desc = new BinaryDescriptor(p.patchRadius(), p.oriented());
        long[] da = desc.describe(sa, rows, cols, ka[0], ka[1], null);
        long[] db = desc.describe(sb, rows, cols, kb[0], kb[1], null);
        int na = ka[0].length, nb = kb[0].length;
        int[] bestB = new int[na], distB = new int[na], bestA = new int[nb];
        double md2 = p.maxDisplacement() * p.maxDisplacement();
        IntStream.range(0, na).parallel().forEach(i -> {
            int b1 = -1, d1 = Integer.MAX_VALUE, d2 = Integer.MAX_VALUE;
            for (int j = 0; j < nb; j++) {
                double dy = kb[0][j] - ka[0][i], dx = kb[1][j] - ka[1][i];
                if (dy * dy + dx * dx > md2) {
                    continue;
                }
                int d = BinaryDescriptor.distance(da, i, db, j);
                if (d < d1) {
                    d2 = d1;
                    d1 = d;
                    b1 = j;
                } else if (d < d2) {
                    d2 = d;
                }
            }
            boolean ok = b1 >= 0 && d1 <= p.maxHamming() && (d2 == Integer.MAX_VALUE || d1 < p.ratio() * d2);
            bestB[i] = ok ? b1 : -1;
            distB[i] = d1;
        });
        IntStream.range(0, nb).parallel().forEach(j -> {
            int b1 = -1, d1 = Integer.MAX_VALUE;
            for (int i = 0; i < na; i++) {
                double dy = kb[0][j] - ka[0][i], dx = kb[1][j] - ka[1][i];
                if (dy * dy + dx * dx > md2) {
                    continue;
                }
                int d = BinaryDescriptor.distance(da, i, db, j);
                if (d < d1) {
                    d1 = d;
                    b1 = i;
                }
            }
            bestA[j] = b1;
        });
        int n = 0;
        int[] sel = new int[na];
        for (int i = 0; i < na; i++) {
            if (bestB[i] >= 0 && bestA[bestB[i]] == i) { // mutual nearest neighbours
                sel[n++] = i;
            }
        }
        int[] row = new int[n], col = new int[n], ham = new int[n], flag = new int[n];
        float[] dr = new float[n], dc = new float[n], rho = new float[n], snr = new float[n];
        // pattern matching on one node: the tracker's search is widened by 3 px so its bicubic refinement fits;
        // a peak beyond ±search is then a mismatch
        int sw = p.search() + 3;
        OffsetParameters op = new OffsetParameters(p.chip(), sw, 1, p.minCorrelation(), 0, 0, PeakFit.GAUSSIAN, 2,
                CorrelationMethod.AUTO);
        OffsetTracker tracker = new OffsetTracker(op, false);
        int span = p.chip() + 2 * sw;
        final int count = n;
        IntStream.range(0, count).parallel().forEach(q -> {
            int i = sel[q], j = bestB[i];
            int r = ka[0][i], c = ka[1][i], pr = kb[0][j] - r, pc = kb[1][j] - c;
            row[q] = r;
            col[q] = c;
            ham[q] = distB[i];
            dr[q] = pr;
            dc[q] = pc;
            rho[q] = Float.NaN;
            snr[q] = Float.NaN;
            int r0 = r - p.chip() / 2 - sw, c0 = c - p.chip() / 2 - sw;
            if (r0 < 0 || c0 < 0 || r0 + span > rows || c0 + span > cols || r0 + pr < 0 || c0 + pc < 0
                    || r0 + pr + span > rows || c0 + pc + span > cols) {
                flag[q] = DriftVectors.NO_PATTERN_MATCH;
                return;
            }
            float[] a = window(reference, cols, r0, c0, span), b = window(secondary, cols, r0 + pr, c0 + pc, span);
            OffsetField f = tracker.track(a, b, span, span, null, null);
            rho[q] = f.peak()[0];
            snr[q] = f.snr()[0];
            float er = f.dr()[0], ec = f.dc()[0];
            if (Float.isNaN(er) || Float.isNaN(ec) || Math.abs(er) > p.search() || Math.abs(ec) > p.search()) {
                flag[q] = DriftVectors.NO_PATTERN_MATCH;
                return;
            }
            dr[q] = pr + er;
            dc[q] = pc + ec;
            if (Math.hypot(dr[q], dc[q]) > p.maxDisplacement()) {
                flag[q] = DriftVectors.TOO_FAST;
            }
        });
        double[] y = new double[n], x = new double[n], u = new double[n], v = new double[n];
        for (int q = 0; q < n; q++) {
            y[q] = row[q];
            x[q] = col[q];
            u[q] = dc[q];
            v[q] = dr[q];
        }
        RegionalVectorFilter.apply(y, x, u, v, flag, p.region(), p.sigmas(), p.minSigma());
        return new DriftVectors(row, col, dr, dc, ham, rho, snr, flag);
    }

    private static float[] window(float[] img, int cols, int r0, int c0, int s) {
        float[] w = new float[s * s];
        for (int u = 0; u < s; u++) {
            System.arraycopy(img, (r0 + u) * cols + c0, w, u * s, s);
        }
        return w;
    }

    /** Median of the finite values (for summaries). */
    public static double median(float[] v, int[] flag) {
        float[] a = new float[v.length];
        int n = 0;
        for (int k = 0; k < v.length; k++) {
            if (flag[k] == DriftVectors.KEPT && !Float.isNaN(v[k])) {
                a[n++] = v[k];
            }
        }
        return Medians.sortInPlace(a, n);
    }
}

package org.permasar.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Offset tracking against synthetic pairs whose offsets are known exactly: a closed-form blob texture
 * evaluated at shifted / rotated positions (no resampling error), with and without noise.
 */
class OffsetTrackerTest {
    private static final int N = 160;
    private static final long SEED = 20261207L;

    /** Bias (mean error) and spread (RMS about the bias) of dr and dc over kept nodes; prints them. */
    private static double[] check(String label, OffsetField f, double trueDr, double trueDc, double tol) {
        return check(label, f, trueDr, trueDc, tol, 0.015);
    }

    private static double[] check(String label, OffsetField f, double trueDr, double trueDc, double tol, double biasTol) {
        double sr = 0, sc = 0, qr = 0, qc = 0, max = 0;
        int n = 0;
        for (int k = 0; k < f.dr().length; k++) {
            if (Float.isNaN(f.dr()[k])) {
                continue;
            }
            double er = f.dr()[k] - trueDr, ec = f.dc()[k] - trueDc;
            sr += er;
            sc += ec;
            qr += er * er;
            qc += ec * ec;
            max = Math.max(max, Math.max(Math.abs(er), Math.abs(ec)));
            n++;
        }
        double br = sr / n, bc = sc / n;
        double rr = Math.sqrt(qr / n - br * br), rc = Math.sqrt(qc / n - bc * bc);
        System.out.printf("%s: %d/%d nodes, bias (%.4f, %.4f) px, spread (%.4f, %.4f) px, max |error| %.4f px%n", label, n,
                f.dr().length, br, bc, rr, rc, max);
        assertTrue(n >= 0.9 * f.dr().length, label + ": only " + n + " of " + f.dr().length + " nodes kept");
        assertTrue(max < tol, label + ": max |error| " + max + " ≥ " + tol);
        assertTrue(Math.abs(br) < biasTol && Math.abs(bc) < biasTol, label + ": bias (" + br + ", " + bc + ")");
        return new double[] {br, bc, rr, rc, max};
    }

    private static OffsetParameters params(int chip, int search, int step) {
        return OffsetParameters.DEFAULTS.withChip(chip).withSearch(search).withStep(step);
    }

    @Test
    void signConventionOnOneBrightSquare() {
        // a bright 5×5 square at (50, 60) in the reference, at (53, 58) in the secondary, on weak noise
        int rows = 100, cols = 120;
        Random rnd = new Random(SEED);
        float[] a = new float[rows * cols], b = new float[rows * cols];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) (0.01 * rnd.nextGaussian());
            b[k] = (float) (0.01 * rnd.nextGaussian());
        }
        for (int u = -2; u <= 2; u++) {
            for (int v = -2; v <= 2; v++) {
                a[(50 + u) * cols + 60 + v] = 1;
                b[(53 + u) * cols + 58 + v] = 1;
            }
        }
        OffsetParameters p = params(16, 6, 2).withFilterThreshold(0);
        OffsetField f = OffsetTracker.track(a, b, rows, cols, p);
        // the node at the square's reference position (50, 60); the first node is at 8 + 6 = 14
        int i = (50 - f.row0()) / f.step(), j = (60 - f.col0()) / f.step();
        assertEquals(50, f.row(i));
        assertEquals(60, f.col(j));
        assertEquals(3, f.dr()[i * f.cols() + j], 0.05);
        assertEquals(-2, f.dc()[i * f.cols() + j], 0.05);
    }

    @Test
    void integerAndSubPixelShiftsOnTexture() {
        BlobTexture t = new BlobTexture(N, N, 1.5, 2.5, SEED);
        float[] ref = t.shifted(N, N, 0, 0);
        double[][] shifts = {{3, -5}, {0.25, -0.4}, {1.5, 0.7}, {-2.3, 3.85}, {0.1, 0.9}};
        for (double[] s : shifts) {
            OffsetField f = OffsetTracker.track(ref, t.shifted(N, N, s[0], s[1]), N, N, params(32, 6, 16));
            double[] e = check(String.format("shift (%.2f, %.2f), chip 32", s[0], s[1]), f, s[0], s[1], 0.05);
            assertTrue(e[2] < 0.02 && e[3] < 0.02, "spread " + Arrays.toString(e));
        }
    }

    /** Without refinement the three-point fits alone: the Gaussian one is the better on a smooth texture. */
    @Test
    void gaussianPeakFitBeatsParabolaOnSmoothTexture() {
        BlobTexture t = new BlobTexture(N, N, 1.5, 2.5, SEED + 1);
        float[] ref = t.shifted(N, N, 0, 0), sec = t.shifted(N, N, 0.3, -0.3);
        double[] g = check("Gaussian fit, shift 0.3", OffsetTracker.track(ref, sec, N, N, params(32, 4, 16).withRefine(0)), 0.3, -0.3,
                0.1);
        double[] q = check("parabolic fit, shift 0.3", OffsetTracker.track(ref, sec, N, N,
                params(32, 4, 16).withRefine(0).withPeakFit(PeakFit.PARABOLIC)), 0.3, -0.3, 0.2);
        assertTrue(Math.hypot(g[2], g[0]) < Math.hypot(q[2], q[0]), "Gaussian RMS error " + Arrays.toString(g)
                + " vs parabolic " + Arrays.toString(q));
    }

    @Test
    void rotationField() {
        // 1° rotation about the image centre: offset at q = (R − I)(q − centre), up to 1.4 px at the corners
        int n = 200;
        double ang = Math.toRadians(1), y0 = n / 2.0, x0 = n / 2.0;
        BlobTexture t = new BlobTexture(n, n, 1.5, 2.5, SEED + 2);
        OffsetField f = OffsetTracker.track(t.shifted(n, n, 0, 0), t.rotated(n, n, ang, y0, x0), n, n, params(32, 4, 16));
        double co = Math.cos(ang), si = Math.sin(ang), max = 0;
        int kept = 0;
        for (int i = 0; i < f.rows(); i++) {
            for (int j = 0; j < f.cols(); j++) {
                int k = i * f.cols() + j;
                if (Float.isNaN(f.dr()[k])) {
                    continue;
                }
                double x = f.col(j) - x0, y = f.row(i) - y0;
                double dx = co * x - si * y - x, dy = si * x + co * y - y;
                max = Math.max(max, Math.max(Math.abs(f.dr()[k] - dy), Math.abs(f.dc()[k] - dx)));
                kept++;
            }
        }
        System.out.printf("rotation 1°: %d/%d nodes, max |error| %.4f px%n", kept, f.dr().length, max);
        assertTrue(kept >= 0.9 * f.dr().length);
        assertTrue(max < 0.15, "rotation max error " + max);
    }

    @Test
    void additiveNoiseAndSpeckle() {
        BlobTexture t = new BlobTexture(N, N, 1.5, 2.5, SEED + 3);
        float[] ref = t.shifted(N, N, 0, 0), sec = t.shifted(N, N, 1.4, -0.6);
        double sd = 0;
        for (float v : ref) {
            sd += v * v;
        }
        sd = Math.sqrt(sd / ref.length);
        Random rnd = new Random(SEED);
        float[] rn = ref.clone(), sn = sec.clone();
        for (int k = 0; k < rn.length; k++) { // white noise at 30 % of the texture's RMS, independent in each image
            rn[k] += (float) (0.3 * sd * rnd.nextGaussian());
            sn[k] += (float) (0.3 * sd * rnd.nextGaussian());
        }
        double[] e = check("additive noise 30 %", OffsetTracker.track(rn, sn, N, N, params(32, 4, 16)), 1.4, -0.6, 0.1);
        assertTrue(e[2] < 0.05 && e[3] < 0.05, "spread " + Arrays.toString(e));
        // 4-look intensity speckle, independent between the images, on the texture turned into intensity exp(f)
        float[] ri = new float[rn.length], si = new float[rn.length];
        for (int k = 0; k < ri.length; k++) {
            ri[k] = (float) (Math.exp(ref[k] / sd) * gamma4(rnd));
            si[k] = (float) (Math.exp(sec[k] / sd) * gamma4(rnd));
        }
        check("4-look speckle", OffsetTracker.track(ri, si, N, N, params(32, 4, 16)), 1.4, -0.6, 0.6, 0.08);
    }

    /** Mean of 4 unit exponentials: 4-look speckle with mean 1. */
    private static double gamma4(Random rnd) {
        double s = 0;
        for (int q = 0; q < 4; q++) {
            s -= Math.log(1 - rnd.nextDouble());
        }
        return s / 4;
    }

    @Test
    void priorCentresTheSearch() {
        BlobTexture t = new BlobTexture(N, N, 1.5, 2.5, SEED + 4);
        float[] ref = t.shifted(N, N, 0, 0), sec = t.shifted(N, N, 12.3, -9.6);
        OffsetParameters p = params(32, 3, 16);
        OffsetField plain = OffsetTracker.track(ref, sec, N, N, p);
        int gr = OffsetTracker.nodes(N, p), gc = OffsetTracker.nodes(N, p);
        float[] pr = new float[gr * gc], pc = new float[gr * gc];
        Arrays.fill(pr, 11.8f);
        Arrays.fill(pc, -10.2f);
        OffsetField guided = new OffsetTracker(p, false).track(ref, sec, N, N, pr, pc);
        assertTrue(plain.valid() < plain.dr().length / 4, "search ±3 cannot reach 12 px: " + plain.valid() + " kept");
        // nodes whose shifted chip falls off the image drop out; the others must be right
        int kept = 0;
        for (int k = 0; k < guided.dr().length; k++) {
            if (!Float.isNaN(guided.dr()[k])) {
                assertEquals(12.3, guided.dr()[k], 0.1);
                assertEquals(-9.6, guided.dc()[k], 0.1);
                kept++;
            }
        }
        assertTrue(kept >= guided.dr().length / 2, "kept " + kept);
    }

    @Test
    void nanAndFlatChipsGiveNaN() {
        BlobTexture t = new BlobTexture(N, N, 1.5, 2.5, SEED + 5);
        float[] ref = t.shifted(N, N, 0, 0), sec = t.shifted(N, N, 0.5, 0.5);
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 40; c++) {
                ref[r * N + c] = Float.NaN;
            }
        }
        OffsetField f = OffsetTracker.track(ref, sec, N, N, params(32, 4, 16));
        assertTrue(Float.isNaN(f.dr()[0]) && Float.isNaN(f.peak()[0]), "node (16, 16) has NaN in its chip");
        assertEquals(0.5, f.dr()[f.dr().length - 1], 0.05);
    }

    @Test
    void correlationEqualsTextbookNcc() {
        // the running-sum NCC (Lewis 1995) against ρ computed directly from its definition
        BlobTexture t = new BlobTexture(N, N, 1.5, 2.5, SEED + 6);
        float[] ref = t.shifted(N, N, 0, 0), sec = t.shifted(N, N, 2, -3);
        for (int k = 0; k < sec.length; k++) {
            sec[k] = 100 + 3 * sec[k] + (float) (0.2 * Math.sin(k)); // a gain, an offset and a disturbance
        }
        OffsetParameters p = params(32, 5, 16).withFilterThreshold(0);
        OffsetField f = OffsetTracker.track(ref, sec, N, N, p);
        int i = 3, j = 4, r = f.row(i), c = f.col(j), C = 32;
        double sa = 0, sb = 0;
        for (int u = 0; u < C; u++) {
            for (int v = 0; v < C; v++) {
                sa += ref[(r - 16 + u) * N + c - 16 + v];
                sb += sec[(r - 16 + 2 + u) * N + c - 16 - 3 + v];
            }
        }
        double ma = sa / (C * C), mb = sb / (C * C), num = 0, da = 0, db = 0;
        for (int u = 0; u < C; u++) {
            for (int v = 0; v < C; v++) {
                double a = ref[(r - 16 + u) * N + c - 16 + v] - ma, b = sec[(r - 16 + 2 + u) * N + c - 16 - 3 + v] - mb;
                num += a * b;
                da += a * a;
                db += b * b;
            }
        }
        assertEquals(num / Math.sqrt(da * db), f.peak()[i * f.cols() + j], 1e-4);
        assertTrue(f.snr()[i * f.cols() + j] > 2, "snr " + f.snr()[i * f.cols() + j]);
    }

    @Test
    void medianFilterRejectsAPlantedOutlier() {
        int rows = 5, cols = 5;
        float[] dr = new float[25], dc = new float[25];
        Random rnd = new Random(SEED);
        for (int k = 0; k < 25; k++) {
            dr[k] = (float) (2 + 0.05 * rnd.nextGaussian());
            dc[k] = (float) (-1 + 0.05 * rnd.nextGaussian());
        }
        dr[12] = 4.5f; // 2.5 px off
        dc[6] = -1.1f; // within noise + ε: kept
        int n = MedianOffsetFilter.apply(dr, dc, rows, cols, 2);
        assertEquals(1, n);
        assertTrue(Float.isNaN(dr[12]) && Float.isNaN(dc[12]));
        assertEquals(-1.1f, dc[6]);
    }

    @Test
    void thousandPixelPairOn32PixelGridInSeconds() {
        int n = 1000;
        BlobTexture t = new BlobTexture(n, n, 1.5, 2.5, SEED + 7);
        float[] ref = t.shifted(n, n, 0, 0), sec = t.shifted(n, n, 4.3, -2.7);
        OffsetParameters p = params(32, 16, 32);
        long t0 = System.nanoTime();
        OffsetField f = new OffsetTracker(p, false).track(ref, sec, n, n, null, null);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("1000×1000, chip 32, search ±16, step 32, one thread: %d nodes in %.2f s%n", f.dr().length, s);
        double[] e = check("1000×1000 shift (4.3, −2.7)", f, 4.3, -2.7, 0.05);
        assertTrue(e[2] < 0.02 && e[3] < 0.02, "spread " + Arrays.toString(e));
        assertTrue(s < 20, "took " + s + " s");
    }
}

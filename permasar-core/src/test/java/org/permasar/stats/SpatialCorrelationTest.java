package org.permasar.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.linear.BlockRealMatrix;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/**
 * The modified t-test (Clifford et al. 1989; Dutilleul 1993) against independent truth: r and ρ against Hipparchus'
 * own correlations, the naive p against Hipparchus' t-test, M̂ ≈ n for independent sites; on pairs of independent
 * but spatially smooth fields the naive test rejects far more often than its 5 % level, the modified one does not.
 * Seed {@value #SEED}.
 */
class SpatialCorrelationTest {
    static final long SEED = 20261207L;
    static final int SIDE = 20;

    private static double[][] sites() {
        double[] sx = new double[SIDE * SIDE];
        double[] sy = new double[SIDE * SIDE];
        for (int i = 0; i < sx.length; i++) {
            sx[i] = 1000 * (i % SIDE);
            sy[i] = 1000 * (i / SIDE);
        }
        return new double[][] {sx, sy};
    }

    @Test
    void independentSitesGiveTheClassicTest() {
        Random rnd = new Random(SEED);
        double[][] s = sites();
        int n = s[0].length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = 0.3 * x[i] + rnd.nextGaussian();   // population r = 0.3 / √1.09 = 0.287
        }
        SpatialCorrelation.Test p = SpatialCorrelation.pearson(x, y, s[0], s[1], SpatialCorrelation.CLASSES);
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new double[] {x[i], y[i]};
        }
        PearsonsCorrelation ref = new PearsonsCorrelation(m);
        assertEquals(ref.getCorrelationMatrix().getEntry(0, 1), p.r(), 1e-12);
        assertEquals(ref.getCorrelationPValues().getEntry(0, 1), p.naiveP(), 1e-9);
        assertEquals(0.287, p.r(), 0.1);
        assertEquals(n, p.nEff(), 0.15 * n);
        assertTrue(p.p() < 1e-4, "p " + p.p());
        SpatialCorrelation.Test sp = SpatialCorrelation.spearman(x, y, s[0], s[1], SpatialCorrelation.CLASSES);
        assertEquals(new SpearmansCorrelation(new BlockRealMatrix(m)).getCorrelationMatrix().getEntry(0, 1), sp.r(), 1e-12);
    }

    @Test
    void smoothIndependentFieldsAreNotSignificantOnceAutocorrelationCounts() {
        Random rnd = new Random(SEED);
        double[][] s = sites();
        int replicates = 200, naive = 0, modified = 0;
        double meanNEff = 0;
        for (int k = 0; k < replicates; k++) {
            double[] x = smooth(rnd, 4);
            double[] y = smooth(rnd, 4);
            SpatialCorrelation.Test t = SpatialCorrelation.pearson(x, y, s[0], s[1], SpatialCorrelation.CLASSES);
            naive += t.naiveP() < 0.05 ? 1 : 0;
            modified += t.p() < 0.05 ? 1 : 0;
            meanNEff += t.nEff() / replicates;
        }
        System.out.printf("spatial correlation: independent smooth fields, %d replicates: naive p < 0.05 in %d, modified "
                + "in %d; mean effective n %.1f of %d%n", replicates, naive, modified, meanNEff, SIDE * SIDE);
        assertTrue(naive > 0.3 * replicates, "naive rejections " + naive);
        assertTrue(modified <= 0.10 * replicates, "modified rejections " + modified);
        assertTrue(meanNEff < 0.25 * SIDE * SIDE, "mean n_eff " + meanNEff);
    }

    /**
     * Moving windows that overlap are autocorrelated by construction, at distances under the window. On a strip of
     * 400 × 8 unit pixels of independent white noise, two fields summed in windows of 4 × 4 every 2 (199 × 3 = 597
     * windows, their extent 100 windows long): with 13 distance classes (each 30 wide, 7.6 windows) the first class
     * mixes the overlap's correlation with the pairs beyond and the modified test rejects the true null far too often;
     * with classes no wider than the window ({@link SpatialCorrelation#classesNoWiderThan}) it keeps its level.
     */
    @Test
    void overlappingWindowsNeedClassesNoWiderThanTheWindow() {
        assertEquals(13, SpatialCorrelation.classesNoWiderThan(new double[] {0, 30}, new double[] {0, 40}, 13, 10));
        assertEquals(50, SpatialCorrelation.classesNoWiderThan(new double[] {0, 30, Double.NaN},
                new double[] {0, 40, 7}, 13, 1));
        Random rnd = new Random(SEED);
        int nx = 400, ny = 8, w = 4, step = 2, mx = (nx - w) / step + 1, my = (ny - w) / step + 1;
        double[] sx = new double[mx * my];
        double[] sy = new double[mx * my];
        for (int k = 0; k < sx.length; k++) {
            sx[k] = (k % mx) * step;
            sy[k] = (k / mx) * step;
        }
        int classes = SpatialCorrelation.classesNoWiderThan(sx, sy, SpatialCorrelation.CLASSES, w);
        assertEquals(100, classes);                    // ⌈√(396² + 4²) / 4⌉
        int replicates = 200, coarse = 0, fine = 0, naive = 0;
        for (int rep = 0; rep < replicates; rep++) {
            double[][] v = new double[2][mx * my];
            for (int f = 0; f < 2; f++) {
                double[] u = new double[nx * ny];
                for (int i = 0; i < u.length; i++) {
                    u[i] = rnd.nextGaussian();
                }
                for (int k = 0; k < mx * my; k++) {
                    int r0 = (k / mx) * step, c0 = (k % mx) * step;
                    for (int r = r0; r < r0 + w; r++) {
                        for (int c = c0; c < c0 + w; c++) {
                            v[f][k] += u[r * nx + c];
                        }
                    }
                }
            }
            SpatialCorrelation.Test t13 = SpatialCorrelation.pearson(v[0], v[1], sx, sy, SpatialCorrelation.CLASSES);
            SpatialCorrelation.Test tw = SpatialCorrelation.pearson(v[0], v[1], sx, sy, classes);
            coarse += t13.p() < 0.05 ? 1 : 0;
            fine += tw.p() < 0.05 ? 1 : 0;
            naive += tw.naiveP() < 0.05 ? 1 : 0;
        }
        System.out.printf("spatial correlation: overlapping windows, %d replicates: p < 0.05 naive in %d, modified with "
                + "13 classes in %d, with %d classes in %d%n", replicates, naive, coarse, classes, fine);
        assertTrue(coarse > 0.10 * replicates, "13 classes: " + coarse);
        assertTrue(fine <= 0.08 * replicates, classes + " classes: " + fine);
    }

    /** White noise averaged over a (2h+1)² moving window on a larger grid, cut to SIDE × SIDE. */
    static double[] smooth(Random rnd, int h) {
        int big = SIDE + 2 * h;
        double[] w = new double[big * big];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian();
        }
        double[] out = new double[SIDE * SIDE];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double sum = 0;
                for (int dr = 0; dr <= 2 * h; dr++) {
                    for (int dc = 0; dc <= 2 * h; dc++) {
                        sum += w[(r + dr) * big + c + dc];
                    }
                }
                out[r * SIDE + c] = sum;
            }
        }
        return out;
    }
}

package org.permasar.stats.geodetector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Block permutation and block bootstrap on simulated maps: calibration under a spatially autocorrelated null (where
 * the F test's p is misleading), a certain association, and the coverage of the bootstrap interval of a known q.
 */
class SpatialBlocksTest {
    static final int N = 128, T = 16;

    /**
     * A smooth random field: 200 Gaussian bumps of width 3 px with random signs, plus white noise of sd 0.05; its
     * correlation range (≈ 10 px) is below the 16 px tiles, as block methods require.
     */
    static double[] smoothField(Random rnd) {
        double[] f = new double[N * N];
        for (int b = 0; b < 200; b++) {
            double cr = rnd.nextDouble() * N, cc = rnd.nextDouble() * N, a = rnd.nextGaussian();
            for (int r = 0; r < N; r++) {
                for (int c = 0; c < N; c++) {
                    double d2 = (r - cr) * (r - cr) + (c - cc) * (c - cc);
                    f[r * N + c] += a * Math.exp(-d2 / (2 * 3 * 3));
                }
            }
        }
        for (int i = 0; i < f.length; i++) {
            f[i] += 0.05 * rnd.nextGaussian();
        }
        return f;
    }

    /** The map cut into T × T tiles, tile-major. */
    static float[][] tilesOf(double[] v) {
        int per = N / T;
        float[][] t = new float[per * per][T * T];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                t[(r / T) * per + c / T][(r % T) * T + c % T] = (float) v[r * N + c];
            }
        }
        return t;
    }

    static int[][] codeTiles(int[] codes) {
        int per = N / T;
        int[][] t = new int[per * per][T * T];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                t[(r / T) * per + c / T][(r % T) * T + c % T] = codes[r * N + c];
            }
        }
        return t;
    }

    @Test
    void blockPermutationIsCalibratedWhereTheFTestIsNot() {
        int naive = 0, blocked = 0, runs = 20;
        for (int seed = 1; seed <= runs; seed++) {
            Random rnd = new Random(seed);
            double[] y = smoothField(rnd);
            double[] x = smoothField(rnd);   // independent of y, but autocorrelated too
            int[] codes = Discretization.breaks(x, Discretization.Method.QUANTILE, 4).classify(x);
            double[] yd = y.clone();
            if (FactorDetector.detect(StratumSums.of(codes, yd), SingleMemberStrata.KEEP).p() < 0.05) {
                naive++;
            }
            if (SpatialBlocks.permutationP(tilesOf(y), codeTiles(codes), 199, seed, SingleMemberStrata.KEEP) < 0.05) {
                blocked++;
            }
        }
        System.out.printf("of %d independent autocorrelated pairs: F test p < 0.05 in %d, block permutation in %d%n",
                runs, naive, blocked);
        assertTrue(naive >= 15, "the F test should be fooled by autocorrelation: " + naive);
        assertTrue(blocked <= 4, "block permutation false positives: " + blocked + " of " + runs);
    }

    @Test
    void certainAssociationHasTheSmallestP() {
        Random rnd = new Random(5);
        int[] codes = new int[N * N];
        double[] y = new double[N * N];
        for (int i = 0; i < y.length; i++) {
            codes[i] = (i % N) / 32;
            y[i] = 10 * codes[i] + rnd.nextGaussian();
        }
        assertEquals(1.0 / 200, SpatialBlocks.permutationP(tilesOf(y), codeTiles(codes), 199, 9, SingleMemberStrata.KEEP));
    }

    @Test
    void bootstrapIntervalCoversTheTrueQ() {
        // classes by column band, y = μ_class + N(0, 1): population q = Var_b / (Var_b + 1), Var_b = ¼ Σ (μ − μ̄)²
        double[] mu = {0, 1, 2, 3};
        double varB = 1.25, qTrue = varB / (varB + 1);
        int covered = 0, runs = 20;
        for (int seed = 1; seed <= runs; seed++) {
            Random rnd = new Random(seed);
            int per = N / T;
            StratumSums[] blocks = new StratumSums[per * per];
            for (int b = 0; b < blocks.length; b++) {
                blocks[b] = new StratumSums(4);
            }
            for (int r = 0; r < N; r++) {
                for (int c = 0; c < N; c++) {
                    int h = c / 32;
                    blocks[(r / T) * per + c / T].add(h, mu[h] + rnd.nextGaussian());
                }
            }
            SpatialBlocks.Interval ci = SpatialBlocks.bootstrapInterval(blocks, 499, 0.95, seed, SingleMemberStrata.KEEP);
            covered += ci.low() <= qTrue && qTrue <= ci.high() ? 1 : 0;
            assertTrue(ci.high() - ci.low() < 0.2, "width " + (ci.high() - ci.low()));
        }
        System.out.printf("95 %% block-bootstrap interval covered q = %.4f in %d of %d runs%n", qTrue, covered, runs);
        assertTrue(covered >= 16, "coverage " + covered + " of " + runs);
    }
}

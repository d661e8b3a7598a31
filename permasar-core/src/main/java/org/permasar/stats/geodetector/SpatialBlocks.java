package org.permasar.stats.geodetector;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inference for q that respects spatial autocorrelation, for maps of 10⁶–10⁷ pixels where every F-test p is about
 * zero: the map is cut into square blocks (tiles) and whole blocks are resampled, so the dependence inside a block
 * is kept.
 *
 * <ul>
 *   <li>{@link #bootstrapInterval}: the moving/fixed-block bootstrap of Künsch (1989, Ann. Stat. 17:1217) with
 *   non-overlapping blocks: B replicates each draw as many blocks as there are, with replacement, merge their
 *   {@link StratumSums} and compute q; the interval is the percentile interval of the replicates. Needs only the
 *   per-block sums, so it runs over every pixel of a streamed map.</li>
 *   <li>{@link #permutationP}: a block permutation test of "no association": the response's blocks are paired with
 *   the factor's blocks in a random order (all blocks the same size), q recomputed, and p = (1 + #{q_π ≥ q_obs}) /
 *   (R + 1) (Phipson &amp; Smyth 2010, eq. 2). It needs the pixels of the blocks, so for a large map it runs on a
 *   random subset of blocks held in memory.</li>
 * </ul>
 * Both are seeded (the seed is an argument) and reproducible. Stateless.
 */
public final class SpatialBlocks {
    private SpatialBlocks() {
    }

    /** A percentile interval and the number of replicates behind it. */
    public record Interval(double low, double high, int replicates) {
    }

    /**
     * Percentile block-bootstrap interval of q at confidence {@code level} (e.g. 0.95) from per-block sums; NaN when
     * fewer than two blocks hold data.
     */
    public static Interval bootstrapInterval(StratumSums[] blocks, int replicates, double level, long seed,
                                             SingleMemberStrata convention) {
        if (replicates < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap needs replicates ≥ 1 and 0 < level < 1, got " + replicates
                    + ", " + level);
        }
        int m = 0;
        StratumSums[] used = new StratumSums[blocks.length];
        for (StratumSums b : blocks) {
            if (b != null && b.total() > 0) {
                used[m++] = b;
            }
        }
        if (m < 2) {
            return new Interval(Double.NaN, Double.NaN, 0);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] q = new double[replicates];
        int n = 0;
        for (int r = 0; r < replicates; r++) {
            StratumSums s = new StratumSums();
            for (int i = 0; i < m; i++) {
                s.merge(used[rnd.nextInt(m)]);
            }
            double v = FactorDetector.detect(s, convention).q();
            if (!Double.isNaN(v)) {
                q[n++] = v;
            }
        }
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, 0);
        }
        double[] v = Arrays.copyOf(q, n);
        Arrays.sort(v);
        double a = (1 - level) / 2;
        return new Interval(Discretization.quantile7(v, a), Discretization.quantile7(v, 1 - a), n);
    }

    /**
     * Block permutation p-value of q. {@code y[b]} and {@code codes[b]} hold block b's response values (NaN missing)
     * and stratum codes (−1 missing) in the same pixel order; every block has the same number of pixels.
     *
     * @return p in (0, 1], or NaN when the observed q is undefined
     */
    public static double permutationP(float[][] y, int[][] codes, int permutations, long seed,
                                      SingleMemberStrata convention) {
        int m = y.length;
        if (codes.length != m || permutations < 1) {
            throw new IllegalArgumentException("permutation test needs as many code blocks as response blocks and ≥ 1 "
                    + "permutation, got " + m + ", " + codes.length + ", " + permutations);
        }
        for (int b = 0; b < m; b++) {
            if (y[b].length != y[0].length || codes[b].length != y[0].length) {
                throw new IllegalArgumentException("blocks differ in size: block " + b + " has " + y[b].length + " and "
                        + codes[b].length + " values, block 0 " + y[0].length);
            }
        }
        int[] identity = new int[m];
        for (int i = 0; i < m; i++) {
            identity[i] = i;
        }
        double observed = q(y, codes, identity, convention);
        if (Double.isNaN(observed)) {
            return Double.NaN;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = identity.clone();
        int atLeast = 0;
        for (int r = 0; r < permutations; r++) {
            for (int i = m - 1; i > 0; i--) {   // Fisher–Yates
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double v = q(y, codes, perm, convention);
            if (v >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (permutations + 1.0);
    }

    /** q with response block b paired with code block perm[b]. */
    private static double q(float[][] y, int[][] codes, int[] perm, SingleMemberStrata convention) {
        StratumSums s = new StratumSums();
        for (int b = 0; b < y.length; b++) {
            float[] yb = y[b];
            int[] cb = codes[perm[b]];
            for (int i = 0; i < yb.length; i++) {
                s.add(cb[i], yb[i]);
            }
        }
        return FactorDetector.detect(s, convention).q();
    }
}

package org.permasar.stats.geodetector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-stratum sums, block by block and merged, against a direct two-pass computation. */
class StratumSumsTest {
    @Test
    void mergedBlocksEqualTwoPassSums() {
        long seed = 20261207L;
        Random rnd = new Random(seed);
        int n = 10_000, l = 7;
        int[] codes = new int[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            codes[i] = rnd.nextInt(l);
            y[i] = 1000 + codes[i] + rnd.nextGaussian() * 1e-3;   // large mean, tiny spread: raw Σy² would cancel
        }
        y[17] = Double.NaN;
        codes[18] = -1;
        StratumSums merged = new StratumSums(2);
        for (int off = 0; off < n; off += 937) {
            StratumSums block = new StratumSums(1);
            block.add(codes, y, off, Math.min(937, n - off));
            merged.merge(block);
        }
        for (int h = 0; h < l; h++) {
            long cnt = 0;
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (codes[i] == h && !Double.isNaN(y[i])) {
                    cnt++;
                    s += y[i];
                }
            }
            double mean = s / cnt, m2 = 0;
            for (int i = 0; i < n; i++) {
                if (codes[i] == h && !Double.isNaN(y[i])) {
                    m2 += (y[i] - mean) * (y[i] - mean);
                }
            }
            assertEquals(cnt, merged.count(h), "seed " + seed);
            assertEquals(mean, merged.mean(h), 1e-14 * mean);
            assertEquals(m2, merged.centredSumOfSquares(h), 1e-9 * m2, "seed " + seed + " stratum " + h);
        }
        assertEquals(n - 2, merged.total());
    }

    @Test
    void handExample() {
        StratumSums s = StratumSums.of(new int[] {0, 0, 0, 2}, new double[] {1, 2, 6, 5});
        assertEquals(3, s.strata());
        assertEquals(2, s.nonEmpty());
        assertEquals(3, s.mean(0), 0);
        assertEquals(14, s.centredSumOfSquares(0), 1e-15);   // 4 + 1 + 9
        assertEquals(7, s.sampleVariance(0), 1e-15);
        assertEquals(Double.NaN, s.sampleVariance(2));
        assertEquals(0, s.withoutSingleMembers().count(2));
    }
}

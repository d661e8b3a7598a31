package org.permasar.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The FFT correlation ({@link FftCorrelator}) against the direct sums, which are the definition of the
 * normalised cross-correlation: surfaces equal to 1e-9 on random chips of several sizes (FFT sizes that
 * are powers of two and mixed radix), and the same offsets on a textured pair with a known shift.
 */
class FftCorrelationTest {
    private static final long SEED = 20261207L;

    private static void checkSurfaces(int chip, int search, long seed) {
        int rows = chip + 2 * search + 40, cols = chip + 2 * search + 50;
        Random rnd = new Random(seed);
        float[] a = new float[rows * cols], b = new float[rows * cols];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) (100 + 20 * rnd.nextGaussian()); // large mean: the normalisation must not cancel
            b[k] = (float) (100 + 20 * rnd.nextGaussian());
        }
        OffsetParameters p = OffsetParameters.DEFAULTS.withChip(chip).withSearch(search);
        OffsetTracker direct = new OffsetTracker(p.withMethod(CorrelationMethod.DIRECT), false);
        OffsetTracker fft = new OffsetTracker(p.withMethod(CorrelationMethod.FFT), false);
        double max = 0;
        for (int t = 0; t < 5; t++) {
            int r = chip / 2 + search + rnd.nextInt(rows - chip - 2 * search + 1);
            int c = chip / 2 + search + rnd.nextInt(cols - chip - 2 * search + 1);
            double[] sd = direct.surface(a, b, rows, cols, r, c), sf = fft.surface(a, b, rows, cols, r, c);
            assertEquals(sd.length, sf.length);
            for (int k = 0; k < sd.length; k++) {
                assertTrue(!Double.isNaN(sd[k]), "direct ρ NaN at " + k);
                max = Math.max(max, Math.abs(sd[k] - sf[k]));
            }
        }
        System.out.printf("chip %d, search ±%d (FFT size %d), seed %d: max |ρ_fft − ρ_direct| = %.2e%n", chip, search,
                FftCorrelator.smooth(chip + 2 * search), seed, max);
        assertTrue(max < 1e-9, "chip " + chip + " search " + search + ": max difference " + max);
    }

    @Test
    void surfacesEqualDirectSumsOnRandomChips() {
        int[][] cases = {{32, 16}, {32, 8}, {16, 3}, {64, 8}, {24, 7}, {8, 1}, {33, 5}};
        for (int i = 0; i < cases.length; i++) {
            checkSurfaces(cases[i][0], cases[i][1], SEED + i);
        }
    }

    @Test
    void autoPicksDirectForTinySearchAndFftForWideSearch() {
        assertEquals(CorrelationMethod.DIRECT, CorrelationMethod.AUTO.resolve(32, 2));
        assertEquals(CorrelationMethod.FFT, CorrelationMethod.AUTO.resolve(32, 16));
        assertEquals(CorrelationMethod.FFT, CorrelationMethod.FFT.resolve(32, 1));
        assertEquals(CorrelationMethod.DIRECT, CorrelationMethod.DIRECT.resolve(32, 16));
    }

    @Test
    void smoothSizes() {
        assertEquals(64, FftCorrelator.smooth(64));
        assertEquals(45, FftCorrelator.smooth(43)); // 44 = 4·11 is not 2-3-5-smooth
        assertEquals(48, FftCorrelator.smooth(47));
        assertEquals(10, FftCorrelator.smooth(10));
    }

    @Test
    void sameOffsetsAsDirectOnShiftedTexture() {
        int n = 200;
        BlobTexture t = new BlobTexture(n, n, 1.5, 2.5, SEED);
        float[] ref = t.shifted(n, n, 0, 0), sec = t.shifted(n, n, 2.35, -1.6);
        OffsetParameters p = OffsetParameters.DEFAULTS.withChip(32).withSearch(6).withStep(16);
        OffsetField fd = new OffsetTracker(p.withMethod(CorrelationMethod.DIRECT), false).track(ref, sec, n, n, null, null);
        OffsetField ff = new OffsetTracker(p.withMethod(CorrelationMethod.FFT), false).track(ref, sec, n, n, null, null);
        double max = 0;
        int kept = 0;
        for (int k = 0; k < fd.dr().length; k++) {
            assertEquals(Float.isNaN(fd.dr()[k]), Float.isNaN(ff.dr()[k]), "NaN pattern differs at node " + k);
            if (!Float.isNaN(fd.dr()[k])) {
                kept++;
                max = Math.max(max, Math.max(Math.abs(fd.dr()[k] - ff.dr()[k]), Math.abs(fd.dc()[k] - ff.dc()[k])));
                assertEquals(2.35, ff.dr()[k], 0.05);
                assertEquals(-1.6, ff.dc()[k], 0.05);
            }
        }
        System.out.printf("%d nodes kept; max |offset_fft − offset_direct| = %.2e px%n", kept, max);
        assertTrue(kept > 0.9 * fd.dr().length);
        assertTrue(max < 1e-5, "offsets differ by " + max + " px");
    }
}

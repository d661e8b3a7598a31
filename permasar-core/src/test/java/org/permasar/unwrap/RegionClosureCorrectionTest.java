package org.permasar.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permasar.network.Network;

/**
 * {@link RegionClosureCorrection} on a simulated stack with component labels: a river (label 0 in
 * every pair) splits a 20 × 41 scene; in four pairs the unwrapper shifted the whole east bank by
 * ±1/±2 cycles (labelled as its own component there), one of them a 1-year pair that lies in no
 * triplet. Truth: the written cycles undo exactly the injected ones on the pairs closure can see, on
 * every east-bank pixel (noisy ones included), and change nothing else; the reference bank is never
 * changed. Also: the samples are distinct members of their region and repeat with the seed.
 */
class RegionClosureCorrectionTest {

    @Test
    void undoesWholeBankErrorsOnPairsInTriplets() {
        long seed = 77L;
        int rows = 20, cols = 41, npix = rows * cols, river = 20;
        Network net = CycleErrorStack.network(40, 12, 3);
        CycleErrorStack s = CycleErrorStack.simulate(net, npix, 8, 0.0, 0.001, seed);
        int m = net.pairCount();
        float[] phase = s.clean.clone();
        float[] labels = new float[m * npix];
        Triplets t = Triplets.of(net);
        int yearPair = -1;
        for (int k = 0; k < m && yearPair < 0; k++) {
            yearPair = t.tripletCountOf(k) == 0 ? k : -1;
        }
        assertThat(yearPair).isNotNegative();
        int[] errPairs = {5, 40, 77, yearPair}; // (1,3), (10,11), (22,24) and a 1-year pair
        int[] errCycles = {1, -1, 2, 1};
        int[] injected = new int[m];
        for (int e = 0; e < errPairs.length; e++) {
            injected[errPairs[e]] = errCycles[e];
        }
        for (int k = 0; k < m; k++) {
            for (int p = 0; p < npix; p++) {
                int c = p % cols;
                boolean east = c > river;
                labels[k * npix + p] = c == river ? 0f : east && injected[k] != 0 ? 2f : 1f;
                if (east) {
                    phase[k * npix + p] += (float) (2 * Math.PI * injected[k]);
                }
            }
        }
        RegionClosureCorrection.Regions r = RegionClosureCorrection.commonRegions(labels, m, null, rows, cols, 2500);
        assertThat(r.count()).isEqualTo(2);
        int[][] samples = RegionClosureCorrection.samples(r, 100, 1L);
        assertThat(RegionClosureCorrection.samples(r, 100, 1L)).isDeepEqualTo(samples);
        for (int g = 0; g < 2; g++) {
            assertThat(samples[g]).hasSize(100).doesNotHaveDuplicates();
            for (int p : samples[g]) {
                assertThat(r.label()[p]).isEqualTo(g + 1);
            }
        }
        int ref = 5 * cols + 3; // west bank
        int refRegion = r.label()[ref] - 1;
        for (int k = 0; k < m; k++) { // referenced phase, as the inversion sees it
            float v = phase[k * npix + ref];
            for (int p = 0; p < npix; p++) {
                phase[k * npix + p] -= v;
            }
        }
        int[][] cyc = RegionClosureCorrection.regionCycles(phase, npix, t, samples, refRegion);
        int[] out = new int[npix];
        long wrong = 0, undone = 0;
        for (int k = 0; k < m; k++) {
            float[] lk = new float[npix];
            System.arraycopy(labels, k * npix, lk, 0, npix);
            int[] cyclesOfPair = new int[r.count()];
            for (int g = 0; g < r.count(); g++) {
                cyclesOfPair[g] = cyc[g][k];
            }
            RegionClosureCorrection.applyPair(lk, null, rows, cols, 2500, samples, cyclesOfPair, out);
            boolean seen = t.tripletCountOf(k) >= 2;
            for (int p = 0; p < npix; p++) {
                boolean east = p % cols > river;
                int expected = east && seen ? -injected[k] : 0;
                wrong += out[p] != expected ? 1 : 0;
                undone += out[p] != 0 && out[p] == -injected[k] ? 1 : 0;
            }
        }
        System.out.printf("RegionClosureCorrection (seed %d, %d pairs, %d triplets, %d px): %d (pair, pixel) cells "
                + "undone, %d wrong%n", seed, m, t.count(), npix, undone, wrong);
        assertThat(wrong).isZero();
        assertThat(undone).isEqualTo(3L * rows * river);
    }
}

package org.permasar.unwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.permasar.network.Network;

/**
 * {@link PairClosureQuality} against injected truth: three pairs that share no triplet carry 2π·n
 * errors over known shares of the pixels (0.30, 0.25, 0.20); they must be the three worst pairs,
 * in that order, with the share of non-zero closure integers equal to the injected share (within the
 * noise-wrap rate of the clean pairs, measured on the same stack), and water (NaN) must not count.
 */
class PairClosureQualityTest {

    @Test
    void pairsWithInjectedErrorsAreWorstWithTheirShareRecovered() {
        long seed = 1909L;
        Network net = CycleErrorStack.network(40, 12, 3);
        int npix = 1000;
        CycleErrorStack s = CycleErrorStack.simulate(net, npix, 20, 0.0, 0.01, seed);
        float[] phase = s.clean.clone();
        Triplets t = Triplets.of(net);
        // three pairs of consecutive dates far apart in time, away from the network ends (there a partner pair lies
        // in only two triplets and would take half an error pair's share): no triplet holds two of them
        int[] errPairs = {pairOf(net, 8, 9), pairOf(net, 19, 20), pairOf(net, 30, 31)};
        double[] shares = {0.30, 0.25, 0.20}; // above half the largest: a (t, t+3) partner lies in only two triplets
        for (int e = 0; e < 3; e++) {
            int len = (int) Math.round(shares[e] * npix);
            int from = 100 * e;
            for (int p = from; p < from + len; p++) {
                phase[errPairs[e] * npix + p] += (float) (2 * Math.PI * (e == 1 ? -1 : 1));
            }
        }
        // water: 50 pixels NaN in every pair, not counted
        for (int k = 0; k < net.pairCount(); k++) {
            for (int p = 950; p < 1000; p++) {
                phase[k * npix + p] = Float.NaN;
            }
        }
        PairClosureQuality whole = new PairClosureQuality(t);
        whole.add(phase, npix);
        // block-wise accumulation gives the same numbers
        PairClosureQuality a = new PairClosureQuality(t), b = new PairClosureQuality(t);
        a.add(slice(phase, net.pairCount(), npix, 0, 400), 400);
        b.add(slice(phase, net.pairCount(), npix, 400, npix), npix - 400);
        a.merge(b);
        double cleanMax = 0;
        for (int k = 0; k < net.pairCount(); k++) {
            assertThat(a.nonzeroCells(k)).isEqualTo(whole.nonzeroCells(k));
            assertThat(a.validCells(k)).isEqualTo(whole.validCells(k));
            assertThat(whole.validCells(k)).isEqualTo((long) t.tripletCountOf(k) * 950);
            boolean err = k == errPairs[0] || k == errPairs[1] || k == errPairs[2];
            if (!err && t.tripletCountOf(k) > 0) {
                cleanMax = Math.max(cleanMax, whole.nonzeroShare(k) - partnerShare(net, t, k, errPairs, shares, npix));
            }
        }
        Integer[] worst = IntStream.range(0, net.pairCount()).boxed().filter(k -> t.tripletCountOf(k) > 0)
                .sorted(Comparator.comparingDouble(k -> -whole.nonzeroShare(k))).toArray(Integer[]::new);
        System.out.printf("PairClosureQuality (seed %d, %d pairs, %d triplets): worst pairs %s with shares %.4f %.4f %.4f "
                        + "(injected 0.30 0.25 0.20 of %d land px); noise-only share ≤ %.4f on clean pairs%n", seed,
                net.pairCount(), t.count(), Arrays.toString(Arrays.copyOf(worst, 3)), whole.nonzeroShare(worst[0]),
                whole.nonzeroShare(worst[1]), whole.nonzeroShare(worst[2]), 950, cleanMax);
        assertThat(Arrays.copyOf(worst, 3)).containsExactly(errPairs[0], errPairs[1], errPairs[2]);
        for (int e = 0; e < 3; e++) {
            // injected pixels over land pixels, as every triplet of the pair sees the error there
            assertThat(whole.nonzeroShare(errPairs[e])).isCloseTo(shares[e] * npix / 950.0, within(cleanMax + 1e-9));
        }
        assertThat(cleanMax).isLessThan(0.01);
        assertThat(whole.meanAbsWrappedClosure(errPairs[0])).isBetween(0.0, Math.PI);
    }

    /** Share a clean pair k gets from its triplets shared with an error pair (the error seen by that triplet). */
    /**
     * Triplets shared among threads give the one-thread sums bit for bit (each triplet summed by one thread), and so
     * does the pass that also counts per pixel, whose counts are those of {@link PhaseClosure}.
     */
    @Test
    void threadsGiveTheOneThreadSumsBitForBit() {
        Network net = CycleErrorStack.network(40, 12, 3);
        int npix = 30_000;                               // > 3 threads × 2²⁰ (triplet, pixel) cells: the threads run
        CycleErrorStack s = CycleErrorStack.simulate(net, npix, 20, 0.0, 0.01, 77L);
        float[] phase = s.clean.clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < phase.length; i++) {
            if (rnd.nextDouble() < 0.02) {
                phase[i] += (float) (2 * Math.PI * (rnd.nextInt(5) - 2));     // unwrapping errors, some pixels NaN
            } else if (rnd.nextDouble() < 0.01) {
                phase[i] = Float.NaN;
            }
        }
        for (int k = 0; k < net.pairCount(); k++) {
            java.util.Arrays.fill(phase, k * npix, k * npix + 10, Float.NaN);    // water: no closure at pixels 0–9
        }
        Triplets t = Triplets.of(net);
        assertThat((long) t.count() * npix).isGreaterThan(3L << 20);
        PairClosureQuality one = new PairClosureQuality(t), three = new PairClosureQuality(t);
        PairClosureQuality counting = new PairClosureQuality(t);
        one.add(phase, npix);
        three.add(phase, npix, 3);
        float[] perPixel = new float[npix], expected = new float[npix];
        counting.add(phase, npix, perPixel);
        for (int k = 0; k < net.pairCount(); k++) {
            for (PairClosureQuality other : new PairClosureQuality[] {three, counting}) {
                assertThat(other.validCells(k)).isEqualTo(one.validCells(k));
                assertThat(other.nonzeroCells(k)).isEqualTo(one.nonzeroCells(k));
                assertThat(Double.doubleToRawLongBits(other.meanAbsWrappedClosure(k)))
                        .isEqualTo(Double.doubleToRawLongBits(one.meanAbsWrappedClosure(k)));
            }
        }
        // the per-pixel count made in the same pass is PhaseClosure's, NaN where no triplet closes
        PhaseClosure.countNonzeroIntegerAmbiguity(phase, npix, t, expected);
        for (int p = 0; p < npix; p++) {
            assertThat(Float.floatToRawIntBits(perPixel[p])).as("pixel %d", p)
                    .isEqualTo(Float.floatToRawIntBits(expected[p]));
        }
        assertThat(expected[0]).isNaN();
        assertThat(IntStream.range(0, npix).filter(p -> expected[p] > 0).count()).isPositive();
    }

    private static double partnerShare(Network net, Triplets t, int k, int[] errPairs, double[] shares, int npix) {
        double s = 0;
        for (int i = 0; i < t.tripletCountOf(k); i++) {
            int q = t.tripletOf(k, i);
            for (int e = 0; e < errPairs.length; e++) {
                if (t.coefficient(q, errPairs[e]) != 0) {
                    s += Math.round(shares[e] * npix) / 950.0;
                }
            }
        }
        return s / t.tripletCountOf(k);
    }

    private static int pairOf(Network net, int a, int b) {
        for (int k = 0; k < net.pairCount(); k++) {
            if (net.referenceIndex(k) == a && net.secondaryIndex(k) == b) {
                return k;
            }
        }
        throw new AssertionError("no pair " + a + "-" + b);
    }

    private static float[] slice(float[] phase, int m, int npix, int from, int to) {
        int n = to - from;
        float[] out = new float[m * n];
        for (int k = 0; k < m; k++) {
            System.arraycopy(phase, k * npix + from, out, k * n, n);
        }
        return out;
    }
}

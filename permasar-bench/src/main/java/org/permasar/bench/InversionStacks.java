package org.permasar.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.permasar.network.Network;
import org.permasar.network.Pair;

/** Realistic synthetic SBAS stacks for benchmarks (fixed seeds). */
final class InversionStacks {
    private InversionStacks() {
    }

    /**
     * Sentinel-1-like network: {@code dates} acquisitions 12 days apart, each linked to its next
     * {@code neighbours} dates plus the ~1-year (30 acquisitions) pair. 145 dates, 5 neighbours:
     * 810 pairs.
     */
    static Network network(int dates, int neighbours) {
        LocalDate t0 = LocalDate.of(2017, 1, 2);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < dates; i++) {
            for (int j = i + 1; j <= Math.min(dates - 1, i + neighbours); j++) {
                pairs.add(new Pair(t0.plusDays(12L * i), t0.plusDays(12L * j)));
            }
            if (i + 30 < dates) {
                pairs.add(new Pair(t0.plusDays(12L * i), t0.plusDays(12L * (i + 30))));
            }
        }
        return new Network(pairs, null);
    }

    /** Layer-major phase (linear + annual motion + noise) and coherence blocks; {@code nanFraction} of values NaN. */
    static float[][] block(Network net, int npix, double nanFraction, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nd = net.dateCount(), m = net.pairCount();
        double[] truth = new double[nd * npix];
        for (int p = 0; p < npix; p++) {
            double rate = (rnd.nextDouble() - 0.5) * 20, amp = rnd.nextDouble() * 3;
            for (int d = 0; d < nd; d++) {
                double t = net.dayOffset(d) / 365.25;
                truth[d * npix + p] = rate * t + amp * Math.sin(2 * Math.PI * t);
            }
        }
        float[] ph = new float[m * npix];
        float[] coh = new float[m * npix];
        for (int k = 0; k < m; k++) {
            int a = net.referenceIndex(k), b = net.secondaryIndex(k);
            for (int p = 0; p < npix; p++) {
                double g = rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5;
                ph[k * npix + p] = rnd.nextDouble() < nanFraction ? Float.NaN
                        : (float) (truth[b * npix + p] - truth[a * npix + p] + 0.5 * g);
                coh[k * npix + p] = (float) (0.2 + 0.75 * rnd.nextDouble());
            }
        }
        return new float[][] {ph, coh};
    }
}

package org.permasar.unwrap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.permasar.inversion.WeightFunction;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/**
 * Test helper: an SBAS stack with known truth and known injected unwrapping errors. Truth per pixel
 * is a linear rate plus an annual term; each pair gets Gaussian noise whose variance is the
 * inverse of MintPy's {@code var} weight for its coherence (so {@code var}-weighted least squares
 * is the efficient estimator on clean data); then 2π·n errors (n = ±1 or ±2) are added to chosen
 * pairs over contiguous runs of pixels ("sub-regions"). Fixed seeds, logged by the tests.
 */
final class CycleErrorStack {
    final Network network;
    final int npix;
    final int looks;
    /** true phase per date and pixel (rad), date 0 = 0. */
    final double[] truth;
    /** phase with noise and errors, layer-major (pairs × pixels). */
    final float[] phase;
    /** phase with noise only. */
    final float[] clean;
    final float[] coherence;
    /** injected cycles per pair and pixel (0 = none), layer-major. */
    final int[] injected;
    /** true where some pair of the pixel carries an error. */
    final boolean[] hit;

    private CycleErrorStack(Network network, int npix, int looks, double[] truth, float[] phase, float[] clean,
                            float[] coherence, int[] injected, boolean[] hit) {
        this.network = network;
        this.npix = npix;
        this.looks = looks;
        this.truth = truth;
        this.phase = phase;
        this.clean = clean;
        this.coherence = coherence;
        this.injected = injected;
        this.hit = hit;
    }

    /** Dates every {@code step} days, each linked to its next {@code neighbours} dates, plus ~1-year pairs. */
    static Network network(int dates, int step, int neighbours) {
        LocalDate t0 = LocalDate.of(2019, 1, 5);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < dates; i++) {
            for (int j = i + 1; j <= Math.min(dates - 1, i + neighbours); j++) {
                pairs.add(new Pair(t0.plusDays((long) i * step), t0.plusDays((long) j * step)));
            }
            int j = i + Math.round(365f / step);
            if (j < dates && j > i + neighbours) {
                pairs.add(new Pair(t0.plusDays((long) i * step), t0.plusDays((long) j * step)));
            }
        }
        return new Network(pairs, null);
    }

    /**
     * @param errorShare share of pairs that carry an error (each over one run of pixels)
     * @param regionShare length of each error run as a share of the pixels
     */
    static CycleErrorStack simulate(Network net, int npix, int looks, double errorShare, double regionShare, long seed) {
        Random rnd = new Random(seed);
        int nd = net.dateCount(), m = net.pairCount();
        double[] truth = new double[nd * npix];
        for (int p = 0; p < npix; p++) {
            double rate = (rnd.nextDouble() - 0.5) * 12; // rad/yr
            double amp = rnd.nextDouble() * 2, ph0 = rnd.nextDouble() * 2 * Math.PI;
            for (int d = 0; d < nd; d++) {
                double t = net.dayOffset(d) / 365.25;
                truth[d * npix + p] = rate * t + amp * (Math.sin(2 * Math.PI * t + ph0) - Math.sin(ph0));
            }
        }
        float[] clean = new float[m * npix];
        float[] coh = new float[m * npix];
        for (int k = 0; k < m; k++) {
            int a = net.referenceIndex(k), b = net.secondaryIndex(k);
            for (int p = 0; p < npix; p++) {
                float g = (float) (0.45 + 0.5 * rnd.nextDouble());
                double sigma = 1 / Math.sqrt(WeightFunction.VAR.weight(g, looks));
                int i = k * npix + p;
                coh[i] = g;
                clean[i] = (float) (truth[b * npix + p] - truth[a * npix + p] + sigma * rnd.nextGaussian());
            }
        }
        float[] phase = clean.clone();
        int[] inj = new int[m * npix];
        boolean[] hit = new boolean[npix];
        int nErr = Math.max(1, (int) Math.round(errorShare * m));
        int len = Math.max(1, (int) Math.round(regionShare * npix));
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            order.add(k);
        }
        java.util.Collections.shuffle(order, rnd);
        CycleErrorStack s = new CycleErrorStack(net, npix, looks, truth, phase, clean, coh, inj, hit);
        for (int e = 0; e < nErr; e++) {
            int k = order.get(e);
            int n = (rnd.nextBoolean() ? 1 : -1) * (rnd.nextInt(4) == 0 ? 2 : 1);
            int p0 = rnd.nextInt(npix - len + 1);
            s.inject(k, p0, p0 + len, n);
        }
        return s;
    }

    /** Adds a 2π·n error to pair k at pixels [from, to). */
    void inject(int k, int from, int to, int n) {
        for (int p = from; p < to; p++) {
            injected[k * npix + p] += n;
            phase[k * npix + p] += (float) (2 * Math.PI * n);
            hit[p] = true;
        }
    }
}

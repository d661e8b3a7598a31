package org.permasar.inversion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.permasar.network.Network;
import org.permasar.network.Pair;

/** Test helper: SBAS networks and phase stacks with known truth (fixed seeds). */
final class SimulatedStack {
    final Network network;
    final int npix;
    /** true phase per date per pixel (rad), date 0 = 0, layer-major. */
    final double[] truth;
    /** true rate per pixel (rad/yr). */
    final double[] rate;
    final float[] phase;
    final float[] coherence;

    private SimulatedStack(Network network, int npix, double[] truth, double[] rate, float[] phase, float[] coherence) {
        this.network = network;
        this.npix = npix;
        this.truth = truth;
        this.rate = rate;
        this.phase = phase;
        this.coherence = coherence;
    }

    /** Dates every {@code step} days; each date linked to its next {@code neighbours} dates, plus ~1-year pairs. */
    static Network network(int dates, int step, int neighbours, boolean annual) {
        LocalDate t0 = LocalDate.of(2018, 1, 3);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < dates; i++) {
            for (int j = i + 1; j <= Math.min(dates - 1, i + neighbours); j++) {
                pairs.add(new Pair(t0.plusDays((long) i * step), t0.plusDays((long) j * step)));
            }
            if (annual) {
                int j = i + Math.round(365f / step);
                if (j < dates && j > i + neighbours) {
                    pairs.add(new Pair(t0.plusDays((long) i * step), t0.plusDays((long) j * step)));
                }
            }
        }
        return new Network(pairs, null);
    }

    /**
     * Linear + annual motion per pixel, Gaussian phase noise of {@code noise} rad per pair,
     * coherence uniform in [0.3, 0.95].
     */
    static SimulatedStack simulate(Network net, int npix, double noise, long seed) {
        Random rnd = new Random(seed);
        int nd = net.dateCount(), m = net.pairCount();
        double[] truth = new double[nd * npix];
        double[] rate = new double[npix];
        for (int p = 0; p < npix; p++) {
            rate[p] = (rnd.nextDouble() - 0.5) * 20; // rad/yr
            double amp = rnd.nextDouble() * 3, ph0 = rnd.nextDouble() * 2 * Math.PI;
            for (int d = 0; d < nd; d++) {
                double t = net.dayOffset(d) / 365.25;
                truth[d * npix + p] = rate[p] * t + amp * (Math.sin(2 * Math.PI * t + ph0) - Math.sin(ph0));
            }
        }
        float[] phase = new float[m * npix];
        float[] coh = new float[m * npix];
        for (int k = 0; k < m; k++) {
            int a = net.referenceIndex(k), b = net.secondaryIndex(k);
            for (int p = 0; p < npix; p++) {
                phase[k * npix + p] = (float) (truth[b * npix + p] - truth[a * npix + p] + noise * rnd.nextGaussian());
                coh[k * npix + p] = (float) (0.3 + 0.65 * rnd.nextDouble());
            }
        }
        return new SimulatedStack(net, npix, truth, rate, phase, coh);
    }

    /** Least-squares rate (rad/yr) of a fitted series at pixel p: slope of phase vs time with annual terms. */
    static double fittedRate(Network net, float[] series, int npix, int p) {
        int nd = net.dateCount();
        double[][] g = new double[nd][4];
        double[] y = new double[nd];
        for (int d = 0; d < nd; d++) {
            double t = net.dayOffset(d) / 365.25;
            g[d] = new double[] {1, t, Math.cos(2 * Math.PI * t), Math.sin(2 * Math.PI * t)};
            y[d] = series[d * npix + p];
        }
        org.hipparchus.linear.RealMatrix gm = org.hipparchus.linear.MatrixUtils.createRealMatrix(g);
        return new org.hipparchus.linear.QRDecomposition(gm).getSolver()
                .solve(new org.hipparchus.linear.ArrayRealVector(y)).getEntry(1);
    }
}

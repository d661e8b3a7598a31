package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.permasar.network.Network;

/** Unwrapping errors (L1 vs L2) and disconnected networks (SVD, NSBAS) on simulated stacks. */
class RobustAndSplitNetworkTest {

    @Test
    void l1ResistsUnwrappingErrorsThatBiasL2() {
        long seed = 99L;
        Network net = SimulatedStack.network(30, 12, 4, false);
        SimulatedStack s = SimulatedStack.simulate(net, 20, 0.05, seed);
        float[] ph = s.phase.clone();
        int m = net.pairCount();
        for (int k = 0; k < m; k += 9) { // 2π jumps on ~11% of the pairs
            for (int p = 0; p < s.npix; p++) {
                ph[k * s.npix + p] += (float) (2 * Math.PI);
            }
        }
        InversionResult l2 = TimeSeriesInversion.create(net, "l2").invert(InversionInput.of(ph, s.npix));
        InversionResult l1 = TimeSeriesInversion.create(net, InversionParameters.of("l1").withL1(1e-3, 100, 1e-5))
                .invert(InversionInput.of(ph, s.npix));
        InversionResult l1d = TimeSeriesInversion.create(net, "l1").invert(InversionInput.of(ph, s.npix));
        double e2 = rmsError(l2, s), e1 = rmsError(l1, s), e1d = rmsError(l1d, s);
        assertThat(e1d).as("L1 with default ε = 0.05 rad, tolerance 0.01 rad").isLessThan(0.25);
        System.out.printf("unwrapping errors (seed %d): RMS error L2 %.3f rad, L1 %.3f rad (defaults %.3f)%n", seed, e2, e1, e1d);
        assertThat(e2).as("L2 biased").isGreaterThan(0.5);
        assertThat(e1).as("L1 robust: far below a 2π error").isLessThan(0.25).isLessThan(e2 / 20);
    }

    @Test
    void splitNetworkGivesContinuousSeriesWithSvdAndNsbas() {
        long seed = 5L;
        Network full = SimulatedStack.network(24, 12, 3, false);
        boolean[] keep = new boolean[full.pairCount()];
        for (int k = 0; k < keep.length; k++) { // cut every pair across dates 11 | 12: two subsets
            keep[k] = full.secondaryIndex(k) <= 11 || full.referenceIndex(k) >= 12;
        }
        Network net = full.subset(keep);
        assertThat(net.components()).hasSize(2);
        SimulatedStack s = SimulatedStack.simulate(net, 10, 0.02, seed);

        InversionResult svd = TimeSeriesInversion.create(net, "svd").invert(InversionInput.of(s.phase, s.npix));
        InversionResult l2 = TimeSeriesInversion.create(net, "l2").invert(InversionInput.of(s.phase, s.npix));
        for (int p = 0; p < s.npix; p++) {
            assertThat(svd.flagOf(p)).isEqualTo(QualityFlag.MIN_NORM_VELOCITY);
            assertThat(l2.flagOf(p)).isEqualTo(QualityFlag.MIN_NORM_VELOCITY);
            for (int d = 0; d < net.dateCount(); d++) {
                assertThat(svd.phase()[d * s.npix + p]).isNotNaN();
            }
            // min-norm velocity: zero velocity over the unobserved gap 11 → 12 (Berardino 2002)
            assertThat(svd.phase()[12 * s.npix + p]).isCloseTo(svd.phase()[11 * s.npix + p], within(1e-4f));
            // within each subset the differences are exact (tiny noise)
            double dTrue = s.truth[5 * s.npix + p] - s.truth[2 * s.npix + p];
            assertThat((double) (svd.phase()[5 * s.npix + p] - svd.phase()[2 * s.npix + p])).isCloseTo(dTrue, within(0.05));
        }

        // NSBAS: the temporal model (rate + annual) spans the gap; truth is exactly such a model
        InversionParameters ns = InversionParameters.of("nsbas").withNsbasGamma(0.05);
        InversionResult r = TimeSeriesInversion.create(net, ns).invert(InversionInput.of(s.phase, s.npix));
        double err = rmsError(r, s);
        System.out.printf("split network (seed %d): NSBAS RMS error %.4f rad%n", seed, err);
        assertThat(err).isLessThan(0.1);
        for (int p = 0; p < s.npix; p++) {
            assertThat(r.flagOf(p)).isEqualTo(QualityFlag.OK);
        }

        // data-constrained NSBAS with the true rate supplied externally
        float[] ext = new float[s.npix];
        for (int p = 0; p < s.npix; p++) {
            ext[p] = (float) s.rate[p];
        }
        InversionResult rc = TimeSeriesInversion.create(net, ns)
                .invert(new InversionInput(s.phase, null, null, ext, s.npix));
        assertThat(rmsError(rc, s)).isLessThan(0.1);
    }

    private static double rmsError(InversionResult r, SimulatedStack s) {
        double sse = 0;
        int n = 0;
        for (int i = 0; i < s.truth.length; i++) {
            sse += Math.pow(r.phase()[i] - s.truth[i], 2);
            n++;
        }
        return Math.sqrt(sse / n);
    }

    @Test
    void parallelDriverMatchesSingleThread() {
        Network net = SimulatedStack.network(20, 12, 3, true);
        SimulatedStack s = SimulatedStack.simulate(net, 500, 0.3, 11L);
        InversionParameters prm = InversionParameters.of("wls").withLooks(5).withComputeStd(true);
        InversionInput in = InversionInput.of(s.phase, s.coherence, s.npix);
        InversionResult a = TimeSeriesInversion.create(net, prm).invert(in);
        InversionResult b = ParallelInversion.invert(net, prm, in, 3);
        assertThat(b.phase()).containsExactly(a.phase());
        assertThat(b.std()).containsExactly(a.std());
        assertThat(Arrays.equals(a.temporalCoherence(), b.temporalCoherence())).isTrue();
    }
}

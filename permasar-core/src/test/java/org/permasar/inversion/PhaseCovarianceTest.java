package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/** {@link PhaseCovariance} against closed forms and a Monte Carlo through the real WLS solver. */
class PhaseCovarianceTest {
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1), D1 = LocalDate.of(2020, 1, 13),
            D2 = LocalDate.of(2020, 1, 25);

    /** A chain 0-1, 1-2 has no redundancy: φ̂_2 = Δ_1 + Δ_2, var = σ²_1 + σ²_2 whatever the weights. */
    @Test
    void chainAddsPairVariances() {
        Network net = new Network(List.of(new Pair(D0, D1), new Pair(D1, D2)), null);
        PhaseCovariance pc = new PhaseCovariance(net, WeightFunction.VAR, 4);
        float[] coh = {0.8f, 0.4f};
        double s1 = pc.phaseVariance(0.8f), s2 = pc.phaseVariance(0.4f);
        assertThat(pc.load(coh, null, 1, 0, null)).isTrue();
        double[] out = new double[3];
        pc.propagate(new double[] {0, 1, 0}, new double[] {0, 0, 1}, out);
        assertThat(out[0]).isCloseTo(s1, within(1e-12));
        assertThat(out[1]).isCloseTo(s1, within(1e-12));          // cov(φ1, φ1 + Δ2) = σ²_1
        assertThat(out[2]).isCloseTo(s1 + s2, within(1e-12));
        // the reference pixel's noise adds its own pair variances (coherences 0.6, 0.6)
        float[] ref = {0.6f, 0.6f};
        pc.load(coh, null, 1, 0, ref);
        pc.propagate(new double[] {0, 0, 1}, new double[] {0, -1, 1}, out);
        double sr = pc.phaseVariance(0.6f);
        assertThat(out[0]).isCloseTo(s1 + s2 + 2 * sr, within(1e-12));
        assertThat(out[2]).isCloseTo(s2 + sr, within(1e-12));       // φ2 − φ1 = Δ2
    }

    /** Unweighted triangle with equal σ²: Cov = σ²·(AᵀA)⁻¹ = σ²·[[2,1],[1,2]]/3. A masked pair makes it a chain. */
    @Test
    void triangleClosedFormAndMask() {
        Network net = new Network(List.of(new Pair(D0, D1), new Pair(D1, D2), new Pair(D0, D2)), null);
        PhaseCovariance pc = new PhaseCovariance(net, WeightFunction.NO, 10);
        float[] coh = {0.7f, 0.7f, 0.7f};
        double s = pc.phaseVariance(0.7f);
        assertThat(pc.load(coh, null, 1, 0, null)).isTrue();
        double[] out = new double[3];
        pc.propagate(new double[] {0, 1, 0}, new double[] {0, 0, 1}, out);
        assertThat(out[0]).isCloseTo(2 * s / 3, within(1e-12));
        assertThat(out[1]).isCloseTo(s / 3, within(1e-12));
        assertThat(out[2]).isCloseTo(2 * s / 3, within(1e-12));
        assertThat(pc.load(coh, new float[] {1, 1, 0}, 1, 0, null)).isTrue();
        pc.propagate(new double[] {0, 1, 0}, new double[] {0, 0, 1}, out);
        assertThat(out[2]).isCloseTo(2 * s, within(1e-12));
        assertThat(pc.load(coh, new float[] {1, 0, 0}, 1, 0, null)).as("date 2 not covered").isFalse();
        pc.propagate(new double[] {0, 1, 0}, new double[] {0, 0, 1}, out);
        assertThat(out[0]).isNaN();
    }

    /**
     * Monte Carlo through the real solver: 20 dates, pairs to the 1st–3rd neighbours, coherence per pair
     * varying, Gaussian phase noise of variance σ²_φ(γ, L) per pair; the empirical covariance of a trend
     * estimate h·φ̂ over 20 000 pixels matches the propagated one (both var weights and unweighted).
     */
    @Test
    void monteCarloThroughWlsSolver() {
        long seed = 20261121L;
        System.out.println("PhaseCovarianceTest seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        int nd = 20;
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < nd; i++) {
            for (int j = i + 1; j <= Math.min(nd - 1, i + 3); j++) {
                pairs.add(new Pair(D0.plusDays(12L * i), D0.plusDays(12L * j)));
            }
        }
        Network net = new Network(pairs, null);
        int m = pairs.size(), npix = 20_000, looks = 8;
        float[] cohPair = new float[m];
        for (int k = 0; k < m; k++) {
            cohPair[k] = (float) (0.35 + 0.6 * rng.nextDouble());
        }
        double[] h1 = new double[nd], h2 = new double[nd];
        for (int i = 1; i < nd; i++) {
            h1[i] = i - (nd - 1) / 2.0;      // a trend-like functional
            h2[i] = i % 5 == 0 ? 1 : 0;
        }
        for (WeightFunction wf : new WeightFunction[] {WeightFunction.VAR, WeightFunction.NO}) {
            PhaseCovariance pc = new PhaseCovariance(net, wf, looks);
            float[] coh = new float[m * npix], ph = new float[m * npix];
            for (int k = 0; k < m; k++) {
                double sd = Math.sqrt(pc.phaseVariance(cohPair[k]));
                for (int p = 0; p < npix; p++) {
                    coh[k * npix + p] = cohPair[k];
                    ph[k * npix + p] = (float) (sd * rng.nextGaussian());
                }
            }
            InversionParameters prm = InversionParameters.of("wls").withWeight(wf).withLooks(looks);
            InversionResult r = TimeSeriesInversion.create(net, prm).invert(InversionInput.of(ph, coh, npix));
            double a = 0, b = 0, ab = 0;
            for (int p = 0; p < npix; p++) {
                double q1 = 0, q2 = 0;
                for (int i = 1; i < nd; i++) {
                    q1 += h1[i] * r.phase()[i * npix + p];
                    q2 += h2[i] * r.phase()[i * npix + p];
                }
                a += q1 * q1;
                b += q2 * q2;
                ab += q1 * q2;
            }
            pc.load(coh, null, npix, 0, null);
            double[] out = new double[3];
            pc.propagate(h1, h2, out);
            // relative standard error of a variance from 20 000 samples ≈ √(2/20000) = 1 %: 5 % is 5 σ
            assertThat(a / npix).as(wf + " var(h1)").isCloseTo(out[0], within(0.05 * out[0]));
            assertThat(b / npix).as(wf + " var(h2)").isCloseTo(out[2], within(0.05 * out[2]));
            assertThat(ab / npix).as(wf + " cov").isCloseTo(out[1], within(0.05 * Math.sqrt(out[0] * out[2])));
        }
    }
}

package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/** Contract and known-answer tests run for every {@link InversionMethod}. */
class SbasInversionTest {
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1), D1 = LocalDate.of(2020, 1, 13),
            D2 = LocalDate.of(2020, 1, 25);

    /** Triangle 0-1, 1-2, 0-2 with misclosure: LS closed form φ1 = (2a − b + c)/3, φ2 = (a + b + 2c)/3. */
    @Test
    void triangleClosedForm() {
        Network net = new Network(List.of(new Pair(D0, D1), new Pair(D1, D2), new Pair(D0, D2)), null);
        float a = 1.0f, b = 2.0f, c = 3.3f; // misclosure a + b − c = −0.3
        InversionResult r = TimeSeriesInversion.create(net, InversionParameters.of("l2").withComputeStd(true))
                .invert(InversionInput.of(new float[] {a, b, c}, 1));
        assertThat(r.phase()[0]).isEqualTo(0f);
        assertThat(r.phase()[1]).isCloseTo((2 * a - b + c) / 3, within(1e-6f));
        assertThat(r.phase()[2]).isCloseTo((a + b + 2 * c) / 3, within(1e-6f));
        // residuals are all ±0.1 (misclosure/3): γ_t = |e^{i0.1}+e^{i0.1}+e^{−i0.1}|/3
        double e = 0.1;
        double expected = Math.hypot(3 * Math.cos(e), Math.sin(e)) / 3;
        assertThat((double) r.temporalCoherence()[0]).isCloseTo(expected, within(1e-6));
        // σ² = diag((AᵀA)⁻¹)·rᵀr/(M−n): (AᵀA)⁻¹ = [[2,−1],[−1,2]]⁻¹ = [[2,1],[1,2]]/3, rᵀr = 0.03, M−n = 1
        assertThat((double) r.std()[1]).isCloseTo(Math.sqrt(2.0 / 3 * 0.03), within(1e-6));
        assertThat(r.flagOf(0)).isEqualTo(QualityFlag.OK);
        assertThat(r.pairsUsed()[0]).isEqualTo((short) 3);
    }

    /** Weighted triangle: weights w on the three pairs; closed form from the 2×2 normal equations. */
    @Test
    void weightedTriangleClosedForm() {
        Network net = new Network(List.of(new Pair(D0, D1), new Pair(D1, D2), new Pair(D0, D2)), null);
        float[] ph = {1.0f, 2.0f, 3.3f};
        float[] coh = {0.9f, 0.5f, 0.3f};
        InversionParameters prm = InversionParameters.of("wls").withWeight(WeightFunction.COH);
        InversionResult r = TimeSeriesInversion.create(net, prm).invert(InversionInput.of(ph, coh, 1));
        double w1 = 0.9f, w2 = 0.5f, w3 = 0.3f;
        // N = [[w1+w2+w3... ]]: unknowns φ1, φ2; rows: φ1 = a (w1), φ2−φ1 = b (w2), φ2 = c (w3)
        double n11 = w1 + w2, n12 = -w2, n22 = w2 + w3;
        double r1 = w1 * 1.0 - w2 * 2.0, r2 = w2 * 2.0 + w3 * 3.3;
        double det = n11 * n22 - n12 * n12;
        assertThat((double) r.phase()[1]).isCloseTo((n22 * r1 - n12 * r2) / det, within(1e-5));
        assertThat((double) r.phase()[2]).isCloseTo((n11 * r2 - n12 * r1) / det, within(1e-5));
    }

    @ParameterizedTest
    @EnumSource(InversionMethod.class)
    void simulatedVelocityWithinOneMmPerYear(InversionMethod method) {
        long seed = 20261121L;
        Network net = SimulatedStack.network(40, 12, 4, true);
        SimulatedStack s = SimulatedStack.simulate(net, 50, 0.3, seed);
        InversionResult r = TimeSeriesInversion.create(net, InversionParameters.of(method).withNsbasGamma(1e-3))
                .invert(InversionInput.of(s.phase, s.coherence, s.npix));
        double lambda = 0.0555, toMm = lambda / (4 * Math.PI) * 1000;
        double sse = 0;
        for (int p = 0; p < s.npix; p++) {
            double v = SimulatedStack.fittedRate(net, r.phase(), s.npix, p);
            sse += Math.pow((v - s.rate[p]) * toMm, 2);
            assertThat(r.temporalCoherence()[p]).as("seed %d pixel %d", seed, p).isGreaterThan(0.8f);
        }
        assertThat(Math.sqrt(sse / s.npix)).as("velocity RMSE mm/yr, seed %d, %s", seed, method).isLessThan(1.0);
    }

    @ParameterizedTest
    @EnumSource(InversionMethod.class)
    void badPixelsGiveNanAndFlagNotException(InversionMethod method) {
        Network net = SimulatedStack.network(10, 12, 2, false);
        SimulatedStack s = SimulatedStack.simulate(net, 4, 0.1, 7L);
        int m = net.pairCount();
        float[] ph = s.phase.clone();
        float[] coh = s.coherence.clone();
        for (int k = 0; k < m; k++) {
            ph[k * 4] = Float.NaN;                               // pixel 0: all NaN
            if (net.secondaryIndex(k) == 5 || net.referenceIndex(k) == 5) {
                ph[k * 4 + 1] = Float.NaN;                       // pixel 1: date 5 isolated
            }
            coh[k * 4 + 2] = 0f;                                 // pixel 2: all-zero coherence
        }
        InversionResult r = TimeSeriesInversion.create(net, InversionParameters.of(method))
                .invert(InversionInput.of(ph, coh, 4));
        assertThat(r.flagOf(0)).isEqualTo(QualityFlag.ALL_NAN);
        assertThat(r.phase()[4]).isNaN();
        if (method != InversionMethod.NSBAS) {
            assertThat(r.flagOf(1)).isEqualTo(QualityFlag.TOO_FEW_PAIRS);
            assertThat(r.phase()[3 * 4 + 1]).isNaN();
        } else {
            assertThat(r.phase()[5 * 4 + 1]).isNotNaN(); // the temporal model bridges the isolated date
        }
        assertThat(r.phase()[3 * 4 + 2]).isNotNaN();     // coherence floored at ε: still solvable
        assertThat(r.flagOf(3)).isIn(QualityFlag.OK);
    }

    @Test
    void rejectsMismatchedBlocks() {
        Network net = SimulatedStack.network(5, 12, 2, false);
        TimeSeriesInversion inv = TimeSeriesInversion.create(net, "wls");
        assertThatThrownBy(() -> inv.invert(InversionInput.of(new float[3 * 2], 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 layers");
        assertThatThrownBy(() -> inv.invert(InversionInput.of(new float[net.pairCount()], 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coherence");
        assertThatThrownBy(() -> InversionMethod.byName("l3")).hasMessageContaining("l3");
    }
}

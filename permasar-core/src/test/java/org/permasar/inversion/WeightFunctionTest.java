package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/** Weights against closed forms and an independent fine-grid integration of the L = 1 phase PDF. */
class WeightFunctionTest {

    /** Single-look DS phase PDF (Just &amp; Bamler 1994): closed form, integrated by Simpson's rule on 20 001 nodes. */
    private static double singleLookVariance(double g) {
        int n = 20_000;
        double h = 2 * Math.PI / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double phi = -Math.PI + i * h;
            double beta = g * Math.cos(phi);
            double pdf = (1 - g * g) / (2 * Math.PI) / (1 - beta * beta)
                    * (1 + beta * Math.acos(-beta) / Math.sqrt(1 - beta * beta));
            double c = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += c * phi * phi * pdf;
        }
        return sum * h / 3;
    }

    @Test
    void varTableMatchesIndependentIntegrationForOneLook() {
        double[] t = WeightFunction.varianceTable(1);
        for (int bin : new int[] {20, 60, 100, 140, 180}) {
            double g = 0.0025 + 0.005 * bin;
            assertThat(t[bin]).as("coherence %.4f", g).isCloseTo(singleLookVariance(g), within(0.01 * singleLookVariance(g)));
        }
        // γ → 0: uniform phase on (−π, π], variance π²/3
        assertThat(singleLookVariance(1e-9)).isCloseTo(Math.PI * Math.PI / 3, within(1e-6));
        assertThat(t[0]).isCloseTo(Math.PI * Math.PI / 3, within(0.03));
    }

    @Test
    void closedFormWeights() {
        assertThat(WeightFunction.FIM.weight(0.6f, 4)).isCloseTo((float) (2 * 4 * 0.36 / 0.64), within(1e-5f));
        assertThat(WeightFunction.COH.weight(0.01f, 4)).isEqualTo(WeightFunction.EPSILON);
        assertThat(WeightFunction.COH.weight(Float.NaN, 4)).isEqualTo(WeightFunction.EPSILON);
        assertThat(WeightFunction.NO.weight(0.2f, 4)).isEqualTo(1f);
        assertThat(WeightFunction.mintpyLooks(Double.NaN, 3, 12)).isEqualTo(19); // 36 / 1.94 = 18.6
        // more looks, same coherence: smaller variance
        assertThat(WeightFunction.varianceTable(10)[100]).isLessThan(WeightFunction.varianceTable(1)[100]);
    }

    /** One pair, WLS var: the formal std of the only unknown is the DS phase standard deviation. */
    @Test
    void formalStdOfOnePairIsPhaseStd() {
        Network net = new Network(List.of(new Pair(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 13))), null);
        InversionParameters prm = InversionParameters.of("wls").withLooks(1).withComputeStd(true);
        InversionResult r = TimeSeriesInversion.create(net, prm)
                .invert(InversionInput.of(new float[] {1.5f}, new float[] {0.5025f}, 1)); // bin 100
        assertThat(r.phase()[1]).isEqualTo(1.5f);
        assertThat((double) r.std()[1]).isCloseTo(Math.sqrt(singleLookVariance(0.5025)), within(0.01));
    }
}

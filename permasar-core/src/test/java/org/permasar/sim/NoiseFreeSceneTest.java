package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/** The noise-free scene: phase is exactly −4π/λ·Δd_LOS; the network follows the selection rule. */
class NoiseFreeSceneTest {
    private static SimulatedScene scene;

    @BeforeAll
    static void simulate() {
        scene = SceneSimulator.simulate(SceneSpec.tiny().withNoise(false));
    }

    @Test
    void phaseIsMinusFourPiOverLambdaTimesLosChange() {
        int n = scene.spec().size();
        int[] region = scene.truth().regions();
        for (SimulatedTrack tr : scene.tracks()) {
            Network net = tr.network();
            double lambda = tr.wavelength();
            assertThat(lambda).isEqualTo(0.05546576);
            for (int k = 0; k < net.pairCount(); k++) {
                int a = net.referenceIndex(k), b = net.secondaryIndex(k);
                for (int p = 0; p < n; p++) {
                    int o = k * n + p;
                    if (region[p] == Region.LAKE.code()) {
                        assertThat(tr.connectComponent()[o]).isZero();
                        assertThat(tr.unwrapPhase()[o]).isZero();
                        continue;
                    }
                    double dLos = (double) tr.truthLosDisplacement()[b * n + p] - tr.truthLosDisplacement()[a * n + p];
                    double expected = -4 * Math.PI / lambda * dLos;
                    assertThat((double) tr.unwrapPhase()[o]).isCloseTo(expected, within(1e-5 + 1e-6 * Math.abs(expected)));
                    assertThat(tr.connectComponent()[o]).isEqualTo(1f);
                    assertThat(tr.coherence()[o]).isBetween(0.2f, 1f);
                }
            }
            assertThat(tr.unwrapErrorPairs()).isEmpty();
            // first date is the reference of the truth series
            for (int p = 0; p < n; p++) {
                if (region[p] != Region.LAKE.code()) {
                    assertThat(tr.truthLosDisplacement()[p]).isZero();
                }
            }
        }
    }

    @Test
    void networkIsShortPlusAnnualPairs() {
        for (SimulatedTrack tr : scene.tracks()) {
            List<LocalDate> dates = tr.dates();
            // 12-day repeat over 2 years: floor(730.5 / 12) + 1 = 61 dates
            assertThat(dates).hasSize(61);
            for (int i = 1; i < dates.size(); i++) {
                assertThat(dates.get(i).toEpochDay() - dates.get(i - 1).toEpochDay()).isEqualTo(12);
            }
            Set<Pair> expected = new HashSet<>();
            for (int i = 0; i < dates.size(); i++) {
                for (int j = i + 1; j < dates.size(); j++) {
                    long dt = dates.get(j).toEpochDay() - dates.get(i).toEpochDay();
                    if (j - i <= 3) {
                        expected.add(new Pair(dates.get(i), dates.get(j)));
                    }
                    // 12-day multiples in [350, 380]: 360 and 372; 360 is closer to 365
                    if (dt == 360) {
                        expected.add(new Pair(dates.get(i), dates.get(j)));
                    }
                }
            }
            Network net = tr.network();
            assertThat(new HashSet<>(net.pairs())).isEqualTo(expected);
            assertThat(net.pairs()).isSorted();
            assertThat(net.isConnected()).isTrue();
            for (int k = 0; k < net.pairCount(); k++) {
                assertThat(Math.abs(net.bperp(k))).isLessThanOrEqualTo(300.0);
            }
        }
        assertThat(scene.descending().dates().get(0)).isEqualTo(scene.ascending().dates().get(0).plusDays(5));
    }

    @Test
    void noNoiseMeansNoCloudsAndNoAtmosphere() {
        for (float v : scene.lstComposites()) {
            assertThat(v).isNotNaN();
        }
        for (SimulatedTrack tr : scene.tracks()) {
            for (float v : tr.truthAtmosphereDelay()) {
                assertThat(v).isZero();
            }
        }
    }

    @Test
    void coherenceFollowsTemporalDecayAndSeasons() {
        SimulatedTrack tr = scene.ascending();
        Network net = tr.network();
        int n = scene.spec().size();
        int p = 0; // north-west corner: seasonal permafrost
        assertThat(scene.truth().regions()[p]).isEqualTo(Region.SEASONAL.code());
        // γ / ((ρ∞ + (1−ρ∞)·e^(−Δt/τ))·s(t_i)·s(t_j)) must be the same γ₀ for every pair
        double g0 = Double.NaN;
        for (int k = 0; k < net.pairCount(); k++) {
            Pair pair = net.pairs().get(k);
            double model = (0.45 + 0.55 * Math.exp(-pair.days() / 36.0)) * season(pair.reference())
                    * season(pair.secondary());
            double ratio = tr.coherence()[k * n + p] / model;
            if (k == 0) {
                g0 = ratio;
                assertThat(g0).isBetween(0.7, 0.9);
            }
            assertThat(ratio).as("pair %s", pair).isCloseTo(g0, within(1e-5));
        }
    }

    private static double season(LocalDate d) {
        double c = Math.cos(2 * Math.PI * (d.toEpochDay() - LocalDate.of(2017, 1, 20).toEpochDay()) / 365.25);
        return 1 - 0.2 * Math.max(0, c) - 0.1 * Math.max(0, -c);
    }
}

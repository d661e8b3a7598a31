package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-worked values (SCIENCE.md §3 formulas evaluated step by step, see comments). */
class JohansenStefanTest {

    private static final JohansenConductivity J = JohansenConductivity.STANDARD;

    @Test
    void coarseSandyLoamThawedAndFrozen() {
        // ρb = 1500, q = 0.6, Sr = 0.5:
        // κdry = (0.135·1500 + 64.7)/(2700 − 0.947·1500) = 267.2/1279.5 = 0.2088316
        // n = 1 − 1500/2650 = 0.4339623; κs = 7.7^0.6 · 2.0^0.4 = 4.490450
        // κsat,t = κs^0.5660377 · 0.57^0.4339623 = 1.833574; Ke,coarse = 0.7·log10(0.5) + 1 = 0.7892790
        // κt = (1.833574 − 0.2088316)·0.7892790 + 0.2088316 = 1.491175
        // κsat,f = κs^0.5660377 · 2.2^0.4339623 = 4.2945; Ke,frozen = 0.5 → κf = 1.751814
        assertThat(JohansenConductivity.dry(1500)).isCloseTo(267.2 / 1279.5, within(1e-12));
        assertThat(J.conductivity(1500, 0.6, 0.5, false, JohansenConductivity.Texture.COARSE)).isCloseTo(1.491175, within(1e-6));
        assertThat(J.conductivity(1500, 0.6, 0.5, true, JohansenConductivity.Texture.COARSE)).isCloseTo(1.751814, within(1e-6));
    }

    @Test
    void fineLowQuartzSoilAndDrySoil() {
        // ρb = 1300, q = 0.1 (κo = 3.0), Sr = 0.8, fine: Ke = log10(0.8) + 1 = 0.9030900 → κt = 1.233454
        // frozen: Ke = 0.8 → κf = 2.178921; Sr = 0 → κdry = (175.5 + 64.7)/(2700 − 1231.1) = 0.1635237
        assertThat(J.conductivity(1300, 0.1, 0.8, false, JohansenConductivity.Texture.FINE)).isCloseTo(1.233454, within(1e-6));
        assertThat(J.conductivity(1300, 0.1, 0.8, true, JohansenConductivity.Texture.FINE)).isCloseTo(2.178921, within(1e-6));
        assertThat(J.conductivity(1300, 0.1, 0.0, false, JohansenConductivity.Texture.FINE)).isCloseTo(240.2 / 1468.9, within(1e-12));
        assertThatThrownBy(() -> J.conductivity(2700, 0.1, 0.5, true, JohansenConductivity.Texture.FINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2700");
    }

    @Test
    void stefanPhysicalAndCalibrated() {
        // κt = 1.5, ADDT = 2000 °C·day, θ = 0.3: Z = √(2·1.5·2000·86400/(3.34e5·1000·0.3)) = √5.173653 = 2.274566 m
        assertThat(StefanModel.thawDepth(1.5, 2000, 0.3, 1000)).isCloseTo(2.274566, within(1e-6));
        assertThat(StefanModel.thawDepth(0.05, 400)).isCloseTo(1.0, within(1e-12));
        // boreholes exactly on Z = 0.04·√ADDT except one: E = Σ Z√A / Σ A
        double[] addt = {900, 1600, 2500};
        double[] alt = {1.2, 1.6, 2.5};   // 0.04·30, 0.04·40, 0.05·50
        double e = (1.2 * 30 + 1.6 * 40 + 2.5 * 50) / (900 + 1600 + 2500.0);
        assertThat(StefanModel.fitEdaphicFactor(alt, addt)).isCloseTo(e, within(1e-15)).isCloseTo(0.045, within(1e-12));
    }
}

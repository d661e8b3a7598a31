package org.permasar.permafrost.alt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZhangPiecewiseModelTest {
    private static final double C = 917.0 / 83.0; // ρi / (ρw − ρi) = 11.048193

    @Test
    void threeIntervalsByHand() {
        ZhangPiecewiseModel model = ZhangPiecewiseModel.era5Land(); // bottoms 0.07, 0.28, 1.00, 2.89 m
        double[] dD = {0.004, 0.010, 0.012};
        double[] w = {
            0.30, 0.25, 0.20, 0.15,   // interval 1
            0.32, 0.27, 0.22, 0.17,   // interval 2
            0.35, 0.29, 0.24, 0.19};  // interval 3
        // interval 1: front at 0 m -> layer 0, W=0.30: dH1 = C*0.004/0.30 = 0.147309 m (H = 0.147 -> layer 1)
        double h1 = C * 0.004 / 0.30;
        // interval 2: layer 1 (0.07-0.28), W=0.27: dH2 = C*0.010/0.27 = 0.409192 m (H = 0.556501 -> layer 2)
        double h2 = h1 + C * 0.010 / 0.27;
        // interval 3: layer 2 (0.28-1.00), W=0.24: dH3 = C*0.012/0.24 = 0.552410 m
        double h3 = h2 + C * 0.012 / 0.24;
        assertThat(h3).isCloseTo(1.108911, within(1e-6)); // hand sum 0.147309 + 0.409192 + 0.552410
        double[] out = new double[2];
        byte f = model.alt(dD, new double[] {0.001, 0.001, 0.001}, w, ZhangPiecewiseModel.Rho.of(Densities.DEFAULT), out);
        assertThat(f).isEqualTo(AltMap.OK);
        assertThat(out[0]).isCloseTo(h3, within(1e-12));
        double s = Math.sqrt(Math.pow(C * 0.001 / 0.30, 2) + Math.pow(C * 0.001 / 0.27, 2) + Math.pow(C * 0.001 / 0.24, 2));
        assertThat(out[1]).isCloseTo(s, within(1e-12));
    }

    @Test
    void wholeRasterLayoutAndNaN() {
        ZhangPiecewiseModel model = new ZhangPiecewiseModel(new double[] {0.5});
        // 2 intervals, 1 layer, 2 pixels; pixel 1 has a NaN subsidence
        float[] dD = {0.01f, 0.01f, 0.02f, Float.NaN};
        float[] w = {0.2f, 0.2f, 0.4f, 0.4f};
        AltMap m = model.map(dD, null, w, 2, Densities.DEFAULT);
        assertThat((double) m.alt()[0]).isCloseTo(C * 0.01 / 0.2 + C * 0.02 / 0.4, within(1e-6));
        assertThat(m.flag()).containsExactly(AltMap.OK, AltMap.NO_DATA);
    }
}

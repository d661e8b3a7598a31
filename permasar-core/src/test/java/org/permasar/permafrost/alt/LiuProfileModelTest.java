package org.permasar.permafrost.alt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LiuProfileModelTest {
    private static final Densities RHO = Densities.DEFAULT;

    /** Independent forward model: ΔD = (Δρ/ρi) ∫0^H W dh by composite Simpson with 20 000 panels. */
    private static double forward(DoubleUnaryOperator w, double h) {
        int n = 20000;
        double step = h / n, sum = w.applyAsDouble(0) + w.applyAsDouble(h);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * w.applyAsDouble(i * step);
        }
        return 83.0 / 917.0 * sum * step / 3;
    }

    @Test
    void constantProfileClosedForm() {
        // H = ΔD ρi / (W Δρ) = 0.02 * 917 / (0.3 * 83) = 0.736546... m
        double h = LiuProfileModel.alt(0.02, new MoistureProfile.Constant(0.3), RHO);
        assertThat(h).isCloseTo(0.02 * 917 / (0.3 * 83), within(1e-12));
        // sigma: 0.002 * 917 / (83 * 0.3)
        assertThat(LiuProfileModel.sigma(h, 0.002, new MoistureProfile.Constant(0.3), RHO))
                .isCloseTo(0.002 * 917 / (83 * 0.3), within(1e-12));
    }

    @Test
    void layeredProfileByHand() {
        // layers 0-0.5 m W=0.2, 0.5-1.0 m W=0.4, below W=0.1. Column needed = 0.03 * 917/83 = 0.331446 m
        // first layer holds 0.1, second 0.2 (total 0.3), remaining 0.031446 at W=0.1 -> 0.31446 m
        MoistureProfile p = new MoistureProfile.Layered(new double[] {0.5, 1.0, 2.0}, new double[] {0.2, 0.4, 0.1});
        double need = 0.03 * 917 / 83;
        assertThat(LiuProfileModel.alt(0.03, p, RHO)).isCloseTo(1.0 + (need - 0.3) / 0.1, within(1e-12));
        // within the first layer
        assertThat(LiuProfileModel.alt(0.005, p, RHO)).isCloseTo(0.005 * 917 / 83 / 0.2, within(1e-12));
    }

    @Test
    void exponentialProfilesSatisfyTheIntegral() {
        MoistureProfile.Exponential toZero = new MoistureProfile.Exponential(0.4, 0, 0.8);
        MoistureProfile.Exponential toDeep = new MoistureProfile.Exponential(0.4, 0.1, 0.8);
        for (MoistureProfile.Exponential p : new MoistureProfile.Exponential[] {toZero, toDeep}) {
            double h = LiuProfileModel.alt(0.02, p, RHO);
            assertThat(forward(p::moisture, h)).as("%s", p).isCloseTo(0.02, within(1e-10));
        }
        // W∞ = 0 holds at most W0 λ = 0.32 m of water, i.e. ΔD ≤ 0.32*83/917 = 0.02896 m
        assertThat(LiuProfileModel.alt(0.03, toZero, RHO)).isNaN();
    }

    @Test
    void mapFlagsBadPixels() {
        AltMap m = LiuProfileModel.map(new float[] {0.02f, -0.001f, Float.NaN, 0.05f}, null,
                new MoistureProfile.Exponential(0.4, 0, 0.8), RHO);
        assertThat(m.flag()).containsExactly(AltMap.OK, AltMap.INVALID_INPUT, AltMap.NO_DATA, AltMap.NO_SOLUTION);
        assertThat(m.alt()[3]).isNaN();
        assertThatThrownBy(() -> new MoistureProfile.Layered(new double[] {0.5, 0.4}, new double[] {0.2, 0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.4");
    }
}

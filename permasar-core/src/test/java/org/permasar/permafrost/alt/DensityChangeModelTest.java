package org.permasar.permafrost.alt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DensityChangeModelTest {
    private static final Densities RHO = Densities.DEFAULT;

    @Test
    void workedCheckFromSeed002() {
        // (917 + 0.05*83) / (0.25*83) * 0.055 = 921.15 / 20.75 * 0.055 = 2.441602... m
        double h = DensityChangeModel.alt(0.055, 0.30, 0.05, RHO);
        assertThat(h).isCloseTo(2.44, within(0.005));
        assertThat(h).isCloseTo(921.15 / 20.75 * 0.055, within(1e-12));
        assertThat(DensityChangeModel.frozenWater(h, 0.055, 0.30, RHO)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void badInputsGiveNaN() {
        assertThat(DensityChangeModel.alt(0.055, 0.30, 0.30, RHO)).isNaN();   // N = n
        assertThat(DensityChangeModel.alt(0.055, 0.20, 0.30, RHO)).isNaN();   // N < n
        assertThat(DensityChangeModel.alt(-0.01, 0.30, 0.05, RHO)).isNaN();   // negative amplitude
        assertThat(DensityChangeModel.alt(Double.NaN, 0.30, 0.05, RHO)).isNaN();
        assertThat(DensityChangeModel.frozenWater(0, 0.055, 0.3, RHO)).isNaN();
    }

    @Test
    void mapPropagatesSigmaLinearly() {
        AltMap m = DensityChangeModel.map(new float[] {0.055f, -0.01f, Float.NaN},
                new float[] {0.005f, 0.005f, 0.005f}, new float[] {0.3f, 0.3f, 0.3f},
                new float[] {0.05f, 0.05f, 0.05f}, RHO);
        // H linear in delta: sigma_H = 921.15/20.75 * 0.005 = 0.22196 m
        assertThat((double) m.alt()[0]).isCloseTo(2.4416, within(1e-4));
        assertThat((double) m.sigma()[0]).isCloseTo(921.15 / 20.75 * 0.005, within(1e-6));
        assertThat(m.flag()).containsExactly(AltMap.OK, AltMap.INVALID_INPUT, AltMap.NO_DATA);
        assertThat(m.alt()[1]).isNaN();
    }
}

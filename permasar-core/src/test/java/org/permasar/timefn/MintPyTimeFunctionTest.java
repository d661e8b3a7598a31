package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@link MintPyTimeFunction} against closed forms of the sine model and MintPy's decimal years. */
class MintPyTimeFunctionTest {

    @Test
    void decimalYearsAsMintPy() {
        assertThat(MintPyTimeFunction.decimalYears(LocalDate.of(2021, 3, 1))).isCloseTo(2021 + 59 / 365.25, within(1e-12));
    }

    @Test
    void modelValueClosedForms() {
        // a quarter year after REF_DATE, sin(π/2) = 1; semi-annual term sin(π) = 0
        assertThat(MintPyTimeFunction.value(0.25, 0.002, 0.01, 0.005, 0, 0.001, 0))
                .isCloseTo(0.002 + 0.0025 + 0.005, within(1e-15));
        assertThat(MintPyTimeFunction.value(1, 0, 0, 0.005, 0.3, 0, 0)).isCloseTo(0.005 * Math.sin(0.3), within(1e-15));
    }

    @Test
    void peakOfTheAnnualSine() {
        // φ = π/2: A·sin(ωΔt + π/2) peaks at Δt = 0, i.e. on REF_DATE's day of year
        double[] r = MintPyTimeFunction.peakToTroughAndPeakDay(0.01, Math.PI / 2, 40);
        assertThat(r[0]).isEqualTo(0.02);
        assertThat(r[1]).isCloseTo(40, within(1e-9));
        assertThat(MintPyTimeFunction.peakToTroughAndPeakDay(0.01, Math.PI, 40)[1]).isCloseTo(40 - 365.25 / 4 + 365.25, within(1e-9));
    }
}

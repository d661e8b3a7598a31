package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.timefn.TimeFunctionModel.Decay;

/**
 * The design matrix of every kind of term, worked by hand from MintPy 1.5.1 {@code utils/time_func.py}'s
 * definitions; MintPy's dataset names; the decay syntax; MintPy's date selection.
 */
class TimeFunctionModelTest {
    private static final LocalDate D0 = LocalDate.of(2018, 1, 1);
    private static final LocalDate D1 = LocalDate.of(2018, 1, 31);
    private static final LocalDate D2 = LocalDate.of(2018, 3, 2);
    private static final List<LocalDate> DATES = List.of(D0, D1, D2);

    // decimal years near 2018 carry ~1e-13 of rounding, as MintPy's own differences do

    /** Row {@code i} of the design matrix of {@code m} on DATES at {@code seconds} after 00:00 UTC. */
    private static double[] row(TimeFunctionModel m, double seconds, int i) {
        double[] a = m.designMatrix(DATES, seconds);
        int p = m.parameterCount();
        return java.util.Arrays.copyOfRange(a, i * p, (i + 1) * p);
    }

    @Test
    void polynomialAndPeriodicColumnsUseYearsSinceTheFirstDate() {
        TimeFunctionModel m = new TimeFunctionModel(3, new double[] {0.5}, List.of());
        double t = 60 / 365.25;                          // D2 − D0 = 60 days, MintPy years
        double[] r = row(m, 43200, 2);                   // the time of day cancels in t
        assertThat(r[0]).isEqualTo(1);
        assertThat(r[1]).isCloseTo(t, within(1e-12));
        assertThat(r[2]).isCloseTo(t * t / 2, within(1e-12));
        assertThat(r[3]).isCloseTo(t * t * t / 6, within(1e-12));
        assertThat(r[4]).isCloseTo(Math.cos(4 * Math.PI * t), within(1e-12));
        assertThat(r[5]).isCloseTo(Math.sin(4 * Math.PI * t), within(1e-12));
    }

    @Test
    void anAcquisitionOnAStepDateCountsAsAfterItOnlyWithATimeOfDay() {
        TimeFunctionModel m = new TimeFunctionModel(1, new double[0], List.of(D1));
        assertThat(row(m, 0, 1)[2]).as("00:00 UTC: H(0) = 0").isZero();
        assertThat(row(m, 43200, 1)[2]).as("12:00 UTC: after the step").isEqualTo(1);
        assertThat(row(m, 0, 0)[2]).isZero();
        assertThat(row(m, 0, 2)[2]).isEqualTo(1);
    }

    @Test
    void exponentialAndLogarithmicDecaysStartAtTheirOnset() {
        Decay e = new Decay(D1, 60);
        Decay l = new Decay(D0, 90);
        TimeFunctionModel m = new TimeFunctionModel(1, new double[0], List.of(), List.of(e), List.of(l));
        assertThat(m.parameterCount()).isEqualTo(4);
        assertThat(m.exponentialColumn(0)).isEqualTo(2);
        assertThat(m.logarithmColumn(0)).isEqualTo(3);
        double s = 21600;                                 // 06:00 UTC
        double day = s / 86400;
        // D2: 30 days after the exp onset, 60 after the log onset, plus the time of day
        double[] r = row(m, s, 2);
        assertThat(r[2]).isCloseTo(1 - Math.exp(-(30 + day) / 60), within(1e-12));
        assertThat(r[3]).isCloseTo(Math.log(1 + (60 + day) / 90), within(1e-12));
        // D0 is the log onset itself: 6 hours after it; the exp has not started
        r = row(m, s, 0);
        assertThat(r[2]).isZero();
        assertThat(r[3]).isCloseTo(Math.log(1 + day / 90), within(1e-12));
        assertThat(row(m, 0, 0)[3]).as("at the onset, 00:00").isZero();
    }

    @Test
    void namesAreMintPys() {
        assertThat(List.of(0, 1, 2, 3).stream().map(TimeFunctionModel::polynomialName))
                .containsExactly("intercept", "velocity", "acceleration", "poly3");
        assertThat(TimeFunctionModel.polynomialUnit(2)).isEqualTo("m/year^2");
        assertThat(TimeFunctionModel.periodName(1.0)).isEqualTo("annual");
        assertThat(TimeFunctionModel.periodName(0.5)).isEqualTo("semiAnnual");
        assertThat(TimeFunctionModel.periodName(2)).isEqualTo("period2.0Y");
        assertThat(TimeFunctionModel.periodName(0.25)).isEqualTo("period0.25Y");
        assertThat(TimeFunctionModel.stepName(D1)).isEqualTo("step20180131");
        assertThat(new Decay(D1, 60).name("exp")).isEqualTo("exp20180131Tau60D");
        assertThat(new Decay(D1, 200).name("log")).isEqualTo("log20180131Tau200D");
    }

    @Test
    void decaysParseFromMintPysSyntax() {
        assertThat(Decay.parse("20180131,60,120")).containsExactly(new Decay(D1, 60), new Decay(D1, 120));
        assertThat(Decay.parse(" 2018-01-31 , 60")).containsExactly(new Decay(D1, 60));
        assertThatThrownBy(() -> Decay.parse("20180131")).hasMessageContaining("ONSET,TAU");
        assertThatThrownBy(() -> Decay.parse("20180131,60.5")).hasMessageContaining("whole number of days, got '60.5'");
        assertThatThrownBy(() -> Decay.parse("20180131,0")).hasMessageContaining("≥ 1 day, got 0");
        assertThatThrownBy(() -> Decay.parse("2018013,60")).hasMessageContaining("unparseable date '2018013'");
    }

    @Test
    void repeatedTermsAndEmptyModelsAreRefused() {
        assertThatThrownBy(() -> new TimeFunctionModel(1, null, List.of(D1, D1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step dates must be distinct");
        assertThatThrownBy(() -> new TimeFunctionModel(1, null, List.of(), Decay.parse("20180131,60,60"), List.of()))
                .hasMessageContaining("exponential decays must be distinct");
        assertThatThrownBy(() -> new TimeFunctionModel(0, null, List.of()))
                .hasMessageContaining("no time function besides the offset");
        assertThat(new TimeFunctionModel(0, null, List.of(), List.of(), Decay.parse("20180131,60")).parameterCount())
                .isEqualTo(2);
    }

    @Test
    void dateSelectionKeepsBoundsAndIgnoresUnknownExclusions() {
        List<LocalDate> d = List.of(D0, D1, D2, D2.plusDays(30));
        assertThat(DateSelection.ALL.indices(d)).containsExactly(0, 1, 2, 3);
        assertThat(new DateSelection(D1, D2, List.of()).indices(d)).containsExactly(1, 2);
        assertThat(new DateSelection(D1.plusDays(1), null, List.of(D2, LocalDate.of(1999, 1, 1))).indices(d))
                .containsExactly(3);
        assertThatThrownBy(() -> new DateSelection(D2, D1, List.of())).hasMessageContaining("before start date");
    }
}

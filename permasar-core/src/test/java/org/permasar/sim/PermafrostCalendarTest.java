package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-worked PECM example: two 365-day "calendar years" of a step climate, −10 °C on days
 * 0–99, +5 °C on days 100–249, −10 °C on days 250–364, repeated.
 *
 * <p>15-day running mean: s(d) ≥ 0 needs ≥ 10 warm days in d−7 … d+7, i.e. d − 92 ≥ 10 → thaw
 * onset day 102; s(d) &lt; 0 needs ≥ 6 cold days, d − 242 ≥ 6 → freeze onset day 248 (s(247) = 0).
 */
class PermafrostCalendarTest {

    private static PermafrostCalendar calendar(double kappa) {
        float[] daily = new float[730];
        for (int d = 0; d < 730; d++) {
            int doy = d % 365;
            daily[d] = doy >= 100 && doy < 250 ? 5f : -10f;
        }
        PermafrostCalendar cal = new PermafrostCalendar(730, new int[] {0, 365, 730});
        cal.load(daily, 0, 1, kappa);
        return cal;
    }

    @Test
    void onsetsOfStepClimate() {
        PermafrostCalendar cal = calendar(1.2);
        assertThat(cal.thawOnset(0)).isEqualTo(102);
        assertThat(cal.freezeOnset(0)).isEqualTo(248);
        assertThat(cal.thawOnset(1)).isEqualTo(365 + 102);
        assertThat(cal.freezeOnset(1)).isEqualTo(365 + 248);
        assertThat(cal.yearOf(101)).isEqualTo(-1);
        assertThat(cal.yearOf(466)).isZero();
        assertThat(cal.yearOf(467)).isEqualTo(1);
    }

    @Test
    void thawBasisL() {
        PermafrostCalendar cal = calendar(1.2);
        // L = T−1 + (τ−τ_t)/(τ_f−τ_t): (175−102)/(248−102) = 73/146 = 0.5
        assertThat(cal.l(175)).isCloseTo(0.5, within(1e-12));
        assertThat(cal.l(102)).isCloseTo(0.0, within(1e-12));
        assertThat(cal.l(248)).isCloseTo(1.0, within(1e-12));
        assertThat(cal.l(400)).isCloseTo(1.0, within(1e-12));
        assertThat(cal.l(467 + 73)).isCloseTo(1.5, within(1e-12));
        assertThat(cal.l(50)).isNaN();
    }

    @Test
    void degreeDaysAndI() {
        PermafrostCalendar cal = calendar(1.2);
        // day 248: ADDT = 147 warm days × 5 = 735, ADDF = 0, I = √735
        assertThat(cal.addt(248)).isCloseTo(735, within(1e-9));
        assertThat(cal.addf(248)).isCloseTo(0, within(1e-9));
        assertThat(cal.i(248)).isCloseTo(Math.sqrt(735), within(1e-9));
        // day 300: ADDT = 148·5 = 740, ADDF = 51·10 = 510, I = √740 − √(1.2·510) = 27.2029410 − 24.7386338
        assertThat(cal.i(300)).isCloseTo(2.4643072, within(1e-6));
        // day 400: ADDF = 151·10 = 1510 → I clipped to 0
        assertThat(cal.i(400)).isZero();
        assertThat(cal.kappaRatio(0)).isEqualTo(1.2);
    }

    @Test
    void closureRuleWhenYearWouldNotRefreeze() {
        // year 0 ends on day 466 (next thaw 467): warm days 102–249 and 465–466 → ADDT = 150·5 = 750;
        // cold days 250–364 and 365–464 → ADDF = 215·10 = 2150. κ = 0.3: √750 − √0.3·√2150 = 1.99 > 0
        // → closure κ = 750/2150; with κ = 1.2 the year refreezes (I < 0 before clipping) and κ stays.
        PermafrostCalendar cal = calendar(0.3);
        assertThat(cal.kappaRatio(0)).isCloseTo(750.0 / 2150.0, within(1e-12));
        assertThat(cal.i(466)).isCloseTo(0.0, within(1e-9));
        assertThat(cal.kappaRatio(1)).isEqualTo(0.3); // last (incomplete) year keeps the base ratio
    }
}

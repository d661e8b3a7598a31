package org.permasar.hydro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recession segments by hand on short series. */
class RecessionExtractorTest {
    static final LocalDate D0 = LocalDate.of(2016, 6, 1);

    static List<RecessionEvent> extract(double[] q, boolean[] flags, RecessionCriteria c) {
        return RecessionExtractor.extract(new DischargeSeries(D0, q, flags == null ? new boolean[q.length] : flags), c);
    }

    @Test
    void dropsPeakAndDaysAfterItAndKeepsDates() {
        //            0  1   2  3  4  5  6  7  8    9  10
        double[] q = {1, 10, 9, 8, 7, 6, 5, 4, 4.5, 4, 3};
        // peak day 1; drop it and 1 day after → segment days 3…7 (8, 7, 6, 5, 4): 5 days
        List<RecessionEvent> ev = extract(q, null, RecessionCriteria.DEFAULTS);
        assertThat(ev).hasSize(1);
        RecessionEvent e = ev.get(0);
        assertThat(e.start()).isEqualTo(D0.plusDays(3));
        assertThat(e.end()).isEqualTo(D0.plusDays(7));
        assertThat(e.q()).containsExactly(8, 7, 6, 5, 4);
        // backward: 4 points, −dQ/dt = 1 at Q = 7.5, 6.5, 5.5, 4.5 on days 4…7
        assertThat(e.rate()).containsExactly(1, 1, 1, 1);
        assertThat(e.pointQ()).containsExactly(7.5, 6.5, 5.5, 4.5);
        assertThat(e.pointDay()).containsExactly(D0.plusDays(4).toEpochDay(), D0.plusDays(5).toEpochDay(),
                D0.plusDays(6).toEpochDay(), D0.plusDays(7).toEpochDay());
        // one day shorter than minDays 6: nothing
        assertThat(extract(q, null, RecessionCriteria.DEFAULTS.withMinDays(6))).isEmpty();
        // no drop after the peak: days 2…7
        assertThat(extract(q, null, RecessionCriteria.DEFAULTS.withDropAfterPeak(0)).get(0).start()).isEqualTo(D0.plusDays(2));
    }

    @Test
    void centralDifferencePairsWithTheMiddleDay() {
        double[] q = {10, 9, 8, 6, 4, 3, 2.5, 2};
        RecessionEvent e = extract(q, null, RecessionCriteria.DEFAULTS.withDerivative(DerivativeMethod.CENTRAL)
                .withDropAfterPeak(0)).get(0);
        // segment days 1…7 (9 … 2); central points on days 2…6: (9−6)/2 at 8, (8−4)/2 at 6, (6−3)/2 at 4, (4−2.5)/2 at 3, (3−2)/2 at 2.5
        assertThat(e.pointQ()).containsExactly(8, 6, 4, 3, 2.5);
        assertThat(e.rate()).containsExactly(1.5, 2, 1.5, 0.75, 0.5);
    }

    @Test
    void gapsEqualValuesFlagsAndSeasonEndALimb() {
        double[] q = new double[40];
        for (int i = 0; i < 40; i++) {
            q[i] = 100 - i; // one long fall from day 0
        }
        assertThat(extract(q, null, RecessionCriteria.DEFAULTS)).hasSize(1);
        double[] gap = q.clone();
        gap[20] = Double.NaN;
        List<RecessionEvent> g = extract(gap, null, RecessionCriteria.DEFAULTS);
        assertThat(g).hasSize(2);
        assertThat(g.get(0).end()).isEqualTo(D0.plusDays(19));
        assertThat(g.get(1).start()).isEqualTo(D0.plusDays(23)); // new peak day 21, drop 22
        double[] flat = q.clone();
        flat[20] = flat[19];
        assertThat(extract(flat, null, RecessionCriteria.DEFAULTS)).hasSize(2);
        boolean[] f = new boolean[40];
        f[20] = true;
        assertThat(extract(q, f, RecessionCriteria.DEFAULTS)).hasSize(1);
        assertThat(extract(q, f, RecessionCriteria.DEFAULTS.withExcludeFlagged(true))).hasSize(2);
        // season 2016-06-10 … 06-25: the limb is cut to days 9…24, peak day 9 dropped with one more
        RecessionEvent s = extract(q, null, RecessionCriteria.DEFAULTS.withSeason(MonthDay.of(6, 10), MonthDay.of(6, 25))).get(0);
        assertThat(s.start()).isEqualTo(LocalDate.of(2016, 6, 12));
        assertThat(s.end()).isEqualTo(LocalDate.of(2016, 6, 25));
    }

    @Test
    void seasonMayRunOverTheNewYear() {
        RecessionCriteria c = RecessionCriteria.DEFAULTS.withSeason(MonthDay.of(11, 1), MonthDay.of(2, 28));
        assertThat(c.inSeason(LocalDate.of(2016, 12, 31))).isTrue();
        assertThat(c.inSeason(LocalDate.of(2017, 1, 15))).isTrue();
        assertThat(c.inSeason(LocalDate.of(2017, 6, 15))).isFalse();
    }

    @Test
    void etsOnAnExponentialGivesItsRate() {
        double k = 0.05;
        double[] q = new double[41];
        q[0] = 1;
        for (int i = 1; i < 41; i++) {
            q[i] = 20 * Math.exp(-k * (i - 1));
        }
        RecessionEvent e = extract(q, null, RecessionCriteria.DEFAULTS.withDerivative(DerivativeMethod.ETS)).get(0);
        for (int i = 0; i < e.points(); i++) {
            // linear slope over a short window of an exponential against the window mean: k(1 − O(k²m²)); 3 points give
            // k(1 − k²/6) = 0.99958·k; the longest windows here (5 points) stay within 0.2 %
            assertThat(e.rate()[i] / e.pointQ()[i]).isCloseTo(k, within(k * 2e-3));
        }
    }

    @Test
    void badCriteriaAreRefusedWithTheirValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecessionCriteria.DEFAULTS.withMinDays(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecessionCriteria.DEFAULTS.withSeason(MonthDay.of(1, 1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

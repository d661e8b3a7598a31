package org.permasar.hydro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The study on simulated flows whose a changes at a known date: 24 recessions with a = 0.05 /day,
 * then 24 with a = 0.03 /day, b = 1, 31 days each (1 488 days from 2000-05-01; the change falls on
 * 2002-05-22), 0.3 % noise.
 */
class RecessionAnalysisTest {
    static final long SEED = 5L;
    static final LocalDate START = LocalDate.of(2000, 5, 1);

    static List<RecessionEvent> events() {
        double[] peaks = {4, 8, 16, 2, 10};
        double[] q1 = SyntheticRecessions.series(START, 0.05, 1.0, peaks, 24, 30, 0.003, SEED).q();
        double[] q2 = SyntheticRecessions.series(START, 0.03, 1.0, peaks, 24, 30, 0.003, SEED + 1).q();
        double[] q = new double[q1.length + q2.length];
        System.arraycopy(q1, 0, q, 0, q1.length);
        System.arraycopy(q2, 0, q, q1.length, q2.length);
        return RecessionExtractor.extract(DischargeSeries.unflagged(START, q),
                RecessionCriteria.DEFAULTS.withDerivative(DerivativeMethod.CENTRAL));
    }

    static RecessionAnalysis.ScopeFit find(RecessionAnalysis.Result r, String scope, FitMethod m) {
        return r.fits().stream().filter(f -> f.scope().equals(scope) && f.method() == m).findFirst().orElseThrow();
    }

    @Test
    void beforeAndAfterTheBreakRecoverTheirOwnA() {
        System.out.println("RecessionAnalysisTest seed " + SEED + ", bootstrap seed 99");
        LocalDate change = START.plusDays(24 * 31);
        RecessionAnalysis.Result r = RecessionAnalysis.run(events(), RecessionAnalysis.Settings.DEFAULTS.withBootstrap(200)
                .withSeed(99).withBreakDate(change));
        RecessionAnalysis.ScopeFit before = find(r, "before " + change, FitMethod.NLS);
        RecessionAnalysis.ScopeFit after = find(r, "after " + change, FitMethod.NLS);
        assertThat(before.events()).isEqualTo(24);
        assertThat(after.events()).isEqualTo(24);
        assertThat(before.a()).isCloseTo(0.05, within(0.001));
        assertThat(after.a()).isCloseTo(0.03, within(0.0006));
        // the 95 % bootstrap intervals hold the truth and do not overlap each other
        assertThat(before.aLo()).isLessThan(0.05);
        assertThat(before.aHi()).isGreaterThan(0.05);
        assertThat(after.aLo()).isLessThan(0.03);
        assertThat(after.aHi()).isGreaterThan(0.03);
        assertThat(after.aHi()).isLessThan(before.aLo());
        assertThat(before.timescaleDays()).isCloseTo(20, within(0.5)); // 1/a for b = 1
        // per-event a at the pooled b falls at the change: Pettitt puts the change at the last event before it
        RecessionAnalysis.Trend t = r.trends().get(0);
        assertThat(t.series()).isEqualTo("event a at pooled b");
        assertThat(t.pettitt().changePoint()).isEqualTo(24);
        assertThat(t.changeDate()).isBefore(change);
        assertThat(t.mk().z()).isNegative();
        assertThat(t.mk().p()).isLessThan(0.001);
        assertThat(t.senPerYear()).isNegative();
    }

    @Test
    void yearsAndTheSameSeedGiveTheSameIntervals() {
        RecessionAnalysis.Settings s = RecessionAnalysis.Settings.DEFAULTS.withBootstrap(100).withSeed(7);
        List<RecessionEvent> ev = events();
        RecessionAnalysis.Result r1 = RecessionAnalysis.run(ev, s);
        RecessionAnalysis.Result r2 = RecessionAnalysis.run(ev, s);
        assertThat(r1.fits()).isEqualTo(r2.fits());
        assertThat(r1.years()).extracting(RecessionAnalysis.YearFit::year).containsExactly(2000, 2001, 2002, 2003, 2004);
        // 2001 lies wholly before the change: its own fit gives a ≈ 0.05, b ≈ 1; 2003 wholly after: a ≈ 0.03.
        // The pooled b is not 1 (measured 0.94): the slower population keeps higher Q at lower rates, which
        // tilts the pooled cloud; so a at the pooled b only orders the years.
        RecessionAnalysis.YearFit y2001 = r1.years().get(1), y2003 = r1.years().get(3);
        assertThat(y2001.ols().a()).isCloseTo(0.05, within(0.002));
        assertThat(y2001.ols().b()).isCloseTo(1.0, within(0.02));
        assertThat(y2003.ols().a()).isCloseTo(0.03, within(0.0015));
        assertThat(y2001.aFixed()).isGreaterThan(y2003.aFixed());
        assertThat(y2001.aFixedLo()).isLessThan(y2001.aFixed());
        assertThat(y2001.aFixedHi()).isGreaterThan(y2001.aFixed());
    }
}

package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

/**
 * Seasonal subsidence of Stefan shape, D = −A·(τ/L)^p during a thaw season of L days (τ days since
 * its start), then linear heave back to 0 until the next thaw; plus a secular rate. For p = 1/2 and
 * four equal sub-periods the shares are √(1/4), √(2/4) − √(1/4), √(3/4) − √(2/4), 1 − √(3/4).
 */
class ThawSeasonScalingTest {
    static final MonthDay FROM = MonthDay.of(5, 15), TO = MonthDay.of(9, 30);

    /** Daily (step 1) or every {@code step} days, 2015–2022, exponent p(year) and amplitude A(year). */
    static double[][] series(int step, double rate, java.util.function.IntToDoubleFunction p, LocalDate[][] out) {
        LocalDate a = LocalDate.of(2015, 1, 1), b = LocalDate.of(2022, 12, 31);
        int n = (int) ((b.toEpochDay() - a.toEpochDay()) / step) + 1;
        LocalDate[] dates = new LocalDate[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            LocalDate x = a.plusDays((long) i * step);
            dates[i] = x;
            int y = x.getYear();
            long s0 = FROM.atYear(y).toEpochDay(), s1 = TO.atYear(y).toEpochDay(), e = x.toEpochDay();
            double amp = 0.02 + 0.002 * (y - 2015);
            double season;
            if (e < s0) {
                season = 0;
            } else if (e <= s1) {
                season = -amp * Math.pow((double) (e - s0) / (s1 - s0), p.applyAsDouble(y));
            } else {
                long next = LocalDate.of(y, 12, 31).toEpochDay();
                season = -amp * (1 - (double) (e - s1) / (next - s1));
            }
            d[i] = season + rate * (e - a.toEpochDay()) / 365.25;
        }
        out[0] = dates;
        return new double[][] {d};
    }

    @Test
    void stefanShapeGivesItsShares() {
        LocalDate[][] dates = new LocalDate[1][];
        double[] d = series(1, -0.01, y -> 0.5, dates)[0];
        ThawSeasonScaling.Result r = ThawSeasonScaling.compute(dates[0], d, -0.01, FROM, TO, 4, 15);
        assertThat(r.years()).containsExactly(2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022);
        // boundaries fall on whole days of a 138-day season split at 34.5, 69, 103.5 → rounded: the exact shares of those days
        double[] expect = new double[4];
        long[] b = {0, Math.round(138 / 4.0), Math.round(138 / 2.0), Math.round(3 * 138 / 4.0), 138};
        for (int j = 0; j < 4; j++) {
            expect[j] = Math.sqrt(b[j + 1] / 138.0) - Math.sqrt(b[j] / 138.0);
        }
        for (int j = 0; j < 4; j++) {
            assertThat(r.mean()[j]).isCloseTo(expect[j], within(1e-12));
            assertThat(r.std()[j]).isCloseTo(0, within(1e-12));
        }
        assertThat(expect[0]).isCloseTo(0.5, within(0.005)); // √(1/4) up to the day rounding (day 35 of 138: 0.5036)
        assertThat(r.total()[0]).isCloseTo(-0.02, within(1e-12));
    }

    @Test
    void twelveDaySamplingAndYearToYearSpread() {
        // p alternates 0.4 / 0.6: the shares of f_1 are (1/4)^0.4 = 0.5743 and (1/4)^0.6 = 0.4353
        LocalDate[][] dates = new LocalDate[1][];
        double[] d = series(12, -0.01, y -> y % 2 == 0 ? 0.4 : 0.6, dates)[0];
        ThawSeasonScaling.Result r = ThawSeasonScaling.compute(dates[0], d, -0.01, FROM, TO, 4, 15);
        assertThat(r.years()).hasSize(8);
        double f1even = Math.pow(0.25, 0.4), f1odd = Math.pow(0.25, 0.6);
        // interpolation between 12-day samples of a concave curve: within 0.03 of the continuous shares
        assertThat(r.mean()[0]).isCloseTo((f1even + f1odd) / 2, within(0.03));
        // sample std of four of each: |a − b|/2 · √(8/7) = 0.074 for the continuous curves; 12-day samples
        // interpolate across the steep start of the season and smooth the difference (measured 0.051)
        assertThat(r.std()[0]).isCloseTo(Math.abs(f1even - f1odd) / 2 * Math.sqrt(8.0 / 7), within(0.03));
        assertThat(r.std()[0]).isGreaterThan(0.03);
        double sum = 0;
        for (double f : r.mean()) {
            sum += f;
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
    }

    @Test
    void gapsDropAYear() {
        LocalDate[][] dates = new LocalDate[1][];
        double[] d = series(1, 0, y -> 0.5, dates)[0];
        for (int i = 0; i < d.length; i++) {
            if (dates[0][i].getYear() == 2018 && dates[0][i].getMonthValue() == 7) {
                d[i] = Double.NaN; // a 31-day hole around the middle boundary
            }
        }
        ThawSeasonScaling.Result r = ThawSeasonScaling.compute(dates[0], d, 0, FROM, TO, 4, 15);
        assertThat(r.years()).doesNotContain(2018).hasSize(7);
    }
}

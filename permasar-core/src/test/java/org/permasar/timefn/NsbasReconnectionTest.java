package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A short sensor in two campaigns with unrelated references ("L-band" 2008 and 2010, every 24 days,
 * σ 8 mm, the second campaign's reference 30 mm off) joined with a long one ("C-band" 2015–2022 every 12
 * days, σ 3 mm): the ground motion of {@link MultiSensorJoinTest} (−12 mm/yr, annual amplitude 10 mm).
 * Truth: the simulated signal; the error of the joined short series is the mean misfit of each campaign
 * against the truth, relative to the long sensor's mean misfit (the alignment the joining is for).
 */
class NsbasReconnectionTest {
    static final LocalDate T0 = MultiSensorJoinTest.T0;

    static double truth(LocalDate d) {
        double t = (d.toEpochDay() - T0.toEpochDay()) / 365.25;
        return MultiSensorJoinTest.RATE * t + MultiSensorJoinTest.C * Math.cos(2 * Math.PI * t)
                + MultiSensorJoinTest.S * Math.sin(2 * Math.PI * t);
    }

    /** {@code [0]} dates as epoch days, {@code [1]} values, {@code [2]} campaign ids. */
    static Object[] shortSensor(Random rnd, double sigma) {
        List<LocalDate> ds = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(2008, 1, 5); d.isBefore(LocalDate.of(2008, 12, 31)); d = d.plusDays(24)) {
            ds.add(d);
        }
        for (LocalDate d = LocalDate.of(2010, 1, 9); d.isBefore(LocalDate.of(2010, 12, 31)); d = d.plusDays(24)) {
            ds.add(d);
        }
        LocalDate[] dates = ds.toArray(new LocalDate[0]);
        double[] v = new double[dates.length];
        int[] seg = new int[dates.length];
        for (int i = 0; i < v.length; i++) {
            seg[i] = dates[i].getYear() == 2008 ? 0 : 1;
            v[i] = -0.025 + (seg[i] == 1 ? 0.030 : 0) + truth(dates[i]) + sigma * rnd.nextGaussian();
        }
        return new Object[] {dates, v, seg};
    }

    @Test
    void noiseFreeCampaignsAreReconnectedExactly() {
        Object[] s = shortSensor(new Random(1), 0);
        LocalDate[] dates = (LocalDate[]) s[0];
        int[] seg = NsbasReconnection.segmentsByGap(dates, (double[]) s[1], 180);
        assertThat(seg).containsExactly((int[]) s[2]);
        for (double rate : new double[] {MultiSensorJoinTest.RATE, Double.NaN}) {
            double[] r = NsbasReconnection.reconnect(dates, (double[]) s[1], seg, rate);
            for (int i = 0; i < r.length; i++) {
                assertThat(r[i]).as("rate %s date %s", rate, dates[i]).isCloseTo(truth(dates[i]) - truth(dates[0]), within(2e-5));
            }
        }
    }

    /**
     * Over 40 noise draws: without reconnection the second campaign keeps its 30 mm error; free-rate
     * NSBAS takes the rate from the short sensor alone; with the C-band rate held fixed the alignment
     * error falls (measured in the printout; asserted: below the free-rate one and below 4 mm rms).
     */
    @Test
    void externalRateReducesTheErrorOfTheJoinedShortSensor() {
        int runs = 40;
        double none = 0, free = 0, fixed = 0;
        for (int k = 0; k < runs; k++) {
            long seed = 500 + k;
            Random rnd = new Random(seed);
            Object[] s = shortSensor(rnd, 0.008);
            LocalDate[] dates = (LocalDate[]) s[0];
            double[] v = (double[]) s[1];
            MultiSensorJoin.Sensor c = MultiSensorJoinTest.sensor("C-band", LocalDate.of(2015, 1, 1), LocalDate.of(2022, 12, 31), 12,
                    0.003, 0.040, rnd, false);
            double extRate = MultiSensorJoin.fit(List.of(c)).rate();
            int[] seg = NsbasReconnection.segmentsByGap(dates, v, 180);
            none += alignmentError(dates, v, seg, c);
            free += alignmentError(dates, NsbasReconnection.reconnect(dates, v, seg, Double.NaN), seg, c);
            fixed += alignmentError(dates, NsbasReconnection.reconnect(dates, v, seg, extRate), seg, c);
        }
        none = Math.sqrt(none / runs);
        free = Math.sqrt(free / runs);
        fixed = Math.sqrt(fixed / runs);
        System.out.printf("campaign alignment rms over %d draws: no reconnection %.2f mm, free-rate NSBAS %.2f mm, "
                + "external rate %.2f mm%n", runs, none * 1e3, free * 1e3, fixed * 1e3);
        assertThat(none).isGreaterThan(0.010);
        assertThat(fixed).isLessThan(free);
        assertThat(fixed).isLessThan(0.004);
    }

    /** Mean square over campaigns of (mean joined − truth) − (C-band's mean joined − truth), after a join. */
    static double alignmentError(LocalDate[] dates, double[] v, int[] seg, MultiSensorJoin.Sensor c) {
        MultiSensorJoin.Sensor l = new MultiSensorJoin.Sensor("L-band", dates, v, Double.NaN);
        MultiSensorJoin.Result r = MultiSensorJoin.fit(List.of(l, c));
        double bc = 0;
        for (int i = 0; i < c.d().length; i++) {
            bc += (c.d()[i] - r.offsets()[1] - truth(c.dates()[i])) / c.d().length;
        }
        double ss = 0;
        for (int s = 0; s <= 1; s++) {
            double m = 0;
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (seg[i] == s) {
                    m += v[i] - r.offsets()[0] - truth(dates[i]);
                    n++;
                }
            }
            double e = m / n - bc;
            ss += e * e / 2;
        }
        return ss;
    }

    @Test
    void badInputIsRefused() {
        LocalDate[] d = {LocalDate.of(2010, 1, 2), LocalDate.of(2010, 1, 1)};
        assertThatThrownBy(() -> NsbasReconnection.reconnect(d, new double[] {1, 2}, new int[] {0, 0}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increase");
    }
}

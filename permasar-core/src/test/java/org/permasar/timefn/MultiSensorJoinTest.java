package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two simulated sensors of different periods, sampling and noise see one ground motion: rate
 * −12 mm/yr and an annual term c = 6 mm, s = −8 mm (amplitude 10 mm) from t0 = 2007-01-01. "L-band":
 * 2007–2010 every 46 days, σ = 8 mm, offset −25 mm. "C-band": 2015–2022 every 12 days, σ = 3 mm,
 * offset +40 mm. The periods do not overlap.
 */
class MultiSensorJoinTest {
    static final LocalDate T0 = LocalDate.of(2007, 1, 1);
    static final double RATE = -0.012, C = 0.006, S = -0.008;

    static MultiSensorJoin.Sensor sensor(String name, LocalDate from, LocalDate to, int step, double sigma, double offset,
            Random rnd, boolean giveSigma) {
        int n = (int) ((to.toEpochDay() - from.toEpochDay()) / step) + 1;
        LocalDate[] d = new LocalDate[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = from.plusDays((long) k * step);
            double t = (d[k].toEpochDay() - T0.toEpochDay()) / 365.25;
            v[k] = offset + RATE * t + C * Math.cos(2 * Math.PI * t) + S * Math.sin(2 * Math.PI * t)
                    + (sigma > 0 ? sigma * rnd.nextGaussian() : 0);
        }
        return new MultiSensorJoin.Sensor(name, d, v, giveSigma ? Math.max(sigma, 1e-3) : Double.NaN);
    }

    static List<MultiSensorJoin.Sensor> two(double sl, double sc, long seed, boolean giveSigma) {
        Random rnd = new Random(seed);
        return List.of(sensor("L-band", T0, LocalDate.of(2010, 12, 31), 46, sl, -0.025, rnd, giveSigma),
                sensor("C-band", LocalDate.of(2015, 1, 1), LocalDate.of(2022, 12, 31), 12, sc, 0.040, rnd, giveSigma));
    }

    @Test
    void noiseFreeIsExact() {
        MultiSensorJoin.Result r = MultiSensorJoin.fit(two(0, 0, 1, true));
        assertThat(r.offsets()[0]).isCloseTo(-0.025, within(1e-12));
        assertThat(r.offsets()[1]).isCloseTo(0.040, within(1e-12));
        assertThat(r.rate()).isCloseTo(RATE, within(1e-13));
        assertThat(r.amplitude()).isCloseTo(0.010, within(1e-12));
    }

    @Test
    void noisySensorsRecoverOffsetsRateAndTheirNoise() {
        long seed = 20261207L;
        System.out.println("MultiSensorJoinTest seed " + seed);
        MultiSensorJoin.Result r = MultiSensorJoin.fit(two(0.008, 0.003, seed, false));
        // within 3 formal standard deviations of the truth, and those σ are a few mm (offsets) and < 0.5 mm/yr (rate)
        assertThat(r.offsets()[0]).isCloseTo(-0.025, within(3 * r.offsetStd()[0]));
        assertThat(r.offsets()[1]).isCloseTo(0.040, within(3 * r.offsetStd()[1]));
        assertThat(r.rate()).isCloseTo(RATE, within(3 * r.rateStd()));
        assertThat(r.amplitude()).isCloseTo(0.010, within(3 * r.amplitudeStd()));
        assertThat(r.offsetStd()[0]).isLessThan(0.005);
        assertThat(r.rateStd()).isLessThan(0.0005);
        // estimated noise: 8 mm from 32 values, 3 mm from 244: within 25 % and 10 %
        assertThat(r.sigma()[0]).isCloseTo(0.008, within(0.002));
        assertThat(r.sigma()[1]).isCloseTo(0.003, within(0.0003));
        assertThat(r.n()).containsExactly(32, 244);
        assertThat(r.iterations()).isGreaterThan(1);
    }

    @Test
    void formalStdMatchesTheSpreadOverRepeats() {
        // 200 noise draws: the standard deviation of the estimated rate agrees with the formal σ within 20 %
        int reps = 200;
        double[] v = new double[reps];
        double formal = 0;
        for (int i = 0; i < reps; i++) {
            MultiSensorJoin.Result r = MultiSensorJoin.fit(two(0.008, 0.003, 1000 + i, true));
            v[i] = r.rate();
            formal += r.rateStd() / reps;
        }
        double mean = 0, var = 0;
        for (double x : v) {
            mean += x / reps;
        }
        for (double x : v) {
            var += (x - mean) * (x - mean) / (reps - 1);
        }
        assertThat(mean).isCloseTo(RATE, within(3 * formal / Math.sqrt(reps)));
        assertThat(Math.sqrt(var) / formal).isCloseTo(1.0, within(0.2));
    }

    @Test
    void refusals() {
        LocalDate[] same = new LocalDate[6];
        java.util.Arrays.fill(same, T0);
        assertThatThrownBy(() -> MultiSensorJoin.fit(List.of(new MultiSensorJoin.Sensor("x", same, new double[6], Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot separate");
        assertThatThrownBy(() -> MultiSensorJoin.fit(List.of())).hasMessageContaining("no sensors");
        assertThatThrownBy(() -> new MultiSensorJoin.Sensor("x", new LocalDate[1], new double[2], Double.NaN))
                .hasMessageContaining("x: 1 dates but 2 values");
    }
}

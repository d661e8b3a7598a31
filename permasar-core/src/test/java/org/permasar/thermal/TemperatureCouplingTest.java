package org.permasar.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TemperatureCoupling} on simulated series with a known lag: temperature = annual cosine (minimum
 * on a known day) + AR(1) weather; deformation = rate + annual cosine whose maximum follows the
 * temperature minimum by exactly {@value #LAG} days + white noise, on 12-day dates with random gaps.
 */
class TemperatureCouplingTest {
    static final double LAG = 120;
    static final double W = 2 * Math.PI / TemperatureCoupling.YEAR_DAYS;
    static final long T0 = LocalDate.of(2014, 1, 1).toEpochDay();
    /** Day (epoch) of a temperature minimum: 19 January 2014. */
    static final double T_MIN = T0 + 18;

    /** Simulated pair of series; {@code [0]} deformation days, {@code [1]} values, {@code [2]} temp days, {@code [3]} values. */
    static double[][] simulate(long seed, double defNoise, double weather, int years) {
        Random rnd = new Random(seed);
        int nd = 365 * (years + 1);
        double[] td = new double[nd], tv = new double[nd];
        double e = 0;
        for (int i = 0; i < nd; i++) {
            td[i] = T0 + i;
            e = 0.7 * e + Math.sqrt(1 - 0.49) * weather * rnd.nextGaussian();
            tv[i] = -3 - 12 * Math.cos(W * (td[i] - T_MIN)) + e; // minimum at T_MIN
        }
        List<double[]> obs = new ArrayList<>();
        for (double t = T0 + 365 + rnd.nextInt(12); t < T0 + nd - 1; t += 12) {
            if (rnd.nextDouble() < 0.15) {
                continue; // missing acquisition
            }
            double d = -8e-3 * (t - T0) / 365.25 + 10e-3 * Math.cos(W * (t - T_MIN - LAG)) + defNoise * rnd.nextGaussian();
            obs.add(new double[] {t, d});
        }
        double[] dd = obs.stream().mapToDouble(o -> o[0]).toArray(), dv = obs.stream().mapToDouble(o -> o[1]).toArray();
        return new double[][] {dd, dv, td, tv};
    }

    static TemperatureCoupling.Result run(double[][] s, TemperatureCoupling.Parameters p) {
        return TemperatureCoupling.compute(s[0], s[1], s[2], s[3], p);
    }

    @Test
    void noiseFreeLagIsRecovered() {
        double[][] s = simulate(1, 0, 0, 6);
        TemperatureCoupling.Result r = run(s, TemperatureCoupling.Parameters.defaults().withBootstrap(0));
        assertEquals(LAG, r.lag(), 0.5, "cross-correlation lag");
        assertEquals(-1, r.rAtLag(), 1e-3);
        assertEquals(LAG, r.phaseLag(), 1e-6, "sinusoid phase lag");
        assertEquals(10e-3, r.deformationAmplitude(), 1e-9);
        assertEquals(12, r.temperatureAmplitude(), 1e-9);
        // the positive extremum is half a period later
        TemperatureCoupling.Parameters max = new TemperatureCoupling.Parameters(0, 364, TemperatureCoupling.Extremum.MAX, 31, 20,
                10, 0, 0.95, 1);
        TemperatureCoupling.Result rm = run(s, max);
        assertEquals(LAG + TemperatureCoupling.YEAR_DAYS / 2, rm.lag(), 1.0);
        assertEquals(LAG + TemperatureCoupling.YEAR_DAYS / 2, rm.phaseLag(), 1e-6);
    }

    @Test
    void sparseTemperatureLikeLstGivesTheSameLag() {
        double[][] s = simulate(2, 0, 0, 6);
        // every 8th day only, as 8-day LST composites
        int m = s[2].length / 8;
        double[] d = new double[m], v = new double[m];
        for (int i = 0; i < m; i++) {
            d[i] = s[2][8 * i];
            v[i] = s[3][8 * i];
        }
        TemperatureCoupling.Result r = TemperatureCoupling.compute(s[0], s[1], d, v,
                TemperatureCoupling.Parameters.defaults().withBootstrap(0).withSmoothDays(1));
        assertEquals(LAG, r.lag(), 1.0);
        assertEquals(LAG, r.phaseLag(), 1.0);
    }

    /**
     * Noisy (deformation σ 3 mm against a 10 mm semi-amplitude, AR(1) weather σ 3 °C, six years): the
     * lag within 10 days in every draw; over 100 seeds the 95 % year-block interval and the sinusoid's
     * ±1.96σ hold the truth at close to the nominal rate.
     */
    @Test
    void noisyLagAndCoverage() {
        int runs = 100, coverBoot = 0, coverPhase = 0;
        double worst = 0, sumSq = 0;
        TemperatureCoupling.Parameters p = TemperatureCoupling.Parameters.defaults().withBootstrap(200);
        for (int k = 0; k < runs; k++) {
            long seed = 1000 + k;
            TemperatureCoupling.Result r = run(simulate(seed, 3e-3, 3, 6), p.withSeed(seed));
            double err = r.lag() - LAG;
            worst = Math.max(worst, Math.abs(err));
            sumSq += err * err;
            coverBoot += r.lagLow() <= LAG && LAG <= r.lagHigh() ? 1 : 0;
            coverPhase += Math.abs(r.phaseLag() - LAG) <= 1.96 * r.phaseLagStd() ? 1 : 0;
            assertTrue(Math.abs(err) < 10, "seed " + seed + ": lag " + r.lag());
        }
        System.out.printf("noisy lag: rms error %.2f d, worst %.2f d; coverage bootstrap %d/%d, phase %d/%d%n",
                Math.sqrt(sumSq / runs), worst, coverBoot, runs, coverPhase, runs);
        assertTrue(coverBoot >= 88, "bootstrap coverage " + coverBoot + "/" + runs);
        assertTrue(coverPhase >= 88, "phase coverage " + coverPhase + "/" + runs);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TemperatureCoupling.Parameters(10, 0,
                TemperatureCoupling.Extremum.MIN, 31, 20, 10, 0, 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> TemperatureCoupling.Parameters.defaults().withSmoothDays(30));
        assertThrows(IllegalArgumentException.class, () -> TemperatureCoupling.compute(new double[] {1, 2, 3},
                new double[] {1, 2, 3}, new double[] {1, 2}, new double[] {1, 2}, TemperatureCoupling.Parameters.defaults()));
    }
}

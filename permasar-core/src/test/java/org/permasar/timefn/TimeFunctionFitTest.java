package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeFunctionFitTest {

    private static List<LocalDate> dates(LocalDate start, int n, int step) {
        List<LocalDate> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(start.plusDays((long) i * step));
        }
        return d;
    }

    private static double years(List<LocalDate> d, int i) {
        return TimeFunctionModel.mintpyYears(d.get(i)) - TimeFunctionModel.mintpyYears(d.get(0));
    }

    @Test
    void noiseFreeSeriesRecoversRateAmplitudeAndTimingOfTheMaximum() {
        List<LocalDate> d = dates(LocalDate.of(2016, 1, 1), 100, 12);
        // truth: rate −12 mm/yr, |A| = 15 mm, maximum on day-of-year 200 (MintPy decimal years)
        double rate = -0.012, amp = 0.015, peakDoy = 200;
        double t0 = TimeFunctionModel.mintpyYears(d.get(0));
        int npix = 3;
        float[] y = new float[d.size() * npix];
        for (int i = 0; i < d.size(); i++) {
            double tAbs = TimeFunctionModel.mintpyYears(d.get(i));
            double seasonal = amp * Math.cos(2 * Math.PI * (tAbs - (peakDoy - 1) / 365.25));
            for (int q = 0; q < npix; q++) {
                y[i * npix + q] = (float) (0.003 + rate * (tAbs - t0) + seasonal);
            }
        }
        y[5 * npix + 2] = Float.NaN;                      // pixel 2 goes through the per-pixel fallback
        TimeFunctionFit.Result r = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), d, y, npix);
        for (int q = 0; q < npix; q++) {
            assertThat(r.status()[q]).isEqualTo(LinearBatchFit.OK);
            assertThat(r.rate()[q]).isCloseTo(rate, within(1e-6));
            assertThat(r.intercept()[q]).isCloseTo(0.003, within(1e-6));
            assertThat(r.annualAmplitude()[q]).isCloseTo(amp, within(1e-6));
            assertThat(r.seasonalAmplitude()[q]).isCloseTo(2 * amp, within(2e-6));
            assertThat(r.seasonalTiming()[q]).isCloseTo(peakDoy, within(0.05));
            assertThat(r.residualRms()[q]).isLessThan(1e-7);
        }
        assertThat(r.validCount()[2]).isEqualTo(d.size() - 1);
    }

    @Test
    void pixelWithTooFewValidDatesIsNaNWithStatus() {
        List<LocalDate> d = dates(LocalDate.of(2020, 1, 1), 10, 30);
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            y[i] = i < 7 ? Float.NaN : 0.01f * i;
        }
        TimeFunctionFit.Result r = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), d, y, 1);
        assertThat(r.status()[0]).isEqualTo(LinearBatchFit.TOO_FEW_VALID);
        assertThat(r.rate()[0]).isNaN();
        assertThat(r.seasonalTiming()[0]).isNaN();
    }

    @Test
    void reportedStdsCoverTheTruthForNoisySeries() {
        long seed = 4242L;
        System.out.println("TimeFunctionFitTest seed=" + seed);
        Random rnd = new Random(seed);
        List<LocalDate> d = dates(LocalDate.of(2017, 3, 1), 120, 12);
        int npix = 2000;
        double rate = 0.01, c = 0.006, s = -0.008;
        float[] y = new float[d.size() * npix];
        for (int i = 0; i < d.size(); i++) {
            double t = years(d, i);
            for (int q = 0; q < npix; q++) {
                y[i * npix + q] = (float) (rate * t + c * Math.cos(2 * Math.PI * t) + s * Math.sin(2 * Math.PI * t)
                        + 0.005 * rnd.nextGaussian());
            }
        }
        TimeFunctionFit.Result r = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), d, y, npix);
        double a = Math.hypot(c, s);
        int inRate = 0, inAmp = 0, inPhase = 0;
        for (int q = 0; q < npix; q++) {
            inRate += Math.abs(r.rate()[q] - rate) <= 2 * r.rateStd()[q] ? 1 : 0;
            inAmp += Math.abs(r.annualAmplitude()[q] - a) <= 2 * r.annualAmplitudeStd()[q] ? 1 : 0;
            inPhase += Math.abs(r.annualPhase()[q] - Math.atan2(c, s)) <= 2 * r.annualPhaseStd()[q] ? 1 : 0;
        }
        // 2σ intervals of a Gaussian estimate hold the truth 95.4 % of the time
        assertThat(inRate / (double) npix).isBetween(0.93, 0.975);
        assertThat(inAmp / (double) npix).isBetween(0.92, 0.98);
        assertThat(inPhase / (double) npix).isBetween(0.92, 0.98);
    }
}

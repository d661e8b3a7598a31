package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityClassifierTest {

    private static final List<LocalDate> DATES = new ArrayList<>();

    static {
        LocalDate d = LocalDate.of(2014, 10, 10);          // 2014-10 … 2022-10: 12-day Sentinel-1 sampling
        while (d.isBefore(LocalDate.of(2022, 10, 10))) {
            DATES.add(d);
            d = d.plusDays(12);
        }
    }

    private static double t(int i) {
        return TimeFunctionModel.mintpyYears(DATES.get(i)) - TimeFunctionModel.mintpyYears(DATES.get(0));
    }

    @Test
    void closedFormCountsOfExtremaOfPureHarmonics() {
        // 8 years of daily samples: a pure annual cosine has 2 extrema per year, a 1/3-year one 6
        int days = 2922;
        double[] basis = new double[days * 6];
        for (int k = 0; k < days; k++) {
            for (int m = 0; m < 3; m++) {
                double w = 2 * Math.PI * (m + 1) * (k + 0.5) / 365.25;
                basis[k * 6 + 2 * m] = Math.cos(w);
                basis[k * 6 + 2 * m + 1] = Math.sin(w);
            }
        }
        assertThat(SeasonalityClassifier.countExtrema(basis, days, new double[] {0, 1, 0, 0, 0, 0})).isBetween(15, 16);
        assertThat(SeasonalityClassifier.countExtrema(basis, days, new double[] {0, 0, 0, 0, 1, 0})).isBetween(47, 48);
    }

    @Test
    void classifiesSyntheticSeasonalAndNonSeasonalSeries() {
        long seed = 777L;
        System.out.println("SeasonalityClassifierTest seed=" + seed);
        Random rnd = new Random(seed);
        int n = DATES.size();
        int half = 500, npix = 2 * half;
        float[] y = new float[n * npix];
        for (int q = 0; q < npix; q++) {
            double rate = -0.02 + 0.03 * rnd.nextDouble();
            double ph = 2 * Math.PI * rnd.nextDouble();
            double amp = 0.005 + 0.02 * rnd.nextDouble();
            // seasonal: annual term (+ weak semi-annual); non-seasonal: semi-annual / one-third-year dominated
            int harmonic = q < half ? 1 : 2 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                double s = amp * Math.sin(2 * Math.PI * harmonic * t(i) + ph)
                        + (q < half ? 0.15 * amp * Math.sin(4 * Math.PI * t(i)) : 0);
                y[i * npix + q] = (float) (rate * t(i) + s + 0.003 * rnd.nextGaussian());
            }
        }
        SeasonalityClassifier.Result r = SeasonalityClassifier.PAPER.classify(DATES, y, npix);
        assertThat(r.years()).isCloseTo(8.0, org.assertj.core.api.Assertions.within(0.05));
        int correct = 0;
        for (int q = 0; q < npix; q++) {
            correct += r.seasonal()[q] == (q < half) ? 1 : 0;
        }
        System.out.println("seasonality accuracy (paper test) = " + correct / (double) npix);
        assertThat(correct / (double) npix).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void amplitudeGateRejectsPureNoise() {
        long seed = 778L;
        System.out.println("SeasonalityClassifierTest noise seed=" + seed);
        Random rnd = new Random(seed);
        int n = DATES.size();
        int half = 500, npix = 2 * half;
        float[] y = new float[n * npix];
        for (int q = 0; q < npix; q++) {
            double ph = 2 * Math.PI * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                double s = q < half ? 0.01 * Math.sin(2 * Math.PI * t(i) + ph) : 0;
                y[i * npix + q] = (float) (0.01 * t(i) + s + 0.004 * rnd.nextGaussian());
            }
        }
        SeasonalityClassifier.Result paper = SeasonalityClassifier.PAPER.classify(DATES, y, npix);
        SeasonalityClassifier.Result gated = new SeasonalityClassifier(2, 5).classify(DATES, y, npix);
        int correctPaper = 0, correctGated = 0;
        for (int q = 0; q < npix; q++) {
            correctPaper += paper.seasonal()[q] == (q < half) ? 1 : 0;
            correctGated += gated.seasonal()[q] == (q < half) ? 1 : 0;
        }
        System.out.println("pure-noise accuracy: paper " + correctPaper / (double) npix + ", gated "
                + correctGated / (double) npix);
        assertThat(correctGated / (double) npix).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void maskNonSeasonalBlanksAmplitudeAndTiming() {
        int n = DATES.size();
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            y[2 * i] = (float) (0.01 * Math.sin(2 * Math.PI * t(i)));
            y[2 * i + 1] = (float) (0.01 * Math.sin(6 * Math.PI * t(i)));
        }
        TimeFunctionFit.Result fit = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), DATES, y, 2);
        SeasonalityClassifier.Result s = SeasonalityClassifier.PAPER.classify(DATES, y, 2);
        assertThat(s.seasonal()).containsExactly(true, false);
        TimeFunctionFit.Result m = SeasonalityClassifier.maskNonSeasonal(fit, s.seasonal());
        assertThat(m.seasonalAmplitude()[0]).isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(m.seasonalAmplitude()[1]).isNaN();
        assertThat(m.seasonalTiming()[1]).isNaN();
        assertThat(m.rate()[1]).isNotNaN();
    }
}

package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityProminenceTest {

    private static List<LocalDate> dates(int years) {
        List<LocalDate> d = new ArrayList<>();
        for (LocalDate x = LocalDate.of(2017, 1, 4); x.isBefore(LocalDate.of(2017 + years, 1, 1)); x = x.plusDays(12)) {
            d.add(x);
        }
        return d;
    }

    @Test
    void zeroProminenceAndNoFloorIsThePapersCount() {
        long seed = 7L;
        System.out.println("SeasonalityProminenceTest seed=" + seed);
        Random rnd = new Random(seed);
        List<LocalDate> dates = dates(3);
        int n = dates.size(), npix = 50;
        float[] y = new float[n * npix];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.01 * rnd.nextGaussian());
        }
        SeasonalityClassifier.Result paper = SeasonalityClassifier.PAPER.classify(dates, y, npix);
        SeasonalityClassifier.Result ours = SeasonalityClassifier.permafrost(2, 0, 0).classify(dates, y, npix);
        assertThat(ours.extremaCount()).containsExactly(paper.extremaCount());
        assertThat(ours.seasonal()).containsExactly(paper.seasonal());
    }

    /**
     * A thaw-season-only signal (−√(degree-days) shape during 150 days, flat in winter): its three-harmonic fit
     * ripples in winter, so the paper's count exceeds 2Y; with a 20 % prominence exactly 2 extrema per year remain.
     */
    @Test
    void winterRipplesAreNotCountedWithProminence() {
        List<LocalDate> dates = dates(2);
        int n = dates.size();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int doy = dates.get(i).getDayOfYear();
            double s = doy >= 130 && doy < 280 ? Math.sqrt(10.0 * (doy - 130)) : 0;
            y[i] = (float) (-0.001 * s);
        }
        SeasonalityClassifier.Result r = SeasonalityClassifier.permafrost(2, 0.2, 0.001).classify(dates, y, 1);
        assertThat(r.extremaCount()[0]).isBetween(3, 5);
        assertThat(r.seasonal()[0]).isTrue();
        float[] flat = new float[n];
        assertThat(SeasonalityClassifier.permafrost(2, 0.2, 0.001).classify(dates, flat, 1).seasonal()[0]).isFalse();
    }
}

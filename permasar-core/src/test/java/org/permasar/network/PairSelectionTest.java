package org.permasar.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PairSelectionTest {
    private static final LocalDate T0 = LocalDate.of(2019, 6, 1);

    private static Pair p(int d0, int d1) {
        return new Pair(T0.plusDays(d0), T0.plusDays(d1));
    }

    /** Hand-made network with baselines 12, 40, 41, 349, 350, 380, 381, 724, 730, 736 days. */
    private static final Network NET = new Network(List.of(p(0, 12), p(0, 40), p(0, 41), p(1, 350), p(0, 350),
            p(0, 380), p(0, 381), p(6, 730), p(0, 730), p(0, 736)),
            new double[] {10, -150, 20, 30, 99, -100, 0, Double.NaN, 5, 1});

    @Test
    void seasonalRuleKeepsShortAndInterAnnualPairs() {
        assertThat(PairSelection.seasonalRule(NET))
                .containsExactly(true, true, false, false, true, true, false, false, true, false);
    }

    @Test
    void baselineThresholds() {
        assertThat(PairSelection.maxTemporalBaseline(NET, 40))
                .containsExactly(true, true, false, false, false, false, false, false, false, false);
        assertThat(PairSelection.maxPerpendicularBaseline(NET, 100))
                .containsExactly(true, false, true, true, true, true, true, true, true, true);
    }

    @Test
    void dropDatesAndPairsAndCombine() {
        boolean[] a = PairSelection.dropDates(NET, List.of(T0.plusDays(350)));
        assertThat(a).containsExactly(true, true, true, false, false, true, true, true, true, true);
        boolean[] b = PairSelection.dropPairs(NET, List.of(p(0, 12)));
        assertThat(PairSelection.and(a, b)).containsExactly(false, true, true, false, false, true, true, true, true, true);
        assertThat(NET.subset(PairSelection.and(a, b)).pairCount()).isEqualTo(7);
    }

    @Test
    void perPixelMasks() {
        float[] ph = {1, 2, Float.NaN, 4};
        assertThat(PairSelection.maskByCoherence(ph, new float[] {0.5f, 0.39f, 0.1f, Float.NaN}, 0.4f)).isEqualTo(2);
        assertThat(ph).containsExactly(1f, Float.NaN, Float.NaN, Float.NaN);
        float[] ph2 = {1, 2, 3};
        assertThat(PairSelection.maskByComponent(ph2, new float[] {1, 0, 2})).isEqualTo(1);
        assertThat(ph2).containsExactly(1f, Float.NaN, 3f);
    }
}

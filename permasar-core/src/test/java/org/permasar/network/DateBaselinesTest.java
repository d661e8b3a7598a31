package org.permasar.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DateBaselines}: pair baselines that are exact differences of date baselines give those back. */
class DateBaselinesTest {
    private static LocalDate d(int days) {
        return LocalDate.of(2020, 1, 1).plusDays(days);
    }

    @Test
    void exactDifferencesAreInverted() {
        double[] truth = {0, 40, -25, 10};
        List<Pair> pairs = List.of(new Pair(d(0), d(12)), new Pair(d(12), d(24)), new Pair(d(0), d(24)),
                new Pair(d(24), d(36)), new Pair(d(12), d(36)));
        int[][] ij = {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {1, 3}};
        double[] bp = new double[pairs.size()];
        for (int k = 0; k < bp.length; k++) {
            bp[k] = truth[ij[k][1]] - truth[ij[k][0]];
        }
        double[] b = DateBaselines.of(new Network(pairs, bp));
        for (int i = 0; i < truth.length; i++) {
            assertThat(b[i]).isCloseTo(truth[i], within(1e-9));
        }
    }

    @Test
    void unknownBaselinesGiveZeros() {
        List<Pair> pairs = List.of(new Pair(d(0), d(12)), new Pair(d(12), d(24)));
        assertThat(DateBaselines.of(new Network(pairs, new double[] {Double.NaN, Double.NaN}))).containsExactly(0, 0, 0);
    }
}

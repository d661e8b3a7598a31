package org.permasar.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private static LocalDate d(String s) {
        return Dates.parse(s);
    }

    private static Pair p(String a, String b) {
        return new Pair(d(a), d(b));
    }

    @Test
    void datesAreSortedUniqueAndIndexed() {
        Network n = new Network(List.of(p("20180118", "20180130"), p("20180106", "20180118"), p("20180106", "20180130")),
                new double[] {10, -5, 5});
        assertThat(n.dates()).containsExactly(d("20180106"), d("20180118"), d("20180130"));
        assertThat(n.referenceIndex(0)).isEqualTo(1);
        assertThat(n.secondaryIndex(0)).isEqualTo(2);
        assertThat(n.referenceIndex(2)).isZero();
        assertThat(n.dayOffset(2)).isEqualTo(24);
        assertThat(n.bperp(1)).isEqualTo(-5);
        assertThat(n.isConnected()).isTrue();
    }

    @Test
    void componentsFindDisconnectedSubsets() {
        // two subsets: {Jan 1, Jan 13, Jan 25} and {Mar 1, Mar 13}
        Network n = new Network(List.of(p("2020-01-01", "2020-01-13"), p("2020-01-13", "2020-01-25"),
                p("2020-03-01", "2020-03-13")), null);
        List<int[]> c = n.components();
        assertThat(c).hasSize(2);
        assertThat(c.get(0)).containsExactly(0, 1, 2);
        assertThat(c.get(1)).containsExactly(3, 4);
        assertThat(n.isConnected()).isFalse();
        assertThat(Double.isNaN(n.bperp(0))).isTrue();
    }

    @Test
    void subsetDropsPairsAndUnusedDates() {
        Network n = new Network(List.of(p("20200101", "20200113"), p("20200113", "20200125")), new double[] {1, 2});
        Network s = n.subset(new boolean[] {false, true});
        assertThat(s.dates()).containsExactly(d("20200113"), d("20200125"));
        assertThat(s.bperp(0)).isEqualTo(2);
    }

    @Test
    void refusesDuplicatesAndBackwardPairs() {
        assertThatThrownBy(() -> new Network(List.of(p("20200101", "20200113"), p("20200101", "20200113")), null))
                .hasMessageContaining("20200101_20200113 appears twice");
        assertThatThrownBy(() -> p("20200113", "20200101")).hasMessageContaining("reference < secondary");
        assertThatThrownBy(() -> new Network(List.of(p("20200101", "20200113")), new double[2]))
                .hasMessageContaining("2 values for 1 pairs");
    }

    @Test
    void parsesTheDateFormsTheFieldUses() {
        assertThat(Dates.parse("20060619")).isEqualTo(LocalDate.of(2006, 6, 19));
        assertThat(Dates.parse("060619")).isEqualTo(LocalDate.of(2006, 6, 19));
        assertThat(Dates.parse("990101")).isEqualTo(LocalDate.of(1999, 1, 1));
        assertThat(Dates.parse("2018-07-17")).isEqualTo(LocalDate.of(2018, 7, 17));
        assertThatThrownBy(() -> Dates.parse("2018-13-01")).hasMessageContaining("'2018-13-01'");
        assertThatThrownBy(() -> Dates.parse("yesterday")).hasMessageContaining("'yesterday'");
        assertThat(Dates.decimalYear(LocalDate.of(2020, 7, 2))).isEqualTo(2020 + 183 / 366.0);
        assertThat(Dates.decimalYear(LocalDate.of(2020, 7, 2).toEpochDay() + 0.25))
                .isCloseTo(2020 + 183.25 / 366.0, within(1e-12));
        assertThat(Dates.decimalYear(LocalDate.of(2021, 12, 31).toEpochDay() + 0.5))
                .isCloseTo(2021 + 364.5 / 365.0, within(1e-12));
        assertThat(Dates.decimalYear(Double.NaN)).isNaN();
        assertThat(p("20180106", "20180118").label()).isEqualTo("20180106_20180118");
    }
}

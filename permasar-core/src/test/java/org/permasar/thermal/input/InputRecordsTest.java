package org.permasar.thermal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/** Contracts of the thermal input records: layout, day arithmetic and refusals with the offending values. */
class InputRecordsTest {
    static final GridGeometry G = GridGeometry.geocoded(2, 3, GeoTransform.northUp(0, 1, 0, -1), 4326, Double.NaN);

    @Test
    void lstCubeLayoutAndDays() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i;
        }
        LstCube c = new LstCube(G, List.of(LocalDate.of(2019, 12, 27), LocalDate.of(2020, 1, 4)), v);
        assertThat(c.at(1, 1, 2)).isEqualTo(11f); // 1·6 + 1·3 + 2
        assertThat(c.days(LocalDate.of(2019, 12, 31))).containsExactly(-4.0, 4.0);
        assertThatThrownBy(() -> new LstCube(G, List.of(LocalDate.of(2020, 1, 4), LocalDate.of(2019, 12, 27)), v))
                .hasMessageContaining("2020-01-04 then 2019-12-27");
        assertThatThrownBy(() -> new LstCube(G, List.of(LocalDate.of(2020, 1, 4)), v)).hasMessageContaining("12 values")
                .hasMessageContaining("1×6");
    }

    @Test
    void dailySeriesCalendar() {
        DailySeries s = new DailySeries("tair_degC", "°C", LocalDate.of(2020, 2, 27), new double[] {1, Double.NaN, 3, 4});
        assertThat(s.end()).isEqualTo(LocalDate.of(2020, 3, 1)); // 2020 is a leap year: 27, 28, 29 Feb, 1 Mar
        assertThat(s.valueAt(LocalDate.of(2020, 2, 29))).isEqualTo(3);
        assertThat(s.valueAt(LocalDate.of(2020, 3, 2))).isNaN();
        assertThat(s.validCount()).isEqualTo(3);
        assertThat(s.dates()).hasSize(4).endsWith(LocalDate.of(2020, 3, 1));
    }

    @Test
    void altSiteRanges() {
        assertThatThrownBy(() -> new AltSite("A", 10, 95, 1, Double.NaN)).hasMessageContaining("(10.0, 95.0)");
        assertThatThrownBy(() -> new AltSite("A", 10, 45, 1, 1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new AltSite(" ", 10, 45, 1, 0.2)).hasMessageContaining("non-blank");
    }
}

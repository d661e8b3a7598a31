package org.permasar.io.lst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Date tokens in band descriptions and file names, checked against hand-computed calendar dates. */
class DateTokensTest {

    private static void check(String text, LocalDate expected) {
        assertThat(DateTokens.find(text)).as(text).isEqualTo(expected);
    }

    @Test
    void recognisedForms() {
        check("2019-01-01", LocalDate.of(2019, 1, 1));
        check("20190101", LocalDate.of(2019, 1, 1));
        check("A2019001", LocalDate.of(2019, 1, 1));
        // day 60 is 1 March in 2019 but 29 February in the leap year 2020
        check("MOD11A2.A2019060.h25v05.061.2020002030425.tif", LocalDate.of(2019, 3, 1));
        check("MYD11A2.A2020060.h25v05.061.tif", LocalDate.of(2020, 2, 29));
        check("A2020366", LocalDate.of(2020, 12, 31));
        check("LST_2019-01-09.tif", LocalDate.of(2019, 1, 9));
        check("lst_2019_07_12_day.tif", LocalDate.of(2019, 7, 12));
        check("20190117.tif", LocalDate.of(2019, 1, 17));
        check("2019-06-01 layer2", LocalDate.of(2019, 6, 1));
    }

    @Test
    void noDateOrInvalidDates() {
        check("LST_Day_1km", null);
        check("A2019367", null); // 2019 has 365 days
        check("20191301", null); // month 13
        check("band_12345678901", null); // embedded in a longer digit run
        check(null, null);
    }

    @Test
    void twoDatesAreAmbiguous() {
        assertThatThrownBy(() -> DateTokens.find("diff_20190101_20190201.tif"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2019-01-01").hasMessageContaining("2019-02-01");
    }
}

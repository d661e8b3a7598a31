package org.permasar.io.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.AltSite;
import org.permasar.thermal.input.DailySeries;
import org.permasar.thermal.input.SoilTemperatureProfile;

/** Station, soil-profile and ALT-site tables against the counts of shared/data/README.md and hand examples. */
class StationCsvReadersTest {
    static final Path DATA = Path.of(System.getProperty("permasar.shared", "../shared")).resolve("data");

    @TempDir
    Path tmp;

    @Test
    void wudaoliangCountsMatchTheDataReadme() throws IOException {
        List<DailySeries> s = DailyCsvReader.readAll(DATA.resolve("temperature/wudaoliang_daily_1956-2018.csv"));
        assertThat(s).extracting(DailySeries::name).containsExactly("tair_degC", "tgs_degC");
        DailySeries tair = s.get(0), tgs = s.get(1);
        // README §4: 22 737 rows, 1956-10-01 … 2018-12-31, tair 8 empty, tgs 8 501 empty (starts 1980-01-01)
        assertThat(tair.length()).isEqualTo(22_737);
        assertThat(tair.start()).isEqualTo(LocalDate.of(1956, 10, 1));
        assertThat(tair.end()).isEqualTo(LocalDate.of(2018, 12, 31));
        assertThat(tair.length() - tair.validCount()).isEqualTo(8);
        assertThat(tgs.length() - tgs.validCount()).isEqualTo(8_501);
        assertThat(tair.unit()).isEqualTo("°C");
        assertThat(tair.valueAt(LocalDate.of(1956, 10, 2))).isEqualTo(0.8); // second data line of the file
        assertThat(tgs.valueAt(LocalDate.of(1979, 12, 31))).isNaN();
        assertThat(tgs.valueAt(LocalDate.of(1980, 1, 1))).isFinite();
    }

    @Test
    void annualMeansReproduceTheSourceRepositoriesMgwTable() throws IOException {
        // raw/mgw.csv (iffylaw/ESSD-2020-106) is Σ valid daily values / 365 per year (README §4)
        DailySeries tair = DailyCsvReader.read(DATA.resolve("temperature/wudaoliang_daily_1956-2018.csv"), "TAIR_DEGC");
        DailySeries tgs = DailyCsvReader.read(DATA.resolve("temperature/wudaoliang_daily_1956-2018.csv"), "tgs_degC");
        for (String line : Files.readAllLines(DATA.resolve("temperature/raw/mgw.csv"))) {
            String[] f = line.replace("\"", "").split(",");
            if (!f[2].equals("Wudaoliang") || f[0].equals("1956")) {
                continue;
            }
            int year = Integer.parseInt(f[0]);
            DailySeries s = f[3].equals("MAAT") ? tair : tgs;
            if (s == tgs && year < 1980) {
                continue;
            }
            assertThat(sum(s, year) / 365).as("%s %d", f[3], year).isCloseTo(Double.parseDouble(f[1]), within(1e-7));
        }
    }

    private static double sum(DailySeries s, int year) {
        double t = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            double v = s.valueAt(d);
            if (!Double.isNaN(v)) {
                t += v;
            }
        }
        return t;
    }

    @Test
    void xidatanFiveVariablesWithUnits() throws IOException {
        List<DailySeries> s = DailyCsvReader.readAll(DATA.resolve("temperature/xidatan_daily_2014-2018.csv"));
        assertThat(s).extracting(DailySeries::unit).containsExactly("°C", "%", "m/s", "W/m²", "mm");
        // README §4: 2014-01-01 … 2018-12-31 → 365·5 + 1 (2016) days
        assertThat(s.get(0).length()).isEqualTo(1826);
        assertThat(s.get(0).valueAt(LocalDate.of(2014, 1, 2))).isEqualTo(-15.14);
    }

    @Test
    void golmudInsertedDecemberIsMissing() throws IOException {
        DailySeries tair = DailyCsvReader.read(DATA.resolve("temperature/golmud_daily_1956-2018.csv"), "tair_degC");
        assertThat(tair.start()).isEqualTo(LocalDate.of(1956, 1, 1));
        assertThat(tair.length() - tair.validCount()).isEqualTo(62);
        for (int d = 1; d <= 31; d++) {
            assertThat(tair.valueAt(LocalDate.of(1993, 12, d))).isNaN();
        }
    }

    @Test
    void genericDateValueFillsAbsentDaysAndCodes() throws IOException {
        Path f = tmp.resolve("site.csv");
        Files.writeString(f, "# logger export\ndate,value\n2020-01-01,1.5\n2020-01-02,-999\n\n2020-01-05,NA\n2020-01-06,\"2.25\"\n");
        DailySeries s = DailyCsvReader.read(f, "value", -999);
        assertThat(s.start()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(s.values()).containsExactly(1.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2.25);
        assertThat(s.unit()).isEmpty();
    }

    @Test
    void badTablesAreRefusedWithFileAndLine() throws IOException {
        Path dup = tmp.resolve("dup.csv");
        Files.writeString(dup, "date,value\n2020-01-01,1\n2020-01-01,2\n");
        assertThatThrownBy(() -> DailyCsvReader.read(dup, "value")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dup.csv").hasMessageContaining("line 3").hasMessageContaining("repeats");
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "date,value\n01/02/2020,1\n");
        assertThatThrownBy(() -> DailyCsvReader.read(bad, "value")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2").hasMessageContaining("01/02/2020");
        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "date,value\n2020-01-01,warm\n");
        assertThatThrownBy(() -> DailyCsvReader.read(text, "value")).hasMessageContaining("'warm' is not a number");
        assertThatThrownBy(() -> DailyCsvReader.read(text, "tair")).hasMessageContaining("no 'tair' column")
                .hasMessageContaining("[date, value]");
        assertThatThrownBy(() -> DailyCsvReader.read(tmp.resolve("none.csv"), "v"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("none.csv");
    }

    @Test
    void goldstreamProfileDropsDeadSensors() throws IOException {
        SoilTemperatureProfile p = SoilTemperatureCsvReader.read(
                DATA.resolve("hydrology/goldstream/goldstream_GSM1_soil_temperature_daily.csv"));
        // README §5: 1 051 days from 2015-11-17; surface (0 cm), 70 and 130 cm are all missing codes
        assertThat(p.series().get(0).length()).isEqualTo(1_051);
        assertThat(p.series().get(0).start()).isEqualTo(LocalDate.of(2015, 11, 17));
        assertThat(p.depthsMetres()).containsExactly(0.10, 0.30, 0.50, 0.05, 0.10, 0.20, 0.30, 0.50, 0.90, 1.10, 1.50, 1.75);
        assertThat(p.series().get(0).name()).isEqualTo("ts_cs650_10cm_degC");
        assertThat(p.indexOfDepth(0.05)).isEqualTo(3);
        assertThat(p.series().get(3).valueAt(LocalDate.of(2015, 11, 17))).isEqualTo(-2.775); // first data line
        assertThat(SoilTemperatureCsvReader.read(
                DATA.resolve("hydrology/goldstream/goldstream_GSM1_soil_temperature_daily.csv"), true).series()).hasSize(15);
    }

    @Test
    void jarvisProfileHasElevenDepthsForTheYear() throws IOException {
        SoilTemperatureProfile p = SoilTemperatureCsvReader.read(
                DATA.resolve("hydrology/jarvis_creek/jarvis_coalmine_soil_temperature_daily_2014.csv"));
        assertThat(p.depthsMetres()).containsExactly(0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50, 0.75, 1.00, 1.25);
        assertThat(p.series().get(0).length()).isEqualTo(365);
        assertThat(p.series().get(10).valueAt(LocalDate.of(2014, 1, 2))).isEqualTo(0.118);
    }

    @Test
    void altSitesWithCommentsAndOptionalMoisture() throws IOException {
        Path f = tmp.resolve("alt.csv");
        Files.writeString(f, "# CALM-like sites\nname,lon,lat,alt,vwc\nQT01,92.9,34.7,2.1,0.25\n# removed\nQT02,93.1,35.2,1.45,\n");
        List<AltSite> s = AltSiteCsvReader.read(f);
        assertThat(s).containsExactly(new AltSite("QT01", 92.9, 34.7, 2.1, 0.25),
                new AltSite("QT02", 93.1, 35.2, 1.45, Double.NaN));
        Path noAlt = tmp.resolve("noalt.csv");
        Files.writeString(noAlt, "id,lon,lat\nA,1,2\n");
        assertThatThrownBy(() -> AltSiteCsvReader.read(noAlt)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no ALT (m) column");
        Path neg = tmp.resolve("neg.csv");
        Files.writeString(neg, "site,lon,lat,alt\nA,1,2,-3\n");
        assertThatThrownBy(() -> AltSiteCsvReader.read(neg)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2").hasMessageContaining("-3.0");
        Path headless = tmp.resolve("headless.csv");
        Files.writeString(headless, "QT01,92.9,34.7,2.1\n");
        assertThatThrownBy(() -> AltSiteCsvReader.read(headless)).hasMessageContaining("header line is required");
        Path dup = tmp.resolve("dupsite.csv");
        Files.writeString(dup, "id,lon,lat,alt\nA,1,2,3\nA,1,2,3\n");
        assertThatThrownBy(() -> AltSiteCsvReader.read(dup)).hasMessageContaining("'A' repeats");
    }
}

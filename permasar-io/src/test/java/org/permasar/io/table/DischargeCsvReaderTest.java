package org.permasar.io.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.hydro.DischargeSeries;
import org.permasar.stack.InvalidInputException;

/** The hydrology samples of shared/data read as they are; counts from shared/data/README.md §5 and awk on the files. */
class DischargeCsvReaderTest {
    static final Path HYDRO = Path.of(System.getProperty("permasar.shared", "../shared")).resolve("data/hydrology");

    @TempDir
    Path tmp;

    static DischargeCsvReader.Read read(Path f, String col, String flag, DischargeCsvReader.Unit u, double area) throws IOException {
        return DischargeCsvReader.read(f, new DischargeCsvReader.Options(col, flag, u, area));
    }

    @Test
    void goldstream() throws IOException {
        DischargeCsvReader.Read r = read(HYDRO.resolve("goldstream/goldstream_GSS1_discharge_daily.csv"), null,
                "n_ice_affected", null, Double.NaN);
        DischargeSeries s = r.series();
        assertThat(r.column()).isEqualTo("q_mean_m3s");
        // README: 530 AKST days with records, 17 with empty Q; 2016-04-15 … 2018-09-30 with winter gaps
        assertThat(s.start()).isEqualTo(LocalDate.of(2016, 4, 15));
        assertThat(s.date(s.size() - 1)).isEqualTo(LocalDate.of(2018, 9, 30));
        assertThat(s.validDays()).isEqualTo(530 - 17);
        assertThat(s.q(0)).isEqualTo(0.9880);
        assertThat(s.q((int) (LocalDate.of(2017, 7, 1).toEpochDay() - s.start().toEpochDay()))).isEqualTo(0.9924);
        int flagged = 0;
        for (boolean b : s.flagged()) {
            flagged += b ? 1 : 0;
        }
        assertThat(flagged).isEqualTo(81); // awk: rows with n_ice_affected > 0
    }

    @Test
    void jarvisCreekDownstream() throws IOException {
        DischargeCsvReader.Read r = read(HYDRO.resolve("jarvis_creek/jarvis_creek_discharge_daily.csv"), null, null, null,
                Double.NaN);
        assertThat(r.column()).isEqualTo("q_downstream_mean_m3s");
        DischargeSeries s = r.series();
        assertThat(s.start()).isEqualTo(LocalDate.of(2013, 5, 22));
        assertThat(s.date(s.size() - 1)).isEqualTo(LocalDate.of(2016, 10, 18));
        assertThat(s.q((int) (LocalDate.of(2015, 7, 1).toEpochDay() - s.start().toEpochDay()))).isEqualTo(14.2567);
        DischargeSeries up = read(HYDRO.resolve("jarvis_creek/jarvis_creek_discharge_daily.csv"), "Q_UPSTREAM_MEAN_M3S", null,
                null, Double.NaN).series();
        assertThat(up.q((int) (LocalDate.of(2015, 7, 1).toEpochDay() - up.start().toEpochDay()))).isEqualTo(16.6902);
    }

    @Test
    void camelsInCubicFeetWithEstimatedFlags() throws IOException {
        DischargeCsvReader.Read r = read(HYDRO.resolve("camels_us/usgs_streamflow/01022500_streamflow_qc.txt"), null, null,
                null, Double.NaN);
        assertThat(r.layout()).isEqualTo("camels");
        assertThat(r.unit()).isEqualTo(DischargeCsvReader.Unit.FT3S);
        DischargeSeries s = r.series();
        assertThat(s.size()).isEqualTo(1096);
        assertThat(s.validDays()).isEqualTo(1096);
        assertThat(s.q(0)).isCloseTo(255.00 * 0.028316846592, within(1e-12));
        int flagged = 0;
        for (boolean b : s.flagged()) {
            flagged += b ? 1 : 0;
        }
        assertThat(flagged).isEqualTo(225); // awk: 225 'A:e' rows
    }

    @Test
    void unitsAndGaps() throws IOException {
        Path f = tmp.resolve("q.csv");
        Files.writeString(f, "date,flow,flag\n2020-01-01,8.64,\n2020-01-03,,A\n2020-01-04,-999,e\n2020-01-05,1,ice\n");
        DischargeSeries mm = read(f, null, "flag", DischargeCsvReader.Unit.MMDAY, 100).series();
        // 8.64 mm/day over 100 km² = 8.64e-3 m · 1e8 m² / 86 400 s = 10 m³/s
        assertThat(mm.q(0)).isCloseTo(10, within(1e-12));
        assertThat(mm.q(1)).isNaN(); // absent day
        assertThat(mm.q(2)).isNaN(); // empty cell
        assertThat(mm.q(3)).isNaN(); // −999
        assertThat(mm.flagged()).containsExactly(false, false, false, true, true);
        assertThat(read(f, null, null, DischargeCsvReader.Unit.M3DAY, Double.NaN).series().q(0)).isCloseTo(1e-4, within(1e-15));
    }

    @Test
    void badInputNamesFileColumnAndLine() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "date,q\n2020-01-02,1\n2020-01-01,2\n");
        assertThatThrownBy(() -> read(f, null, null, null, Double.NaN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("line 3").hasMessageContaining("goes back");
        Files.writeString(f, "date,q\n2020-01-01,1\n2020-01-02,x\n");
        assertThatThrownBy(() -> read(f, null, null, null, Double.NaN)).hasMessageContaining("[q]")
                .hasMessageContaining("line 3: 'x' is not a number");
        Files.writeString(f, "date,level\n2020-01-01,1\n");
        assertThatThrownBy(() -> read(f, null, null, null, Double.NaN)).hasMessageContaining("no discharge column");
        assertThatThrownBy(() -> read(f, "q_cms", null, null, Double.NaN)).hasMessageContaining("no discharge 'q_cms' column");
        assertThatThrownBy(() -> new DischargeCsvReader.Options(null, null, DischargeCsvReader.Unit.MMDAY, Double.NaN))
                .hasMessageContaining("--area-km2");
        assertThatThrownBy(() -> DischargeCsvReader.Unit.parse("l/s")).hasMessageContaining("--units l/s");
    }
}

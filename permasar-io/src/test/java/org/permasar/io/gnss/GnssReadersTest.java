package org.permasar.io.gnss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.GnssSeries;

class GnssReadersTest {
    private static final Path GNSS = Path.of(System.getProperty("permasar.shared", "../shared"), "data", "gnss");

    @Test
    void tenv3Station34A2() throws Exception {
        Path f = GNSS.resolve("34A2.tenv3");
        assumeTrue(Files.exists(f), "sample data absent");
        GnssSeries s = Tenv3Reader.read(f);
        // data/README.md §6: 148 daily solutions, 2015-03-20 … 2016-10-18, 41.853 N -119.607 E
        assertThat(s.station()).isEqualTo("34A2");
        assertThat(s.size()).isEqualTo(148);
        assertThat(s.dates()[0]).isEqualTo(LocalDate.of(2015, 3, 20));
        assertThat(s.dates()[147]).isEqualTo(LocalDate.of(2016, 10, 18));
        // first row: e0 -611 + east -0.510421; n0 4635322 + 0.377561; u0 1862 + 0.772684; sig_u 0.002478 (m)
        assertThat(s.east()[0]).isCloseTo(-611.510421, within(1e-9));
        assertThat(s.north()[0]).isCloseTo(4635322.377561, within(1e-6));
        assertThat(s.up()[0]).isCloseTo(1862.772684, within(1e-9));
        assertThat(s.sigmaUp()[0]).isCloseTo(0.002478, within(1e-12));
        // the up column plus u0 equals the row's ellipsoidal height column (1862.77268)
        assertThat(s.up()[0]).isCloseTo(1862.77268, within(1e-5));
        assertThat(s.latitude()).isCloseTo(41.853, within(1e-3));
        assertThat(s.longitude()).isCloseTo(-119.607, within(1e-3));
    }

    @Test
    void usudCsvWithTohokuStep() throws Exception {
        Path f = GNSS.resolve("USUDneu9818.csv");
        assumeTrue(Files.exists(f), "sample data absent");
        GnssSeries s = NeuCsvReader.read(f);
        assertThat(s.station()).isEqualTo("USUD");
        assertThat(s.size()).isEqualTo(4174);
        assertThat(s.dates()[0]).isEqualTo(LocalDate.of(2005, 7, 29));
        assertThat(s.dates()[4173]).isEqualTo(LocalDate.of(2016, 12, 31));
        // first row -82.07, 0.95, -15.56 mm
        assertThat(s.east()[0]).isCloseTo(-0.08207, within(1e-12));
        assertThat(s.up()[0]).isCloseTo(-0.01556, within(1e-12));
        assertThat(s.sigmaEast()[0]).isNaN();
        int i = Arrays.asList(s.dates()).indexOf(LocalDate.of(2011, 3, 10));
        assertThat(s.dates()[i + 2]).isEqualTo(LocalDate.of(2011, 3, 12));
        // README §6: +223 mm in 'lat' (north) between 2011-03-10 and 03-12 (6.78 -> 230.04 mm)
        assertThat(s.north()[i + 2] - s.north()[i]).isCloseTo(0.223, within(0.001));
    }

    @Test
    void g001CsvStartsAtZeroAndIsDaily() throws Exception {
        Path f = GNSS.resolve("G001neu9818.csv");
        assumeTrue(Files.exists(f), "sample data absent");
        GnssSeries s = NeuCsvReader.read(f);
        assertThat(s.size()).isEqualTo(3390);
        assertThat(s.dates()[0]).isEqualTo(LocalDate.of(2009, 1, 2));
        assertThat(s.dates()[3389]).isEqualTo(LocalDate.of(2018, 4, 14));
        // daily with no gaps: 2009-01-02 .. 2018-04-14 spans 3389 days
        assertThat(s.dates()[3389].toEpochDay() - s.dates()[0].toEpochDay()).isEqualTo(3389);
        assertThat(new double[] {s.east()[0], s.north()[0], s.up()[0]}).containsExactly(0, 0, 0);
    }

    @Test
    void badFilesNameTheProblem(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "time,lon,lat,ver,group\n2020-01-01,1,2,x,ST\n");
        assertThatThrownBy(() -> NeuCsvReader.read(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("line 2");
        Path noHeader = dir.resolve("x.tenv3");
        Files.writeString(noHeader, "34A2 15MAR20 2015.2142 57101\n");
        assertThatThrownBy(() -> Tenv3Reader.read(noHeader)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header");
    }
}

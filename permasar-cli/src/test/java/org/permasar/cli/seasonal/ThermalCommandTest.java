package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/**
 * Station mode on the Wudaoliang ground-surface temperature (1956–2018). Referee: degree-days summed
 * directly from the CSV rows in this test (own parser, Σ max(T,0) and Σ max(−T,0) over each permafrost
 * year written by the command), and the physical plausibility of the onsets on the Qinghai–Tibet Plateau.
 */
class ThermalCommandTest {

    @Test
    void wudaoliangDegreeDaysEqualADirectSumOfTheCsv(@TempDir Path tmp) throws Exception {
        Path csv = CliRunner.shared().resolve("data/temperature/wudaoliang_daily_1956-2018.csv");
        CliRunner.Result r = CliRunner.run("thermal", "--station", csv.toString(), "--column", "tgs_degC", "--out", tmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        TreeMap<LocalDate, Double> t = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",", -1);
        int col = List.of(head).indexOf("tgs_degC");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            if (f.length > col && !f[col].isBlank() && !f[col].equalsIgnoreCase("NA")) {
                t.put(LocalDate.parse(f[0]), Double.parseDouble(f[col]));
            }
        }
        List<String> out = Files.readAllLines(tmp.resolve("thermal_years.csv"));
        int checked = 0;
        for (int i = 1; i < out.size(); i++) {
            String[] f = out.get(i).split(",", -1);
            if (!f[1].isEmpty()) {
                double thaw = Double.parseDouble(f[1]);
                assertThat(thaw).as("thaw onset %s", f[0]).isBetween(60.0, 220.0);
                if (!f[2].isEmpty()) {
                    assertThat(Double.parseDouble(f[2])).as("freeze onset %s", f[0]).isBetween(thaw + 60, 366.0 + 60);
                }
            }
            if (f[4].isEmpty()) {
                continue;
            }
            LocalDate a = LocalDate.parse(f[3]);
            LocalDate b = a.plusYears(1);             // next onset: same day of year (onset = Jan 1 + round(doy) − 1)
            b = LocalDate.ofYearDay(b.getYear(), Math.min(a.getDayOfYear(), b.lengthOfYear()));
            double addt = 0, addf = 0;
            int days = 0;
            for (LocalDate d = a; d.isBefore(b); d = d.plusDays(1)) {
                Double v = t.get(d);
                assertThat(v).as("complete year %s has a value on %s", f[0], d).isNotNull();
                addt += Math.max(v, 0);
                addf += Math.max(-v, 0);
                days++;
            }
            assertThat(days).isBetween(365, 366);
            assertThat(Double.parseDouble(f[4])).as("ADDT %s", f[0]).isCloseTo(addt, within(0.006));
            assertThat(Double.parseDouble(f[5])).as("ADDF %s", f[0]).isCloseTo(addf, within(0.006));
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(r.out()).contains("years").contains("complete degree-days");
    }

    @Test
    void missingStationFileExitsTwo(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("thermal", "--station", tmp.resolve("none.csv").toString(), "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }
}

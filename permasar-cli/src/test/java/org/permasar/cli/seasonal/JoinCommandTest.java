package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/**
 * {@code permasar join} on two simulated sensors written as CSV: L-band 2007–2010 (46 days, σ 8 mm,
 * offset −25 mm, metres in the file) and C-band 2015–2022 (12 days, σ 3 mm, offset +40 mm, a _mm column);
 * truth: rate −12 mm/yr, annual c = 6, s = −8 mm from 2007-01-01.
 */
class JoinCommandTest {
    @TempDir
    Path tmp;

    static void write(Path f, String header, LocalDate from, LocalDate to, int step, double sigmaMm, double offsetMm,
            double scale, Random rnd) throws IOException {
        StringBuilder b = new StringBuilder("date," + header + "\n");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(step)) {
            double t = (d.toEpochDay() - LocalDate.of(2007, 1, 1).toEpochDay()) / 365.25;
            double mm = offsetMm - 12 * t + 6 * Math.cos(2 * Math.PI * t) - 8 * Math.sin(2 * Math.PI * t) + sigmaMm * rnd.nextGaussian();
            b.append(d).append(',').append(mm * scale).append('\n');
        }
        Files.writeString(f, b.toString());
    }

    @Test
    void twoSensors() throws IOException {
        Random rnd = new Random(42);
        Path l = tmp.resolve("l.csv"), c = tmp.resolve("c.csv");
        write(l, "los_m", LocalDate.of(2007, 1, 1), LocalDate.of(2010, 12, 31), 46, 8, -25, 1e-3, rnd);
        write(c, "los_mm", LocalDate.of(2015, 1, 1), LocalDate.of(2022, 12, 31), 12, 3, 40, 1, rnd);
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("join", "--series", "L=" + l, "--series", "C=" + c + ":los_mm", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> p = Files.readAllLines(out.resolve("join_parameters.csv"));
        assertThat(value(p, "offset,L")).isCloseTo(-25, within(3 * std(p, "offset,L")));
        assertThat(value(p, "offset,C")).isCloseTo(40, within(3 * std(p, "offset,C")));
        assertThat(value(p, "rate,")).isCloseTo(-12, within(3 * std(p, "rate,")));
        assertThat(value(p, "sigma,C")).isCloseTo(3, within(0.4));
        assertThat(out.resolve("join.png")).exists();
        assertThat(Files.readAllLines(out.resolve("joined_series.csv"))).hasSize(1 + 32 + 244);
        // no seasonal subsidence shape beyond the sinusoid here: the factors exist for every complete season and sum to 1
        CliRunner.Result ts = CliRunner.run("join", "--series", "C=" + c, "--thaw-season", "05-15:09-30", "--out", out.toString());
        assertThat(ts.code()).as(ts.err()).isZero();
        List<String> f = Files.readAllLines(out.resolve("thaw_scaling.csv"));
        assertThat(f.get(0)).isEqualTo("year,season_total_mm,f1,f2,f3,f4");
        assertThat(f).hasSize(1 + 8 + 2);
        String[] mean = f.get(9).split(",");
        double sum = 0;
        for (int k = 2; k < 6; k++) {
            sum += Double.parseDouble(mean[k]);
        }
        assertThat(sum).isCloseTo(1, within(1e-5));
        CliRunner.Result bad = CliRunner.run("join", "--series", "L" + l, "--out", tmp.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("expected NAME=CSV");
    }

    private static double value(List<String> p, String key) {
        return Double.parseDouble(p.stream().filter(x -> x.startsWith(key)).findFirst().orElseThrow().split(",")[2]);
    }

    private static double std(List<String> p, String key) {
        return Double.parseDouble(p.stream().filter(x -> x.startsWith(key)).findFirst().orElseThrow().split(",")[3]);
    }
}

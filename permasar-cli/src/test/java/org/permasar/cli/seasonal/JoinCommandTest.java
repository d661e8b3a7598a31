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

    /**
     * A short L-band sensor in two campaigns (2008, 2010; the second referenced 30 mm off, as a disconnected
     * network gives) joined with C-band: with {@code --external-rate C} NSBAS reconnects the campaigns and
     * each campaign's mean misfit against the simulated truth, relative to C-band's, is a few mm; joined as
     * one series the second campaign keeps most of its 30 mm error.
     */
    @Test
    void externalRateReconnectsCampaigns() throws IOException {
        Random rnd = new Random(11);
        Path l = tmp.resolve("l2.csv"), c = tmp.resolve("c2.csv");
        write(l, "los_mm", LocalDate.of(2008, 1, 5), LocalDate.of(2008, 12, 20), 24, 4, -25, 1, rnd);
        List<String> second = new java.util.ArrayList<>(Files.readAllLines(l));
        Path l2 = tmp.resolve("l2b.csv");
        write(l2, "los_mm", LocalDate.of(2010, 1, 9), LocalDate.of(2010, 12, 20), 24, 4, 5, 1, rnd);
        second.addAll(Files.readAllLines(l2).subList(1, Files.readAllLines(l2).size()));
        Files.write(l, second);
        write(c, "los_mm", LocalDate.of(2015, 1, 1), LocalDate.of(2022, 12, 31), 12, 3, 40, 1, rnd);
        Path with = tmp.resolve("with"), without = tmp.resolve("without");
        CliRunner.Result r = CliRunner.run("join", "--series", "L=" + l, "--series", "C=" + c, "--external-rate", "C", "--out",
                with.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("L: 2 campaign(s) reconnected by NSBAS");
        List<String> p = Files.readAllLines(with.resolve("join_parameters.csv"));
        assertThat(value(p, "external_rate,C")).isCloseTo(-12, within(0.5));
        assertThat(CliRunner.run("join", "--series", "L=" + l, "--series", "C=" + c, "--out", without.toString()).code()).isZero();
        double[] e = campaignErrors(with), e0 = campaignErrors(without);
        System.out.printf("campaign misfit vs C-band: with --external-rate %.2f, %.2f mm; without %.2f, %.2f mm%n", e[0], e[1],
                e0[0], e0[1]);
        assertThat(Math.abs(e[0])).isLessThan(3);
        assertThat(Math.abs(e[1])).isLessThan(3);
        assertThat(Math.abs(e0[1] - e0[0])).isGreaterThan(20);
        assertThat(CliRunner.run("join", "--series", "L=" + l, "--series", "C=" + c, "--external-rate", "fast", "--out",
                tmp.resolve("bad").toString()).code()).isEqualTo(2);
        assertThat(CliRunner.run("join", "--series", "L=" + l, "--series", "C=" + c, "--external-rate", "C", "--constrain", "C",
                "--out", tmp.resolve("bad").toString()).code()).isEqualTo(2);
    }

    /** Mean (joined − truth) of the 2008 and 2010 L-band values minus that of C-band, mm. */
    private static double[] campaignErrors(Path out) throws IOException {
        double[] s = new double[3];
        int[] n = new int[3];
        for (String line : Files.readAllLines(out.resolve("joined_series.csv")).subList(1, Files.readAllLines(out.resolve(
                "joined_series.csv")).size())) {
            String[] f = line.split(",");
            LocalDate d = LocalDate.parse(f[0]);
            double t = (d.toEpochDay() - LocalDate.of(2007, 1, 1).toEpochDay()) / 365.25;
            double truth = -12 * t + 6 * Math.cos(2 * Math.PI * t) - 8 * Math.sin(2 * Math.PI * t);
            int k = f[1].equals("C") ? 2 : d.getYear() == 2008 ? 0 : 1;
            s[k] += Double.parseDouble(f[3]) - truth;
            n[k]++;
        }
        return new double[] {s[0] / n[0] - s[2] / n[2], s[1] / n[1] - s[2] / n[2]};
    }

    private static double value(List<String> p, String key) {
        return Double.parseDouble(p.stream().filter(x -> x.startsWith(key)).findFirst().orElseThrow().split(",")[2]);
    }

    private static double std(List<String> p, String key) {
        return Double.parseDouble(p.stream().filter(x -> x.startsWith(key)).findFirst().orElseThrow().split(",")[3]);
    }
}

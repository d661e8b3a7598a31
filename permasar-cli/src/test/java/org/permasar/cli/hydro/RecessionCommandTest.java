package org.permasar.cli.hydro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/** {@code permasar recession} end to end on the Goldstream sample, and its bad-input lines. */
class RecessionCommandTest {
    static final Path GOLDSTREAM = CliRunner.shared().resolve("data/hydrology/goldstream/goldstream_GSS1_discharge_daily.csv");

    @TempDir
    Path tmp;

    @Test
    void goldstreamEndToEnd() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("recession", "--discharge", GOLDSTREAM.toString(), "--bootstrap", "50",
                "--break-date", "2017-01-01", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : List.of("recession_events.csv", "recession_fit.csv", "recession_yearly.csv", "trend_tests.csv",
                "recession_settings.txt", "recession_cloud.png", "recession_yearly.png")) {
            assertThat(out.resolve(f)).exists();
        }
        List<String> fit = Files.readAllLines(out.resolve("recession_fit.csv"));
        assertThat(fit.get(0)).startsWith("derivative,scope,method,a,a_lo,a_hi,b,b_lo,b_hi,n_points,n_events");
        // 3 derivatives × (3 pooled + per-event + 3 before + 3 after)
        assertThat(fit).hasSize(1 + 3 * 10);
        assertThat(fit).anyMatch(l -> l.startsWith("backward,before 2017-01-01,nls,"));
        List<String> years = Files.readAllLines(out.resolve("recession_yearly.csv"));
        assertThat(years).extracting(l -> l.split(",")[0]).containsExactly("year", "2016", "2017", "2018");
        List<String> events = Files.readAllLines(out.resolve("recession_events.csv"));
        // every event starts and ends inside the record and lasts ≥ 5 days
        for (String e : events.subList(1, events.size())) {
            String[] f = e.split(",");
            assertThat(Integer.parseInt(f[3])).isGreaterThanOrEqualTo(5);
            assertThat(f[1].compareTo("2016-04-15")).isGreaterThanOrEqualTo(0);
            assertThat(f[2].compareTo("2018-09-30")).isLessThanOrEqualTo(0);
        }
        assertThat(Files.readString(out.resolve("recession_settings.txt"))).contains("seed 20261207");
        assertThat(Files.readAllLines(out.resolve("trend_tests.csv"))).hasSize(6);
    }

    @Test
    void badInputsExitTwoWithOneLine() {
        String q = GOLDSTREAM.toString(), o = tmp.resolve("bad").toString();
        expectBad(new String[] {"recession", "--discharge", q, "--season", "6-1", "--out", o}, "--season 6-1");
        expectBad(new String[] {"recession", "--discharge", q, "--method", "forward", "--out", o}, "'forward'");
        expectBad(new String[] {"recession", "--discharge", q, "--break-date", "2017-13-01", "--out", o}, "--break-date");
        expectBad(new String[] {"recession", "--discharge", q, "--min-days", "2", "--out", o}, "--min-days must be ≥ 3");
        expectBad(new String[] {"recession", "--discharge", tmp.resolve("none.csv").toString(), "--out", o}, "no such discharge file");
        expectBad(new String[] {"recession", "--discharge", q, "--column", "q_max", "--out", o}, "no discharge 'q_max' column");
        expectBad(new String[] {"recession", "--discharge", q, "--units", "mm/day", "--out", o}, "--area-km2");
        expectBad(new String[] {"recession", "--discharge", q, "--season", "01-01:01-10", "--out", o}, "no recession");
        expectBad(new String[] {"recession", "--discharge", q, "--tau", "0.7", "--out", o}, "--tau");
        expectBad(new String[] {"recession", "--discharge", q, "--units", "l/s", "--out", o}, "--units l/s");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    private static void expectBad(String[] args, String fragment) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(fragment);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }
}

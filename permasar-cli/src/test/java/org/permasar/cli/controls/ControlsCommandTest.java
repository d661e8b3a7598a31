package org.permasar.cli.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/**
 * {@code permasar controls --table}: the R {@code geodetector} vignette on its CollectData table
 * (shared/data/geodetector/README.md), an OPGD run on a table with a known step response, and bad inputs.
 */
class ControlsCommandTest {
    @TempDir
    Path dir;

    static Path collectData() {
        return CliRunner.shared().resolve("data/geodetector/collectdata_heshun_ntd.csv");
    }

    @Test
    void reproducesTheVignetteThroughTheTableMode() throws IOException {
        CliRunner.Result r = CliRunner.run("controls", "--table", collectData().toString(), "--y", "incidence",
                "--factors", "watershed,soiltype,elevation", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> f = rows(dir.resolve("factor_detector.csv"), "factor");
        // README (the vignette, 7 significant digits): q within their rounding, p to 1e-4 relative
        checkQp(f.get("watershed"), 0.6377737, 0.0001169914);
        checkQp(f.get("soiltype"), 0.3857168, 0.3632363);
        checkQp(f.get("elevation"), 0.6067087, 0.0408041);
        // full precision: numpy two-pass q from the README's formula (/usr/bin/python3), to 1e-9
        assertThat(d(f.get("watershed"), "q")).isCloseTo(0.6377736700704233, within(1e-9));
        assertThat(d(f.get("soiltype"), "q")).isCloseTo(0.38571684280942764, within(1e-9));
        assertThat(d(f.get("elevation"), "q")).isCloseTo(0.6067087097277272, within(1e-9));
        assertThat(f.get("watershed").get("convention")).isEqualTo("keep");
        Map<String, Map<String, String>> in = rows(dir.resolve("interaction_detector.csv"), "factor1", "factor2");
        assertThat(d(in.get("watershed|soiltype"), "q")).isCloseTo(0.7356805, within(5e-8)).isCloseTo(0.7356805481395312, within(1e-9));
        assertThat(d(in.get("watershed|elevation"), "q")).isCloseTo(0.7135968, within(5e-8)).isCloseTo(0.7135967785347096, within(1e-9));
        assertThat(d(in.get("soiltype|elevation"), "q")).isCloseTo(0.6635237, within(5e-8)).isCloseTo(0.6635236983356346, within(1e-9));
        assertThat(in.get("watershed|soiltype").get("interaction")).isEqualTo("bi-enhance");
        assertThat(Files.readAllLines(dir.resolve("risk_detector.csv")).get(0))
                .isEqualTo("factor,stratum_a,stratum_b,mean_a,mean_b,n_a,n_b,t,df,p,significant");
        // 9·8/2 + 5·4/2 + 7·6/2 pairs
        assertThat(Files.readAllLines(dir.resolve("risk_detector.csv"))).hasSize(1 + 36 + 10 + 21);
        assertThat(Files.readAllLines(dir.resolve("ecological_detector.csv"))).hasSize(4);
        assertThat(r.out()).contains("watershed").contains("keep (R geodetector");
    }

    @Test
    void binnedStatisticsAndCrossedClassesMatchNumpy() throws IOException {
        CliRunner.Result r = CliRunner.run("controls", "--table", collectData().toString(), "--y", "incidence",
                "--factors", "watershed,soiltype,elevation", "--cross", "soiltype,elevation", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> b = rows(dir.resolve("binned_statistics.csv"), "factor", "class");
        // numpy: incidence where soiltype = 3 and elevation = 1: n 13, mean 6.31846…, np.quantile (type 7)
        Map<String, String> x = b.get("soiltype×elevation|3 × 1");
        assertThat(x.get("n")).isEqualTo("13");
        assertThat(d(x, "mean")).isCloseTo(6.3184615384615395, within(1e-12));
        assertThat(d(x, "p02")).isCloseTo(5.9716000000000005, within(1e-12));
        assertThat(d(x, "p25")).isCloseTo(6.11, within(1e-12));
        assertThat(d(x, "p50")).isCloseTo(6.2, within(1e-12));
        assertThat(d(x, "p75")).isCloseTo(6.53, within(1e-12));
        assertThat(d(x, "p98")).isCloseTo(6.755599999999999, within(1e-12));
        // 18 of the 5 × 7 crossings are populated (as the interaction detector's 18 strata)
        assertThat(b.entrySet().stream().filter(e -> e.getKey().startsWith("soiltype×elevation|")
                && !e.getValue().get("n").equals("0")).count()).isEqualTo(18);
        assertThat(dir.resolve("boxplot_soiltype_x_elevation.png")).exists();
        assertThat(dir.resolve("boxplot_watershed.png")).exists();
    }

    @Test
    void dropConventionIsSelectable() throws IOException {
        CliRunner.Result r = CliRunner.run("controls", "--table", collectData().toString(), "--y", "incidence",
                "--factors", "watershed,soiltype,elevation", "--single-member", "drop", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> f = rows(dir.resolve("factor_detector.csv"), "factor");
        // numpy + scipy.stats.ncf with single-member strata dropped and the population variance in λ
        assertThat(d(f.get("watershed"), "p")).isCloseTo(0.00012880226356173197, within(1e-12));
        assertThat(f.get("watershed").get("convention")).isEqualTo("drop");
        Map<String, Map<String, String>> in = rows(dir.resolve("interaction_detector.csv"), "factor1", "factor2");
        assertThat(d(in.get("watershed|soiltype"), "q")).isCloseTo(0.7231835614505173, within(1e-9));
    }

    @Test
    void opgdOnAContinuousColumn() throws IOException {
        // y = 10·[x > 1] + 20·[x > 2] + N(0, 0.1²), x uniform on [0, 3]: three strata explain nearly everything
        long seed = 3;
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder("x,y,zone\n");
        for (int i = 0; i < 400; i++) {
            double x = 3 * rnd.nextDouble();
            double y = (x > 1 ? 10 : 0) + (x > 2 ? 20 : 0) + 0.1 * rnd.nextGaussian();
            b.append(String.format(Locale.ROOT, "%.6f,%.6f,%s%n", x, y, i % 2 == 0 ? "a" : "b"));
        }
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, b);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("controls", "--table", csv.toString(), "--y", "y", "--factors", "x,zone",
                "--discretize", "x=opgd", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> f = rows(out.resolve("factor_detector.csv"), "factor");
        assertThat(d(f.get("x"), "q")).as("seed " + seed).isGreaterThan(0.99);
        assertThat(f.get("x").get("strata")).isEqualTo("3");
        assertThat(d(f.get("zone"), "q")).isLessThan(0.05);
        List<String> disc = Files.readAllLines(out.resolve("discretization.csv"));
        assertThat(disc).hasSize(1 + 5 * 7);
        assertThat(disc.stream().filter(l -> l.contains(",true,")).count()).isEqualTo(1);
    }

    @Test
    void badInputsExitTwoWithOneLine() throws IOException {
        String t = collectData().toString();
        CliRunner.Result r = CliRunner.run("controls", "--table", t, "--y", "incidence", "--factors", "watershed,nope",
                "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope").contains("no such column");
        r = CliRunner.run("controls", "--table", t, "--y", "watershed", "--factors", "incidence", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("incidence").contains("--discretize");
        r = CliRunner.run("controls", "--table", t, "--y", "incidence", "--factors", "watershed", "--discretize",
                "watershed=median:3", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("median");
        r = CliRunner.run("controls", "--table", t, "--y", "incidence", "--factors", "watershed", "--discretize",
                "soiltype=quantile:3", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("soiltype").contains("not one of --factors");
        assertThat(dir.resolve("factor_detector.csv")).doesNotExist();
    }

    private static void checkQp(Map<String, String> row, double q, double p) {
        assertThat(d(row, "q")).isCloseTo(q, within(5e-8));
        assertThat(d(row, "p")).isCloseTo(p, within(1e-4 * p));
    }

    private static double d(Map<String, String> row, String col) {
        return Double.parseDouble(row.get(col));
    }

    /** CSV rows keyed by the given columns joined with "|". */
    static Map<String, Map<String, String>> rows(Path csv, String... key) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] h = lines.get(0).split(",");
        Map<String, Map<String, String>> m = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < h.length; i++) {
                row.put(h[i], c[i]);
            }
            List<String> k = new ArrayList<>();
            for (String s : key) {
                k.add(row.get(s));
            }
            m.put(String.join("|", k), row);
        }
        return m;
    }
}

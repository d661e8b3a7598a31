package org.permasar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.io.AtomicFiles;

/**
 * {@code permasar bench commands} and {@code bench scaling} at tiny sizes: every command runs as a
 * child process and gets a positive wall time and peak RSS; the table, CSV and JSON, the fits and the
 * plots are written. No timing is asserted. MintPy rows are checked where MintPy is installed.
 */
class BenchCommandsCommandTest {

    @Test
    void tinyBenchTimesEveryCommandWholeAndWritesTheTable(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bench");
        CliRunner.Result r = CliRunner.run("bench", "commands", "--out", out.toString(), "--pixels", "500", "--pairs", "60",
                "--dates", "30", "--fit-size", "10x12", "--threads", "1");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String[]> rows = csvRows(out.resolve("bench-commands.csv"));
        List<String> steps = new ArrayList<>();
        for (String[] row : rows) {
            steps.add(row[0]);
            assertThat(Double.parseDouble(row[3])).as("wall s of " + row[0]).isPositive();
            assertThat(Double.parseDouble(row[4])).as("peak RSS MB of " + row[0]).isPositive();
            assertThat(Double.parseDouble(row[5])).as("px/s of " + row[0]).isPositive();
        }
        assertThat(steps).contains("invert wls:var", "invert l1", "invert l2:no", "fit trend+annual", "fit pecm");
        assertThat(rows.get(0)[2]).isEqualTo("500");
        assertThat(rows.get(0)[9]).as("block-loop px/s parsed from invert's log").isNotEmpty();
        if (BenchInvertCommand.hasMintPy()) {
            assertThat(steps).contains("MintPy -w var", "MintPy -w no");
            assertThat(r.out()).contains("whole command: permasar invert wls var is").contains("× MintPy -w var");
        }
        assertThat(r.out()).contains("L1 wall ÷ WLS wall").contains("load average");
        assertThat(Files.readString(out.resolve("bench-commands.json"))).contains("\"step\": \"invert wls:var\"");
        assertThat(Files.readString(out.resolve("bench-commands.md"))).contains("| invert l1").contains("load average");
        assertThat(out.resolve("logs/invert-wls-var.log")).exists();
        assertThat(out.resolve("work")).doesNotExist();
    }

    @Test
    void aRelativeOutFolderWorksThoughTheChildrenRunInTheirOwnFolders() throws IOException {
        // found on real use: `bench commands --out bench1` failed at its first child, GNU time being given the
        // relative path of its figures file inside the child's folder
        Path out = Path.of("target", "bench-relative-" + ProcessHandle.current().pid());
        assertThat(out.isAbsolute()).isFalse();
        try {
            CliRunner.Result r = CliRunner.run("bench", "commands", "--out", out.toString(), "--pixels", "300", "--pairs",
                    "40", "--dates", "20", "--invert", "wls:var", "--no-mintpy", "--fit-size", "none", "--threads", "1");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(csvRows(out.resolve("bench-commands.csv"))).extracting(row -> row[0]).containsExactly("invert wls:var");
        } finally {
            AtomicFiles.deleteRecursively(out);
        }
    }

    @Test
    void mintpyOnAScaledSubsetIsLabelledScaled(@TempDir Path dir) throws IOException {
        assumeTrue(BenchInvertCommand.hasMintPy(), "MintPy not installed");
        Path out = dir.resolve("bench");
        CliRunner.Result r = CliRunner.run("bench", "commands", "--out", out.toString(), "--pixels", "400", "--pairs", "40",
                "--dates", "20", "--invert", "wls:var", "--mintpy-weights", "var", "--mintpy-pixels", "100",
                "--fit-size", "none", "--threads", "1");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("bench-commands.csv"))).contains("SCALED: first 200 of the 400 px");
    }

    @Test
    void scalingSweepFitsExponentsAndDrawsThePlots(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("scaling");
        CliRunner.Result r = CliRunner.run("bench", "scaling", "--out", out.toString(), "--pixels", "300,900",
                // 32 dates 12 days apart span 1.02 years: trend+annual needs a whole period
                "--at-pairs", "40", "--dates", "32", "--pairs", "40,80", "--at-pixels", "300", "--pecm-sizes", "none",
                "--threads", "1");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String[]> pts = csvRows(out.resolve("scaling.csv"));
        assertThat(pts).hasSize(6); // 2 invert + 2 fit against pixels, 2 invert against pairs
        for (String[] p : pts) {
            assertThat(Double.parseDouble(p[4])).as("wall of " + p[0]).isPositive();
            assertThat(Double.parseDouble(p[5])).as("RSS of " + p[0]).isPositive();
        }
        List<String[]> fits = csvRows(out.resolve("scaling-fits.csv"));
        assertThat(fits).extracting(f -> f[0]).containsExactly("invert wls var vs pixels", "fit trend+annual vs pixels",
                "invert wls var vs pairs");
        for (String[] f : fits) {
            assertThat(Double.isFinite(Double.parseDouble(f[3]))).as("exponent of " + f[0]).isTrue();
        }
        assertThat(out.resolve("scaling-pixels.png")).isNotEmptyFile();
        assertThat(out.resolve("scaling-pairs.png")).isNotEmptyFile();
    }

    @Test
    void syntheticRowsAreTheSameWhicheverBandTheyAreWrittenIn() {
        SyntheticStack s = SyntheticStack.create(20, 40, 6 * 250, 7);
        int m = 40, cols = s.grid.cols();
        assertThat(s.grid.rows()).isEqualTo(6);
        float[] allPh = new float[m * 6 * cols], allCo = new float[allPh.length];
        s.band(0, 6, allPh, allCo);
        float[] ph = new float[m * 4 * cols], co = new float[ph.length];
        s.band(2, 4, ph, co); // rows 2…5 alone
        for (int k = 0; k < m; k++) {
            for (int p = 0; p < 4 * cols; p++) {
                assertThat(ph[k * 4 * cols + p]).isEqualTo(allPh[k * 6 * cols + 2 * cols + p]);
                assertThat(co[k * 4 * cols + p]).isEqualTo(allCo[k * 6 * cols + 2 * cols + p]);
            }
        }
    }

    @Test
    void powerLawFitRecoversExactExponents() {
        double[] x = {1e4, 3e4, 1e5, 3e5, 1e6};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2.5e-4 * Math.pow(x[i], 0.93);
        }
        PowerLawFit f = PowerLawFit.fit(x, y);
        assertThat(f.b()).isCloseTo(0.93, within(1e-12));
        assertThat(f.a()).isCloseTo(2.5e-4, within(1e-15));
        assertThat(f.rSquared()).isCloseTo(1, within(1e-12));
        assertThat(f.at(2e5)).isCloseTo(2.5e-4 * Math.pow(2e5, 0.93), within(1e-9));
        // points without positive x and y are skipped
        PowerLawFit g = PowerLawFit.fit(new double[] {0, 10, 100, 1000}, new double[] {5, 3, 300, -1});
        assertThat(g.b()).isCloseTo(2, within(1e-12));
        assertThat(g.points()).isEqualTo(2);
        assertThat(g.rSquared()).isNaN();
    }

    @Test
    void powerLawFitRefusesTooFewPoints() {
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two points");
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {3, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all x are equal");
    }

    @Test
    void everyMeterSeesTheChildsPeakMemory(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of(ChildMeter.PYTHON)), "no " + ChildMeter.PYTHON);
        // the child touches 150 MB, then sleeps so that the polling meter sees it
        List<String> cmd = List.of(ChildMeter.PYTHON, "-c", "import time; b = b'\\x01' * (150 * 2**20); time.sleep(0.3)");
        for (ChildMeter.Kind k : ChildMeter.Kind.values()) {
            if (k == ChildMeter.Kind.GNU_TIME && !Files.isExecutable(Path.of(ChildMeter.GNU_TIME))) {
                continue;
            }
            ChildMeter.Measurement m = ChildMeter.of(k).run(cmd, dir, dir.resolve(k + ".log"), Map.of(), 60);
            assertThat(m.exitCode()).as(k.toString()).isZero();
            assertThat(m.wallSeconds()).as(k.toString()).isGreaterThanOrEqualTo(0.3);
            assertThat(m.peakRssMb()).as(k.toString()).isBetween(150.0, 400.0);
        }
        ChildMeter.Measurement fail = ChildMeter.of(ChildMeter.Kind.PYTHON_RUSAGE).run(List.of("false"), dir,
                dir.resolve("false.log"), Map.of(), 60);
        assertThat(fail.exitCode()).isEqualTo(1);
    }

    /** Data rows of a CSV written by {@link ResultTable} (cells with commas are quoted). */
    private static List<String[]> csvRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1));
        }
        return rows;
    }
}

package org.permasar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.io.mintpy.MintPyProduct;

/**
 * {@code invert --ref-lalo} and {@code plot --lalo} on the simulated scene's UTM grid (EPSG:32646, 16 × 20 px of
 * 100 m from E 499 000, N 3 873 843). 35.0003° N 93.0005° E is E 500 045.63, N 3 873 076.33 (gdaltransform), i.e.
 * col 10.456, row 7.667 (gdaltransform -i on dem.tif): pixel (7, 10). Before the CRS went through LatLonLocator,
 * {@code --ref-lalo} refused every non-geographic grid.
 */
class LatLonOptionsTest {
    static final String LALO = "35.0003,93.0005";

    @TempDir
    static Path tmp;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--small", "--out", sim.toString()).code()).isZero();
    }

    @Test
    void refLaloAndPlotLaloFindTheSamePixelOnTheUtmGrid() throws Exception {
        Path out = tmp.resolve("inv");
        CliRunner.Result r = CliRunner.run("invert", sim.resolve("asc/ifgramStack.h5").toString(), "--ref-lalo", LALO,
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (MintPyProduct p = MintPyProduct.open(out.resolve("timeseries.h5"))) {
            assertThat(p.attributes()).containsEntry("REF_Y", "7").containsEntry("REF_X", "10");
        }
        Path png = tmp.resolve("at.png");
        CliRunner.Result plot = CliRunner.run("plot", out.resolve("timeseries.h5").toString(), "--lalo", LALO, "--out",
                png.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(plot.out()).contains("--lalo " + LALO + ": row 7, col 10");
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void pointsOffTheGridAreExitTwoNamingTheOption() {
        CliRunner.Result r = CliRunner.run("invert", sim.resolve("asc/ifgramStack.h5").toString(), "--ref-lalo", "36,93",
                "--out", tmp.resolve("off").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--ref-lalo (lat 36.0, lon 93.0) lies outside the grid: row -").contains("of 16 × 20 px");
        Path ts = sim.resolve("asc/truthTimeseries.h5");
        CliRunner.Result p = CliRunner.run("plot", ts.toString(), "--lalo", "36,93", "--out", tmp.resolve("x.png").toString());
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("--lalo (lat 36.0, lon 93.0) lies outside the grid");
        CliRunner.Result both = CliRunner.run("plot", ts.toString(), "--lalo", LALO, "--pixel", "1,1");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        CliRunner.Result bad = CliRunner.run("plot", ts.toString(), "--lalo", "35N");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--lalo needs LAT,LON in degrees, got '35N'");
    }
}

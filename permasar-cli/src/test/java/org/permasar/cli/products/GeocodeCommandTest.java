package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;

/**
 * {@code permasar geocode} against MintPy 1.5.1's own {@code geocode.py} on the same radar-geometry time
 * series (Etna, {@code invert} of ../shared/data/insar/etna_kfts, 20 × 20 px in radar geometry, lookup
 * {@code etna_geometryRadar.h5}), same step: the grids must coincide (X_FIRST, Y_FIRST, steps, size) and
 * the series of the cells both fill must be identical for ≥ 99 % of them (measured 2026-12-07: 320 of
 * 322; the two others are nearest-neighbour ties, pyresample measuring chord distances). Skipped without
 * Debian's {@code /usr/bin/python3} with MintPy.
 */
class GeocodeCommandTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void geocodedEtnaSeriesEqualsMintPysGeocode() throws Exception {
        Path etna = CliRunner.shared().resolve("data/insar/etna_kfts");
        assumeTrue(Files.isRegularFile(etna.resolve("etna_ifgramStack.h5")), "needs ../shared/data/insar/etna_kfts");
        assumeTrue(run(List.of(PYTHON, "-c", "import mintpy.cli.geocode, pyresample"), dir) == 0,
                "needs MintPy and pyresample under " + PYTHON);
        assertThat(CliRunner.run("invert", etna.resolve("etna_ifgramStack.h5").toString(), "--out",
                dir.resolve("inv").toString()).code()).isZero();
        Path ts = dir.resolve("inv/timeseries.h5"), lookup = etna.resolve("etna_geometryRadar.h5");
        CliRunner.Result r = CliRunner.run("geocode", ts.toString(), "--lookup", lookup.toString(), "--lalo-step",
                "-0.000832,0.000834", "--out", dir.resolve("geo").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run(List.of(PYTHON, "-m", "mintpy.cli.geocode", ts.toString(), "-l", lookup.toString(),
                "--lalo-step", "-0.000832", "0.000834", "-o", dir.resolve("mintpy.h5").toString()), dir)).isZero();
        try (MintPyProduct ours = MintPyProduct.open(dir.resolve("geo/geo_timeseries.h5"));
             MintPyProduct theirs = MintPyProduct.open(dir.resolve("mintpy.h5"))) {
            GridGeometry a = ours.grid(), b = theirs.grid();
            assertThat(a.rows()).isEqualTo(b.rows());
            assertThat(a.cols()).isEqualTo(b.cols());
            assertThat(a.transform().x(0, 0)).isCloseTo(b.transform().x(0, 0), org.assertj.core.data.Offset.offset(1e-7));
            assertThat(a.transform().y(0, 0)).isCloseTo(b.transform().y(0, 0), org.assertj.core.data.Offset.offset(1e-7));
            float[] x = ours.read("timeseries", Window.of(a)), y = theirs.read("timeseries", Window.of(b));
            int n = a.size(), dates = x.length / n, both = 0, same = 0, onlyOne = 0;
            for (int q = 0; q < n; q++) {
                boolean fa = true, fb = true, eq = true;
                for (int t = 0; t < dates; t++) {
                    fa &= Float.isFinite(x[t * n + q]);
                    fb &= Float.isFinite(y[t * n + q]);
                    eq &= Math.abs(x[t * n + q] - y[t * n + q]) <= 1e-7;
                }
                both += fa && fb ? 1 : 0;
                same += fa && fb && eq ? 1 : 0;
                onlyOne += fa != fb ? 1 : 0;
            }
            System.out.printf("geocode vs MintPy: %d cells filled by both, %d identical series, %d filled by one only%n",
                    both, same, onlyOne);
            assertThat(both).isGreaterThan(n / 2);
            assertThat(same).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * both));
            assertThat(onlyOne).isLessThanOrEqualTo(n / 100);
        }
    }

    private static int run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(out);
        }
        return p.exitValue();
    }
}

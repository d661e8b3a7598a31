package org.permasar.cli.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GridGeometry;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.terrain.HornSlopeAspect;

/**
 * {@code permasar terrain} against GDAL's {@code gdaldem slope/aspect} (Horn) on the Baltoro SRTM clip
 * (shared/data/dem): on a UTM copy made by gdalwarp (both tools on the same projected grid), and on the geographic
 * DEM itself against gdaldem run on the same pixels labelled with our centre-latitude metric spacing. gdaldem's
 * aspect (GDAL 3.6) ignores the pixel size (it assumes square pixels), so on the geographic grid its aspect θ_g is
 * first mapped to metric terms, θ = atan2(sin θ_g / Δx, cos θ_g / Δy). Skipped without gdal-bin.
 */
class TerrainCommandTest {
    @TempDir
    Path dir;

    static final Path DEM = CliRunner.shared().resolve("data/dem/baltoro_srtm_clip.tif");

    @Test
    void matchesGdaldemOnAProjectedGrid() throws Exception {
        assumeGdal();
        Path utm = dir.resolve("utm.tif");
        exec("gdalwarp", "-q", "-t_srs", "EPSG:32643", "-tr", "90", "90", "-r", "bilinear", "-ot", "Float32",
                DEM.toString(), utm.toString());
        CliRunner.Result r = CliRunner.run("terrain", "--dem", utm.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        exec("gdaldem", "slope", "-q", utm.toString(), dir.resolve("gs.tif").toString());
        exec("gdaldem", "aspect", "-q", utm.toString(), dir.resolve("ga.tif").toString());
        compare(dir.resolve("out/slope.tif"), dir.resolve("gs.tif"), dir.resolve("out/aspect.tif"),
                dir.resolve("ga.tif"), 0, Integer.MAX_VALUE, 1e-3, 5e-2, 1, 1);
    }

    @Test
    void geographicGridMatchesGdaldemWithTheCentreLatitudeSpacing() throws Exception {
        assumeGdal();
        ProductRasters.Raster dem = ProductRasters.read(DEM, null);
        GridGeometry g = dem.grid();
        double[] dx = new double[g.rows()], dy = new double[g.rows()];
        HornSlopeAspect.spacing(g, dx, dy);
        int mid = g.rows() / 2;
        // the same pixels as a "projected" raster whose pixel size is our metric spacing at row `mid`
        Path metric = dir.resolve("metric.tif");
        exec("gdal_translate", "-q", "-a_srs", "EPSG:32643", "-a_ullr", "0", String.format(Locale.ROOT, "%.6f", g.rows() * dy[mid]),
                String.format(Locale.ROOT, "%.6f", g.cols() * dx[mid]), "0", DEM.toString(), metric.toString());
        exec("gdaldem", "slope", "-q", metric.toString(), dir.resolve("gs.tif").toString());
        exec("gdaldem", "aspect", "-q", metric.toString(), dir.resolve("ga.tif").toString());
        CliRunner.Result r = CliRunner.run("terrain", "--dem", DEM.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("geographic");
        // rows within ±3 of the centre: our per-row Δx differs from the centre's by < 3e-5 relative
        compare(dir.resolve("out/slope.tif"), dir.resolve("gs.tif"), dir.resolve("out/aspect.tif"),
                dir.resolve("ga.tif"), mid - 3, mid + 3, 5e-3, 5e-2, dx[mid], dy[mid]);
    }

    private static void compare(Path ours, Path gdal, Path oursAspect, Path gdalAspect, int row0, int row1,
                                double slopeTol, double aspectTol, double dx, double dy) throws IOException {
        float[] s = ProductRasters.read(ours, null).data(), gs = ProductRasters.read(gdal, null).data();
        float[] a = ProductRasters.read(oursAspect, null).data(), ga = ProductRasters.read(gdalAspect, null).data();
        int cols = ProductRasters.read(ours, null).grid().cols();
        int n = 0;
        double worstS = 0, worstA = 0;
        for (int k = 0; k < s.length; k++) {
            int row = k / cols;
            if (row < row0 || row > row1 || Float.isNaN(s[k]) || Float.isNaN(gs[k]) || gs[k] == -9999) {
                continue;
            }
            n++;
            worstS = Math.max(worstS, Math.abs(s[k] - gs[k]));
            if (s[k] > 1 && !Float.isNaN(a[k]) && ga[k] != -9999) {
                double t = Math.toRadians(ga[k]);
                double metric = Math.toDegrees(Math.atan2(Math.sin(t) / dx, Math.cos(t) / dy));
                double d = Math.abs(a[k] - metric) % 360;
                worstA = Math.max(worstA, Math.min(d, 360 - d));
            }
        }
        assertThat(n).isGreaterThan(1000);
        assertThat(worstS).as("largest |slope − gdaldem slope|, degrees, over " + n + " px").isLessThan(slopeTol);
        assertThat(worstA).as("largest aspect difference, degrees").isLessThan(aspectTol);
    }

    private static void assumeGdal() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdaldem")), "no gdaldem");
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}

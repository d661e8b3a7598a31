package org.permasar.cli.backscatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;

/**
 * {@code permasar normalize} on simulated HH + HV pairs with known slopes: on a 60 × 50 geographic grid
 * (lon −45 … −40, lat 66 … 72), dσ⁰/dθ = −0.2 + 0.01·(lat − 69) dB/° for HH and −0.1 + 0.005·(lon + 42.5) for
 * HV, σ⁰ at 35° −8 ± 2 (HH) and −16 ± 2 dB (HV), ascending θ 30 → 44°, descending 44 → 30° across the
 * columns, 0.2 dB noise per pass, three pairs. Truth for the coefficients is the simulated slope; for the
 * normalised images the simulated σ⁰ at 35°.
 */
class NormalizeCommandTest {
    private static final int ROWS = 60, COLS = 50, N = ROWS * COLS;

    @Test
    void recoversHhAndHvSlopes(@TempDir Path dir) throws Exception {
        GridGeometry g = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(-45, 0.1, 72, -0.1), 4326, Double.NaN);
        Random rnd = new Random(20261207L);
        float[] s35 = new float[2 * N];
        for (int k = 0; k < N; k++) {
            s35[k] = (float) (-8 + 2 * rnd.nextGaussian());
            s35[N + k] = (float) (-16 + 2 * rnd.nextGaussian());
        }
        List<String> args = new ArrayList<>(List.of("normalize"));
        String[] dates = {"2020-01-11", "2020-04-16", "2020-07-09"};
        for (int i = 0; i < 3; i++) {
            float[] ta = new float[N], td = new float[N], sa = new float[2 * N], sd = new float[2 * N];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    int k = r * COLS + c;
                    double lon = -45 + 0.1 * (c + 0.5), lat = 72 - 0.1 * (r + 0.5);
                    double kHh = -0.2 + 0.01 * (lat - 69), kHv = -0.1 + 0.005 * (lon + 42.5);
                    ta[k] = (float) (30 + 14.0 * c / (COLS - 1) + 0.02 * r);
                    td[k] = (float) (44 - 14.0 * c / (COLS - 1) + 0.01 * r);
                    sa[k] = (float) (s35[k] + kHh * (ta[k] - 35) + 0.2 * rnd.nextGaussian());
                    sd[k] = (float) (s35[k] + kHh * (td[k] - 35) + 0.2 * rnd.nextGaussian());
                    sa[N + k] = (float) (s35[N + k] + kHv * (ta[k] - 35) + 0.2 * rnd.nextGaussian());
                    sd[N + k] = (float) (s35[N + k] + kHv * (td[k] - 35) + 0.2 * rnd.nextGaussian());
                }
            }
            args.addAll(List.of("--asc", tif(dir, "a" + i, g, sa, 2), "--desc", tif(dir, "d" + i, g, sd, 2),
                    "--asc-incidence", tif(dir, "ia" + i, g, ta, 1), "--desc-incidence", tif(dir, "id" + i, g, td, 1),
                    "--date", dates[i]));
        }
        Path out = dir.resolve("out");
        args.addAll(List.of("--out", out.toString()));
        CliRunner.Result res = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, res.code(), res.err());
        Map<String, Double> coef = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("coefficients.csv")).subList(1, Files.readAllLines(out.resolve("coefficients.csv")).size())) {
            String[] f = line.split(",", -1);
            if (!f[2].isEmpty()) {
                coef.put(f[0] + "." + f[1], Double.parseDouble(f[2]));
            }
        }
        // seasonal terms are fitted (3 dates) and are zero in truth; the spatial ones within 10 % of the largest
        assertEquals(0.01, coef.get("HH.y"), 1e-3, coef.toString());
        assertEquals(0, coef.get("HH.x"), 1e-3, coef.toString());
        assertEquals(0.005, coef.get("HV.x"), 5e-4, coef.toString());
        assertEquals(0, coef.get("HV.y"), 5e-4, coef.toString());
        assertEquals(-0.1, coef.get("HV.constant") + coef.get("HV.cos_doy") * Math.cos(2 * Math.PI * 11 / 365.25)
                + coef.get("HV.sin_doy") * Math.sin(2 * Math.PI * 11 / 365.25)
                + 0.005 * (coef.get("HV.x_mean") + 42.5), 0.01, "HV slope at the mean position on 11 January");
        try (GeoTiffReader a = GeoTiffReader.open(out.resolve("normalized_asc_1.tif"));
             GeoTiffReader d = GeoTiffReader.open(out.resolve("normalized_desc_1.tif"))) {
            assertEquals(List.of("HH", "HV"), a.bandDescriptions());
            float[] va = new float[2 * N], vd = new float[2 * N];
            a.readBands(new int[] {0, 1}, Window.of(g), va, 0, 1f);
            d.readBands(new int[] {0, 1}, Window.of(g), vd, 0, 1f);
            double agree = 0, truth = 0;
            for (int k = 0; k < 2 * N; k++) {
                agree += (va[k] - vd[k]) * (va[k] - vd[k]);
                truth += (va[k] - s35[k]) * (va[k] - s35[k]);
            }
            assertEquals(0.2 * Math.sqrt(2), Math.sqrt(agree / (2 * N)), 0.03, "asc and desc agree within the noise");
            assertEquals(0.2, Math.sqrt(truth / (2 * N)), 0.03, "normalised σ⁰ equals the simulated σ⁰ at 35°");
        }
        assertTrue(Files.size(out.resolve("difference_after.png")) > 1000);
        assertTrue(Files.exists(out.resolve("slope_3.tif")));
    }

    @Test
    void unequalPairCountsExitTwo(@TempDir Path dir) throws Exception {
        GridGeometry g = GridGeometry.geocoded(4, 4, GeoTransform.northUp(-45, 0.1, 72, -0.1), 4326, Double.NaN);
        String a = tif(dir, "a", g, new float[16], 1);
        CliRunner.Result res = CliRunner.run("normalize", "--asc", a, "--asc", a, "--desc", a, "--asc-incidence", a,
                "--desc-incidence", a, "--out", dir.resolve("o").toString());
        assertEquals(2, res.code(), res.err());
        assertTrue(res.err().contains("each pair needs"), res.err());
    }

    private static String tif(Path dir, String name, GridGeometry g, float[] v, int bands) throws Exception {
        Path p = dir.resolve(name + ".tif");
        GeoTiffWriter.write(p, g, v, bands, Map.of(), bands == 2 ? List.of("HH", "HV") : List.of("incidence"));
        return p.toString();
    }
}

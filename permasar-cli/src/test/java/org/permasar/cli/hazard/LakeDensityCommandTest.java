package org.permasar.cli.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar lake-density} on a simulated scene of known truth: 20 × 20 cells of 1 km (10 × 10 pixels of 100 m
 * each, UTM 6N), one square lake per cell covering a share f ~ U(0, 0.2) of it, the cell's subsidence rate
 * 5 + 100·f + e mm/yr (e ~ N(0, 2²)) and seasonal amplitude 10 + 50·f + e' mm (e' ~ N(0, 1)) on all its pixels:
 * the population correlation of area share and subsidence is 100·σ_f / √(100²σ_f² + 2²) = 0.945 (σ_f = 0.2/√12),
 * of area share and amplitude 50·σ_f / √(50²σ_f² + 1) = 0.945. Seed {@value #SEED}.
 */
class LakeDensityCommandTest {
    static final long SEED = 20261207L;

    static final int CELLS = 20;
    static final double X0 = 400000, Y0 = 7200000;

    /**
     * Writes the scene (lakes.geojson, velocity.h5 into {@code tmp}) and returns per cell {share f, subsidence rate
     * mm/yr, amplitude mm}.
     */
    static double[][] scene(Path tmp) throws Exception {
        Random rnd = new Random(SEED);
        int cells = CELLS, per = 10, px = cells * per;
        double x0 = X0, y0 = Y0;
        double[] f = new double[cells * cells];
        double[] subsidence = new double[cells * cells];
        double[] amplitude = new double[cells * cells];
        float[] vel = new float[px * px];
        float[] amp = new float[px * px];
        StringBuilder gj = new StringBuilder("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"EPSG:32606\"}},\"features\":[");
        for (int k = 0; k < f.length; k++) {
            f[k] = 0.2 * rnd.nextDouble();
            double subs = 5 + 100 * f[k] + 2 * rnd.nextGaussian();
            double a = 10 + 50 * f[k] + rnd.nextGaussian();
            subsidence[k] = (float) (-subs / 1000) * -1000.0;
            amplitude[k] = (float) (a / 1000) * 1000.0;
            int cr = k / cells, cc = k % cells;
            for (int r = cr * per; r < (cr + 1) * per; r++) {
                for (int c = cc * per; c < (cc + 1) * per; c++) {
                    vel[r * px + c] = (float) (-subs / 1000);
                    amp[r * px + c] = (float) (a / 1000);
                }
            }
            // centred 100 m east and 100 m south of the cell's centre (side ≤ 448 m: inside the cell), so that no
            // centroid lies on the edge of a moving window of 1 000 m every 500 m
            double side = Math.sqrt(f[k]) * 1000, cx = x0 + cc * 1000 + 600, cy = y0 - cr * 1000 - 600;
            double l = cx - side / 2, rr = cx + side / 2, b = cy - side / 2, t = cy + side / 2;
            gj.append(k == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[" + l + "," + b + "],[" + rr + "," + b + "],[" + rr + "," + t + "],[" + l + ","
                    + t + "],[" + l + "," + b + "]]]}}");
        }
        Files.writeString(tmp.resolve("lakes.geojson"), gj.append("]}").toString());
        GridGeometry g = GridGeometry.geocoded(px, px, GeoTransform.northUp(x0, 100, y0, -100), 32606, Double.NaN);
        LinkedHashMap<String, float[]> ds = new LinkedHashMap<>();
        ds.put("velocity", vel);
        ds.put("seasonalAmplitude", amp);
        MintPyWriter.writeVelocity(tmp.resolve("velocity.h5"), g, ds, Map.of());
        return new double[][] {f, subsidence, amplitude};
    }

    @Test
    void recoversTheSimulatedCorrelationAndAreaShares(@TempDir Path tmp) throws Exception {
        int cells = CELLS;
        double[] f = scene(tmp)[0];
        Path lakes = tmp.resolve("lakes.geojson");
        Path velocity = tmp.resolve("velocity.h5");
        Path out = tmp.resolve("out");
        CliRunner.Result res = CliRunner.run("lake-density", "--lakes", lakes.toString(), "--deformation",
                velocity.toString(), "--cell", "1000", "--out", out.toString());
        assertEquals(0, res.code(), res.err());
        System.out.print(res.out());

        List<String> cellRows = Files.readAllLines(out.resolve("lake_density_cells.csv"));
        assertEquals(cells * cells + 1, cellRows.size());
        for (String line : cellRows.subList(1, cellRows.size())) {
            String[] c = line.split(",");
            int k = Integer.parseInt(c[0]) * cells + Integer.parseInt(c[1]);
            assertEquals("1", c[4], line);                       // one lake per cell
            assertEquals(f[k], Double.parseDouble(c[6]), 1e-6, line);
            assertEquals("100", c[7], line);
        }
        for (String line : Files.readAllLines(out.resolve("lake_density_correlation.csv"))) {
            String[] c = line.split(",");
            if (c[0].equals("lake_area_fraction") && c[2].equals("pearson")) {
                assertEquals("400", c[3], line);
                assertEquals(0.945, Double.parseDouble(c[4]), 0.02, line);
                assertTrue(Double.parseDouble(c[7]) < 1e-6, line);
            }
        }
        List<String> bins = Files.readAllLines(out.resolve("lake_density_bins.csv"));
        // bins 0–1 %, 1–5 %, 5–10 %, 10–20 %: mean subsidence ≈ 5 + 100·(bin's mean share)
        String[] b = bins.get(4).split(",");
        assertEquals("10", b[0]);
        assertEquals(5 + 100 * 0.15, Double.parseDouble(b[3]), 1.0, bins.get(4));
        assertTrue(Files.size(out.resolve("lake_density_scatter.png")) > 0);
    }

    /**
     * The same scene in moving windows of 1 000 m every 500 m (the default step): 39 × 39 windows centred on the
     * cells' centres, edges and corners. Closed forms: a window's share is Σ over the lakes of (x-overlap ×
     * y-overlap) / 10⁶ m² (each lake a square of side √f · 1 000 m centred 100 m east and south of its cell's centre);
     * its mean subsidence over its 100 pixels is Σ wᵢwⱼ s over the cells it touches (w = 1 on an axis where it is
     * centred on the cell, ½ where it straddles two); it holds one lake centroid (its west and north edges belong to
     * it). All windows are on the statistics' stride (500 m ≥ 1 000 / 2); distance classes ⌈√2 · 19 000 / 1 000⌉ = 27.
     */
    @Test
    void movingWindowsAgainstClosedForms(@TempDir Path tmp) throws Exception {
        double[][] truth = scene(tmp);
        Path out = tmp.resolve("win");
        CliRunner.Result res = CliRunner.run("lake-density", "--lakes", tmp.resolve("lakes.geojson").toString(),
                "--deformation", tmp.resolve("velocity.h5").toString(), "--window", "1000", "--out", out.toString());
        assertEquals(0, res.code(), res.err());
        System.out.print(res.out());
        List<String> rows = Files.readAllLines(out.resolve("lake_density_windows.csv"));
        int m = 2 * CELLS - 1;
        assertEquals(m * m + 1, rows.size());
        for (String line : rows.subList(1, rows.size())) {
            String[] c = line.split(",");
            int r = Integer.parseInt(c[0]), col = Integer.parseInt(c[1]);
            double subs = 0;
            for (int i = r / 2; i <= (r + 1) / 2; i++) {
                for (int j = col / 2; j <= (col + 1) / 2; j++) {
                    subs += (r % 2 == 0 ? 1 : 0.5) * (col % 2 == 0 ? 1 : 0.5) * truth[1][i * CELLS + j];
                }
            }
            double wx0 = X0 + 500 * col, wy1 = Y0 - 500 * r, share = 0;
            for (int k = 0; k < CELLS * CELLS; k++) {
                double half = Math.sqrt(truth[0][k]) * 500;
                double cx = X0 + (k % CELLS) * 1000 + 600, cy = Y0 - (k / CELLS) * 1000 - 600;
                share += Math.max(0, Math.min(wx0 + 1000, cx + half) - Math.max(wx0, cx - half))
                        * Math.max(0, Math.min(wy1, cy + half) - Math.max(wy1 - 1000, cy - half)) / 1e6;
            }
            assertEquals(X0 + 500 + 500 * col, Double.parseDouble(c[2]), 1e-6, line);
            assertEquals(Y0 - 500 - 500 * r, Double.parseDouble(c[3]), 1e-6, line);
            assertEquals("1", c[4], line);
            assertEquals(1.0, Double.parseDouble(c[5]), 1e-9, line);
            assertEquals(share, Double.parseDouble(c[6]), 1e-6, line);
            assertEquals("100", c[7], line);
            assertEquals("true", c[8], line);
            assertEquals(subs, Double.parseDouble(c[9]), 1e-3, line);
        }
        for (String line : Files.readAllLines(out.resolve("lake_density_correlation.csv"))) {
            String[] c = line.split(",");
            if (c[0].equals("lake_area_fraction") && c[2].equals("pearson")) {
                assertEquals(Integer.toString(m * m), c[3], line);
                assertEquals("27", c[8], line);
                double nEff = Double.parseDouble(c[6]);
                assertTrue(nEff < 0.5 * m * m, "windows overlap: effective n " + nEff + " of " + m * m);
                assertTrue(Double.parseDouble(c[7]) < 1e-6, line);
            }
        }
        ProductRasters.Raster map = ProductRasters.read(out.resolve("lake_area_share_window.tif"), null);
        assertEquals(m, map.grid().rows());
        assertEquals(X0 + 500 - 250, map.grid().transform().x(0, 0), 1e-9);
        assertEquals(truth[0][0], map.data()[0], 1e-6);
        double half0 = Math.sqrt(truth[0][0]) * 500, half1 = Math.sqrt(truth[0][1]) * 500;  // window (0, 1): x 400 500 …
        assertEquals((Math.min(100 + half0, 2 * half0) * 2 * half0 + Math.max(0, half1 - 100) * 2 * half1) / 1e6,
                map.data()[1], 1e-6);
        assertTrue(Files.size(out.resolve("lakes_per_km2_window.tif")) > 0);

        // the statistics' stride: of windows every 250 m (79 × 79 centred on 400 250 … 419 750 m) every second one
        // is used (500 m ≥ 1 000 / 2), those with at least half a full window's 100 pixels
        Path fine = tmp.resolve("fine");
        CliRunner.Result f = CliRunner.run("lake-density", "--lakes", tmp.resolve("lakes.geojson").toString(),
                "--deformation", tmp.resolve("velocity.h5").toString(), "--window", "1000", "--step", "250", "--out",
                fine.toString());
        assertEquals(0, f.code(), f.err());
        List<String> fineRows = Files.readAllLines(fine.resolve("lake_density_windows.csv"));
        assertEquals(79 * 79 + 1, fineRows.size());
        int used = 0;
        for (String line : fineRows.subList(1, fineRows.size())) {
            String[] c = line.split(",");
            boolean onStride = Integer.parseInt(c[0]) % 2 == 0 && Integer.parseInt(c[1]) % 2 == 0;
            assertEquals(onStride && Integer.parseInt(c[7]) >= 50, c[8].equals("true"), line);
            used += c[8].equals("true") ? 1 : 0;
        }
        // all 40 × 40 but the north-west corner window: 7 × 7 pixels (the data begin 300 m inside its west and north
        // edges, and the pixel centres on its east and south edges are not its own); the other corners hold 7 × 8 or
        // 8 × 8
        assertEquals(40 * 40 - 1, used);

        for (String[] bad : new String[][] {{"--window", "1000", "--step", "1500"}, {"--step", "100"},
            {"--window", "-5"}}) {
            List<String> args = new ArrayList<>(List.of("lake-density", "--lakes",
                    tmp.resolve("lakes.geojson").toString(), "--deformation", tmp.resolve("velocity.h5").toString(),
                    "--out", tmp.resolve("bad").toString()));
            args.addAll(List.of(bad));
            CliRunner.Result b = CliRunner.run(args.toArray(new String[0]));
            assertEquals(2, b.code(), String.join(" ", bad));
            assertTrue(b.err().contains(bad[bad.length - 2]), b.err());
        }
    }
}

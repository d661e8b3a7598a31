package org.permasar.cli.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code permasar lake-density} on a simulated scene of known truth: 20 × 20 cells of 1 km (10 × 10 pixels of 100 m
 * each, UTM 6N), one square lake per cell covering a share f ~ U(0, 0.2) of it, the cell's subsidence rate
 * 5 + 100·f + e mm/yr (e ~ N(0, 2²)) and seasonal amplitude 10 + 50·f + e' mm (e' ~ N(0, 1)) on all its pixels:
 * the population correlation of area share and subsidence is 100·σ_f / √(100²σ_f² + 2²) = 0.945 (σ_f = 0.2/√12),
 * of area share and amplitude 50·σ_f / √(50²σ_f² + 1) = 0.945. Seed {@value #SEED}.
 */
class LakeDensityCommandTest {
    static final long SEED = 20261207L;

    @Test
    void recoversTheSimulatedCorrelationAndAreaShares(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(SEED);
        int cells = 20, per = 10, px = cells * per;
        double x0 = 400000, y0 = 7200000;
        double[] f = new double[cells * cells];
        float[] vel = new float[px * px];
        float[] amp = new float[px * px];
        StringBuilder gj = new StringBuilder("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"EPSG:32606\"}},\"features\":[");
        for (int k = 0; k < f.length; k++) {
            f[k] = 0.2 * rnd.nextDouble();
            double subs = 5 + 100 * f[k] + 2 * rnd.nextGaussian();
            double a = 10 + 50 * f[k] + rnd.nextGaussian();
            int cr = k / cells, cc = k % cells;
            for (int r = cr * per; r < (cr + 1) * per; r++) {
                for (int c = cc * per; c < (cc + 1) * per; c++) {
                    vel[r * px + c] = (float) (-subs / 1000);
                    amp[r * px + c] = (float) (a / 1000);
                }
            }
            double side = Math.sqrt(f[k]) * 1000, cx = x0 + cc * 1000 + 500, cy = y0 - cr * 1000 - 500;
            double l = cx - side / 2, rr = cx + side / 2, b = cy - side / 2, t = cy + side / 2;
            gj.append(k == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[" + l + "," + b + "],[" + rr + "," + b + "],[" + rr + "," + t + "],[" + l + ","
                    + t + "],[" + l + "," + b + "]]]}}");
        }
        Path lakes = tmp.resolve("lakes.geojson");
        Files.writeString(lakes, gj.append("]}").toString());
        GridGeometry g = GridGeometry.geocoded(px, px, GeoTransform.northUp(x0, 100, y0, -100), 32606, Double.NaN);
        LinkedHashMap<String, float[]> ds = new LinkedHashMap<>();
        ds.put("velocity", vel);
        ds.put("seasonalAmplitude", amp);
        Path velocity = tmp.resolve("velocity.h5");
        MintPyWriter.writeVelocity(velocity, g, ds, Map.of());
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
}

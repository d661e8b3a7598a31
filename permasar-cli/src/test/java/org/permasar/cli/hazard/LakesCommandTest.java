package org.permasar.cli.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar lakes} on a simulated scene of known lakes (issue 15): 120 × 120 pixels of 30 m (UTM 6N); a disc
 * of radius 300 m, a 455 × 250 m rectangle with a 100 × 100 m island, an ellipse of semi-axes 200 × 110 m placed
 * off the pixel grid, and a one-pixel pond; each pixel's green and NIR reflectance a linear mix of water (0.08,
 * 0.03) and tundra (0.07, 0.28) by its water fraction (10 × 10 sub-samples, 50 × 50 where those are mixed), plus
 * N(0, 0.003²) noise (seed {@value #SEED}). Truth: three lakes of ≥ 4 px with areas π·300², 455·250 − 100²,
 * π·200·110 m². The whole-pixel area must be within half a pixel along the true perimeter (P·Δ/2: mixed boundary
 * pixels go either way); the unmixed area within 2 % of the truth.
 */
class LakesCommandTest {
    static final long SEED = 20261207L;
    static final int N = 120;
    static final double D = 30;
    static final double X0 = 600000, Y0 = 7100000;

    /** Water at (x, y) metres from the scene's north-west corner (y downwards). */
    static boolean water(double x, double y) {
        double dx = x - 900, dy = y - 900;
        if (dx * dx + dy * dy <= 300 * 300) {
            return true;
        }
        boolean rect = x >= 2005 && x <= 2460 && y >= 707 && y <= 957;
        boolean island = x >= 2180 && x <= 2280 && y >= 782 && y <= 882;
        if (rect && !island) {
            return true;
        }
        double ex = (x - 1713) / 200, ey = (y - 2588) / 110;
        if (ex * ex + ey * ey <= 1) {
            return true;
        }
        return x >= 3000 && x < 3030 && y >= 3000 && y < 3030;      // the one-pixel pond (pixel-aligned)
    }

    /** Water share of pixel (r, c) from k × k sub-samples. */
    static double share(int r, int c, int k) {
        int in = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                in += water((c + (j + 0.5) / k) * D, (r + (i + 0.5) / k) * D) ? 1 : 0;
            }
        }
        return in / (double) (k * k);
    }

    @Test
    void mapsSimulatedLakesWithTheirAreas(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(SEED);
        float[] g = new float[N * N];
        float[] nir = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double w = share(r, c, 10);
                if (w > 0 && w < 1) {
                    w = share(r, c, 50);
                }
                g[r * N + c] = (float) (w * 0.08 + (1 - w) * 0.07 + 0.003 * rnd.nextGaussian());
                nir[r * N + c] = (float) (w * 0.03 + (1 - w) * 0.28 + 0.003 * rnd.nextGaussian());
            }
        }
        GridGeometry grid = GridGeometry.geocoded(N, N, GeoTransform.northUp(X0, D, Y0, -D), 32606, Double.NaN);
        Path gt = tmp.resolve("green.tif"), nt = tmp.resolve("nir.tif");
        ProductRasters.writeFloat(gt, grid, g, "green", "1");
        ProductRasters.writeFloat(nt, grid, nir, "nir", "1");
        Path out = tmp.resolve("out");
        CliRunner.Result res = CliRunner.run("lakes", "--green", gt.toString(), "--nir", nt.toString(), "--out",
                out.toString());
        assertEquals(0, res.code(), res.err());
        System.out.print(res.out());

        double[][] truth = {                       // centre x, centre y (m from NW corner), area, perimeter
            {900, 900, Math.PI * 300 * 300, 2 * Math.PI * 300},
            {2232.5, 832, 455 * 250 - 100 * 100, 2 * (455 + 250) + 400},
            {1713, 2588, Math.PI * 200 * 110, Math.PI * (3 * (200 + 110) - Math.sqrt((3 * 200 + 110) * (200 + 3 * 110)))}};
        List<String> rows = Files.readAllLines(out.resolve("lakes.csv"));
        assertEquals(4, rows.size(), String.join("\n", rows));
        for (double[] t : truth) {
            String[] f = near(rows, t[0], t[1]);
            double area = Double.parseDouble(f[2]), unmixed = Double.parseDouble(f[6]);
            System.out.printf("lake at (%.0f, %.0f): whole pixels %.0f m², unmixed %.0f m² against %.0f (%+.2f %%, "
                    + "%+.2f %%; bound P·Δ/2 = %.0f m²), end-members %s%n", t[0], t[1], area, unmixed, t[2],
                    100 * (area / t[2] - 1), 100 * (unmixed / t[2] - 1), t[3] * D / 2, f[8]);
            assertEquals(t[2], area, t[3] * D / 2, String.join(",", f));
            assertEquals(t[2], unmixed, 0.02 * t[2], String.join(",", f));
            assertEquals("lake", f[8]);
        }
        assertTrue(Files.readString(out.resolve("lakes.geojson")).contains("\"area_unmixed_m2\""));
        assertTrue(Files.readString(out.resolve("lakes.geojson")).contains("EPSG::32606"));
        // the lakes are a --features layer of hazards as they are
        Path line = tmp.resolve("line.geojson");
        Files.writeString(line, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"EPSG:32606\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":"
                + "\"LineString\",\"coordinates\":[[" + X0 + "," + (Y0 - 1500) + "],[" + (X0 + 3600) + "," + (Y0 - 1500)
                + "]]}}]}");
        CliRunner.Result hz = CliRunner.run("hazards", "--lines", line.toString(), "--features", "lakes="
                + out.resolve("lakes.geojson"), "--buffers", "500,1000", "--out", tmp.resolve("hz").toString());
        assertEquals(0, hz.code(), hz.err());
        // the disc is 300 m from the line (nearest edge at y = 1200), the rectangle 543 m, the ellipse 978 m
        List<String> counts = Files.readAllLines(tmp.resolve("hz/buffer_counts.csv"));
        assertTrue(counts.get(1).startsWith("lakes,500,1,"), counts.get(1));
        assertTrue(counts.get(2).startsWith("lakes,1000,3,"), counts.get(2));

        CliRunner.Result bad = CliRunner.run("lakes", "--green", gt.toString(), "--nir", nt.toString(), "--threshold",
                "abc", "--out", tmp.resolve("o2").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--threshold"), bad.err());

        // --fill-holes-below: the island (about 3 × 3 px of land) becomes water, the rectangle 455 × 250 m whole
        Path filled = tmp.resolve("filled");
        CliRunner.Result fill = CliRunner.run("lakes", "--green", gt.toString(), "--nir", nt.toString(),
                "--fill-holes-below", "30", "--out", filled.toString());
        assertEquals(0, fill.code(), fill.err());
        List<String> frows = Files.readAllLines(filled.resolve("lakes.csv"));
        assertEquals(4, frows.size(), String.join("\n", frows));
        String[] rect = near(frows, 2232.5, 832);
        String[] holed = near(rows, 2232.5, 832);
        int islandPixels = Integer.parseInt(rect[1]) - Integer.parseInt(holed[1]);
        System.out.printf("filled: the rectangle %s px (island %d px), whole pixels %s m², unmixed %s m² against %d%n",
                rect[1], islandPixels, rect[2], rect[6], 455 * 250);
        assertTrue(islandPixels >= 4 && islandPixels < 30, "island of " + islandPixels + " px");
        assertEquals(Double.parseDouble(holed[2]) + islandPixels * D * D, Double.parseDouble(rect[2]), 1e-6);
        assertEquals(455 * 250, Double.parseDouble(rect[6]), 0.02 * 455 * 250);
        for (double[] t : new double[][] {truth[0], truth[2]}) {   // the other lakes are as they were
            assertEquals(String.join(",", near(rows, t[0], t[1])), String.join(",", near(frows, t[0], t[1])));
        }
        CliRunner.Result badFill = CliRunner.run("lakes", "--green", gt.toString(), "--nir", nt.toString(),
                "--fill-holes-below", "-1", "--out", tmp.resolve("o3").toString());
        assertEquals(2, badFill.code());
        assertTrue(badFill.err().contains("--fill-holes-below"), badFill.err());
    }

    /** The lakes.csv row whose centroid is within 60 m of (x, y) metres from the scene's north-west corner. */
    static String[] near(List<String> rows, double x, double y) {
        String[] match = null;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double cx = Double.parseDouble(f[4]) - X0, cy = Y0 - Double.parseDouble(f[5]);
            if (Math.hypot(cx - x, cy - y) < 60) {
                match = f;
            }
        }
        assertTrue(match != null, "no lake near " + x + ", " + y + ": " + rows);
        return match;
    }
}

package org.permasar.cli.seaice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffWriter;

/**
 * {@code permasar drift} on a pair with a known rigid shift: a 200 × 200 px scene of Gaussian blobs (σ 2 px,
 * one per 6 px cell) in linear intensity with 8-look speckle, on a polar-stereographic grid (EPSG:3413) of
 * 40 m pixels; the secondary is the same texture moved by (+5.5, −7.25) px (rows down, columns right),
 * 12 hours later. Truth: u = −7.25 · 40 m / 0.5 day = −0.58 km/day (east), v = −5.5 · 40 m / 0.5 day
 * = −0.44 km/day (north: rows grow southwards).
 */
class DriftCommandTest {
    private static final int N = 200;

    private static float[] scene(double dr, double dc, long seed, Random speckle) {
        Random rnd = new Random(seed);
        int cells = N / 6 + 4;
        double[] by = new double[cells * cells], bx = new double[cells * cells], a = new double[cells * cells];
        for (int k = 0; k < by.length; k++) {
            by[k] = ((k / cells) + rnd.nextDouble()) * 6 - 12;
            bx[k] = ((k % cells) + rnd.nextDouble()) * 6 - 12;
            a[k] = rnd.nextGaussian();
        }
        float[] img = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double y = r - dr, x = c - dc, s = 0;
                int ci = (int) Math.floor((y + 12) / 6), cj = (int) Math.floor((x + 12) / 6);
                for (int i = Math.max(0, ci - 2); i <= Math.min(cells - 1, ci + 2); i++) {
                    for (int j = Math.max(0, cj - 2); j <= Math.min(cells - 1, cj + 2); j++) {
                        int k = i * cells + j;
                        double ey = y - by[k], ex = x - bx[k];
                        s += a[k] * Math.exp(-(ey * ey + ex * ex) / 8);
                    }
                }
                double gamma = 0;
                for (int l = 0; l < 8; l++) {
                    gamma -= Math.log(1 - speckle.nextDouble());
                }
                img[r * N + c] = (float) (Math.pow(10, (-12 + 4 * s) / 10) * gamma / 8); // linear intensity
            }
        }
        return img;
    }

    @Test
    void knownShiftInKmPerDay(@TempDir Path dir) throws Exception {
        GridGeometry g = GridGeometry.geocoded(N, N, GeoTransform.northUp(-500000, 40, 1200000, -40), 3413, Double.NaN);
        Random speckle = new Random(99L);
        Path a = dir.resolve("a.tif"), b = dir.resolve("b.tif");
        GeoTiffWriter.write(a, g, scene(0, 0, 7L, speckle), 1, Map.of(), List.of("HH"));
        GeoTiffWriter.write(b, g, scene(5.5, -7.25, 7L, speckle), 1, Map.of(), List.of("HH"));
        Path out = dir.resolve("out");
        CliRunner.Result res = CliRunner.run("drift", "--reference", a.toString(), "--secondary", b.toString(), "--to-db",
                "--days", "0.5", "--max-speed", "5", "--out", out.toString());
        assertEquals(0, res.code(), res.err());
        List<String> lines = Files.readAllLines(out.resolve("drift.csv"));
        assertEquals("id,row,col,end_row,end_col,x,y,end_x,end_y,dr_px,dc_px,u_km_day,v_km_day,speed_km_day,hamming,correlation,"
                + "snr,flag", lines.get(0));
        List<double[]> kept = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            if (f[17].equals("kept")) {
                kept.add(new double[] {Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                        Double.parseDouble(f[12])});
            }
        }
        assertTrue(kept.size() >= 20, "kept vectors: " + kept.size() + "\n" + res.out());
        int within = 0;
        for (double[] k : kept) {
            within += Math.hypot(k[0] - 5.5, k[1] + 7.25) < 0.5 ? 1 : 0;
            assertEquals(-0.58, k[2], 0.05, "u km/day");
            assertEquals(-0.44, k[3], 0.05, "v km/day");
        }
        assertTrue(within >= 0.9 * kept.size(), within + " of " + kept.size() + " within 0.5 px");
        String gj = Files.readString(out.resolve("drift.geojson"));
        assertTrue(gj.contains("EPSG::3413") && gj.contains("LineString") && gj.contains("u_km_day"), gj.substring(0, 200));
        assertTrue(Files.size(out.resolve("drift.png")) > 1000);
        assertTrue(Files.readString(out.resolve("drift_settings.txt")).contains("maxDisplacement=62.5"),
                "5 km/day × 0.5 day / 40 m = 62.5 px: " + Files.readString(out.resolve("drift_settings.txt")));
    }

    @Test
    void differentSizesExitTwo(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.tif"), b = dir.resolve("b.tif");
        GeoTiffWriter.write(a, GridGeometry.radar(100, 100, null), new float[10000], 1, Map.of(), List.of());
        GeoTiffWriter.write(b, GridGeometry.radar(100, 90, null), new float[9000], 1, Map.of(), List.of());
        CliRunner.Result res = CliRunner.run("drift", "--reference", a.toString(), "--secondary", b.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(2, res.code(), res.err());
        assertTrue(res.err().contains("differs from"), res.err());
    }
}

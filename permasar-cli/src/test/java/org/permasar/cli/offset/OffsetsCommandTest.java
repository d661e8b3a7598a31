package org.permasar.cli.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code permasar offsets} end to end on a georeferenced pair whose shift is known exactly: a sum of
 * random 2-D sinusoids evaluated at (r − dr, c − dc) (no resampling), UTM 33N, 10 m pixels, 12 days apart.
 */
class OffsetsCommandTest {
    private static final int N = 200;
    private static final double DR = 2.3, DC = -1.6, DAYS = 12, PIX = 10;

    private static float[] texture(double dr, double dc) {
        return texture(dr, dc, 0);
    }

    /** The texture shifted by (dr, dc), plus {@code band} px along columns in rows 70 … 129 (a fast "ice stream"). */
    private static float[] texture(double dr, double dc, double band) {
        Random rnd = new Random(20261207L);
        int m = 60;
        double[] ky = new double[m], kx = new double[m], ph = new double[m];
        for (int q = 0; q < m; q++) { // wavelengths 5 … 25 px in random directions
            double lambda = 5 + 20 * rnd.nextDouble(), th = 2 * Math.PI * rnd.nextDouble();
            ky[q] = 2 * Math.PI / lambda * Math.sin(th);
            kx[q] = 2 * Math.PI / lambda * Math.cos(th);
            ph[q] = 2 * Math.PI * rnd.nextDouble();
        }
        float[] img = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double s = 0;
                for (int q = 0; q < m; q++) {
                    double u = r >= 70 && r < 130 ? band : 0;
                    s += Math.cos(ky[q] * (r - dr) + kx[q] * (c - dc - u) + ph[q]);
                }
                img[r * N + c] = (float) s;
            }
        }
        return img;
    }

    private static Path tif(Path dir, String name, float[] img, int rows) throws Exception {
        GridGeometry g = GridGeometry.geocoded(rows, N, GeoTransform.northUp(500000, PIX, 7600000, -PIX), 32633, Double.NaN);
        Path p = dir.resolve(name);
        GeoTiffWriter.write(p, g, img, 1, Map.of(), List.of("amplitude"));
        return p;
    }

    @Test
    void knownShiftGivesOffsetsAndVelocity(@TempDir Path dir) throws Exception {
        Path a = tif(dir, "a.tif", texture(0, 0), N), b = tif(dir, "b.tif", texture(DR, DC), N);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("offsets", "--reference", a.toString(), "--secondary", b.toString(), "--chip", "32",
                "--search", "6", "--step", "16", "--days", "12", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out.resolve("offsets.png")) > 1000);
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("offsets.tif"))) {
            assertEquals(List.of("rowOffset", "colOffset", "peakCorrelation", "snr", "vx", "vy", "speed"), t.bandDescriptions());
            GridGeometry g = t.grid();
            // first node at chip/2 + search = 22: its pixel centre x = 500000 + 22.5 · 10
            assertEquals(500000 + 22.5 * PIX, g.transform().x(0.5, 0.5), 1e-6);
            assertEquals(7600000 - 22.5 * PIX, g.transform().y(0.5, 0.5), 1e-6);
            assertEquals(16 * PIX, g.transform().pixelWidth(), 1e-9);
            float[] v = new float[g.size()];
            // truth: map displacement (dc·10, −dr·10) m over 12 days
            double[] truth = {DR, DC, Double.NaN, Double.NaN, DC * PIX / DAYS, -DR * PIX / DAYS, Math.hypot(DR, DC) * PIX / DAYS};
            double[] tol = {0.05, 0.05, 0, 0, 0.05, 0.05, 0.05};
            for (int band = 0; band < 7; band++) {
                t.readBand(band, Window.of(g), v, 0, 1f);
                int kept = 0;
                for (float x : v) {
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    kept++;
                    if (band == 2) {
                        assertTrue(x > 0.9 && x <= 1, "peak correlation " + x);
                    } else if (band == 3) {
                        assertTrue(x > 1.5, "snr " + x);
                    } else {
                        assertEquals(truth[band], x, tol[band], t.bandDescriptions().get(band));
                    }
                }
                assertEquals(g.size(), kept);
            }
        }
    }

    @Test
    void priorRasterCentresTheSearchWhereTheIceIsFast(@TempDir Path dir) throws Exception {
        // 14 px along columns in rows 70 … 129, 0 elsewhere; search ±4 reaches only the slow part
        Path a = tif(dir, "a.tif", texture(0, 0, 0), N), b = tif(dir, "b.tif", texture(0, 0, 14), N);
        float[] prior = new float[2 * N * N];
        for (int r = 70; r < 130; r++) {
            for (int c = 0; c < N; c++) {
                prior[N * N + r * N + c] = 13; // a velocity map one pixel off the truth
            }
        }
        Path pf = dir.resolve("prior.tif");
        GeoTiffWriter.write(pf, GridGeometry.geocoded(N, N, GeoTransform.northUp(500000, PIX, 7600000, -PIX), 32633, Double.NaN),
                prior, 2, Map.of(), List.of("dr", "dc"));
        for (boolean withPrior : new boolean[] {false, true}) {
            Path out = dir.resolve("out" + withPrior);
            CliRunner.Result r = withPrior
                    ? CliRunner.run("offsets", "--reference", a.toString(), "--secondary", b.toString(), "--search", "4", "--step", "8",
                            "--prior", pf.toString(), "--out", out.toString())
                    : CliRunner.run("offsets", "--reference", a.toString(), "--secondary", b.toString(), "--search", "4", "--step", "8",
                            "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            try (GeoTiffReader t = GeoTiffReader.open(out.resolve("offsets.tif"))) {
                GridGeometry g = t.grid();
                float[] dc = new float[g.size()];
                t.readBand(1, Window.of(g), dc, 0, 1f);
                int fastRight = 0, fastNodes = 0;
                for (int i = 0; i < g.rows(); i++) {
                    int row = 20 + i * 8; // first node at 16 + 4
                    // nodes whose 32-px chip lies wholly inside the fast band
                    if (row - 16 >= 70 && row + 16 <= 130) {
                        for (int j = 0; j < g.cols(); j++) {
                            fastNodes++;
                            fastRight += Math.abs(dc[i * g.cols() + j] - 14) < 0.05 ? 1 : 0;
                        }
                    } else if (row + 16 <= 70 || row - 16 >= 130) {
                        for (int j = 0; j < g.cols(); j++) {
                            assertEquals(0, dc[i * g.cols() + j], 0.05, "slow ice at row " + row);
                        }
                    }
                }
                assertTrue(fastNodes > 0);
                if (withPrior) {
                    assertTrue(fastRight >= 0.8 * fastNodes, fastRight + " of " + fastNodes + " fast nodes right with the prior");
                } else {
                    assertEquals(0, fastRight, "without the prior a ±4 px search cannot find 14 px");
                }
            }
        }
    }

    @Test
    void badInputsExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path a = tif(dir, "a.tif", texture(0, 0), N);
        float[] small = new float[100 * N];
        System.arraycopy(texture(0, 0), 0, small, 0, small.length);
        Path b = tif(dir, "b.tif", small, 100);
        CliRunner.Result r = CliRunner.run("offsets", "--reference", a.toString(), "--secondary", b.toString(), "--out",
                dir.resolve("o1").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("b.tif") && r.err().contains("differs"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        r = CliRunner.run("offsets", "--reference", a.toString(), "--secondary", a.toString(), "--chip", "4", "--out",
                dir.resolve("o2").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--chip"), r.err());
        r = CliRunner.run("offsets", "--reference", a.toString(), "--secondary", a.toString(), "--chip", "128", "--search", "40",
                "--out", dir.resolve("o3").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("smaller than one chip"), r.err());
    }
}

package org.permasar.cli.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * {@code permasar velocity-series} end to end on offsets.tif files written as {@code permasar offsets} writes
 * them (UTM 33N nodes of 160 m = step 16 × 10 m pixels), noise free: a glacier accelerating linearly
 * (v = 1 + 0.05·t m/day east, so an interval's mean velocity is the mean of its ends' v) beside stable ice at
 * 0.01 m/day, sampled by S1 6/12-day pairs and S2 5/10-day pairs carrying known mosaicking offsets.
 */
class VelocitySeriesCommandTest {
    private static final int R = 6, C = 8;
    private static final double PIX = 10;
    private static final LocalDate T0 = LocalDate.of(2023, 6, 1);

    private static double along(boolean glacier, double t) { // metres east since T0
        return glacier ? t + 0.025 * t * t : 0.01 * t;
    }

    private static Path offsets(Path dir, String name, int d1, int d2, double offR, double offC) throws Exception {
        float[] v = new float[4 * R * C];
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) {
                boolean glacier = r >= 2;
                double east = along(glacier, d2) - along(glacier, d1);
                v[r * C + c] = (float) offR; // rowOffset: no north motion
                v[R * C + r * C + c] = (float) (east / PIX + offC); // colOffset, pixels
                v[2 * R * C + r * C + c] = 0.9f;
                v[3 * R * C + r * C + c] = 5f;
            }
        }
        GridGeometry g = GridGeometry.geocoded(R, C, GeoTransform.northUp(500000, 16 * PIX, 7600000, -16 * PIX), 32633, Double.NaN);
        Path p = dir.resolve(name);
        GeoTiffWriter.write(p, g, v, 4, Map.of("STEP", "16"), List.of("rowOffset", "colOffset", "peakCorrelation", "snr"));
        return p;
    }

    @Test
    void recoversAcceleratingGlacierAndMosaickingOffsets(@TempDir Path dir) throws Exception {
        Random rnd = new Random(20261207L);
        StringBuilder csv = new StringBuilder("file,sensor,date1,date2\n");
        List<double[]> s2 = new ArrayList<>(); // pair start, end, row offset, col offset (pixels)
        int k = 0;
        for (int d = 0; d + 6 <= 60; d += 6) {
            for (int len : new int[] {6, 12}) {
                if (d + len <= 60) {
                    offsets(dir, "s1_" + k + ".tif", d, d + len, 0, 0);
                    csv.append("s1_").append(k++).append(".tif,S1,").append(T0.plusDays(d)).append(',').append(T0.plusDays(d + len)).append('\n');
                }
            }
        }
        for (int d = 2; d + 5 <= 60; d += 5) {
            for (int len : new int[] {5, 10}) {
                if (d + len <= 60) {
                    double or = 0.4 * rnd.nextDouble() - 0.2, oc = 0.4 * rnd.nextDouble() - 0.2;
                    offsets(dir, "s2_" + k + ".tif", d, d + len, or, oc);
                    s2.add(new double[] {d, d + len, or, oc});
                    csv.append("s2_").append(k++).append(".tif,S2,").append(T0.plusDays(d)).append(',').append(T0.plusDays(d + len)).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("pairs.csv"), csv);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("velocity-series", "--pairs", dir.resolve("pairs.csv").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("vx.tif"))) {
            List<String> names = t.bandDescriptions();
            assertEquals("20230601_20230603", names.get(0));
            GridGeometry g = t.grid();
            float[] v = new float[g.size()];
            double maxErr = 0;
            for (int b = 0; b < names.size(); b++) {
                LocalDate a = LocalDate.parse(names.get(b).substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                LocalDate e = LocalDate.parse(names.get(b).substring(9), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                double t1 = a.toEpochDay() - T0.toEpochDay(), t2 = e.toEpochDay() - T0.toEpochDay();
                t.readBand(b, Window.of(g), v, 0, 1f);
                for (int i = 0; i < v.length; i++) {
                    boolean glacier = i / C >= 2;
                    double truth = glacier ? 1 + 0.05 * (t1 + t2) / 2 : 0.01;
                    maxErr = Math.max(maxErr, Math.abs(v[i] - truth));
                }
            }
            System.out.printf("%d intervals, max |vx − truth| = %.2e m/day%n", names.size(), maxErr);
            assertTrue(maxErr < 2e-3, "max error " + maxErr);
        }
        List<String> used = Files.readAllLines(out.resolve("pairs_used.csv"));
        int q = 0;
        for (String line : used.subList(1, used.size())) {
            String[] f = line.split(",");
            if (f[1].equals("S2")) {
                double[] truth = s2.get(q++);
                assertEquals(truth[3] * PIX, Double.parseDouble(f[4]), 0.01, line); // x east = col offset · 10 m
                assertEquals(-truth[2] * PIX, Double.parseDouble(f[5]), 0.01, line); // y north = −row offset · 10 m
            } else {
                assertEquals(0, Double.parseDouble(f[4]), 0);
            }
        }
        assertEquals(s2.size(), q);
        assertTrue(Files.size(out.resolve("speed.tif")) > 0 && Files.size(out.resolve("intervals.csv")) > 0);
    }

    @Test
    void badTableStopsWithOneLineAndExit2(@TempDir Path dir) throws Exception {
        offsets(dir, "a.tif", 0, 6, 0, 0);
        String[][] cases = {
            {"file,sensor,date1\na.tif,S1,2023-06-01\n", "lacks one of file, sensor, date1, date2"},
            {"file,sensor,date1,date2\na.tif,L8,2023-06-01,2023-06-07\n", "expected S1 (SAR) or S2 (optical)"},
            {"file,sensor,date1,date2\na.tif,S1,2023-06-07,2023-06-01\n", "is not after date1"},
            {"file,sensor,date1,date2\nmissing.tif,S1,2023-06-01,2023-06-07\n", "not found"},
            {"file,sensor,date1,date2\na.tif,S1,2023-13-01,2023-06-07\n", "unparseable date"},
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("p.csv"), c[0]);
            Path out = dir.resolve("o");
            CliRunner.Result r = CliRunner.run("velocity-series", "--pairs", dir.resolve("p.csv").toString(), "--out", out.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[1]) && r.err().contains("p.csv"), r.err());
            assertFalse(Files.exists(out.resolve("vx.tif")));
        }
    }
}

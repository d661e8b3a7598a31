package org.permasar.cli.dinsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;

/**
 * {@code permasar redifference} end to end on a simulated fast-glacier interferogram with a closed-form true
 * phase (range motion up to 6 m, along-track motion in two TOPS bursts) and range / azimuth offsets a few
 * per cent off: the re-differenced phase has no residues, and the unwrapped output equals the truth.
 */
class RedifferenceCommandTest {
    private static final int R = 120, C = 200, BURST = 60;
    private static final double LAMBDA = 0.05546576, RPX = 2.33, ATI = 2.056e-3, SPAN = 4400;

    private static Path tif(Path dir, String name, float[] v) throws Exception {
        Path p = dir.resolve(name);
        GeoTiffWriter.write(p, new GridGeometry(R, C, null, 0, Double.NaN, null), v, 1, Map.of(), List.of(name));
        return p;
    }

    @Test
    void residuesVanishAndUnwrappedPhaseEqualsTruth(@TempDir Path dir) throws Exception {
        float[] ifg = new float[R * C], truth = new float[R * C], rg = new float[R * C], az = new float[R * C];
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) {
                double u = (c - 100) / 80.0, dr = Math.abs(u) < 1 ? 6 * (1 - u * u) : 0; // slant-range metres
                double a = 0.5 * dr / 14.0; // azimuth pixels
                double fdc = SPAN * ((r % BURST) / (BURST - 1.0) - 0.5);
                double phi = 4 * Math.PI / LAMBDA * dr + 2 * Math.PI * fdc * a * ATI;
                int i = r * C + c;
                truth[i] = (float) phi;
                ifg[i] = (float) Math.atan2(Math.sin(phi), Math.cos(phi));
                rg[i] = (float) (1.02 * dr / RPX);
                az[i] = (float) (1.05 * a);
            }
        }
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("redifference", "--ifg", tif(dir, "ifg.tif", ifg).toString(), "--range-offset",
                tif(dir, "rg.tif", rg).toString(), "--range-pixel", "2.33", "--azimuth-offset", tif(dir, "az.tif", az).toString(),
                "--azimuth-time-interval", "0.002056", "--burst-lines", "60", "--doppler-span", "4400", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String txt = Files.readString(out.resolve("redifference.txt"));
        assertTrue(txt.contains("residues after = 0 of"), txt);
        assertFalse(txt.contains("residues before = 0 of"), txt);
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("unwrapped.tif"))) {
            float[] v = new float[R * C];
            t.readBand(0, Window.of(t.grid()), v, 0, 1f);
            double k = v[0] - truth[0], max = 0;
            for (int i = 0; i < v.length; i++) {
                max = Math.max(max, Math.abs(v[i] - truth[i] - k));
            }
            assertEquals(0, k, 1e-3);
            assertTrue(max < 1e-2, "max error " + max + " rad");
        }
    }

    @Test
    void offsetsTifOnItsNodeGridIsInterpolatedToTheInterferogram(@TempDir Path dir) throws Exception {
        // an offsets.tif as permasar offsets writes it for 120 × 200 images, chip 16, search 4, step 8: 13 × 23 nodes at
        // pixel (12 + 8i, 12 + 8j); colOffset (band 2) a plane in pixel coordinates, so bilinear interpolation is exact
        int gr = 13, gc = 23;
        float[] v = new float[4 * gr * gc];
        for (int i = 0; i < gr; i++) {
            for (int j = 0; j < gc; j++) {
                v[gr * gc + i * gc + j] = (float) (0.01 * (12 + 8 * j) + 0.002 * (12 + 8 * i));
            }
        }
        Path off = dir.resolve("offsets.tif");
        GeoTiffWriter.write(off, new GridGeometry(gr, gc, null, 0, Double.NaN, null), v, 4,
                Map.of("CHIP", "16", "SEARCH", "4", "STEP", "8"), List.of("rowOffset", "colOffset", "peakCorrelation", "snr"));
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("redifference", "--ifg", tif(dir, "ifg.tif", new float[R * C]).toString(), "--range-offset",
                off.toString(), "--range-band", "2", "--range-pixel", "2.33", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("predicted_phase.tif"))) {
            float[] p = new float[R * C];
            t.readBand(0, Window.of(t.grid()), p, 0, 1f);
            for (int row = 12; row <= 12 + 8 * (gr - 1); row += 5) {
                for (int col = 12; col <= 12 + 8 * (gc - 1); col += 7) {
                    double truth = 4 * Math.PI / LAMBDA * RPX * (0.01 * col + 0.002 * row); // (4π/λ)·Δr
                    assertEquals(truth, p[row * C + col], 1e-4 * Math.abs(truth) + 1e-3, "pixel " + row + "," + col);
                }
            }
        }
        // the same file against a 100-row interferogram: not its node grid
        Path small = dir.resolve("small.tif");
        GeoTiffWriter.write(small, new GridGeometry(100, C, null, 0, Double.NaN, null), new float[100 * C], 1, Map.of(), List.of("p"));
        r = CliRunner.run("redifference", "--ifg", small.toString(), "--range-offset", off.toString(), "--range-pixel", "2.33",
                "--out", dir.resolve("o2").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("were not tracked on images of the interferogram's size 100×200"), r.err());
    }

    @Test
    void badInputsExit2(@TempDir Path dir) throws Exception {
        Path ifg = tif(dir, "ifg.tif", new float[R * C]);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("redifference", "--ifg", ifg.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("exactly one of --range-offset and --range-velocity"), r.err());
        r = CliRunner.run("redifference", "--ifg", ifg.toString(), "--range-velocity", ifg.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--days"), r.err());
        r = CliRunner.run("redifference", "--ifg", ifg.toString(), "--range-offset", ifg.toString(), "--range-pixel", "2.33",
                "--azimuth-offset", ifg.toString(), "--azimuth-time-interval", "0.002", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--doppler"), r.err());
        assertFalse(Files.exists(out.resolve("unwrapped.tif")));
    }
}

package org.permasar.cli.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code permasar melt} on a simulated 6-day σ⁰ stack with known melt: a 4 × 5 grid whose column c
 * melts from day of year 150 + 10·c to 210 in 2020 (σ⁰ −8 dB dry, −17 dB wet, 0.3 dB noise); row 3 never
 * melts. Truth per pixel: onset = first acquisition on or after day 150 + 10·c, end = last on or before 210.
 */
class MeltCommandTest {
    @Test
    void knownMeltPeriods(@TempDir Path dir) throws Exception {
        List<LocalDate> d = new ArrayList<>();
        for (LocalDate t = LocalDate.of(2019, 11, 2); t.isBefore(LocalDate.of(2020, 12, 31)); t = t.plusDays(6)) {
            d.add(t);
        }
        int rows = 4, cols = 5, n = rows * cols, nt = d.size();
        float[] cube = new float[nt * n];
        Random rnd = new Random(20261207L);
        List<String> names = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            names.add(d.get(t).toString().replace("-", ""));
            int doy = d.get(t).getYear() == 2020 ? d.get(t).getDayOfYear() : -1;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    boolean wet = r < 3 && doy >= 150 + 10 * c && doy <= 210;
                    cube[t * n + r * cols + c] = (float) (-8 + 0.3 * rnd.nextGaussian() - (wet ? 9 : 0));
                }
            }
        }
        Path tif = dir.resolve("s0.tif");
        GeoTiffWriter.write(tif, GridGeometry.geocoded(rows, cols, GeoTransform.northUp(400000, 40, 7.8e6, -40), 32624, Double.NaN),
                cube, nt, Map.of(), names);
        Path out = dir.resolve("out");
        CliRunner.Result res = CliRunner.run("melt", "--sigma0", tif.toString(), "--site", "0,0", "--out", out.toString());
        assertEquals(0, res.code(), res.err());
        assertTrue(Files.exists(out.resolve("melt_days_2020.png")));
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("melt.tif"))) {
            assertEquals(List.of("meltDays_2019", "onset_2019", "end_2019", "reference_2019", "meltDays_2020", "onset_2020",
                    "end_2020", "reference_2020"), t.bandDescriptions());
            float[] v = new float[4 * n];
            t.readBands(new int[] {4, 5, 6, 7}, Window.of(t.grid()), v, 0, 1f);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int k = r * cols + c, first = -1, last = -1, count = 0;
                    for (LocalDate x : d) {
                        if (x.getYear() == 2020 && r < 3 && x.getDayOfYear() >= 150 + 10 * c && x.getDayOfYear() <= 210) {
                            first = first < 0 ? x.getDayOfYear() : first;
                            last = x.getDayOfYear();
                            count++;
                        }
                    }
                    assertEquals(-8, v[3 * n + k], 0.3, "reference");
                    if (r == 3) {
                        assertEquals(0, v[k]);
                        assertTrue(Float.isNaN(v[n + k]));
                    } else {
                        assertEquals(first, v[n + k], "onset at " + r + "," + c);
                        assertEquals(last, v[2 * n + k], "end");
                        assertEquals(6.0 * count, v[k], 1e-3, "6 days per interior wet acquisition");
                        assertEquals(210 - (150 + 10 * c) + 1, v[k], 6, "melt days within one revisit of the truth");
                    }
                }
            }
            t.readBand(0, Window.of(t.grid()), v, 0, 1f);
            assertTrue(Float.isNaN(v[0]), "2019 has no winter before it: NaN");
        }
        List<String> sites = Files.readAllLines(out.resolve("melt_sites.csv"));
        assertEquals(nt + 1, sites.size());
        assertTrue(Files.readString(out.resolve("melt_summary.csv")).contains("\n2020,20,15,"));
    }

    @Test
    void bandsWithoutDatesExitTwo(@TempDir Path dir) throws Exception {
        Path tif = dir.resolve("s0.tif");
        GeoTiffWriter.write(tif, GridGeometry.geocoded(2, 2, GeoTransform.northUp(0, 1, 0, -1), 32624, Double.NaN), new float[8], 2,
                Map.of(), List.of("VV", "VH"));
        CliRunner.Result r = CliRunner.run("melt", "--sigma0", tif.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("band 1 description 'VV' is not a date"), r.err());
        r = CliRunner.run("melt", "--sigma0", tif.toString(), "--winter", "12-01", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--winter"), r.err());
    }
}

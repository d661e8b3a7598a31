package org.permasar.cli.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.pipeline.raster.ProductRasters;

/** {@code permasar hazards} from the command line: outputs, the profile picture and bad inputs (exit 2, one line). */
class HazardsCommandTest {
    @Test
    void writesCountsBuffersProfileAndPicture(@TempDir Path tmp) throws Exception {
        Path rail = CliRunner.shared().resolve("data/vector/ne_10m_railroads_fairbanks.geojson");
        assumeTrue(Files.isRegularFile(rail), "shared data absent");
        // a small velocity map on a lat/lon grid: −0.030 m/yr where 64.0 < lat < 64.2, 0 elsewhere (0.01° pixels)
        int rows = 200;
        int cols = 350;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(-150, 0.01, 65, -0.01), 4326, Double.NaN);
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double lat = 65 - (r + 0.5) * 0.01;
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = lat > 64.0 && lat < 64.2 ? -0.030f : 0f;
            }
        }
        Path vel = tmp.resolve("velocity.tif");
        ProductRasters.writeFloat(vel, g, v, "velocity", "m/year");
        // a one-point layer, so that the features GeoJSON and the per-bin hazard counts are exercised
        Path slumps = tmp.resolve("slumps.geojson");
        Files.writeString(slumps, "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"id\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-147.5,64.0]}}]}");
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("hazards", "--lines", rail.toString(), "--features", "slumps=" + slumps,
                "--deformation", vel.toString(), "--bin-km", "5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("EPSG:32606"), r.out());
        for (String f : List.of("buffer_counts.csv", "buffers.geojson", "hazard_features.geojson", "corridor_profile.csv",
                "corridor_profile.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // GDAL (ST_Line_Locate_Point in UTM 6N) puts the line's crossings of 64.2° and 64.0° N at chainage 135.25 and
        // 159.09 km: the 5 km bins 135…160 subside, the bins outside 130…165 do not
        List<String> prof = Files.readAllLines(out.resolve("corridor_profile.csv"));
        for (String line : prof.subList(1, prof.size())) {
            String[] f = line.split(",");
            double start = Double.parseDouble(f[0]);
            double share = Double.parseDouble(f[5]);
            if (start >= 140 && start < 155) {
                assertEquals(1.0, share, 1e-9, line);
            } else if (start < 130 || start >= 165) {
                assertEquals(0.0, share, 1e-9, line);
            }
        }
    }

    @Test
    void badInputsExitTwoNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path rail = CliRunner.shared().resolve("data/vector/ne_10m_railroads_fairbanks.geojson");
        assumeTrue(Files.isRegularFile(rail), "shared data absent");
        CliRunner.Result r = CliRunner.run("hazards", "--lines", rail.toString(), "--buffers", "500,abc", "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("abc"), r.err());
        r = CliRunner.run("hazards", "--lines", tmp.resolve("missing.geojson").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing.geojson"), r.err());
        r = CliRunner.run("hazards", "--lines", rail.toString(), "--buffers", "1000,500", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("increasing"), r.err());
    }
}

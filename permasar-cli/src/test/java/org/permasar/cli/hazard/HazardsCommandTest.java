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
import org.permasar.io.vector.Ogr;
import org.permasar.io.vector.PolyLineMShapefile;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar hazards} from the command line: outputs, the profile picture, chainage from the line's vertex
 * measures (M) and bad inputs (exit 2, one line).
 */
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
    /**
     * {@code --chainage m}: a straight 10 km line in UTM 46N written as a PolyLineM by test code, vertices at 0, 2, 8 and
     * 10 km carrying M 50 000, 52 000, 56 000, 58 000 m (the 6 km between the middle vertices carry 4 km); the ground
     * subsides 30 mm/yr between 3.5 and 5 km of line, i.e. between km 52 + 1.5 × 4/6 = 53 and 52 + 3 × 4/6 = 54.
     */
    @Test
    void chainageFromTheLinesMeasures(@TempDir Path tmp) throws Exception {
        double x0 = 400000, y0 = 3800000;
        Path shp = tmp.resolve("rail.shp");
        PolyLineMShapefile.write(shp, PolyLineMShapefile.utmNorthPrj(46), true, new double[][] {{x0, y0, 50000},
            {x0 + 2000, y0, 52000}, {x0 + 8000, y0, 56000}, {x0 + 10000, y0, 58000}});
        int rows = 20, cols = 120;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(x0 - 1000, 100, y0 + 1000, -100), 32646,
                Double.NaN);
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = x0 - 1000 + (c + 0.5) * 100;
                v[r * cols + c] = x > x0 + 3500 && x < x0 + 5000 ? -0.030f : 0f;
            }
        }
        Path vel = tmp.resolve("velocity.tif");
        ProductRasters.writeFloat(vel, g, v, "velocity", "m/year");
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("hazards", "--lines", shp.toString(), "--deformation", vel.toString(),
                "--buffers", "500", "--chainage", "m", "--m-unit", "m", "--bin-km", "0.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> prof = Files.readAllLines(out.resolve("corridor_profile.csv"));
        assertEquals(17, prof.size(), "km 50 … 58 in 0.5 km bins");
        int middle = 0;
        for (String line : prof.subList(1, prof.size())) {
            String[] f = line.split(",");
            double start = Double.parseDouble(f[0]);
            // the band's pixel centres (x 3 550 … 4 950 m) lie at km 53.03 … 53.97: exactly the bins 53.0 and 53.5
            assertEquals(start >= 53.0 - 1e-9 && start < 54.0 - 1e-9 ? 1.0 : 0.0, Double.parseDouble(f[5]), 0, line);
            // 10 rows within 500 m; 0.5 km of chainage is 500 m of line (5 columns) in km 50–52 and 56–58 (the end bins
            // also hold the round caps' pixels beyond the line's ends), 750 m (7.5 columns) in km 52–56
            if (start > 50 && start < 52 - 1e-9 || start >= 56 - 1e-9 && start < 57.5 - 1e-9) {
                assertEquals(50, Integer.parseInt(f[2]), line);
            } else if (start >= 52 - 1e-9 && start < 56 - 1e-9) {
                middle += Integer.parseInt(f[2]);
            }
        }
        assertEquals(600, middle, "60 columns of 10 pixels between km 52 and 56");
        // measures out of order and a GeoJSON line (no measures in RFC 7946 positions) are refused, exit 2
        Path bad = tmp.resolve("bad.shp");
        PolyLineMShapefile.write(bad, PolyLineMShapefile.utmNorthPrj(46), true, new double[][] {{x0, y0, 0},
            {x0 + 1000, y0, 1000}, {x0 + 2000, y0, 900}, {x0 + 3000, y0, 3000}});
        r = CliRunner.run("hazards", "--lines", bad.toString(), "--chainage", "m", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.shp") && r.err().contains("vertex 2 of line part 0"), r.err());
        Path json = tmp.resolve("line.geojson");
        Files.writeString(json, "{\"type\":\"LineString\",\"coordinates\":[[-147,64],[-147,64.1]]}");
        r = CliRunner.run("hazards", "--lines", json.toString(), "--chainage", "m", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("RFC 7946"), r.err());
        r = CliRunner.run("hazards", "--lines", shp.toString(), "--chainage", "m", "--km-attribute", "km", "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("two sources of chainage"), r.err());
        r = CliRunner.run("hazards", "--lines", shp.toString(), "--chainage", "mm", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--chainage must be length or m"), r.err());
    }

    /**
     * The Alaska Railroad with measures GDAL puts on it (SpatiaLite ST_AddMeasure in UTM 6N, 600 → 894.914, linear in
     * length) gives the profile that kilometre posts 600 and 894.914 at its two ends give (the same chainage by another
     * route), and the simulated band between 64.0° and 64.2° N at the km of its crossings (135.25 and 159.09 km from
     * the start, GDAL: km 736.60 and 760.68).
     */
    @Test
    void measuresWrittenByGdalMatchKilometrePostsAtTheEnds(@TempDir Path tmp) throws Exception {
        Path rail = CliRunner.shared().resolve("data/vector/ne_10m_railroads_fairbanks.geojson");
        assumeTrue(Files.isRegularFile(rail) && Ogr.available(), "shared data or ogr2ogr absent");
        Path shp = tmp.resolve("railm.shp");
        String from = " FROM ne_10m_railroads_north_america";
        Ogr.run(List.of("-f", "ESRI Shapefile", shp.toString(), rail.toString(), "-dialect", "sqlite", "-sql",
                "SELECT ST_AddMeasure(ST_Transform(geometry, 32606), 600, 894.914) AS geometry" + from, "-nlt",
                "LINESTRINGM", "-a_srs", "EPSG:32606"));
        Path posts = tmp.resolve("posts.geojson");
        Ogr.run(List.of("-f", "GeoJSON", posts.toString(), rail.toString(), "-dialect", "sqlite", "-sql",
                "SELECT 600.0 AS km, ST_StartPoint(geometry) AS geometry" + from + " UNION ALL SELECT 894.914 AS km, "
                        + "ST_EndPoint(geometry) AS geometry" + from));
        int rows = 200, cols = 350;
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
        CliRunner.Result r = CliRunner.run("hazards", "--lines", shp.toString(), "--deformation", vel.toString(),
                "--chainage", "m", "--bin-km", "5", "--out", tmp.resolve("m").toString());
        assertEquals(0, r.code(), r.err());
        r = CliRunner.run("hazards", "--lines", rail.toString(), "--km-posts", posts.toString(), "--km-attribute", "km",
                "--deformation", vel.toString(), "--bin-km", "5", "--out", tmp.resolve("posts").toString());
        assertEquals(0, r.code(), r.err());
        List<String> m = Files.readAllLines(tmp.resolve("m/corridor_profile.csv"));
        List<String> p = Files.readAllLines(tmp.resolve("posts/corridor_profile.csv"));
        assertEquals(p.size(), m.size());
        for (int k = 1; k < m.size(); k++) {
            String[] a = m.get(k).split(",");
            String[] b = p.get(k).split(",");
            assertEquals(Double.parseDouble(b[0]), Double.parseDouble(a[0]), 1e-9, m.get(k));
            // a pixel on a bin's border may fall either side by rounding: counts within one pixel
            assertEquals(Integer.parseInt(b[2]), Integer.parseInt(a[2]), 1, m.get(k) + " / " + p.get(k));
            double start = Double.parseDouble(a[0]);
            double share = Double.parseDouble(a[5]);
            if (start >= 740 && start < 760) {
                assertEquals(1.0, share, 1e-9, m.get(k));
            } else if (start < 735 || start >= 765) {
                assertEquals(0.0, share, 1e-9, m.get(k));
            }
        }
        assertEquals(600.0, Double.parseDouble(m.get(1).split(",")[0]), 1e-9);
    }
}

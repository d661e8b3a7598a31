package org.permasar.pipeline.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.hazard.BufferRings;
import org.permasar.hazard.CorridorProfile;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;

/**
 * The hazards step end to end: metric buffering of input given in degrees (closed form), the real Natural Earth
 * railway and lakes against GDAL/SpatiaLite (ogr2ogr -dialect sqlite, ST_Transform/ST_Buffer/ST_Distance in UTM),
 * and the corridor profile on a simulated velocity map.
 */
class HazardsStepTest {
    private static final Path VECTOR = Path.of(System.getProperty("permasar.shared", "../shared"), "data/vector");
    private static final Path RAIL = VECTOR.resolve("ne_10m_railroads_fairbanks.geojson");
    private static final Path LAKES = VECTOR.resolve("ne_10m_lakes_tibetan_plateau.geojson");
    /** WGS 84 semi-major axis (m) and first eccentricity squared. */
    private static final double A = 6378137.0;
    private static final double E2 = 0.00669437999014;

    @Test
    void pointsGivenInDegreesAreCountedByMetricDistance(@TempDir Path tmp) throws IOException {
        // a meridian line on −147° (the central meridian of UTM 6N) from 64° to 65° N; points due east of it at 64.5° N
        // at ground distances d: Δλ = d / (N cos φ), N = a / √(1 − e² sin² φ) (the parallel's radius, Snyder 1987 eq. 4-20)
        double phi = Math.toRadians(64.5);
        double n = A / Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
        double[] d = {100, 450, 700, 1300, 1900, 2300};
        StringBuilder pts = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int k = 0; k < d.length; k++) {
            double lon = -147 + Math.toDegrees(d[k] / (n * Math.cos(phi))) * (k % 2 == 0 ? 1 : -1);
            pts.append(k > 0 ? "," : "").append(String.format(Locale.ROOT,
                    "{\"type\":\"Feature\",\"properties\":{\"id\":%d},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.12f,64.5]}}", k, lon));
        }
        pts.append("]}");
        Path lines = tmp.resolve("line.geojson");
        Files.writeString(lines, "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\","
                + "\"coordinates\":[[-147,64],[-147,65]]}}");
        Path points = tmp.resolve("points.geojson");
        Files.writeString(points, pts);
        HazardsStep.Result r = HazardsStep.run(new HazardsParameters(lines, Map.of("slumps", points), BufferRings.DEFAULT,
                0, null, 1, 10, tmp.resolve("out")));
        assertEquals(32606, r.epsg());
        // the same answer as a straight line in a projected CRS: rings by ground distance (UTM's scale factor
        // 0.9996 on the central meridian moves a distance by 0.04 %, far less than the margins here)
        assertArrayEquals(new int[] {0, 0, 1, 2, 3, -1}, r.layers().get(0).inventory().ringOf());
        assertArrayEquals(new int[] {2, 3, 4, 5}, r.layers().get(0).inventory().bufferCount());
        List<String> csv = Files.readAllLines(tmp.resolve("out/buffer_counts.csv"));
        assertTrue(csv.get(0).startsWith("layer,buffer_m,count,area_km2,density_per_km2"));
        assertTrue(csv.get(1).startsWith("slumps,500,2,"), csv.get(1));
        assertTrue(Files.size(tmp.resolve("out/buffers.geojson")) > 1000);
    }

    @Test
    void alaskaRailroadBuffersMatchSpatiaLite(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(RAIL) && ogrAvailable(), "ogr2ogr or shared data absent");
        HazardsStep.Result r = HazardsStep.run(HazardsParameters.of(RAIL, tmp.resolve("out")));
        assertEquals(32606, r.epsg()); // centre of 63.0…64.93 N, ≈ 147–149.3 W: zone 6
        List<String[]> ref = query(RAIL, "SELECT ST_Length(ST_Transform(geometry, 32606)), "
                + "ST_Area(ST_Buffer(ST_Transform(geometry, 32606), 500)), ST_Area(ST_Buffer(ST_Transform(geometry, 32606), 1000)), "
                + "ST_Area(ST_Buffer(ST_Transform(geometry, 32606), 1500)), ST_Area(ST_Buffer(ST_Transform(geometry, 32606), 2000)) "
                + "FROM ne_10m_railroads_north_america");
        assertEquals(Double.parseDouble(ref.get(0)[0]), r.corridor().line().getLength(), 1e-6 * r.corridor().line().getLength());
        for (int k = 0; k < 4; k++) {
            double spatialite = Double.parseDouble(ref.get(0)[k + 1]);
            assertEquals(spatialite, r.corridor().buffer(k).getArea(), 1e-4 * spatialite, "buffer " + (k + 1) * 500);
        }
    }

    @Test
    void tibetanLakesNearAQinghaiTibetLineMatchSpatiaLite(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(LAKES) && ogrAvailable(), "ogr2ogr or shared data absent");
        // a schematic Golmud – Tanggula – Lhasa line (not the surveyed railway); buffers of 50 … 200 km so that
        // Natural Earth's large lakes fall in them
        String wkt = "LINESTRING(94.9 36.4, 92.9 34.2, 91.1 29.65)";
        Path lines = tmp.resolve("qtr.geojson");
        Files.writeString(lines, "{\"type\":\"Feature\",\"properties\":{\"name\":\"QTR\"},\"geometry\":{\"type\":\"LineString\","
                + "\"coordinates\":[[94.9,36.4],[92.9,34.2],[91.1,29.65]]}}");
        double[] dist = {50000, 100000, 150000, 200000};
        HazardsStep.Result r = HazardsStep.run(new HazardsParameters(lines, Map.of("lakes", LAKES), new BufferRings(dist), 0,
                null, 1, 10, tmp.resolve("out")));
        assertEquals(32646, r.epsg());
        String line = "ST_Transform(ST_GeomFromText('" + wkt + "', 4326), 32646)";
        for (int k = 0; k < dist.length; k++) {
            List<String[]> ref = query(LAKES, "SELECT COUNT(*), SUM(ST_Area(ST_Intersection(ST_Transform(geometry, 32646), "
                    + "ST_Buffer(" + line + ", " + dist[k] + ")))) FROM ne_10m_lakes WHERE ST_Distance(ST_Transform(geometry, 32646), "
                    + line + ") <= " + dist[k]);
            int count = Integer.parseInt(ref.get(0)[0]);
            double area = ref.get(0)[1].isEmpty() ? 0 : Double.parseDouble(ref.get(0)[1]);
            assertEquals(count, r.layers().get(0).inventory().bufferCount()[k], "lakes within " + dist[k] + " m");
            assertEquals(area, r.layers().get(0).inventory().bufferFeatureArea()[k], 1e-3 * area + 1, "lake area within " + dist[k]);
        }
        assertTrue(r.layers().get(0).inventory().bufferCount()[3] >= 5, "the test should see several lakes");
    }

    @Test
    void profileRecoversASubsidingStretchOnASimulatedMap(@TempDir Path tmp) throws IOException {
        // a 20 km east–west line in UTM 46N at northing 3 800 000 m; a 100 m velocity grid (EPSG:32646) around it;
        // −30 mm/yr between chainage 12 and 15 km within 800 m of the line, 0 elsewhere
        double x0 = 400000;
        double y0 = 3800000;
        Path lines = tmp.resolve("line.geojson");
        Files.writeString(lines, String.format(Locale.ROOT, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                + "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::32646\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[%f,%f],[%f,%f]]}}]}", x0, y0, x0 + 20000, y0));
        int rows = 60;
        int cols = 240;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(x0 - 2000, 100, y0 + 3000, -100), 32646, Double.NaN);
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = x0 - 2000 + (c + 0.5) * 100;
                double y = y0 + 3000 - (r + 0.5) * 100;
                boolean sub = x > x0 + 12000 && x < x0 + 15000 && Math.abs(y - y0) < 800;
                v[r * cols + c] = sub ? -0.030f : 0f;
            }
        }
        Path vel = tmp.resolve("velocity.tif");
        ProductRasters.writeFloat(vel, g, v, "velocity", "m/year");
        HazardsStep.Result res = HazardsStep.run(new HazardsParameters(lines, Map.of(), BufferRings.DEFAULT, 32646, vel,
                1, 10, tmp.resolve("out")));
        CorridorProfile.Bin[] bins = res.profile();
        assertEquals(20, bins.length);
        for (int b = 0; b < 20; b++) {
            boolean sub = b >= 12 && b < 15;
            // 10 columns × 40 rows within 2 km (|y − y0| ≤ 2000 → rows at ±50 … ±1950); 16 rows within 800 m
            assertEquals(sub ? 16.0 / 40 : 0, bins[b].shareFaster(), 1e-6, "bin " + b);
            assertEquals(sub ? -30.0 * 16 / 40 : 0, bins[b].meanRate(), 1e-4, "bin " + b);
        }
        int[] worst = CorridorProfile.worst(bins, 3);
        java.util.Arrays.sort(worst);
        assertArrayEquals(new int[] {12, 13, 14}, worst);
        List<String> csv = Files.readAllLines(tmp.resolve("out/corridor_profile.csv"));
        assertEquals(21, csv.size());
    }

    @Test
    void badInputsNameTheFile(@TempDir Path tmp) throws IOException {
        Path poly = tmp.resolve("poly.geojson");
        Files.writeString(poly, "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HazardsStep.run(HazardsParameters.of(poly, tmp.resolve("o"))));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HazardsParameters(poly, Map.of("bad name", poly), null, 0,
                null, 1, 10, tmp));
        assertThrows(IllegalArgumentException.class, () -> new HazardsParameters(poly, Map.of(), null, 0, null, 0, 10, tmp));
    }

    private static boolean ogrAvailable() {
        try {
            Process p = new ProcessBuilder("ogr2ogr", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** An ogr2ogr SQLite-dialect query (SpatiaLite functions) on a file, as CSV rows without the header. */
    private static List<String[]> query(Path src, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ogr2ogr", "-f", "CSV", "/vsistdout/", src.toString(), "-dialect", "sqlite", "-sql", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("ERROR")) {
            throw new IOException("ogr2ogr failed: " + out);
        }
        List<String[]> rows = new ArrayList<>();
        String[] lines = out.strip().split("\r?\n");
        for (int k = 1; k < lines.length; k++) {
            rows.add(lines[k].replace("\"", "").split(",", -1));
        }
        return rows;
    }
}

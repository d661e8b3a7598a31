package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/**
 * The chain calls the same steps as the commands: {@code permasar demo --small} (every step called with
 * typed parameters) writes the same bytes as {@code permasar invert}, {@code fit}, {@code geometry}, {@code alt} and
 * {@code controls} run by hand on its scene (and its velocity products) with the demo configuration's settings.
 */
class ChainMatchesCommandsTest {
    @TempDir
    Path dir;

    @Test
    void chainAndCommandsWriteTheSameBytes() throws IOException {
        Path chain = dir.resolve("chain");
        assertThat(CliRunner.run("demo", "--small", "--out", chain.toString()).code()).isZero();
        Path scene = chain.resolve("scene/asc");
        Path hand = dir.resolve("hand");
        Path stack = scene.resolve("ifgramStack.h5"), geometry = scene.resolve("geometryGeo.h5");
        // [invert] method wls, weight var, maskConnComp, reference auto; the chain adds --geotiff
        run("invert", stack.toString(), "--out", hand.toString(), "--method", "wls", "--weight", "var",
                "--geometry", geometry.toString(), "--mask-dset", "--min-coherence", "0", "--geotiff");
        Path ts = hand.resolve("timeseries.h5");
        // [fit] polynomial 1, seasonality 2 / 0.2 / 0.001
        run("fit", ts.toString(), "--model", "trend+annual", "--out", hand.toString(), "--geotiff", "--plots",
                "--polynomial", "1", "--min-seasonal-amplitude", "0.001", "--seasonality-prominence", "0.2",
                "--seasonality-tolerance", "2", "--stack", stack.toString(), "--min-coherence", "0", "--weight", "var",
                "--mask-dset");
        // [pecm] vertical, hants 3, kappa estimated, offset 3.5; a-priori σ from the stack with the inversion's masks
        run("fit", ts.toString(), "--model", "pecm", "--lst", chain.resolve("scene/lst_8day.tif").toString(),
                "--out", hand.resolve("pecm").toString(), "--geotiff", "--plots", "--hants-harmonics", "3",
                "--kappa-ratio", "estimate", "--lst-centre-offset", "3.5", "--min-seasonal-amplitude", "0.001",
                "--seasonality-prominence", "0.2", "--seasonality-tolerance", "2", "--geometry", geometry.toString(),
                "--vertical", "--stack", stack.toString(), "--min-coherence", "0", "--weight", "var", "--mask-dset");
        for (String f : List.of("timeseries.h5", "temporalCoherence.h5", "numInvIfgram.h5", "inversionQuality.h5",
                "timeseries.tif", "network.png", "velocity.h5", "velocity.tif", "seasonalAmplitude.png",
                "pecm/velocity.h5", "pecm/pecmVelocityStdApriori.tif", "pecm/pecmSeasonalCoef.png")) {
            assertThat(Files.readAllBytes(hand.resolve(f))).as(f).isEqualTo(Files.readAllBytes(chain.resolve("asc").resolve(f)));
        }
        // [geometry] on the chain's two velocity products, default thresholds
        Path descGeometry = chain.resolve("scene/desc/geometryGeo.h5");
        run("geometry", "--asc", chain.resolve("asc/velocity.h5").toString(), "--desc", chain.resolve("desc/velocity.h5").toString(),
                "--asc-geometry", geometry.toString(), "--desc-geometry", descGeometry.toString(), "--out",
                hand.resolve("geometry").toString(), "--rate-tolerance", "0.005", "--anti-phase-days", "180");
        // [alt] density, N 0.30, n 0.05, LOS amplitude of the first track
        run("alt", "--model", "density", "--amplitude", chain.resolve("asc/velocity.h5") + ":seasonalAmplitude", "--N", "0.30",
                "--n", "0.05", "--los", "--incidence", geometry + ":incidenceAngle", "--out", hand.resolve("alt").toString());
        for (String f : List.of("geometry/secularDirection.tif", "geometry/up.tif", "geometry/eastStd.tif",
                "geometry/seasonalEastAmplitude.tif", "geometry/directionCounts.csv", "geometry/secularPie.png",
                "alt/alt.tif", "alt/altFlag.tif", "alt/alt.png")) {
            assertThat(Files.readAllBytes(hand.resolve(f))).as(f).isEqualTo(Files.readAllBytes(chain.resolve(f)));
        }
        // [controls] region codes and elevation (OPGD 2-6) against the first track's velocity, 10 px tiles
        run("controls", "--deformation", chain.resolve("asc/velocity.h5") + ":velocity", "--factor",
                "region=" + chain.resolve("scene/truth.h5") + ":region", "--factor", "elevation=" + chain.resolve("scene/dem.tif"),
                "--discretize", "elevation=opgd:2-6", "--cross", "region,elevation", "--tile", "10", "--label",
                "velocity (m/yr)", "--out", hand.resolve("controls").toString());
        for (String f : List.of("controls/factor_detector.csv", "controls/interaction_detector.csv",
                "controls/binned_statistics.csv", "controls/discretization.csv", "controls/boxplot_region.png")) {
            assertThat(Files.readAllBytes(hand.resolve(f))).as(f).isEqualTo(Files.readAllBytes(chain.resolve(f)));
        }
    }

    /** The chain's recession step (input.discharge) and {@code permasar recession} with its defaults. */
    @Test
    void recessionStepWritesWhatTheCommandWrites() throws IOException {
        Path goldstream = CliRunner.shared().resolve("data/hydrology/goldstream/goldstream_GSS1_discharge_daily.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(goldstream), "needs ../shared/data/hydrology");
        Path chain = dir.resolve("chain");
        assertThat(CliRunner.run("demo", "--small", "--out", chain.toString()).code()).isZero();
        Path cfg = chain.resolve("permasar.cfg");
        String text = Files.readString(cfg).replaceFirst("(?m)^discharge = *$", "discharge = "
                + goldstream.toAbsolutePath().toString().replace("\\", "/"));
        assertThat(text).contains("discharge = " + goldstream.toAbsolutePath());
        Files.writeString(cfg, text.replaceFirst("(?m)^breakDate = *$", "breakDate = 2017-06-01"));
        run("run", cfg.toString(), "--steps", "recession");
        Path hand = dir.resolve("hand");
        run("recession", "--discharge", goldstream.toString(), "--break-date", "2017-06-01", "--out", hand.toString());
        for (String f : List.of("recession_fit.csv", "recession_events.csv", "recession_yearly.csv", "trend_tests.csv",
                "recession_cloud.png")) {
            assertThat(Files.readAllBytes(hand.resolve(f))).as(f).isEqualTo(Files.readAllBytes(chain.resolve("recession").resolve(f)));
        }
    }

    /**
     * The chain's hazards step (hazards.lines, hazards.features, kilometre posts) on the first track's velocity and
     * {@code permasar hazards} by hand with the same settings write the same bytes; the report gets its section; and
     * the profile along a line through the demo's subsidence patch puts it at the chainage the simulated truth has.
     */
    @Test
    void hazardsStepWritesWhatTheCommandWrites() throws IOException {
        Path chain = dir.resolve("chain");
        assertThat(CliRunner.run("demo", "--small", "--out", chain.toString()).code()).isZero();
        Path velocity = chain.resolve("asc/velocity.h5");
        org.permasar.grid.GridGeometry g = org.permasar.pipeline.raster.ProductRasters.read(velocity, "velocity").grid();
        org.permasar.grid.GeoTransform t = g.transform();
        // a line along the centre of row 4 (through the subsidence patch, region 4, in rows 3–5 at columns 4–7), km
        // posts 100.0 at its start and 102.5 at its end (2 km of line carry 2.5 km: 0.125 km per 100 m pixel), and a
        // points layer of three slumps
        double y = t.y(0, 4.5), x0 = t.x(0, 0), x1 = t.x(g.cols(), 0);
        String crs = "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:" + g.epsg() + "\"}},";
        Path lines = chain.resolve("line.geojson");
        Files.writeString(lines, "{\"type\":\"FeatureCollection\"," + crs + "\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[["
                + x0 + "," + y + "],[" + x1 + "," + y + "]]}},"
                + post(x0, y, 100.0) + "," + post(x1, y + 30, 100.0 + 1.25 * (x1 - x0) / 1000) + "]}");
        Path slumps = chain.resolve("slumps.geojson");
        Files.writeString(slumps, "{\"type\":\"FeatureCollection\"," + crs + "\"features\":[" + point(x0 + 100, y + 120)
                + "," + point((x0 + x1) / 2, y - 600) + "," + point(x1, y + 5000) + "]}");
        Path cfg = chain.resolve("permasar.cfg");
        String text = Files.readString(cfg).replaceFirst("(?m)^lines = *$", "lines = line.geojson")
                .replaceFirst("(?m)^features = *$", "features = slumps=slumps.geojson")
                .replaceFirst("(?m)^buffers = 500,1000,1500,2000$", "buffers = 100,150")
                .replaceFirst("(?m)^binKm = .*$", "binKm = 0.125")
                .replaceFirst("(?m)^kmAttribute = *$", "kmAttribute = km");
        assertThat(text).contains("lines = line.geojson", "kmAttribute = km", "buffers = 100,150");
        Files.writeString(cfg, text);
        run("run", cfg.toString(), "--steps", "hazards,report");
        Path hand = dir.resolve("hand");
        run("hazards", "--lines", lines.toString(), "--features", "slumps=" + slumps, "--deformation", velocity.toString(),
                "--buffers", "100,150", "--bin-km", "0.125", "--km-attribute", "km", "--out", hand.toString());
        for (String f : List.of("buffer_counts.csv", "buffers.geojson", "hazard_features.geojson", "corridor_profile.csv",
                "worst_stretches.csv", "corridor_profile.png", "corridor_map.png")) {
            assertThat(Files.readAllBytes(hand.resolve(f))).as(f).isEqualTo(Files.readAllBytes(chain.resolve("hazards").resolve(f)));
        }
        String html = Files.readString(chain.resolve("report.html"));
        assertThat(html).contains("Hazards along the corridor", "worst_stretches.csv");
        // the profile against the simulated truth: bin c (km 100 + 0.125 c … + 0.125) holds column c's pixels within
        // the widest buffer, 150 m: rows 3–5 (row centres 0 and 100 m from the line); their mean rate is the truth's
        // within the estimate's error (README: LOS-rate RMSE 1.04 mm/yr), so the patch (columns 4–7) stands out
        // at km 100.5–101.0
        float[] truth = org.permasar.pipeline.raster.ProductRasters.read(chain.resolve("scene/truth.h5"), "ascLosVelocity").data();
        List<String> prof = Files.readAllLines(hand.resolve("corridor_profile.csv"));
        assertThat(prof).hasSize(g.cols() + 1);
        for (int c = 0; c < g.cols(); c++) {
            String[] f = prof.get(c + 1).split(",");
            assertThat(Double.parseDouble(f[0])).isCloseTo(100 + 0.125 * c, org.assertj.core.data.Offset.offset(1e-9));
            double mean = 0;
            for (int r = 3; r <= 5; r++) {
                mean += truth[r * g.cols() + c] * 1000.0 / 3;
            }
            assertThat(Integer.parseInt(f[2])).as(prof.get(c + 1)).isEqualTo(3);
            assertThat(Double.parseDouble(f[3])).as(prof.get(c + 1) + " truth " + mean).isCloseTo(mean,
                    org.assertj.core.data.Offset.offset(2.5));
        }
        List<String> worst = Files.readAllLines(hand.resolve("worst_stretches.csv"));
        for (String w : worst.subList(1, 5)) {
            double start = Double.parseDouble(w.split(",")[1]);
            assertThat(start).as(w).isBetween(100.5 - 1e-9, 100.875 + 1e-9);
        }
    }

    /**
     * The chain's lakes, slumps and lake-density steps ([lakes], [slumps], [lakeDensity]) and the commands by hand
     * with the same settings write the same bytes; the lakes step's lakes feed the hazards and lake-density steps; the
     * report gets a section for each; a rerun skips them; and the results agree with the simulated truth: the lakes
     * are the demo's lake pixels (green and NIR bands simulated on its grid: water where the truth's region is the
     * lake), the slump polygon over the subsidence patch is linear subsidence, every lake is in one cell.
     */
    @Test
    void lakesSlumpsAndLakeDensityStepsWriteWhatTheCommandsWrite() throws IOException {
        Path chain = dir.resolve("chain");
        assertThat(CliRunner.run("demo", "--small", "--out", chain.toString()).code()).isZero();
        Path velocity = chain.resolve("asc/velocity.h5");
        org.permasar.grid.GridGeometry g = org.permasar.pipeline.raster.ProductRasters.read(velocity, "velocity").grid();
        org.permasar.grid.GeoTransform t = g.transform();
        float[] region = org.permasar.pipeline.raster.ProductRasters.read(chain.resolve("scene/truth.h5"), "region").data();
        // green and NIR reflectance: open water (0.06, 0.02) on the lake, tundra (0.08, 0.25 … 0.29) elsewhere
        float[] green = new float[g.size()];
        float[] nir = new float[g.size()];
        int lakePixels = 0;
        for (int i = 0; i < g.size(); i++) {
            boolean lake = region[i] == org.permasar.sim.Region.LAKE.code();
            lakePixels += lake ? 1 : 0;
            green[i] = lake ? 0.06f : 0.08f;
            nir[i] = lake ? 0.02f : 0.25f + 0.01f * (i % 5);
        }
        assertThat(lakePixels).as("the demo has a lake").isGreaterThan(3);
        org.permasar.pipeline.raster.ProductRasters.writeFloat(chain.resolve("green.tif"), g, green, "green", "1");
        org.permasar.pipeline.raster.ProductRasters.writeFloat(chain.resolve("nir.tif"), g, nir, "nir", "1");
        // a slump polygon over the subsidence patch (rows 3–5, columns 4–7) and a line along row 4
        String crs = "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:" + g.epsg() + "\"}},";
        double xa = t.x(4, 3), xb = t.x(8, 6), ya = t.y(4, 3), yb = t.y(8, 6);
        Files.writeString(chain.resolve("slumps.geojson"), "{\"type\":\"FeatureCollection\"," + crs + "\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"patch\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + xa + "," + ya + "],[" + xb + "," + ya + "],[" + xb + "," + yb + "],[" + xa + "," + yb
                + "],[" + xa + "," + ya + "]]]}}]}");
        double y = t.y(0, 4.5);
        Files.writeString(chain.resolve("line.geojson"), "{\"type\":\"FeatureCollection\"," + crs + "\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[["
                + t.x(0, 0) + "," + y + "],[" + t.x(g.cols(), 0) + "," + y + "]]}}]}");
        Path cfg = chain.resolve("permasar.cfg");
        String text = Files.readString(cfg).replaceFirst("(?m)^green = *$", "green = green.tif")
                .replaceFirst("(?m)^nir = *$", "nir = nir.tif")
                .replaceFirst("(?m)^minPixels = 4$", "minPixels = 1")
                .replaceFirst("(?m)^(\\[slumps\\][^\\[]*?)enabled = false", "$1enabled = true")
                .replaceFirst("(?m)^polygons = *$", "polygons = slumps.geojson")
                .replaceFirst("(?m)^id = *$", "id = name")
                .replaceFirst("(?m)^(\\[lakeDensity\\][^\\[]*?)enabled = false", "$1enabled = true")
                .replaceFirst("(?m)^cell = 1000$", "cell = 400")
                .replaceFirst("(?m)^lines = *$", "lines = line.geojson")
                .replaceFirst("(?m)^buffers = 500,1000,1500,2000$", "buffers = 300,600");
        assertThat(text).contains("green = green.tif", "minPixels = 1", "polygons = slumps.geojson", "cell = 400",
                "lines = line.geojson");
        assertThat(text.split("enabled = true", -1).length - 1).as("slumps and lakeDensity enabled, besides the "
                + "demo's own").isEqualTo(Files.readString(cfg).split("enabled = true", -1).length + 1);
        Files.writeString(cfg, text);
        CliRunner.Result first = CliRunner.run("run", cfg.toString(), "--steps", "lakes,hazards,slumps,lake-density,report");
        assertThat(first.code()).as(first.err()).isZero();
        Path hand = dir.resolve("hand");
        run("lakes", "--green", chain.resolve("green.tif").toString(), "--nir", chain.resolve("nir.tif").toString(),
                "--min-pixels", "1", "--out", hand.resolve("lakes").toString());
        run("slumps", "--timeseries", chain.resolve("asc/timeseries.h5").toString(), "--polygons",
                chain.resolve("slumps.geojson").toString(), "--id", "name", "--out", hand.resolve("slumps").toString());
        run("lake-density", "--lakes", hand.resolve("lakes/lakes.geojson").toString(), "--deformation", velocity.toString(),
                "--cell", "400", "--out", hand.resolve("lake-density").toString());
        run("hazards", "--lines", chain.resolve("line.geojson").toString(), "--features", "lakes="
                + hand.resolve("lakes/lakes.geojson"), "--deformation", velocity.toString(), "--buffers", "300,600",
                "--out", hand.resolve("hazards").toString());
        for (String f : List.of("lakes/lakes.geojson", "lakes/lakes.csv", "lakes/water_index.tif", "lakes/water_mask.tif",
                "lakes/lakes.png", "slumps/slump_class.tif", "slumps/slump_rate.tif", "slumps/slump_break.tif",
                "slumps/slump_rate_before.tif", "slumps/slump_rate_after.tif", "slumps/slump_class_counts.csv",
                "slumps/slump_polygons.csv", "slumps/slump_polygons.geojson", "slumps/slump_class.png",
                "lake-density/lake_density_cells.csv", "lake-density/lake_density_correlation.csv",
                "lake-density/lake_density_bins.csv", "lake-density/lake_density_scatter.png", "hazards/buffer_counts.csv",
                "hazards/hazard_features.geojson", "hazards/corridor_profile.csv", "hazards/corridor_map.png")) {
            assertThat(Files.readAllBytes(hand.resolve(f))).as(f).isEqualTo(Files.readAllBytes(chain.resolve(f)));
        }
        // against the truth: the lakes cover the lake pixels exactly (NDWI 0.5 against ≤ −0.51, minPixels 1)
        double pixelArea = Math.abs(t.x(1, 0) - t.x(0, 0)) * Math.abs(t.y(0, 1) - t.y(0, 0));
        List<String> lakes = Files.readAllLines(chain.resolve("lakes/lakes.csv"));
        double area = 0;
        for (String l : lakes.subList(1, lakes.size())) {
            area += Double.parseDouble(l.split(",")[2]);
        }
        assertThat(area).isCloseTo(lakePixels * pixelArea, org.assertj.core.data.Offset.offset(1e-6));
        // every lake in one cell of the lake density; the hazards step counted the step's lakes as its layer "lakes"
        int inCells = 0;
        List<String> cells = Files.readAllLines(chain.resolve("lake-density/lake_density_cells.csv"));
        for (String l : cells.subList(1, cells.size())) {
            inCells += Integer.parseInt(l.split(",")[4]);
        }
        assertThat(inCells).isEqualTo(lakes.size() - 1);
        assertThat(Files.readString(chain.resolve("hazards/buffer_counts.csv"))).contains("\nlakes,300,");
        // the patch polygon: its truth LOS rate is faster than the 5 mm/yr threshold, and it is classed so
        float[] truth = org.permasar.pipeline.raster.ProductRasters.read(chain.resolve("scene/truth.h5"), "ascLosVelocity").data();
        double mean = 0;
        for (int r = 3; r <= 5; r++) {
            for (int c = 4; c <= 7; c++) {
                mean += truth[r * g.cols() + c] * 1000.0 / 12;
            }
        }
        assertThat(mean).isLessThan(-5);
        List<String> poly = Files.readAllLines(chain.resolve("slumps/slump_polygons.csv"));
        assertThat(poly).hasSize(2);
        assertThat(poly.get(1)).startsWith("patch,12,linear_subsidence,");
        String html = Files.readString(chain.resolve("report.html"));
        assertThat(html).contains("Thermokarst lakes from optical imagery", "Thaw-slump time-series classes",
                "Lake density against deformation", "slump_class_counts.csv", "lake_density_correlation.csv");
        // a rerun finds them finished
        CliRunner.Result again = CliRunner.run("run", cfg.toString(), "--steps", "lakes,hazards,slumps,lake-density");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("skipped, up to date: lakes, hazards, slumps, lake-density");
        // inputs that cannot be used are refused before any work: exit 2, naming the key
        Files.write(chain.resolve("bad.shp"), Files.readAllBytes(chain.resolve("lakes/water_mask.tif")));
        badRun(cfg, text.replace("polygons = slumps.geojson", "polygons = bad.shp"), "slumps.polygons");
        org.permasar.grid.GridGeometry half = org.permasar.grid.GridGeometry.geocoded(g.rows() / 2, g.cols(), t, g.epsg(),
                Double.NaN);
        org.permasar.pipeline.raster.ProductRasters.writeFloat(chain.resolve("nir_half.tif"), half,
                java.util.Arrays.copyOf(nir, half.size()), "nir", "1");
        badRun(cfg, text.replace("nir = nir.tif", "nir = nir_half.tif"), "lakes.nir");
    }

    /** permasar run with this configuration text exits 2 naming {@code key}, and no step runs. */
    private static void badRun(Path cfg, String text, String key) throws IOException {
        Path bad = cfg.resolveSibling("bad.cfg");
        Files.writeString(bad, text);
        long before = Files.getLastModifiedTime(cfg.resolveSibling("report.html")).toMillis();
        CliRunner.Result r = CliRunner.run("run", bad.toString());
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains(key);
        assertThat(Files.getLastModifiedTime(cfg.resolveSibling("report.html")).toMillis()).isEqualTo(before);
    }

    private static String post(double x, double y, double km) {
        return "{\"type\":\"Feature\",\"properties\":{\"km\":" + km + "},\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[" + x + "," + y + "]}}";
    }

    private static String point(double x, double y) {
        return "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                + x + "," + y + "]}}";
    }

    private static void run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.code()).as(r.err()).isZero();
    }
}

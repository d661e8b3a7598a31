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

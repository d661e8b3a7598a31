package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar geometry}: the stable class 4 (SCIENCE.md §5) through the command, on four pixels with values
 * chosen against k·σ (k = 2 by default): rasters, counts (csv and printed), legend metadata, and the σ-less case.
 * Geometry: incidence 45°, LOS azimuths −90° / +90° (the classes use the LOS values only).
 */
class GeometryStableTest {
    @TempDir
    Path dir;

    static final GridGeometry G = GridGeometry.geocoded(1, 4, GeoTransform.northUp(94.0, 0.001, 35.7, -0.001), 4326, Double.NaN);
    /**
     * Pixel 0: rates 1 and −1.5 mm/yr, σ 1 mm/yr → both within 2σ → stable. Pixel 1: 10 and −10 mm/yr → east–west.
     * Pixel 2: as pixel 0 but σ_d NaN → not stable; similar magnitude, opposite sign → east–west. Pixel 3: 3 and
     * −1 mm/yr (asc at 3σ) → east–west. Seasonal: amplitudes 3/4 mm ± 2 mm, 180 days apart → stable (pixels 0, 2
     * (σ 2 mm on both)); 20/21 mm, same day → vertical (pixel 1); 5/4 mm ± 2 mm (asc at 2.5σ), same day → vertical.
     */
    static final float[] VA = {0.001f, 0.010f, 0.001f, 0.003f}, VD = {-0.0015f, -0.010f, -0.0015f, -0.001f};
    static final float[] SVA = {0.001f, 0.001f, 0.001f, 0.001f}, SVD = {0.001f, 0.001f, Float.NaN, 0.001f};
    static final float[] AA = {0.003f, 0.020f, 0.003f, 0.005f}, AD = {0.004f, 0.021f, 0.004f, 0.004f};
    static final float[] TA = {200f, 200f, 200f, 200f}, TD = {20f, 200f, 20f, 200f};
    static final float[] SA = {0.002f, 0.002f, 0.002f, 0.002f};

    private void write(String name, float[] v, float[] sv, float[] amp, float[] day, boolean withStd) throws Exception {
        LinkedHashMap<String, float[]> ds = new LinkedHashMap<>();
        ds.put("velocity", v);
        ds.put("seasonalAmplitude", amp);
        ds.put("seasonalTiming", day);
        if (withStd) {
            ds.put("velocityStd", sv);
            ds.put("seasonalAmplitudeStd", SA);
        }
        MintPyWriter.writeVelocity(dir.resolve(name + ".h5"), G, ds, Map.of());
        LinkedHashMap<String, float[]> g = new LinkedHashMap<>();
        g.put("incidenceAngle", new float[] {45, 45, 45, 45});
        g.put("azimuthAngle", name.equals("a") ? new float[] {-90, -90, -90, -90} : new float[] {90, 90, 90, 90});
        MintPyWriter.writeGeometry(dir.resolve(name + "_geo.h5"), G, g);
    }

    private CliRunner.Result run(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("geometry", "--asc", dir.resolve("a.h5").toString(), "--desc",
                dir.resolve("d.h5").toString(), "--asc-geometry", dir.resolve("a_geo.h5").toString(), "--desc-geometry",
                dir.resolve("d_geo.h5").toString(), "--out", out.toString()));
        a.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    private static float[] classes(Path tif) throws Exception {
        return ProductRasters.read(tif, null).data();
    }

    @Test
    void withinTwoSigmaOnBothTracksIsStable() throws Exception {
        write("a", VA, SVA, AA, TA, true);
        write("d", VD, SVD, AD, TD, true);
        Path out = dir.resolve("out");
        CliRunner.Result r = run(out);
        assertThat(classes(out.resolve("secularDirection.tif"))).containsExactly(4f, 2f, 2f, 2f);
        assertThat(classes(out.resolve("seasonalDirection.tif"))).containsExactly(4f, 1f, 4f, 1f);
        List<String> csv = Files.readAllLines(out.resolve("directionCounts.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(3)).isEqualTo("east-west,3,75.000,0,0.000");
        assertThat(csv.get(5)).isEqualTo("stable,1,25.000,2,50.000");
        assertThat(r.out()).contains("secular: 0 vertical, 3 east-west, 0 undetermined, 1 stable, 0 no data")
                .contains("seasonal: 2 vertical, 0 east-west, 0 undetermined, 2 stable, 0 no data");
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("secularDirection.tif"))) {
            assertThat(t.attributes()).containsEntry("flag_values", "0 1 2 3 4")
                    .containsEntry("flag_meanings", "no_data vertical east_west undetermined stable")
                    .containsEntry("stable_sigmas", "2.0")
                    .containsEntry("stable_test", "|v| <= k*velocityStd on both tracks");
            assertThat(t.bandDescriptions().get(0)).contains("4 stable");
        }
        // k = 3: pixel 3 (asc at 3σ, boundary included) becomes stable too
        Path out3 = dir.resolve("out3");
        run(out3, "--stable-sigmas", "3");
        assertThat(classes(out3.resolve("secularDirection.tif"))).containsExactly(4f, 2f, 2f, 4f);
        try (GeoTiffReader t = GeoTiffReader.open(out3.resolve("seasonalDirection.tif"))) {
            assertThat(t.attributes()).containsEntry("stable_sigmas", "3.0");
        }
        for (String png : new String[] {"secularPie.png", "seasonalPie.png", "secularDirection.png"}) {
            assertThat(out.resolve(png)).isNotEmptyFile();
        }
    }

    /** Products without velocityStd / seasonalAmplitudeStd: the stable test is not applied, and the outputs say so. */
    @Test
    void withoutSigmaNoPixelIsStableAndTheOutputsSaySo() throws Exception {
        write("a", VA, SVA, AA, TA, false);
        write("d", VD, SVD, AD, TD, true);
        Path out = dir.resolve("out");
        CliRunner.Result r = run(out);
        assertThat(classes(out.resolve("secularDirection.tif"))).containsExactly(2f, 2f, 2f, 2f);
        assertThat(classes(out.resolve("seasonalDirection.tif"))).containsExactly(2f, 1f, 2f, 1f);
        assertThat(r.out()).contains("(stable test not applied: velocityStd missing on a track)")
                .contains("(stable test not applied: seasonalAmplitudeStd missing on a track)");
        try (GeoTiffReader t = GeoTiffReader.open(out.resolve("secularDirection.tif"))) {
            assertThat(t.attributes()).containsEntry("stable_test", "not applied: velocityStd missing on a track");
        }
    }
}

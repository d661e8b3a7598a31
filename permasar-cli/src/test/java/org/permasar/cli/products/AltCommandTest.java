package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.pipeline.raster.ProductRasters;

/** {@code permasar alt}: hand-computed worked examples through the command line. */
class AltCommandTest {
    @TempDir
    Path dir;

    static final GridGeometry GRID = GridGeometry.geocoded(10, 20, GeoTransform.northUp(94.0, 0.01, 35.7, -0.01), 4326, Double.NaN);

    private Path tif(String name, float[] data) throws Exception {
        Path p = dir.resolve(name);
        GeoTiffWriter.write(p, GRID, data, 1, Map.of(), List.of());
        return p;
    }

    private static float[] filled(float v) {
        float[] a = new float[GRID.size()];
        Arrays.fill(a, v);
        return a;
    }

    private static String stdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            assertThat(PermasarCommand.run(args)).as("exit code").isZero();
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void densityWorkedCheckAsNumbers() {
        // seed 002: N = 0.30, n = 0.05, δ = 55 mm → H = (917 + 0.05·83)/(0.25·83)·0.055 = 921.15/20.75·0.055 = 2.4416 m
        assertThat(stdout("alt", "--model", "density", "--amplitude", "0.055", "--N", "0.30", "--n", "0.05"))
                .contains("ALT H = 2.4416 m");
    }

    @Test
    void densityWorkedCheckAsRasterWithStdAndFlags() throws Exception {
        float[] amp = filled(0.055f);
        amp[3] = Float.NaN;
        amp[4] = -0.01f;
        Path out = dir.resolve("out");
        stdout("alt", "--model", "density", "--amplitude", tif("amp.tif", amp).toString(), "--amplitude-std", "0.005",
                "--N", "0.30", "--n", "0.05", "--out", out.toString());
        float[] h = ProductRasters.read(out.resolve("alt.tif"), null).data();
        float[] s = ProductRasters.read(out.resolve("altStd.tif"), null).data();
        float[] f = ProductRasters.read(out.resolve("altFlag.tif"), null).data();
        double expected = 921.15 / 20.75 * 0.055;   // 2.44161 m
        assertThat((double) h[0]).isCloseTo(expected, within(1e-5));
        assertThat((double) s[0]).isCloseTo(921.15 / 20.75 * 0.005, within(1e-6));   // σ_H = H/δ·σ_δ = 0.22196 m
        assertThat(h[3]).isNaN();
        assertThat(h[4]).isNaN();
        assertThat(f[0]).isEqualTo(0f);
        assertThat(f[3]).isEqualTo(1f);   // no data
        assertThat(f[4]).isEqualTo(2f);   // invalid input (negative amplitude)
        assertThat(out.resolve("alt.png")).isNotEmptyFile();
    }

    @Test
    void losAmplitudeIsMadeVerticalFirst() {
        double losAmp = 0.055 * Math.cos(Math.toRadians(39));
        assertThat(stdout("alt", "--model", "density", "--amplitude", Double.toString(losAmp), "--los", "--incidence", "39",
                "--N", "0.30", "--n", "0.05")).contains("ALT H = 2.4416 m");
    }

    @Test
    void sitesCalibrateFrozenWaterAndMapRecoversTheTruth() throws Exception {
        // truth: N = 0.30, n = 0.05 everywhere; δ varies over the grid; site ALT from the forward model
        float[] amp = new float[GRID.size()];
        for (int k = 0; k < amp.length; k++) {
            amp[k] = 0.02f + 0.0002f * k;
        }
        Path ampTif = tif("amp.tif", amp);
        double factor = 921.15 / 20.75;    // (ρ_i + nΔρ)/((N − n)Δρ) for n = 0.05, N = 0.30
        int[][] px = {{1, 2}, {2, 15}, {5, 8}, {8, 3}, {7, 17}};
        StringBuilder csv = new StringBuilder("\uFEFFName ; Lon ; Lat ; ALT\n");
        for (int i = 0; i < px.length; i++) {
            int r = px[i][0], c = px[i][1];
            double lon = 94.0 + 0.01 * (c + 0.5), lat = 35.7 - 0.01 * (r + 0.5);
            csv.append("S").append(i).append(';').append(lon).append(';').append(lat).append(';')
                    .append(factor * amp[r * 20 + c]).append('\n');
        }
        csv.append("far;120.0;10.0;2.0\n");
        Path sites = dir.resolve("sites.csv");
        Files.writeString(sites, csv.toString());
        Path out = dir.resolve("out");
        stdout("alt", "--model", "density", "--amplitude", ampTif.toString(), "--N", "0.30", "--sites", sites.toString(),
                "--out", out.toString());
        float[] n = ProductRasters.read(out.resolve("frozenWater.tif"), null).data();
        float[] h = ProductRasters.read(out.resolve("alt.tif"), null).data();
        for (int k = 0; k < n.length; k++) {
            assertThat((double) n[k]).isCloseTo(0.05, within(1e-5));
            assertThat((double) h[k]).isCloseTo(factor * amp[k], within(1e-4 * factor * amp[k]));
        }
        List<String> table = Files.readAllLines(out.resolve("sites.csv"));
        assertThat(table.get(0)).isEqualTo("id,lon,lat,alt_m,row,col,amplitude_m,N,n,status");
        assertThat(table.subList(1, 6)).allSatisfy(l -> assertThat(l).endsWith(",ACCEPTED"));
        assertThat(table.get(6)).startsWith("far,").endsWith(",OUTSIDE_GRID");
    }

    @Test
    void liuConstantAndLayeredProfiles() {
        // constant W = 0.3: H = ΔD·ρ_i/(Δρ·W) = 0.02·917/(83·0.3) = 18.34/24.9 = 0.73655 m
        assertThat(stdout("alt", "--model", "liu", "--amplitude", "0.02", "--profile", "constant:0.3"))
                .contains("ALT H = 0.7365 m");
        // layered 0–0.5 m W 0.4, below W 0.2; ΔD = 0.03: column 0.03·917/83 = 0.331446 m of water;
        // first layer holds 0.2, the rest 0.131446/0.2 = 0.65723 m → H = 1.15723 m
        assertThat(stdout("alt", "--model", "liu", "--amplitude", "0.03", "--profile", "layered:0.5:0.4,1.0:0.2"))
                .contains("ALT H = 1.1572 m");
    }

    @Test
    void zhangIntervalsSiteMode() throws Exception {
        // ρ_i/Δρ = 917/83 = 11.048193; layers 0–0.5 (W1) and below (W2)
        // i1: 0.01/0.4 → 0.276205 (h 0.2762, layer 1); i2: 0.02/0.4 → 0.552410 (h 0.8286, now layer 2);
        // i3: 0.01/0.2 → 0.552410 → H = 1.381024 m
        Path csv = dir.resolve("intervals.csv");
        Files.writeString(csv, "subsidence,W1,W2\n0.01,0.4,0.9\n0.02,0.4,0.9\n0.01,0.9,0.2\n");
        assertThat(stdout("alt", "--model", "zhang", "--intervals", csv.toString(), "--layers", "0.5,2.0"))
                .contains("ALT H = 1.3810 m");
    }

    @Test
    void envelopeOfPointsAboveALine() throws Exception {
        // row r: δ = 0.01 + 0.005 r; column c: ALT = 0.5 + 10 δ + 0.1 c. 10 bins of 20 equal δ each:
        // bin point (δ_r, line + 5 % type-7 quantile of {0, 0.1, …, 1.9} = 0.95·0.1 = 0.095) → intercept 0.595, slope 10
        float[] amp = new float[GRID.size()], alt = new float[GRID.size()];
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 20; c++) {
                amp[r * 20 + c] = (float) (0.01 + 0.005 * r);
                alt[r * 20 + c] = (float) (0.5 + 10 * (0.01 + 0.005 * r) + 0.1 * c);
            }
        }
        Path out = dir.resolve("env");
        stdout("alt", "envelope", "--amplitude", tif("amp.tif", amp).toString(), "--alt", tif("alt.tif", alt).toString(),
                "--out", out.toString());
        List<String> csv = Files.readAllLines(out.resolve("envelope.csv"));
        String[] f = csv.get(2).split(",");
        assertThat(Double.parseDouble(f[0])).isCloseTo(0.595, within(1e-5));
        assertThat(Double.parseDouble(f[1])).isCloseTo(10, within(1e-4));
        assertThat(f[2]).isEqualTo("200");
        assertThat(out.resolve("envelope.png")).isNotEmptyFile();
    }

    @Test
    void badInputsExitTwoWithAClearLine() throws Exception {
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "density", "--amplitude", "0.05", "--N", "0.05",
                "--n", "0.10")).startsWith("exit 2").contains("need 0 ≤ n < N ≤ 1, got N = 0.05, n = 0.1");
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "stefan", "--addt", "1500", "--edaphic", "0.03",
                "--kappa", "1.2")).startsWith("exit 2").contains("give either --edaphic");
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "density", "--amplitude",
                dir.resolve("missing.tif").toString(), "--N", "0.3", "--n", "0.05", "--out", dir.toString()))
                .startsWith("exit 2").contains("missing.tif");
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "liu", "--amplitude", "0.02", "--profile", "cubic:3"))
                .startsWith("exit 2").contains("unknown profile kind 'cubic'");
        Path sites = dir.resolve("far.csv");
        Files.writeString(sites, "id,lon,lat,alt\na,120,10,1.5\nb,121,10,1.5\nc,122,11,1.5\n");
        String err = GeometryCommandTest.runCapturingErr("alt", "--model", "density", "--amplitude",
                tif("amp.tif", filled(0.05f)).toString(), "--N", "0.3", "--sites", sites.toString(), "--out",
                dir.resolve("o").toString());
        assertThat(err).startsWith("exit 2").contains("calibration of n failed: only 0 of 3 sites accepted");
        assertThat(Files.readString(dir.resolve("o/sites.csv"))).contains("OUTSIDE_GRID");
    }
}

package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar alt --model stefan}: values worked out by hand (a calculator run of the SCIENCE.md §3 formulas,
 * L_f = 3.34e5 J/kg, ρ_w = 1000 kg/m³), as numbers and as rasters, physical with κ given or from Johansen (1977).
 */
class AltStefanTest {
    @TempDir
    Path dir;

    // Z = √(2·1.2·1500·86400 / (3.34e5·1000·0.3)) = √(3.1104e8 / 1.002e8) = √3.104192 = 1.761872 m
    static final double Z_PHYSICAL = 1.761871623236627;
    // Johansen, ρ_b 1500, q 0.5, S_r 0.8, coarse: κ_dry = 267.2/1279.5 = 0.208831; n = 0.433962; κ_s = √(7.7·2) = 3.924283;
    // κ_sat,t = κ_s^(1−n)·0.57^n = 1.698860, Ke = 0.7·log10 0.8 + 1 = 0.932163 → κ_t = 1.597752;
    // κ_sat,f = κ_s^(1−n)·2.2^n, Ke = 0.8 → κ_f = 2.483955
    static final double KT = 1.5977520443668847, KF = 2.48395536066127;
    static final double Z_JOHANSEN_1500 = 2.033004447813459;    // θ = 0.3, ADDT 1500

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
    void pointValues() {
        assertThat(stdout("alt", "--model", "stefan", "--addt", "1600", "--edaphic", "0.03")).contains("ALT H = 1.2000 m");
        assertThat(stdout("alt", "--model", "stefan", "--addt", "1500", "--kappa", "1.2", "--theta", "0.3"))
                .contains("ALT H = 1.7619 m");
        assertThat(stdout("alt", "--model", "stefan", "--addt", "1500", "--theta", "0.3", "--bulk-density", "1500",
                "--quartz", "0.5", "--saturation", "0.8", "--texture", "coarse"))
                .contains("ALT H = 2.0330 m").contains("kappa_t = 1.5978").contains("kappa_f = 2.4840");
        // fine texture, ρ_b 1300, q 0.1 (κ_o = 3), S_r 0.6: κ_t = 1.085434, ADDT 1200, θ 0.25 → 1.641802 m
        assertThat(stdout("alt", "--model", "stefan", "--addt", "1200", "--theta", "0.25", "--bulk-density", "1300",
                "--quartz", "0.1", "--saturation", "0.6", "--texture", "fine"))
                .contains("ALT H = 1.6418 m").contains("kappa_t = 1.0854");
    }

    @Test
    void rasterWithJohansenWritesAltAndConductivities() throws Exception {
        var g = AltCommandTest.GRID;
        float[] addt = new float[g.size()];
        for (int k = 0; k < addt.length; k++) {
            addt[k] = k % g.cols() < 10 ? 1500f : 1200f;
        }
        addt[0] = Float.NaN;
        addt[1] = -5f;
        Path a = dir.resolve("addt.tif");
        GeoTiffWriter.write(a, g, addt, 1, Map.of(), List.of());
        Path out = dir.resolve("o");
        stdout("alt", "--model", "stefan", "--addt", a.toString(), "--theta", "0.3", "--bulk-density", "1500", "--quartz",
                "0.5", "--saturation", "0.8", "--out", out.toString());
        float[] alt = ProductRasters.read(out.resolve("alt.tif"), null).data();
        float[] flag = ProductRasters.read(out.resolve("altFlag.tif"), null).data();
        float[] kt = ProductRasters.read(out.resolve("kappaThawed.tif"), null).data();
        float[] kf = ProductRasters.read(out.resolve("kappaFrozen.tif"), null).data();
        assertThat(flag[0]).isEqualTo(1f);
        assertThat(flag[1]).isEqualTo(2f);
        assertThat(alt[0]).isNaN();
        assertThat(alt[1]).isNaN();
        for (int k = 2; k < alt.length; k++) {
            // Z ∝ √ADDT: 1200 → Z_1500·√0.8
            double hand = k % g.cols() < 10 ? Z_JOHANSEN_1500 : Z_JOHANSEN_1500 * Math.sqrt(0.8);
            assertThat((double) alt[k]).as("pixel %d", k).isCloseTo(hand, within(1e-5));
            assertThat(flag[k]).isZero();
        }
        assertThat((double) kt[5]).isCloseTo(KT, within(1e-6));
        assertThat((double) kf[5]).isCloseTo(KF, within(1e-6));
        assertThat(out.resolve("alt.png")).isNotEmptyFile();
    }

    @Test
    void rasterKappaAndEdaphic() throws Exception {
        var g = AltCommandTest.GRID;
        float[] addt = new float[g.size()];
        java.util.Arrays.fill(addt, 1500f);
        Path a = dir.resolve("addt.tif");
        GeoTiffWriter.write(a, g, addt, 1, Map.of(), List.of());
        Path o1 = dir.resolve("o1"), o2 = dir.resolve("o2");
        stdout("alt", "--model", "stefan", "--addt", a.toString(), "--kappa", "1.2", "--theta", "0.3", "--out", o1.toString());
        stdout("alt", "--model", "stefan", "--addt", a.toString(), "--edaphic", "0.03", "--out", o2.toString());
        assertThat((double) ProductRasters.read(o1.resolve("alt.tif"), null).data()[7]).isCloseTo(Z_PHYSICAL, within(1e-5));
        // 0.03·√1500 = 0.03·38.729833 = 1.161895 m
        assertThat((double) ProductRasters.read(o2.resolve("alt.tif"), null).data()[7]).isCloseTo(1.161895, within(1e-5));
    }

    @Test
    void incompleteInputsAreExitTwo() {
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "stefan", "--addt", "1500"))
                .startsWith("exit 2").contains("needs --edaphic E, or --theta");
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "stefan", "--addt", "1500", "--theta", "0.3",
                "--bulk-density", "1500")).startsWith("exit 2").contains("Johansen needs --bulk-density, --quartz and --saturation");
        assertThat(GeometryCommandTest.runCapturingErr("alt", "--model", "stefan", "--addt", "1500", "--kappa", "1.2",
                "--theta", "1.5")).startsWith("exit 2").contains("--theta (volumetric water content) must be in (0, 1] m³/m³, got 1.5");
    }
}

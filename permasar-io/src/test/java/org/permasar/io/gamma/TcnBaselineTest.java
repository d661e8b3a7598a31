package org.permasar.io.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.network.Network;

/**
 * B⊥ from GAMMA's TCN baseline model: closed-form geometry, then the Mexico City model files
 * against the independent base_perp tables of the same pairs, and the GAMMA binary small_test.
 */
class TcnBaselineTest {
    private static final Path SHARED = Path.of(System.getProperty("permasar.shared", "../shared"));
    private static final Path CROPA = SHARED.resolve("data/insar/pyrate_cropA");

    @TempDir
    Path tmp;

    @Test
    void lookAngleAndProjectionClosedForms() {
        // 3-4-5 triangle: R_s = 5, r = 4, R_e = 3 → cos θ = (25 + 16 − 9)/40 = 0.8
        assertThat(TcnBaseline.lookAngle(5, 3, 4)).isCloseTo(Math.acos(0.8), within(1e-15));
        // nadir: r = R_s − R_e → θ = 0
        assertThat(TcnBaseline.lookAngle(7_071_000, 6_371_000, 700_000)).isCloseTo(0, within(1e-6));
        // θ = 30°: B⊥ = B_c·√3/2 − B_n/2
        assertThat(TcnBaseline.perpendicular(100, 10, Math.toRadians(30)))
                .isCloseTo(100 * Math.sqrt(3) / 2 - 5, within(1e-12));
        assertThatThrownBy(() -> TcnBaseline.lookAngle(5, 3, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r = 9");
    }

    /**
     * The base_perp table and the base.par model are two GAMMA outputs of the same baseline; the
     * model at the centre range must equal the table's bilinear scene-centre value up to the
     * interpolation error of B⊥(range), curved between nodes 200 samples apart (measured ≤ 0.007 m).
     */
    @Test
    void cropAModelMatchesTheTablesAtTheSceneCentre() throws IOException {
        List<Path> models;
        try (Stream<Path> s = Files.list(CROPA.resolve("geometry"))) {
            models = s.filter(p -> p.getFileName().toString().endsWith("_base.par")).sorted().toList();
        }
        assertThat(models).hasSize(30);
        for (Path m : models) {
            String name = m.getFileName().toString();
            GammaPar sensor = GammaPar.read(CROPA.resolve("headers/r" + name.substring(0, 8) + "_VV_slc.par"));
            double model = TcnBaseline.sceneCentre(GammaPar.read(m), sensor);
            double table = BperpTable.read(m.resolveSibling(name.replace("_base.par", "_bperp.par"))).centre();
            assertThat(model).as(name).isCloseTo(table, within(0.02));
        }
    }

    /** Without tables the stack falls back to base.par + headers/ (copied beside a 2-pair GeoTIFF folder). */
    @Test
    void stackFallsBackToTheModelWhenNoTableIsPresent() throws IOException {
        Path gt = Files.createDirectories(tmp.resolve("s/geotiffs"));
        Path geo = Files.createDirectories(tmp.resolve("s/geometry"));
        Path hdr = Files.createDirectories(tmp.resolve("s/headers"));
        String[] pairs = {"20180106-20180130", "20180130-20180307"};
        for (String p : pairs) {
            String tif = "cropA_" + p + "_VV_8rlks_eqa_unw.tif";
            Files.copy(CROPA.resolve("geotiffs/" + tif), gt.resolve(tif));
            Files.copy(CROPA.resolve("geometry/" + p + "_VV_8rlks_base.par"), geo.resolve(p + "_VV_8rlks_base.par"));
            String slc = "r" + p.substring(0, 8) + "_VV_slc.par";
            Files.copy(CROPA.resolve("headers/" + slc), hdr.resolve(slc));
        }
        try (PairFolderStack s = org.permasar.io.geotiff.GeoTiffFolderFormat.openStack(gt)) {
            Network n = s.network();
            for (int k = 0; k < 2; k++) {
                double table = BperpTable.read(CROPA.resolve("geometry/" + pairs[k] + "_VV_8rlks_bperp.par")).centre();
                assertThat(n.bperp(k)).isCloseTo(table, within(0.02));
            }
        }
    }

    /**
     * small_test's 17 {@code *_base.par} are byte-identical copies (PyRate made them from the ROI_PAC
     * headers; they are not real baselines), so every pair gets the same worked value: B_c =
     * 15.3525463 m, B_n = 9.7718029 m, r = 802867.7247 + 4314.5 · 18.635856 m, R_s = 7080600.3965 m,
     * R_e = 6371577.2590 m from 20060619_slc.par.
     */
    @Test
    void smallTestGammaBinaryGetsTheWorkedModelValue() throws IOException {
        double r = 802867.7247 + (8630 - 1) / 2.0 * 18.635856, rs = 7080600.3965, re = 6371577.2590;
        double cos = (rs * rs + r * r - re * re) / (2 * rs * r);
        double expected = 15.3525463 * cos - 9.7718029 * Math.sqrt(1 - cos * cos);
        try (PairFolderStack s = GammaBinaryFormat.openStack(SHARED.resolve("data/insar/pyrate_small_test/gamma_obs"))) {
            double[] b = s.network().bperps();
            assertThat(b).hasSize(17);
            for (double v : b) {
                assertThat(v).isCloseTo(expected, within(1e-9));
            }
        }
    }
}

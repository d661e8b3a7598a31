package org.permasar.pipeline.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table-mode row bootstrap and permutation ({@link ControlsStep#rowInference}) against known answers:
 * <ul>
 *   <li>CollectData (185 villages): one-way ANOVA p of the three factors is ≤ 3.2·10⁻¹⁸ (SciPy 1.10
 *   {@code f_oneway}: watershed 5.0e-35, soiltype 3.2e-18, elevation 1.3e-33), so no permutation of 199 can
 *   reach the observed q and p_perm must be exactly 1/200 — while the geodetector's noncentral-F p of soiltype
 *   is 0.363 (the vignette);</li>
 *   <li>simulated tables with known population q: y = μ_h + N(0, 1), four equal strata, μ = 0, 0.5, 1, 1.5, so
 *   q = Var_b / (Var_b + 1) = 0.3125 / 1.3125; and y independent of the strata (q = 0), where p_perm must fall
 *   below 0.05 at about the nominal rate.</li>
 * </ul>
 */
class ControlsTableInferenceTest {
    @TempDir
    Path dir;

    @Test
    void collectDataPermutationPIsTheSmallestPossible() throws IOException {
        Path csv = Path.of(System.getProperty("permasar.shared", "../shared"), "data/geodetector/collectdata_heshun_ntd.csv");
        ControlsParameters p = ControlsParameters.of(csv, "incidence", List.of("watershed", "soiltype", "elevation"),
                dir.resolve("cd"));
        ControlsStep.runTable(p, new ControlsParameters.RowInference(999, 199, 1));
        Map<String, String[]> f = rows(dir.resolve("cd/factor_detector.csv"));
        for (String k : List.of("watershed", "soiltype", "elevation")) {
            String[] r = f.get(k);
            assertThat(Double.parseDouble(r[col("p_block")])).as(k).isEqualTo(1.0 / 200);
            double q = Double.parseDouble(r[col("q")]);
            assertThat(Double.parseDouble(r[col("q_low")])).as(k).isLessThan(q);
            assertThat(Double.parseDouble(r[col("q_high")])).as(k).isGreaterThan(q);
            assertThat(r[col("tiles_permuted")]).isEqualTo("185");
        }
    }

    @Test
    void simulatedTablesCoverTheirQAndKeepTheLevel() throws IOException {
        double qTrue = 0.3125 / 1.3125;
        int runs = 40, cover = 0, reject = 0;
        double[] mu = {0, 0.5, 1, 1.5};
        for (int k = 0; k < runs; k++) {
            Random rnd = new Random(900 + k);
            int n = 240;
            double[] y = new double[n], y0 = new double[n];
            int[] codes = new int[n], codes0 = new int[n];
            for (int i = 0; i < n; i++) {
                codes[i] = i % 4;
                y[i] = mu[codes[i]] + rnd.nextGaussian();
                codes0[i] = rnd.nextInt(4);
                y0[i] = rnd.nextGaussian();
            }
            ControlsParameters.RowInference inf = new ControlsParameters.RowInference(499, 199, k);
            ControlsTables.BlockInference b = ControlsStep.rowInference(y, codes, inf,
                    org.permasar.stats.geodetector.SingleMemberStrata.KEEP);
            cover += b.qLow() <= qTrue && qTrue <= b.qHigh() ? 1 : 0;
            ControlsTables.BlockInference b0 = ControlsStep.rowInference(y0, codes0, inf,
                    org.permasar.stats.geodetector.SingleMemberStrata.KEEP);
            reject += b0.pBlock() < 0.05 ? 1 : 0;
            assertThat(b.pBlock()).isEqualTo(1.0 / 200);
        }
        System.out.printf("row bootstrap covers q = %.4f in %d of %d; permutation p < 0.05 under no effect in %d of %d%n", qTrue,
                cover, runs, reject, runs);
        assertThat(cover).isGreaterThanOrEqualTo(33);
        assertThat(reject).isLessThanOrEqualTo(6);
    }

    static final List<String> HEADER = List.of("factor", "q", "p", "F", "lambda", "strata", "n", "convention", "q_low", "q_high",
            "p_block", "tile_px", "tiles_permuted");

    static int col(String name) {
        return HEADER.indexOf(name);
    }

    static Map<String, String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertThat(List.of(lines.get(0).split(","))).isEqualTo(HEADER);
        Map<String, String[]> m = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            m.put(f[0], f);
        }
        return m;
    }
}

package org.permasar.cli.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.pipeline.fit.FitStep;
import org.permasar.sim.Region;
import org.permasar.sim.SceneSpec;

/**
 * The PECM curve the report and {@code plot} draw ({@link FitStep#pecmModelAt}) against the simulator's own
 * truth series of the track ({@code asc/truthTimeseries.h5}, LOS, made by the PECM of SCIENCE.md §2 from
 * the scene's daily temperatures): on a noise-free scene, inverted and fitted vertically with the true
 * κ_f/κ_t map, the curve must follow the truth at every date up to a constant (the series are referenced
 * differently). Measured 2026-12-07 over the seasonal and subsidence-patch pixels: RMS of the
 * de-meaned difference 0.09–0.26 mm over 12 pixels whose series span 40–83 mm.
 */
class PecmModelCurveTest {
    @TempDir
    Path dir;

    @Test
    void theDrawnPecmModelFollowsTheTruthSeriesOfANoiseFreeScene() throws IOException {
        SimulatedSceneRun run = new SimulatedSceneRun(dir, true);
        String looks = String.valueOf(SceneSpec.small().looks());
        Path out = run.invert("clean", false, "--looks", looks);
        Path ts = out.resolve("asc").resolve("timeseries.h5");
        Path lst = run.scene.resolve("lst_8day.tif");
        FitParameters p = FitParameters.pecm(ts, out.resolve("asc").resolve("pecm"), lst)
                .withLst(lst, FitParameters.HANTS_HARMONICS, run.scene.resolve("truth.h5") + ":kappaRatio",
                        FitParameters.LST_CENTRE_OFFSET)
                .withGeometry(run.geometry("asc"), true);
        boolean[] seasonal = run.in(Region.SEASONAL, Region.SUBSIDENCE_PATCH);
        int checked = 0;
        double worst = 0;
        try (MintPyProduct truth = MintPyProduct.open(run.scene.resolve("asc").resolve("truthTimeseries.h5"))) {
            int cols = truth.grid().cols();
            for (int i = 0; i < seasonal.length; i += 97) {
                if (!seasonal[i]) {
                    continue;
                }
                int r = i / cols, c = i % cols;
                float[] model = FitStep.pecmModelAt(p, r, c);
                float[] t = truth.read("timeseries", new Window(r, c, 1, 1));
                assertThat(model).hasSize(t.length);
                double mean = 0;
                for (int k = 0; k < t.length; k++) {
                    mean += model[k] - t[k];
                }
                mean /= t.length;
                double ss = 0, lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
                for (int k = 0; k < t.length; k++) {
                    assertThat(model[k]).as("model at (%d, %d) date %d", r, c, k).isFinite();
                    double e = model[k] - t[k] - mean;
                    ss += e * e;
                    lo = Math.min(lo, t[k]);
                    hi = Math.max(hi, t[k]);
                }
                double rms = Math.sqrt(ss / t.length);
                worst = Math.max(worst, rms);
                System.out.printf(Locale.ROOT, "pixel (%d, %d): PECM curve vs truth RMS %.3f mm (series range %.1f mm)%n",
                        r, c, 1e3 * rms, 1e3 * (hi - lo));
                assertThat(rms).as("RMS (m) of the drawn PECM curve against the truth at (%d, %d)", r, c)
                        .isLessThan(0.001);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
        System.out.printf(Locale.ROOT, "PECM curve vs truth: worst RMS %.3f mm over %d pixels%n", 1e3 * worst, checked);
    }
}

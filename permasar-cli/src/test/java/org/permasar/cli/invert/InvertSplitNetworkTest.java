package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.cli.SimulateCommand;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.grid.Window;
import org.permasar.inversion.QualityFlag;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.network.Dates;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedScene;
import org.permasar.sim.SimulatedTrack;

/**
 * A network split into two subsets: the noise-free simulated stack with only pairs ≤ 40 days
 * (12, 24, 36 d) and the three dates 2017-12-18 … 2018-01-11 (indices 29–31) dropped, so no pair
 * crosses the 48-day gap between 2017-12-06 and 2018-01-23.
 *
 * <p>Closed-form truth for the minimum-norm velocity solution (Berardino et al. 2002): the gap's
 * mean velocity appears in no pair, so its minimum-norm value is 0; every other interval is
 * determined. Hence, relative to the reference pixel, the series equals the truth before the gap
 * and the truth minus its change across the gap after it, with no jump at the gap. {@code svd}
 * gives this for every pixel; {@code l2} falls back to it and flags every pixel
 * {@link QualityFlag#MIN_NORM_VELOCITY}; {@code nsbas} bridges the gap with its temporal model.
 */
class InvertSplitNetworkTest {
    @TempDir
    static Path tmp;
    static SimulatedTrack asc;
    static Path stack;
    static Path geometry;
    static int before;
    static int after;

    @BeforeAll
    static void simulate() throws IOException {
        SimulatedScene scene = SceneSimulator.simulate(SceneSpec.tiny().withNoise(false));
        SimulateCommand.write(scene, tmp.resolve("sim0"));
        asc = scene.ascending();
        stack = tmp.resolve("sim0/asc/ifgramStack.h5");
        geometry = tmp.resolve("sim0/asc/geometryGeo.h5");
        before = 28;
        after = 32;
    }

    /** Runs invert on the split network; returns the output folder. */
    static Path invert(String method, String... more) {
        List<LocalDate> d = asc.dates();
        Path out = tmp.resolve("split-" + method);
        String[] base = {"invert", stack.toString(), "--out", out.toString(), "--geometry", geometry.toString(),
                "--method", method, "--max-temporal-baseline", "40",
                "--drop-date", Dates.compact(d.get(29)) + "," + Dates.compact(d.get(30)) + "," + Dates.compact(d.get(31))};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    record Cube(float[] ts, List<LocalDate> dates, int ref) {
    }

    static Cube read(Path out) throws IOException {
        try (MintPyProduct p = MintPyProduct.open(out.resolve("timeseries.h5"))) {
            int ref = Integer.parseInt(p.attributes().get("REF_Y")) * p.grid().cols() + Integer.parseInt(p.attributes().get("REF_X"));
            return new Cube(p.read("timeseries", Window.of(p.grid())), p.dates(), ref);
        }
    }

    /** Truth (m) of date index {@code d} of the full scene at pixel p, relative to the first date and the reference pixel. */
    static double truth(int d, int p, int ref) {
        int n = asc.grid().size();
        float[] t = asc.truthLosDisplacement();
        return (t[d * n + p] - t[d * n + ref]) - (t[p] - t[ref]);
    }

    /** Max |series − closed-form min-norm-velocity truth| in radians over land pixels; counts the pixels. */
    static double minNormError(Cube c, int[] count) {
        int n = asc.grid().size(), nd = c.dates.size();
        double toRad = 4 * Math.PI / asc.wavelength(), worst = 0;
        int pixels = 0;
        for (int p = 0; p < n; p++) {
            if (!Float.isFinite(c.ts[nd / 2 * n + p])) {
                continue;
            }
            pixels++;
            double gapChange = truth(after, p, c.ref) - truth(before, p, c.ref);
            for (int k = 0; k < nd; k++) {
                int d = asc.dates().indexOf(c.dates.get(k));
                double expect = truth(d, p, c.ref) - (d >= after ? gapChange : 0);
                worst = Math.max(worst, Math.abs(c.ts[k * n + p] - expect) * toRad);
            }
        }
        count[0] = pixels;
        return worst;
    }

    @Test
    void svdAndL2GiveTheMinimumNormVelocitySeriesWithoutJump() throws IOException {
        assertThat(asc.dates().get(after).toEpochDay() - asc.dates().get(before).toEpochDay()).isEqualTo(48);
        for (String m : new String[] {"svd", "l2"}) {
            Path out = invert(m);
            Cube c = read(out);
            assertThat(c.dates).hasSize(58).doesNotContain(asc.dates().get(30));
            int[] n = new int[1];
            double err = minNormError(c, n);
            System.out.printf(Locale.ROOT, "%s on the split network: %d pixels, max |Δ| to the closed form %.2e rad%n", m, n[0], err);
            assertThat(n[0]).isEqualTo(300);
            assertThat(err).isLessThan(1e-3);
            float[] flag = ProductRasters.read(out.resolve("inversionQuality.h5"), "inversionFlag").data();
            float[] tcoh = ProductRasters.read(out.resolve("temporalCoherence.h5"), "temporalCoherence").data();
            int minNorm = 0;
            for (int p = 0; p < flag.length; p++) {
                if (Float.isFinite(tcoh[p]) && flag[p] == QualityFlag.MIN_NORM_VELOCITY.code()) {
                    minNorm++;
                }
            }
            assertThat(minNorm).as(m + ": pixels flagged min-norm velocity").isEqualTo(300);
        }
    }

    /**
     * Closed form of the NSBAS bridge on noise-free data: the data rows fix the series up to an
     * offset δ of the second subset, and the temporal-model rows (López-Quiroz et al. 2009) choose δ
     * to minimise Σ_d (φ_d − c − v·t_d − a·cos ωt_d − b·sin ωt_d)². So δ = −h, h the coefficient of
     * the subset-2 indicator in the least-squares regression of the minimum-norm series y on
     * [1, t, cos ωt, sin ωt, H]; the step across the gap is then 0 + δ (y has none).
     */
    static double nsbasGapStep(double[] y, double[] tYears, boolean[] second) {
        double[][] a = new double[5][6];
        for (int d = 0; d < y.length; d++) {
            double w = 2 * Math.PI * tYears[d];
            double[] g = {1, tYears[d], Math.cos(w), Math.sin(w), second[d] ? 1 : 0};
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    a[i][j] += g[i] * g[j];
                }
                a[i][5] += g[i] * y[d];
            }
        }
        return -RateFit.solve(a)[4];
    }

    @Test
    void nsbasBridgesTheGapWithItsTemporalModel() throws IOException {
        Cube c = read(invert("nsbas"));
        int n = asc.grid().size(), nd = c.dates.size();
        int kb = c.dates.indexOf(asc.dates().get(before)), ka = c.dates.indexOf(asc.dates().get(after));
        double toRad = 4 * Math.PI / asc.wavelength(), worstGap = 0, worstIn = 0, sumJump = 0;
        double[] t = new double[nd], y = new double[nd];
        boolean[] second = new boolean[nd];
        for (int k = 0; k < nd; k++) {
            t[k] = (c.dates.get(k).toEpochDay() - c.dates.get(0).toEpochDay()) / 365.25;
            second[k] = k >= ka;
        }
        int pixels = 0;
        for (int p = 0; p < n; p++) {
            if (!Float.isFinite(c.ts[ka * n + p])) {
                continue;
            }
            pixels++;
            double gapChange = truth(after, p, c.ref) - truth(before, p, c.ref);
            for (int k = 0; k < nd; k++) {
                int d = asc.dates().indexOf(c.dates.get(k));
                y[k] = (truth(d, p, c.ref) - (d >= after ? gapChange : 0)) * toRad; // min-norm series, rad
            }
            double expectStep = nsbasGapStep(y, t, second);
            double jump = (c.ts[ka * n + p] - c.ts[kb * n + p]) * toRad;
            worstGap = Math.max(worstGap, Math.abs(jump - expectStep));
            sumJump += Math.abs(jump - gapChange * toRad);
            for (int k = 1; k < nd; k++) {
                if (k != ka) {
                    double step = (c.ts[k * n + p] - c.ts[(k - 1) * n + p]) * toRad;
                    worstIn = Math.max(worstIn, Math.abs(step - (y[k] - y[k - 1])));
                }
            }
        }
        System.out.printf(Locale.ROOT, "nsbas on the split network: %d pixels; step across the gap off the closed-form "
                + "model bridge by at most %.2e rad (off the unknowable true step by %.2f rad on average); other steps "
                + "off the truth by at most %.2e rad%n", pixels, worstGap, sumJump / pixels, worstIn);
        assertThat(pixels).isEqualTo(300);
        assertThat(worstIn).isLessThan(1e-3);
        assertThat(worstGap).isLessThan(1e-2);
    }
}

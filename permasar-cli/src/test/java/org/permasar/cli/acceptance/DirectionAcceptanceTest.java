package org.permasar.cli.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.geometry.DirectionClassifier;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.sim.Region;
import org.permasar.stack.RasterSource;

/**
 * Acceptance of issue 5, end to end through the real commands: "On the simulated scene: the
 * east–west slope is classed east–west, the basin and the linear region vertical; east and up
 * rates within 1 mm/yr of truth."
 *
 * <p>Chain: {@code simulate} (small preset, 40 × 50 px, 5 years, with noise, fixed seed 20170104) →
 * {@code invert} both tracks with {@code --tropo DIR/TRACK/troposphericDelay.h5} (the simulator's
 * exact delay as an external correction, as a user would apply ERA5/GACOS) and the same ground
 * reference pixel ({@code --ref-yx}, bedrock: truth rates 0) → {@code fit --model trend+annual} →
 * {@code geometry}. The truth ({@code truth.h5} eastVelocity / verticalVelocity) is re-referenced to
 * the same pixel.
 *
 * <p>Thresholds, from the noise: after the delay correction the LOS rate error is decorrelation
 * noise accumulated by SBAS, measured ≈ 0.3–0.6 mm/yr RMS per track (most of it common: the
 * reference pixel's own noise). The classifier's rate tolerance is 5 mm/yr. The basin (SEASONAL) and
 * the linear region (SUBSIDENCE_PATCH) subside at ≥ 2 mm/yr (LOS ≥ 1.4 mm/yr, ≥ 2σ of the noise) with
 * asc/desc LOS magnitudes differing by ≤ 0.17·|v| (incidence 30°–46°) ≪ 5 mm/yr: all but a few
 * pixels must be vertical, so ≥ 90 % is a conservative bar. On the slope the creep tapers to 0 at its
 * foot (sin taper, one of its 13 columns has zero east rate and so a class decided by the noise):
 * ≥ 90 % east–west is what the noise allows. East/up RMSE ≤ 1 mm/yr is the number.
 *
 * <p>Issue 11 (item 2), the stable class 4 (SCIENCE.md §5: LOS rates within k·σ of zero on both tracks, k = 2,
 * σ the fit's velocityStd), on the same products: the creeping slope must stay east–west for ≥ 80 % and the
 * motionless bedrock (NON_SEASONAL, truth v = 0, no horizontal motion) be classed stable for ≥ 90 %. The first
 * holds; the second does not with the σ the fit writes today (see {@link #bedrockIsStableForNinetyPercent()}).
 */
class DirectionAcceptanceTest {
    @TempDir
    static Path dir;
    static SimulatedSceneRun run;

    /** The products of the {@code --tropo} chain, made once for the tests that share them. */
    static Path tropo;

    @BeforeAll
    static void simulate() throws IOException {
        run = new SimulatedSceneRun(dir, false);
    }

    private static synchronized Path tropo() {
        if (tropo == null) {
            tropo = process("tropo", true);
        }
        return tropo;
    }

    @Test
    void slopeIsEastWestBasinAndLinearRegionVerticalAndRatesWithin1MmPerYear() throws IOException {
        Path out = tropo();
        byte[] classes = classes(out);
        double slope = fraction(classes, run.in(Region.SLOPE), DirectionClassifier.EAST_WEST);
        double basin = fraction(classes, run.in(Region.SEASONAL), DirectionClassifier.VERTICAL);
        double linear = fraction(classes, run.in(Region.SUBSIDENCE_PATCH), DirectionClassifier.VERTICAL);
        double[] east = SimulatedSceneRun.rmse(SimulatedSceneRun.tif(out.resolve("geometry/east.tif")),
                run.truthReferenced("eastVelocity"), land());
        double[] up = SimulatedSceneRun.rmse(SimulatedSceneRun.tif(out.resolve("geometry/up.tif")),
                run.truthReferenced("verticalVelocity"), land());
        System.out.printf(Locale.ROOT, "issue 5 (--tropo, ref %d,%d): slope east-west %.1f %%, basin vertical %.1f %%, "
                        + "linear region vertical %.1f %%; RMSE east %.2f mm/yr, up %.2f mm/yr over %d px%n",
                run.refRow, run.refCol, 100 * slope, 100 * basin, 100 * linear, 1e3 * east[0], 1e3 * up[0], (int) east[1]);
        assertThat(slope).as("SLOPE pixels classed east-west").isGreaterThanOrEqualTo(0.90);
        assertThat(basin).as("SEASONAL pixels classed vertical").isGreaterThanOrEqualTo(0.90);
        assertThat(linear).as("SUBSIDENCE_PATCH pixels classed vertical").isGreaterThanOrEqualTo(0.90);
        assertThat(east[1]).as("pixels compared").isGreaterThan(0.9 * land().length * 0.9);
        assertThat(east[0]).as("east RMSE, m/yr").isLessThanOrEqualTo(0.001);
        assertThat(up[0]).as("up RMSE, m/yr").isLessThanOrEqualTo(0.001);
    }

    /**
     * Issue 11 item 2, the part that holds: the creeping slope stays east–west for ≥ 80 % of its pixels, and class 4
     * is exactly the pixels whose LOS rates are within 2σ of zero on both tracks, σ = velocityStd (checked through
     * the files). For the record: the bedrock's classes, those of the same products with {@code --stable-sigmas 0}
     * (only exact zeros stable: the classes before the stable class), and per track the share of bedrock pixels
     * within 2σ and the median |v|/σ, which shows why the bedrock line is not met (see
     * {@link #bedrockIsStableForNinetyPercent()}).
     */
    @Test
    void slopeStaysEastWestAndStableIsWithinTwoVelocityStdOnBothTracks() throws IOException {
        Path out = tropo();
        byte[] classes = classes(out);
        boolean[] bedrock = run.in(Region.NON_SEASONAL), slopeMask = run.in(Region.SLOPE);
        double slope = fraction(classes, slopeMask, DirectionClassifier.EAST_WEST);
        Path k0 = out.resolve("geometry-k0");
        geometry(out, k0, "--stable-sigmas", "0");
        byte[] before = classesOf(k0.resolve("secularDirection.tif"));
        System.out.printf(Locale.ROOT, "issue 11 (--tropo, k = 2): bedrock stable %.1f %%, vertical %.1f %%, east-west %.1f %% "
                        + "of %d px (k = 0: vertical %.1f %%, east-west %.1f %%, stable %.1f %%); slope east-west %.1f %%, "
                        + "stable %.1f %% of %d px (k = 0: east-west %.1f %%)%n",
                100 * fraction(classes, bedrock, DirectionClassifier.STABLE),
                100 * fraction(classes, bedrock, DirectionClassifier.VERTICAL),
                100 * fraction(classes, bedrock, DirectionClassifier.EAST_WEST), count(bedrock),
                100 * fraction(before, bedrock, DirectionClassifier.VERTICAL),
                100 * fraction(before, bedrock, DirectionClassifier.EAST_WEST),
                100 * fraction(before, bedrock, DirectionClassifier.STABLE), 100 * slope,
                100 * fraction(classes, slopeMask, DirectionClassifier.STABLE), count(slopeMask),
                100 * fraction(before, slopeMask, DirectionClassifier.EAST_WEST));
        float[][] v = new float[2][], sd = new float[2][];
        GridGeometry grid = null;
        for (int t = 0; t < 2; t++) {
            try (RasterSource src = RasterFormats.open(out.resolve(SimulatedSceneRun.TRACKS[t] + "/velocity.h5"))) {
                grid = t == 0 ? src.grid() : grid;
                assertThat(src.grid()).as("both tracks on one grid (no resampling before the classes)").isEqualTo(grid);
                v[t] = src.read("velocity", Window.of(src.grid()));
                sd[t] = src.read("velocityStd", Window.of(src.grid()));
            }
            double[] ratio = new double[count(bedrock)];
            int within = 0;
            for (int i = 0, j = 0; i < bedrock.length; i++) {
                if (bedrock[i]) {
                    ratio[j++] = Math.abs(v[t][i]) / sd[t][i];
                    within += Math.abs(v[t][i]) <= 2.0 * sd[t][i] ? 1 : 0;
                }
            }
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "issue 11 %s bedrock: |v| within 2 velocityStd %.1f %%, median |v|/velocityStd %.1f%n",
                    SimulatedSceneRun.TRACKS[t], 100.0 * within / ratio.length, ratio[ratio.length / 2]);
        }
        for (int i = 0; i < classes.length; i++) {
            boolean stable = !Float.isNaN(v[0][i]) && !Float.isNaN(v[1][i])
                    && Math.abs(v[0][i]) <= 2.0 * sd[0][i] && Math.abs(v[1][i]) <= 2.0 * sd[1][i];
            assertThat(classes[i] == DirectionClassifier.STABLE).as("class 4 at pixel %d iff within 2σ on both tracks", i)
                    .isEqualTo(stable);
        }
        assertThat(slope).as("SLOPE pixels classed east-west").isGreaterThanOrEqualTo(0.80);
    }

    /**
     * Issue 11 item 2 as written: bedrock (NON_SEASONAL, motionless) classed stable for ≥ 90 % of its pixels. Not met:
     * the σ of the test, the fit's velocityStd, is residual-based (white residuals, as MintPy) and SBAS series are not
     * white in time (dates tied by short pairs wander like a random walk, whose trend-like part the rate absorbs), so
     * on this scene velocityStd is 3–5× smaller than the bedrock rates' actual scatter (median |v|/velocityStd 5.0 asc,
     * 3.3 desc; a calibrated σ gives 0.67). Even a calibrated σ makes this line marginal: with independent tracks a
     * motionless pixel passes both 2σ tests with probability 0.954² = 0.91. What would meet it is an a-priori σ of
     * the time-function rate from the interferograms, as {@code fit --model pecm --stack} has for the PECM rate.
     */
    @Test
    void bedrockIsStableForNinetyPercent() throws IOException {
        byte[] classes = classes(tropo());
        assertThat(fraction(classes, run.in(Region.NON_SEASONAL), DirectionClassifier.STABLE))
                .as("NON_SEASONAL (bedrock) pixels classed stable").isGreaterThanOrEqualTo(0.90);
    }

    /**
     * For the report, not an acceptance: the same chain without the exact delays, (a) uncorrected and
     * (b) with {@code --elevation-correction} alone. (b) fits one phase–height slope per date over all
     * land pixels, and the deformation itself correlates with height here (the stable ridge is 150 m
     * higher than the subsiding permafrost), so part of the signal is removed with the stratified delay.
     */
    @Test
    void withoutExactDelaysForTheRecord() throws IOException {
        for (String variant : List.of("none", "elevation")) {
            Path out = variant.equals("none") ? process(variant, false) : process(variant, false, "--elevation-correction");
            byte[] classes = classes(out);
            double[] east = SimulatedSceneRun.rmse(SimulatedSceneRun.tif(out.resolve("geometry/east.tif")),
                    run.truthReferenced("eastVelocity"), land());
            double[] up = SimulatedSceneRun.rmse(SimulatedSceneRun.tif(out.resolve("geometry/up.tif")),
                    run.truthReferenced("verticalVelocity"), land());
            System.out.printf(Locale.ROOT, "issue 5 (%s): slope east-west %.1f %%, basin vertical %.1f %%, linear region "
                            + "vertical %.1f %%; RMSE east %.2f mm/yr, up %.2f mm/yr; issue 11: bedrock stable %.1f %%%n",
                    variant, 100 * fraction(classes, run.in(Region.SLOPE), DirectionClassifier.EAST_WEST),
                    100 * fraction(classes, run.in(Region.SEASONAL), DirectionClassifier.VERTICAL),
                    100 * fraction(classes, run.in(Region.SUBSIDENCE_PATCH), DirectionClassifier.VERTICAL),
                    1e3 * east[0], 1e3 * up[0],
                    100 * fraction(classes, run.in(Region.NON_SEASONAL), DirectionClassifier.STABLE));
            assertThat(east[1]).as("pixels compared").isPositive();
        }
    }

    /** invert (both tracks) → fit trend+annual → geometry, into {@code dir/name}. */
    private static Path process(String name, boolean tropo, String... extra) {
        Path out = run.invert(name, tropo, extra);
        for (String t : SimulatedSceneRun.TRACKS) {
            // the rate's σ from the interferograms (a-priori), as the chain's fit step does
            SimulatedSceneRun.run(List.of("fit", out.resolve(t).resolve("timeseries.h5").toString(), "--model",
                    "trend+annual", "--out", out.resolve(t).toString(), "--stack", run.stack(t).toString(),
                    "--mask-dset"));
        }
        geometry(out, out.resolve("geometry"));
        return out;
    }

    /** {@code permasar geometry} on the velocity products under {@code out}, into {@code to}. */
    private static void geometry(Path out, Path to, String... extra) {
        List<String> a = new ArrayList<>(List.of("geometry", "--asc", out.resolve("asc/velocity.h5").toString(),
                "--desc", out.resolve("desc/velocity.h5").toString(),
                "--asc-geometry", run.geometry("asc").toString(), "--desc-geometry", run.geometry("desc").toString(),
                "--out", to.toString()));
        a.addAll(List.of(extra));
        SimulatedSceneRun.run(a);
    }

    private static byte[] classes(Path out) throws IOException {
        return classesOf(out.resolve("geometry/secularDirection.tif"));
    }

    private static byte[] classesOf(Path tif) throws IOException {
        float[] f = SimulatedSceneRun.tif(tif);
        byte[] b = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = (byte) f[i];
        }
        return b;
    }

    private static boolean[] land() {
        return run.in(Region.SEASONAL, Region.NON_SEASONAL, Region.SLOPE, Region.SUBSIDENCE_PATCH);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Share of the masked pixels that carry class {@code want}. */
    private static double fraction(byte[] classes, boolean[] mask, byte want) {
        int n = 0, hit = 0;
        for (int i = 0; i < classes.length; i++) {
            if (mask[i]) {
                n++;
                hit += classes[i] == want ? 1 : 0;
            }
        }
        return hit / (double) n;
    }
}

package org.permasar.cli.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.sim.Region;
import org.permasar.sim.SceneSpec;

/**
 * Issue 11's acceptance line "on simulated scenes with spatially varying κf/κt (asc and desc): PECM
 * rate RMSE against truth ≤ the trend+annual RMSE in every seasonal region, and d within 5 % median
 * relative error", through the commands a user runs: {@code simulate --seed S} (truth follows
 * SCIENCE.md §2 with a κ_f/κ_t map), {@code invert --tropo} with a bedrock reference pixel, then per
 * track {@code fit --model pecm --lst … --vertical --stack …} with κ_f/κ_t <b>estimated</b> (no map given)
 * and {@code fit --model trend+annual --vertical} of the same series.
 *
 * <p>How the rates are compared: a single reference pixel puts its own noise draw into every pixel's
 * series, and the two estimators map that one draw into v differently, so on one scene the comparison
 * would be decided by that draw (measured: the same scene gives either winner depending on which
 * bedrock pixel is the reference). Both rate maps are therefore referenced to the mean over the
 * bedrock region (truth 0 there; 160 px average that draw out), as one validates InSAR rates against
 * a stable area, and the squared errors are pooled over three independent scenes (seeds 11–13), per
 * track and seasonal region. Measured 2026-12-07, pooled RMSE PECM vs trend+annual, mm/yr: asc
 * seasonal 0.419 vs 0.460, asc subsidence patch 0.393 vs 0.428, desc seasonal 0.427 vs 0.476, desc
 * patch 0.415 vs 0.445; per scene PECM wins on seeds 11 and 13 and loses on seed 12 (e.g. asc seasonal
 * 0.405 vs 0.346: its errors share −0.28 mm/yr against −0.19, with the same spread, 0.29). d median
 * relative error 1.0–2.9 % per scene, track and region.
 */
class PecmVersusSinusoidTest {
    @TempDir
    Path dir;

    private static final Region[] SEASONAL = {Region.SEASONAL, Region.SUBSIDENCE_PATCH};

    @Test
    void pecmRateBeatsTrendPlusAnnualAndRecoversDWhereTheDataFollowThePecm() throws IOException {
        String looks = String.valueOf(SceneSpec.small().looks());
        double[][] msePecm = new double[2][SEASONAL.length], mseSine = new double[2][SEASONAL.length];
        int[][] count = new int[2][SEASONAL.length];
        for (String seed : new String[] {"11", "12", "13"}) {
            SimulatedSceneRun run = new SimulatedSceneRun(dir.resolve("seed" + seed), false, "--seed", seed);
            Path out = run.invert("tropo", true, "--looks", looks);
            float[] tv = run.truth("pecmVelocity"), td = run.truth("pecmSeasonalCoef");
            boolean[] bedrock = run.in(Region.NON_SEASONAL);
            for (int k = 0; k < SimulatedSceneRun.TRACKS.length; k++) {
                String t = SimulatedSceneRun.TRACKS[k];
                Path ts = out.resolve(t).resolve("timeseries.h5");
                Path pecm = out.resolve(t).resolve("pecm"), sine = out.resolve(t).resolve("trend-annual");
                SimulatedSceneRun.run(List.of("fit", ts.toString(), "--model", "pecm", "--lst",
                        run.scene.resolve("lst_8day.tif").toString(), "--geometry", run.geometry(t).toString(),
                        "--vertical", "--stack", run.stack(t).toString(), "--looks", looks, "--mask-dset", "--geotiff",
                        "--out", pecm.toString()));
                SimulatedSceneRun.run(List.of("fit", ts.toString(), "--model", "trend+annual", "--geometry",
                        run.geometry(t).toString(), "--vertical", "--geotiff", "--out", sine.toString()));
                float[] vp = SimulatedSceneRun.tif(pecm.resolve("pecmVelocity.tif"));
                float[] vs = SimulatedSceneRun.tif(sine.resolve("velocity.tif"));
                float[] dp = SimulatedSceneRun.tif(pecm.resolve("pecmSeasonalCoef.tif"));
                double bp = mean(vp, bedrock), bs = mean(vs, bedrock), bt = mean(tv, bedrock);
                for (int g = 0; g < SEASONAL.length; g++) {
                    boolean[] m = run.in(SEASONAL[g]);
                    double sp = 0, ss = 0;
                    int n = 0;
                    List<Double> rel = new ArrayList<>();
                    for (int i = 0; i < m.length; i++) {
                        if (!m[i] || !Float.isFinite(vp[i]) || !Float.isFinite(vs[i])) {
                            continue;
                        }
                        double truth = tv[i] - bt;
                        sp += sq(vp[i] - bp - truth);
                        ss += sq(vs[i] - bs - truth);
                        n++;
                        if (Float.isFinite(dp[i])) {
                            rel.add(Math.abs(dp[i] - (double) td[i]) / Math.abs((double) td[i]));
                        }
                    }
                    assertThat(n).as("%s %s pixels fitted by both", t, SEASONAL[g]).isGreaterThan(m.length / 20);
                    double medRel = median(rel);
                    System.out.printf(Locale.ROOT, "issue 11 seed %s %s %s: v RMSE PECM %.3f vs trend+annual %.3f mm/yr "
                            + "(bedrock-referenced, %d px); d median relative error %.1f %%%n", seed, t, SEASONAL[g],
                            1e3 * Math.sqrt(sp / n), 1e3 * Math.sqrt(ss / n), n, 100 * medRel);
                    assertThat(medRel).as("seed %s %s %s: d median relative error", seed, t, SEASONAL[g])
                            .isLessThanOrEqualTo(0.05);
                    msePecm[k][g] += sp;
                    mseSine[k][g] += ss;
                    count[k][g] += n;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int g = 0; g < SEASONAL.length; g++) {
                double p = 1e3 * Math.sqrt(msePecm[k][g] / count[k][g]), s = 1e3 * Math.sqrt(mseSine[k][g] / count[k][g]);
                String what = SimulatedSceneRun.TRACKS[k] + " " + SEASONAL[g];
                System.out.printf(Locale.ROOT, "issue 11 pooled seeds 11–13 %s: v RMSE PECM %.3f vs trend+annual %.3f mm/yr%n",
                        what, p, s);
                assertThat(p).as("pooled v RMSE (mm/yr) of PECM ≤ trend+annual, " + what).isLessThanOrEqualTo(s);
            }
        }
    }

    private static double mean(float[] a, boolean[] mask) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i] && Float.isFinite(a[i])) {
                s += a[i];
                n++;
            }
        }
        assertThat(n).as("finite values in the reference region").isPositive();
        return s / n;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(a).as("finite d estimates").isNotEmpty();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }

    private static double sq(double x) {
        return x * x;
    }
}

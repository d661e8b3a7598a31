package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedScene;

/**
 * {@code permasar thermal --lst} on the simulated scene ({@code permasar simulate --small}: 8-day LST composites in K
 * with cloud gaps, known onsets). Truth: the simulator's onset maps ({@code truth.h5}), degree-days summed directly
 * from the simulator's true daily LST (independent loops here), and the Stefan equation evaluated by hand.
 */
class ThermalRasterTest {
    @TempDir
    static Path tmp;
    static Path scene;
    static Path out;
    static CliRunner.Result run;
    static final SimulatedScene TRUTH = SceneSimulator.simulate(SceneSpec.tiny());
    static final double KAPPA = 1.2, THETA = 0.3;

    @BeforeAll
    static void runThermal() throws Exception {
        scene = tmp.resolve("scene");
        assertThat(CliRunner.run("simulate", "--small", "--out", scene.toString()).code()).isZero();
        out = tmp.resolve("thermal");
        // boreholes are written after a first look at ADDT, see boreholesGiveTheEdaphicFactorByLeastSquares
        run = CliRunner.run("thermal", "--lst", scene.resolve("lst_8day.tif").toString(), "--grid",
                scene.resolve("dem.tif").toString(), "--dates-from", scene.resolve("asc/truthTimeseries.h5").toString(),
                "--kappa", String.valueOf(KAPPA), "--theta", String.valueOf(THETA), "--out", out.toString());
        System.out.println(run.out());
        assertThat(run.code()).as(run.err()).isZero();
    }

    private static float[] tif(Path dir, String name) throws Exception {
        return ProductRasters.read(dir.resolve(name + ".tif"), null).data();
    }

    @Test
    void onsetMapsAreWithinAFewDaysOfTheTruth() throws Exception {
        float[] thaw = tif(out, "thawOnsetDoy"), freeze = tif(out, "freezeOnsetDoy");
        float[] tThaw = ProductRasters.read(scene.resolve("truth.h5"), "thawOnsetDoy").data();
        float[] tFreeze = ProductRasters.read(scene.resolve("truth.h5"), "freezeOnsetDoy").data();
        double sa = 0, sf = 0, maxA = 0, maxF = 0;
        int n = 0;
        for (int k = 0; k < thaw.length; k++) {
            assertThat(thaw[k]).as("thaw onset pixel %d", k).isFinite();
            double a = thaw[k] - tThaw[k], f = freeze[k] - tFreeze[k];
            sa += Math.abs(a);
            sf += Math.abs(f);
            maxA = Math.max(maxA, Math.abs(a));
            maxF = Math.max(maxF, Math.abs(f));
            n++;
        }
        System.out.printf("onsets vs truth over %d px: thaw mean |err| %.2f d (max %.2f), freeze mean |err| %.2f d (max %.2f)%n",
                n, sa / n, maxA, sf / n, maxF);
        assertThat(sa / n).isLessThan(4);
        assertThat(sf / n).isLessThan(4);
        assertThat(maxA).isLessThan(10);
        assertThat(maxF).isLessThan(10);
    }

    /** Direct sum of the simulator's true daily LST over [from, to] of one pixel: {ADDT, ADDF}. */
    private static double[] trueSums(int pixel, LocalDate from, LocalDate to) {
        float[] d = TRUTH.dailyLst();
        int npix = TRUTH.grid().size();
        double t = 0, f = 0;
        for (LocalDate x = from; !x.isAfter(to); x = x.plusDays(1)) {
            double v = d[TRUTH.dayIndex(x) * npix + pixel];
            if (v > 0) {
                t += v;
            } else {
                f -= v;
            }
        }
        return new double[] {t, f};
    }

    @Test
    void meanAnnualAndSarDateDegreeDaysMatchTheTrueDailySeries() throws Exception {
        float[] addt = tif(out, "addtMean"), addf = tif(out, "addfMean"), thaw = tif(out, "thawOnsetDoy");
        LocalDate first = TRUTH.lstCompositeDates().get(0);
        double worstT = 0, worstF = 0;
        for (int k = 0; k < addt.length; k++) {
            // the one complete permafrost year of the 2-year scene: onset of year 1 to the day before onset of year 2
            LocalDate a = LocalDate.of(first.getYear(), 1, 1).plusDays(Math.round(thaw[k]) - 1);
            LocalDate b = LocalDate.of(first.getYear() + 1, 1, 1).plusDays(Math.round(thaw[k]) - 2);
            double[] s = trueSums(k, a, b);
            worstT = Math.max(worstT, Math.abs(addt[k] - s[0]) / s[0]);
            worstF = Math.max(worstF, Math.abs(addf[k] - s[1]) / s[1]);
        }
        System.out.printf("annual degree-days vs the true daily LST: worst relative error ADDT %.3f, ADDF %.3f%n", worstT, worstF);
        assertThat(worstT).isLessThan(0.08);
        assertThat(worstF).isLessThan(0.08);

        try (MintPyProduct cube = MintPyProduct.open(out.resolve("addt.h5"))) {
            List<LocalDate> dates = cube.dates();
            assertThat(cube.attributes().get("UNIT")).isEqualTo("degC*day");
            float[] c = cube.read("timeseries", org.permasar.grid.Window.of(cube.grid()));
            int npix = cube.grid().size();
            int checked = 0;
            double worst = 0;
            for (int q = 0; q < dates.size(); q++) {
                LocalDate d = dates.get(q);
                for (int k = 0; k < npix; k += 37) {
                    float v = c[q * npix + k];
                    if (Float.isNaN(v)) {
                        continue;
                    }
                    LocalDate on = LocalDate.of(d.getYear(), 1, 1).plusDays(Math.round(thaw[k]) - 1);
                    if (d.isBefore(on)) {
                        on = LocalDate.of(d.getYear() - 1, 1, 1).plusDays(Math.round(thaw[k]) - 1);
                    }
                    double s = trueSums(k, on, d)[0];
                    worst = Math.max(worst, Math.abs(v - s));
                    checked++;
                }
            }
            System.out.printf("ADDT at %d SAR date-pixels vs the true daily LST: worst |err| %.1f degC day%n", checked, worst);
            assertThat(checked).isGreaterThan(50);
            assertThat(worst).isLessThan(60);
        }
    }

    @Test
    void physicalStefanMapIsTheHandFormula() throws Exception {
        float[] addt = tif(out, "addtMean"), z = tif(out, "altStefan");
        for (int k = 0; k < addt.length; k++) {
            // Z = sqrt(2 κ ADDT 86400 / (3.34e5 · 1000 · θ))
            double hand = Math.sqrt(2 * KAPPA * addt[k] * 86400 / (3.34e5 * 1000 * THETA));
            assertThat((double) z[k]).isCloseTo(hand, within(1e-5));
        }
        assertThat(out.resolve("altStefan.png")).isNotEmptyFile();
        assertThat(out.resolve("thawOnsetDoy.png")).isNotEmptyFile();
    }

    @Test
    void boreholesGiveTheEdaphicFactorByLeastSquares() throws Exception {
        float[] addt = tif(out, "addtMean");
        var g = ProductRasters.read(out.resolve("addtMean.tif"), null).grid();
        // two sites with ALT = 0.04·√ADDT + r_i, residuals orthogonal to √ADDT (r1·√a1 + r2·√a2 = 0), so the
        // least-squares E is exactly 0.04 and the RMSE is √((r1² + r2²)/2)
        int k1 = 3 * g.cols() + 4, k2 = 10 * g.cols() + 15;
        double s1 = Math.sqrt(addt[k1]), s2 = Math.sqrt(addt[k2]);
        double r1 = 0.1, r2 = -0.1 * s1 / s2;
        String csv = "id,x,y,alt\n"   // UTM metres of the scene's grid: x/y columns, used as they are
                + site("b1", g, k1, 0.04 * s1 + r1) + site("b2", g, k2, 0.04 * s2 + r2);
        Path bh = tmp.resolve("boreholes.csv");
        Files.writeString(bh, csv);
        Path o2 = tmp.resolve("thermal2");
        CliRunner.Result r = CliRunner.run("thermal", "--lst", scene.resolve("lst_8day.tif").toString(), "--boreholes",
                bh.toString(), "--out", o2.toString());
        assertThat(r.code()).as(r.err()).isZero();
        double rmse = Math.sqrt((r1 * r1 + r2 * r2) / 2);
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "E = %.6f", 0.04))
                .contains(String.format(java.util.Locale.ROOT, "RMSE %.4f m at 2 boreholes", rmse));
        float[] cal = tif(o2, "altStefanCalibrated");
        assertThat((double) cal[k1]).isCloseTo(0.04 * s1, within(1e-5));
        assertThat(Files.readString(o2.resolve("boreholes.csv"))).startsWith("id,lon,lat,alt_m,row,col");
    }

    @Test
    void bigCubesStreamIntoTheSameHdf5Products() throws Exception {
        Path o3 = tmp.resolve("thermalStreamed");
        CliRunner.Result r = CliRunner.run("thermal", "--lst", scene.resolve("lst_8day.tif").toString(), "--grid",
                scene.resolve("dem.tif").toString(), "--dates-from", scene.resolve("asc/truthTimeseries.h5").toString(),
                "--max-cube-mb", "0", "--threads", "2", "--out", o3.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(o3.resolve("degreeDays.zarr")).doesNotExist();
        for (String f : new String[] {"addt.h5", "addf.h5"}) {
            try (MintPyProduct s = MintPyProduct.open(o3.resolve(f)); MintPyProduct h = MintPyProduct.open(out.resolve(f))) {
                var w = org.permasar.grid.Window.of(h.grid());
                assertThat(s.dates()).isEqualTo(h.dates());
                assertThat(s.attributes()).containsEntry("UNIT", "degC*day")
                        .containsEntry("PERMASAR_STEP", h.attributes().get("PERMASAR_STEP"));
                assertThat(s.read("timeseries", w)).as(f).containsExactly(h.read("timeseries", w));
            }
        }
        try (var names = Files.list(o3)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    private static String site(String id, org.permasar.grid.GridGeometry g, int k, double alt) {
        double x = g.transform().x(k % g.cols() + 0.5, k / g.cols() + 0.5);
        double y = g.transform().y(k % g.cols() + 0.5, k / g.cols() + 0.5);
        return id + "," + x + "," + y + "," + alt + "\n";
    }
}

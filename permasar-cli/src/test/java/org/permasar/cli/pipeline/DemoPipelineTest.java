package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.cli.report.ReportWriter;

/**
 * Acceptance: {@code permasar demo --small} from a fresh folder writes the configuration it ran,
 * the maps and a self-contained report; a rerun skips every step; {@code permasar plot} draws its
 * outputs. Truth comes from the simulated scene (truth.h5), not from our own outputs.
 */
class DemoPipelineTest {
    @TempDir
    static Path dir;
    static Path out;
    static CliRunner.Result first;

    @BeforeAll
    static void demo() {
        out = dir.resolve("demo");
        first = CliRunner.run("demo", "--small", "--out", out.toString());
    }

    @Test
    void writesConfigurationMapsAndReport() throws Exception {
        assertThat(first.code()).as(first.err()).isZero();
        for (String f : new String[] {"permasar.cfg", "report.html", "asc/velocity.h5", "desc/pecm/velocity.h5",
                "geometry/secularDirection.tif", "alt/alt.tif", "asc/velocity.png", "maps/truth_regions.png"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        // the configuration the demo ran is a valid `permasar run` configuration for the same folder
        PipelineConfig cfg = PipelineConfig.parse(out.resolve("permasar.cfg"), null);
        assertThat(cfg.outDir()).isEqualTo(out.toAbsolutePath().normalize());
        assertThat(first.out()).contains("Report: " + out.toAbsolutePath().normalize().resolve("report.html"));
    }

    @Test
    void reportIsSelfContainedWithDecodablePngs() throws Exception {
        String html = Files.readString(out.resolve(ReportWriter.FILE), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("<link").doesNotContain(out.toAbsolutePath().toString());
        for (String section : new String[] {"Track asc", "Track desc", "Direction of motion", "Active-layer thickness",
                "Time series at representative pixels", "Inversion summary", "Fit summary", "PECM summary",
                "Direction class counts", "Configuration"}) {
            assertThat(html).as(section).contains(section);
        }
        Matcher m = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            assertThat(m.group(1)).startsWith("data:image/png;base64,");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    m.group(1).substring("data:image/png;base64,".length()))));
            assertThat(img).isNotNull();
            images++;
        }
        assertThat(images).isGreaterThan(20);
        // the estimated LOS rates agree with the simulated truth to a few mm/yr (RMSE column of the truth table)
        Matcher t = Pattern.compile("<td>(asc|desc)/velocity.h5:velocity</td><td>[^<]*</td><td>(\\d+)</td><td>([-0-9.]+)</td>"
                + "<td>([0-9.]+)</td>").matcher(html);
        int rows = 0;
        while (t.find()) {
            assertThat(Integer.parseInt(t.group(2))).isGreaterThan(250);
            assertThat(Double.parseDouble(t.group(4))).as("RMSE mm/yr, " + t.group(1)).isLessThan(4.0);
            rows++;
        }
        assertThat(rows).isEqualTo(2);
        // the user pixel of the demo configuration (report.pixels = 8,10) is plotted
        assertThat(html).containsPattern("Pixel \\(8, 10\\): [^<]*chosen in the configuration");
    }

    @Test
    void largestSubsidencePixelLiesInTheSimulatedSubsidencePatch() throws Exception {
        String html = Files.readString(out.resolve(ReportWriter.FILE), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("Pixel \\((\\d+), (\\d+)\\): [^<]*largest subsidence rate").matcher(html);
        assertThat(m.find()).isTrue();
        int r = Integer.parseInt(m.group(1)), c = Integer.parseInt(m.group(2));
        ProductRasters.Raster regions = ProductRasters.read(out.resolve("scene/truth.h5"), "region");
        ProductRasters.Raster vz = ProductRasters.read(out.resolve("scene/truth.h5"), "verticalVelocity");
        // truth: region 4 is the subsidence patch, and the true vertical rate there is below the scene's median
        int i = r * regions.grid().cols() + c;
        assertThat(Math.round(regions.data()[i])).isEqualTo(4);
        float[] sorted = vz.data().clone();
        java.util.Arrays.sort(sorted);
        assertThat(vz.data()[i]).isLessThan(sorted[sorted.length / 2]);
    }

    /**
     * Issue 19: the inversion's closure products reach the report: the numTriNonzeroIntAmbiguity map and the
     * closure quality per interferogram (closureQuality.csv, one row per kept pair, read back by the plot).
     */
    @Test
    void closureQualityIsWrittenAndReported() throws Exception {
        String html = Files.readString(out.resolve(ReportWriter.FILE), StandardCharsets.UTF_8);
        assertThat(html).contains("Triplets whose closure phase is a non-zero number of cycles")
                .contains("Closure quality per interferogram (closureQuality.csv/.h5)");
        java.util.List<String> rows = Files.readAllLines(out.resolve("asc/closureQuality.csv"));
        assertThat(rows.get(0)).startsWith("date12,reference,secondary,days,bperp_m,triplets,cells,nonzero_cells,"
                + "nonzero_share,mean_abs_closure_rad");
        assertThat(org.permasar.cli.plot.ClosureQualityPlot.read(out.resolve("asc/closureQuality.csv")))
                .hasSize(rows.size() - 1);
        assertThat(out.resolve("asc/closureQuality.h5")).isRegularFile();
    }

    /**
     * The stable class (issue 11 item 2) reaches the demo's products and report: the class counts table has its row.
     * For the record: the shares of the bedrock (truth region 1) per secular direction class.
     */
    @Test
    void directionClassesIncludeStable() throws Exception {
        String html = Files.readString(out.resolve(ReportWriter.FILE), StandardCharsets.UTF_8);
        assertThat(html).contains("<td>stable</td>").contains("4 stable (not significant)")
                .contains("secular k = 2.0, |v| &lt;= k*velocityStd on both tracks");
        assertThat(Files.readAllLines(out.resolve("geometry/directionCounts.csv"))).hasSize(6)
                .anySatisfy(l -> assertThat(l).startsWith("stable,"));
        float[] regions = ProductRasters.read(out.resolve("scene/truth.h5"), "region").data();
        float[] classes = ProductRasters.read(out.resolve("geometry/secularDirection.tif"), null).data();
        int[] n = new int[5];
        int bedrock = 0;
        for (int i = 0; i < regions.length; i++) {
            if (Math.round(regions[i]) == 1) {
                bedrock++;
                n[Math.round(classes[i])]++;
            }
        }
        System.out.printf(Locale.ROOT, "demo --small bedrock (%d px): stable %d, vertical %d, east-west %d, "
                + "undetermined %d, no data %d%n", bedrock, n[4], n[1], n[2], n[3], n[0]);
        assertThat(bedrock).isPositive();
    }

    @Test
    void rerunSkipsEveryStepAndKeepsTheBytes() throws Exception {
        byte[] before = Files.readAllBytes(out.resolve(ReportWriter.FILE));
        CliRunner.Result again = CliRunner.run("demo", "--small", "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("skipped, up to date: simulate, truth-maps, invert-asc, fit-asc, pecm-asc, "
                + "invert-desc, fit-desc, pecm-desc, geometry, alt, controls, report");
        assertThat(Files.readAllBytes(out.resolve(ReportWriter.FILE))).isEqualTo(before);
        // --steps reruns one step only
        CliRunner.Result one = CliRunner.run("run", out.resolve("permasar.cfg").toString(), "--steps", "report");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("skipped, up to date: report");
    }

    @Test
    void plotDrawsRastersAndTimeSeries() throws Exception {
        Path png = dir.resolve("v.png");
        CliRunner.Result r = CliRunner.run("plot", out.resolve("asc/velocity.h5") + ":velocity", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage map = ImageIO.read(png.toFile());
        assertThat(map.getWidth()).isGreaterThan(20 * 8); // 20 columns at 8 px plus axes and colour bar
        Path tif = dir.resolve("alt.png");
        assertThat(CliRunner.run("plot", out.resolve("alt/alt.tif").toString(), "--out", tif.toString()).code()).isZero();
        assertThat(ImageIO.read(tif.toFile())).isNotNull();
        Path ts = dir.resolve("ts.png");
        r = CliRunner.run("plot", out.resolve("asc/timeseries.h5").toString(), "--pixel", "4,6", "--out", ts.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ImageIO.read(ts.toFile()).getWidth()).isEqualTo(900);
        // mistakes are exit 2 with one line
        CliRunner.Result bad = CliRunner.run("plot", out.resolve("asc/timeseries.h5").toString(), "--pixel", "99,6",
                "--out", dir.resolve("x.png").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("pixel (99, 6) is outside the 16 × 20 grid");
        bad = CliRunner.run("plot", out.resolve("asc/velocity.h5") + ":nope", "--out", dir.resolve("y.png").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("nope");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    /** Issue 11 item 5: the chain's ALT exists only where the PECM step found a freeze–thaw cycle in the LST. */
    @Test
    void altOnlyWhereTheLstShowsAFreezeThawCycle() throws Exception {
        assertThat(first.code()).as(first.err()).isZero();
        float[] season = ProductRasters.read(out.resolve("asc/pecm/velocity.h5"), "thawSeason").data();
        float[] alt = ProductRasters.read(out.resolve("alt/alt.tif"), null).data();
        int solved = 0;
        for (int q = 0; q < alt.length; q++) {
            assertThat(season[q]).isIn(0f, 1f);
            if (season[q] == 0) {
                assertThat(alt[q]).as("pixel %d has no thaw season", q).isNaN();
            }
            solved += Float.isFinite(alt[q]) ? 1 : 0;
        }
        assertThat(solved).isPositive();
    }

    /** Without LST or a permafrost map (e.g. Etna), the chain writes no ALT and the report says why. */
    @Test
    void noAltWithoutTemperatureOrPermafrostMap() throws Exception {
        String cfg = Files.readString(out.resolve("permasar.cfg"), StandardCharsets.UTF_8)
                .replaceAll("(?m)^lst = .*$", "lst = ")
                .replaceAll("(?m)^dir = .*$", "dir = " + dir.resolve("noLst").toString().replace("\\", "/"))
                .replace("= scene/", "= " + out.resolve("scene") + "/");
        Path file = dir.resolve("noLst.cfg");
        Files.writeString(file, cfg, StandardCharsets.UTF_8);
        CliRunner.Result r = CliRunner.run("run", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path o = dir.resolve("noLst");
        assertThat(o.resolve("alt/alt.tif")).doesNotExist();
        assertThat(o.resolve("geometry/secularDirection.tif")).isRegularFile();
        assertThat(Files.readString(o.resolve(ReportWriter.FILE), StandardCharsets.UTF_8))
                .contains("Active-layer thickness").contains("Not computed: the configuration gives no land-surface temperature");
    }

    /** {@code alt --mask}: no ALT where the mask is 0 (here the left half), the density model elsewhere. */
    @Test
    void altCommandHonoursTheMask() throws Exception {
        Path vel = out.resolve("asc/velocity.h5");
        ProductRasters.Raster amp = ProductRasters.read(vel, "seasonalAmplitude");
        org.permasar.grid.GridGeometry g = amp.grid();
        float[] mask = new float[g.size()];
        for (int q = 0; q < mask.length; q++) {
            mask[q] = q % g.cols() < g.cols() / 2 ? 0 : 1;
        }
        Path m = dir.resolve("mask.tif");
        org.permasar.io.geotiff.GeoTiffWriter.write(m, g, mask, 1, java.util.Map.of(), java.util.List.of());
        Path o = dir.resolve("altMasked");
        CliRunner.Result r = CliRunner.run("alt", "--model", "density", "--amplitude", vel + ":seasonalAmplitude",
                "--N", "0.3", "--n", "0.05", "--mask", m.toString(), "--out", o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        float[] alt = ProductRasters.read(o.resolve("alt.tif"), null).data();
        int right = 0;
        for (int q = 0; q < alt.length; q++) {
            if (mask[q] == 0) {
                assertThat(alt[q]).isNaN();
            } else if (Float.isFinite(amp.data()[q])) {
                assertThat(alt[q]).as("pixel %d", q).isFinite();
                right++;
            }
        }
        assertThat(right).isPositive();
    }

    /**
     * {@code permasar view} of the demo folder draws the run's own PECM model: {@link ConfiguredPecmCurves} (from the
     * folder's permasar.cfg) gives at a clicked pixel exactly the curve the report draws ({@code FitStep.pecmModelAt}
     * with {@code PipelineSteps.pecmParameters}), which follows the simulated truth series (asc/truthTimeseries.h5,
     * LOS, de-meaned: the series are referenced differently); its forcing I is 0 before the true thaw onset of the
     * year and positive between thaw and freeze (truth.h5 thawOnsetDoy, freezeOnsetDoy; I = √ADDT − √(κf/κt)·√ADDF
     * only grows once thawing degree days accumulate). Measured 2026-12-07 on six seasonal pixels of the noisy demo
     * (estimated κf/κt): RMS 1.3–2.7 mm against truth series spanning about 48 mm.
     */
    @Test
    void viewerDrawsTheRunsPecmModelAndItsForcing() throws Exception {
        org.permasar.viewer.PecmCurves curves = ConfiguredPecmCurves.of(out);
        PipelineConfig cfg = PipelineConfig.parse(out.resolve("permasar.cfg"), out);
        org.permasar.pipeline.fit.FitParameters pp = PipelineSteps.pecmParameters(cfg, "asc");
        Path ts = out.resolve("asc/timeseries.h5");
        float[] region = ProductRasters.read(out.resolve("scene/truth.h5"), "region").data();
        float[] thaw = ProductRasters.read(out.resolve("scene/truth.h5"), "thawOnsetDoy").data();
        float[] freeze = ProductRasters.read(out.resolve("scene/truth.h5"), "freezeOnsetDoy").data();
        java.util.List<java.time.LocalDate> dates;
        int cols;
        try (org.permasar.io.mintpy.MintPyProduct p = org.permasar.io.mintpy.MintPyProduct.open(ts)) {
            dates = p.dates();
            cols = p.grid().cols();
        }
        int checked = 0, zeros = 0, positives = 0;
        double worst = 0;
        try (org.permasar.io.mintpy.MintPyProduct truth = org.permasar.io.mintpy.MintPyProduct.open(
                out.resolve("scene/asc/truthTimeseries.h5"))) {
            for (int i = 0; i < region.length && checked < 6; i += 23) {
                if (region[i] != org.permasar.sim.Region.SEASONAL.code()) {
                    continue;
                }
                int r = i / cols, c = i % cols;
                org.permasar.viewer.PecmCurves.Curve curve = curves.at(ts, r, c);
                assertThat(curve).as("curve at (%d, %d)", r, c).isNotNull();
                assertThat(curve.label()).contains("PECM").contains("asc/pecm");
                assertThat(curve.metres()).as("the report's curve").containsExactly(
                        org.permasar.pipeline.fit.FitStep.pecmModelAt(pp, r, c));
                float[] t = truth.read("timeseries", new org.permasar.grid.Window(r, c, 1, 1));
                double mean = 0;
                for (int k = 0; k < t.length; k++) {
                    mean += (curve.metres()[k] - t[k]) / t.length;
                }
                double ss = 0;
                for (int k = 0; k < t.length; k++) {
                    double e = curve.metres()[k] - t[k] - mean;
                    ss += e * e;
                }
                double rms = Math.sqrt(ss / t.length);
                worst = Math.max(worst, rms);
                System.out.printf(Locale.ROOT, "viewer PECM curve at (%d, %d): RMS %.2f mm against the truth%n", r, c,
                        1e3 * rms);
                for (int k = 0; k < dates.size(); k++) {
                    float fk = curve.forcing()[k];
                    int doy = dates.get(k).getDayOfYear();
                    assertThat(fk).as("I ≥ 0 at (%d, %d) %s", r, c, dates.get(k)).isGreaterThanOrEqualTo(0f);
                    if (doy < thaw[i] - 3 && doy > 60) {
                        assertThat(fk).as("I before thaw onset at (%d, %d) %s", r, c, dates.get(k)).isEqualTo(0f);
                        zeros++;
                    } else if (doy > thaw[i] + 15 && doy < freeze[i]) {
                        assertThat(fk).as("I in the thaw season at (%d, %d) %s", r, c, dates.get(k)).isPositive();
                        positives++;
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
        assertThat(zeros).isPositive();
        assertThat(positives).isPositive();
        System.out.printf(Locale.ROOT, "viewer PECM curve vs truth: worst RMS %.2f mm over %d pixels%n", 1e3 * worst, checked);
        assertThat(worst).as("RMS (m) of the viewer's PECM curve against the noise-free truth").isLessThan(0.005);
    }
}

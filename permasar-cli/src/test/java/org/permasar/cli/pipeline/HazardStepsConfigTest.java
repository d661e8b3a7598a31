package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.cli.hazard.LakeDensityCommand;
import org.permasar.cli.hazard.LakesCommand;
import org.permasar.cli.hazard.SlumpsCommand;
import org.permasar.pipeline.hazard.HazardsParameters;
import org.permasar.pipeline.hazard.LakeDensityParameters;
import org.permasar.pipeline.hazard.LakesParameters;
import org.permasar.pipeline.hazard.SlumpsParameters;
import picocli.CommandLine;

/**
 * The [lakes], [slumps] and [lakeDensity] sections (and the chainage keys of [hazards]): parsed into the steps'
 * parameters with paths from the configuration's folder; the lakes step's output feeding the hazards and
 * lake-density steps unless they have lakes of their own; every bad value refused naming its key before any work
 * (exit 2 from {@code permasar run}); the sections' defaults are the commands'.
 */
class HazardStepsConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void inputs() throws Exception {
        for (String f : List.of("stack.h5", "g.tif", "n.tif", "s.tif", "slumps.geojson", "line.geojson", "my_lakes.geojson")) {
            Files.writeString(dir.resolve(f), "x");
        }
    }

    private PipelineConfig config(String sections) throws Exception {
        Path cfg = dir.resolve("permasar.cfg");
        Files.writeString(cfg, "[input]\nasc.stack = stack.h5\n[output]\ndir = out\n" + sections);
        return PipelineConfig.parse(cfg, null);
    }

    @Test
    void sectionsBecomeTheStepsParametersAndTheLakesFeedTheOthers() throws Exception {
        PipelineConfig c = config("[lakes]\ngreen = g.tif\nnir = n.tif\nthreshold = 0.1\nminPixels = 3\nfillHolesBelow = 7\n"
                + "[slumps]\nenabled = true\npolygons = slumps.geojson\nid = name\nrateThreshold = 4\nminRateChange = 12\n"
                + "bicMargin = 6\nminSide = 5\nannual = false\n"
                + "[lakeDensity]\nenabled = true\ncell = 500\nminCoverage = 0.3\nclasses = 9\nbins = 0,5,100\n"
                + "window = 2000\nstep = 800\n"
                + "[hazards]\nlines = line.geojson\nchainage = m\nmUnit = m\n");
        assertThat(PipelineSteps.names(c)).containsExactly("invert-asc", "fit-asc", "lakes", "hazards", "slumps",
                "lake-density", "report");
        LakesParameters lp = LakesConfig.parameters(c);
        assertThat(lp.green()).isEqualTo(dir.resolve("g.tif"));
        assertThat(lp.second()).isEqualTo(dir.resolve("n.tif"));
        assertThat(lp.swir()).isFalse();
        assertThat(lp.threshold()).isEqualTo(0.1);
        assertThat(lp.minPixels()).isEqualTo(3);
        assertThat(lp.fillHolesBelow()).isEqualTo(7);
        assertThat(lp.out()).isEqualTo(dir.resolve("out/lakes"));
        SlumpsParameters sp = SlumpsConfig.parameters(c);
        assertThat(sp.timeseries()).isEqualTo(dir.resolve("out/asc/timeseries.h5"));
        assertThat(sp.polygons()).isEqualTo(dir.resolve("slumps.geojson"));
        assertThat(sp.idAttribute()).isEqualTo("name");
        assertThat(sp.classifier().rateThreshold()).isEqualTo(4);
        assertThat(sp.classifier().minRateChange()).isEqualTo(12);
        assertThat(sp.classifier().bicMargin()).isEqualTo(6);
        assertThat(sp.classifier().minSide()).isEqualTo(5);
        assertThat(sp.classifier().annual()).isFalse();
        assertThat(sp.out()).isEqualTo(dir.resolve("out/slumps"));
        LakeDensityParameters dp = LakeDensityConfig.parameters(c);
        assertThat(dp.lakes()).as("the lakes step's output").isEqualTo(dir.resolve("out/lakes/lakes.geojson"));
        assertThat(dp.deformation()).isEqualTo(dir.resolve("out/asc/velocity.h5"));
        assertThat(dp.amplitude()).isNull();
        assertThat(dp.cell()).isEqualTo(500);
        assertThat(dp.minCoverage()).isEqualTo(0.3);
        assertThat(dp.classes()).isEqualTo(9);
        assertThat(dp.binEdges()).containsExactly(0, 5, 100);
        assertThat(dp.window()).isEqualTo(2000);
        assertThat(dp.step()).isEqualTo(800);
        assertThat(Double.isNaN(LakeDensityConfig.parameters(config("[lakes]\ngreen = g.tif\nnir = n.tif\n[lakeDensity]\nenabled = true\n"))
                .window())).as("window 0: cells").isTrue();
        assertThat(dp.out()).isEqualTo(dir.resolve("out/lake-density"));
        HazardsParameters hp = HazardsConfig.parameters(c);
        assertThat(hp.features()).containsEntry("lakes", dir.resolve("out/lakes/lakes.geojson"));
        assertThat(hp.measures()).isEqualTo(HazardsParameters.MeasureUnit.M);
    }

    @Test
    void ownLakesWinOverTheLakesStep() throws Exception {
        PipelineConfig c = config("[lakes]\ngreen = g.tif\nswir = s.tif\n[lakeDensity]\nenabled = true\n"
                + "lakes = my_lakes.geojson\n[hazards]\nlines = line.geojson\nfeatures = lakes = my_lakes.geojson\n");
        assertThat(LakesConfig.parameters(c).swir()).isTrue();
        assertThat(Double.isNaN(LakesConfig.parameters(c).threshold())).as("otsu").isTrue();
        assertThat(LakeDensityConfig.parameters(c).lakes()).isEqualTo(dir.resolve("my_lakes.geojson"));
        assertThat(HazardsConfig.parameters(c).features()).containsExactly(
                java.util.Map.entry("lakes", dir.resolve("my_lakes.geojson")));
        // another layer name: the step's lakes join it
        c = config("[lakes]\ngreen = g.tif\nnir = n.tif\n[hazards]\nlines = line.geojson\nfeatures = ponds=my_lakes.geojson\n");
        assertThat(HazardsConfig.parameters(c).features()).containsOnlyKeys("ponds", "lakes");
    }

    @Test
    void notConfiguredMeansNoStepAndAnIdleInputIsNoted() throws Exception {
        assertThat(PipelineSteps.names(config(""))).containsExactly("invert-asc", "fit-asc", "report");
        PipelineConfig c = config("[slumps]\npolygons = slumps.geojson\n[lakeDensity]\nlakes = my_lakes.geojson\n");
        Chain chain = PipelineSteps.addTo(new Chain(c.outDir()), c);
        assertThat(chain.names()).doesNotContain("slumps", "lake-density");
        assertThat(chain.notes()).containsEntry("slumps", "skipped: slumps.enabled = false (slumps.polygons is set)")
                .containsKey("lake-density");
    }

    @Test
    void badValuesNameTheirKey() throws Exception {
        bad("[lakes]\ngreen = g.tif\nnir = n.tif\nthreshold = wet\n", "lakes.threshold", "'wet'");
        bad("[lakes]\ngreen = g.tif\nnir = n.tif\nthreshold = 1.5\n", "lakes.threshold", "-1 … 1");
        bad("[lakes]\ngreen = g.tif\nnir = n.tif\nswir = s.tif\n", "lakes.nir and lakes.swir are both set", "");
        bad("[lakes]\ngreen = g.tif\n", "neither lakes.nir", "");
        bad("[lakes]\nnir = n.tif\n", "lakes.nir is set but lakes.green is not", "");
        bad("[lakeDensity]\nenabled = true\n", "lakeDensity.lakes", "lakes.green");
        bad("[lakeDensity]\nenabled = true\nlakes = my_lakes.geojson\nbins = 0,x,100\n", "lakeDensity.bins", "'x'");
        bad("[lakeDensity]\nenabled = true\nlakes = my_lakes.geojson\nbins = 0,20,10\n", "lakeDensity.bins", "increasing");
        bad("[slumps]\nenabled = true\nid = name\n", "slumps.id = name", "slumps.polygons is empty");
        bad("[hazards]\nlines = line.geojson\nchainage = m\nkmAttribute = km\n", "[hazards]", "two sources of chainage");
        // types and ranges are the parser's: the key and line named
        assertThatThrownBy(() -> config("[slumps]\nminSide = 1\n")).hasMessageContaining("slumps.minSide")
                .hasMessageContaining("outside 2");
        assertThatThrownBy(() -> config("[lakeDensity]\ncell = 0\n")).hasMessageContaining("lakeDensity.cell");
        assertThatThrownBy(() -> config("[lakes]\ngreen = missing.tif\n")).hasMessageContaining("lakes.green")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> config("[hazards]\nchainage = posts\n")).hasMessageContaining("hazards.chainage")
                .hasMessageContaining("length, m");
    }

    /** The step list is built before any work: a bad value is exit 2, one line, nothing written. */
    private void bad(String sections, String expected, String alsoExpected) throws Exception {
        PipelineConfig c = config(sections);
        assertThatThrownBy(() -> PipelineSteps.names(c)).hasMessageContaining(expected).hasMessageContaining(alsoExpected)
                .hasMessageStartingWith(c.file().toString());
        CliRunner.Result r = CliRunner.run("run", c.file().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).contains(expected).doesNotContain("\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void sectionDefaultsAreTheCommandsDefaults() {
        check(new SlumpsCommand(), "slumps", "--rate-threshold", "rateThreshold", "--min-rate-change", "minRateChange",
                "--bic-margin", "bicMargin", "--min-side", "minSide");
        check(new LakeDensityCommand(), "lakeDensity", "--cell", "cell", "--min-coverage", "minCoverage", "--classes",
                "classes", "--bins", "bins");
        check(new LakesCommand(), "lakes", "--threshold", "threshold", "--min-pixels", "minPixels");
        assertThat(ConfigSchema.option("slumps.annual").fallback()).isEqualTo("true");   // the command's --no-annual unset
    }

    private static void check(Object command, String section, String... optionKey) {
        CommandLine.Model.CommandSpec spec = new CommandLine(command).getCommandSpec();
        for (int i = 0; i < optionKey.length; i += 2) {
            String cli = spec.findOption(optionKey[i]).defaultValue();
            String cfg = ConfigSchema.option(section + "." + optionKey[i + 1]).fallback();
            if (cli.matches("[-0-9.]+")) {
                assertThat(Double.parseDouble(cfg)).as(optionKey[i]).isEqualTo(Double.parseDouble(cli));
            } else {
                assertThat(cfg).as(optionKey[i]).isEqualTo(cli);
            }
        }
    }
}

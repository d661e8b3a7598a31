package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.pipeline.controls.ControlsRasterParameters;
import org.permasar.stats.geodetector.Discretization;
import org.permasar.stats.geodetector.SingleMemberStrata;

/** The [controls] section: parsed into the raster mode's parameters, paths from the configuration's folder. */
class ControlsConfigTest {
    @TempDir
    Path dir;

    private PipelineConfig config(String controls) throws Exception {
        Files.writeString(dir.resolve("stack.h5"), "x");
        Path cfg = dir.resolve("permasar.cfg");
        Files.writeString(cfg, "[input]\nasc.stack = stack.h5\n[output]\ndir = out\n[controls]\n" + controls);
        return PipelineConfig.parse(cfg, null);
    }

    @Test
    void sectionBecomesTheStepsParameters() throws Exception {
        PipelineConfig c = config("factors = slope = terrain/slope.tif; veg = maps/veg.h5:class\n"
                + "discretize = slope=natural:5\ncross = slope,veg\nsingleMember = drop\ntile = 32\n");
        assertThat(PipelineSteps.names(c)).containsExactly("invert-asc", "fit-asc", "controls", "report");
        ControlsRasterParameters p = ControlsConfig.parameters(c);
        assertThat(p.deformation()).isEqualTo(dir.resolve("out/asc/velocity.h5") + ":velocity");
        assertThat(p.factors()).containsEntry("slope", dir.resolve("terrain/slope.tif").toString())
                .containsEntry("veg", dir.resolve("maps/veg.h5") + ":class");
        assertThat(p.discretize().get("slope").method()).isEqualTo(Discretization.Method.NATURAL);
        assertThat(p.discretize().get("slope").k()).isEqualTo(5);
        assertThat(p.singleMember()).isEqualTo(SingleMemberStrata.DROP);
        assertThat(p.inference().tile()).isEqualTo(32);
        assertThat(p.cross()).containsExactly(java.util.List.of("slope", "veg"));
        assertThat(p.out()).isEqualTo(dir.resolve("out/controls"));
    }

    @Test
    void notConfiguredMeansNoStep() throws Exception {
        assertThat(PipelineSteps.names(config(""))).doesNotContain("controls");
    }

    @Test
    void badSettingsNameTheirKey() throws Exception {
        assertThatThrownBy(() -> ControlsConfig.parameters(config("factors = slope=s.tif\ndiscretize = slope=median:3\n")))
                .hasMessageContaining("[controls]").hasMessageContaining("median");
        assertThatThrownBy(() -> ControlsConfig.parameters(config("factors = slope\n")))
                .hasMessageContaining("controls.factors").hasMessageContaining("NAME=FILE");
        assertThatThrownBy(() -> ControlsConfig.parameters(config("factors = a=a.tif\ncross = a,b\n")))
                .hasMessageContaining("--cross a,b");
    }
}

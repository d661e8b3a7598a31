package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.permasar.cli.pipeline.ConfigSchema;
import org.permasar.pipeline.geometry.GeometryParameters;
import picocli.CommandLine;

/** {@link GeometryParameters}: one source of defaults for the command and the configuration; bad values refused. */
class GeometryParametersTest {
    private static final GeometryParameters BASE = GeometryParameters.of(Path.of("a.h5"), Path.of("d.h5"), Path.of("ga.h5"),
            Path.of("gd.h5"), Path.of("out"));

    private static double schema(String name) {
        return Double.parseDouble(ConfigSchema.option(name).fallback());
    }

    @Test
    void defaultsAreTheCommandsDefaults() {
        GeometryCommand c = new GeometryCommand();
        new CommandLine(c).parseArgs("--asc", "a.h5", "--desc", "d.h5", "--asc-geometry", "ga.h5", "--desc-geometry", "gd.h5",
                "--out", "out");
        assertThat(c.parameters()).isEqualTo(BASE);
        new CommandLine(c).parseArgs("--asc", "a.h5", "--desc", "d.h5", "--asc-geometry", "ga.h5", "--desc-geometry", "gd.h5",
                "--out", "out", "--stable-sigmas", "3");
        assertThat(c.parameters()).isEqualTo(BASE.withStableSigmas(3));
    }

    @Test
    void defaultsAreTheConfigurationsDefaults() {
        assertThat(schema("geometry.rateTolerance")).isEqualTo(BASE.rateTolerance());
        assertThat(schema("geometry.amplitudeTolerance")).isEqualTo(BASE.amplitudeTolerance());
        assertThat(schema("geometry.inPhaseDays")).isEqualTo(BASE.inPhaseDays());
        assertThat(schema("geometry.antiPhaseDays")).isEqualTo(BASE.antiPhaseDays());
        assertThat(schema("geometry.antiPhaseTolerance")).isEqualTo(BASE.antiPhaseTolerance());
        assertThat(schema("geometry.stableSigmas")).isEqualTo(BASE.stableSigmas()).isEqualTo(2.0);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> BASE.withThresholds(-1, 0.005, 30, 180, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate -1.0");
        assertThatThrownBy(() -> BASE.withThresholds(0.005, 0.005, 160, 180, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> BASE.withStableSigmas(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.5");
    }
}

package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.permasar.cli.pipeline.ConfigSchema;
import org.permasar.pipeline.alt.AltParameters;
import picocli.CommandLine;

/** {@link AltParameters}: one source of defaults for the command and the chain; bad values refused. */
class AltParametersTest {
    private static final AltParameters BASE = AltParameters.of(Path.of("out"), "v.h5:seasonalAmplitude", "0.30", "0.05");

    @Test
    void defaultsAreTheCommandsDefaults() {
        AltCommand c = new AltCommand();
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--model", "density", "--amplitude", "v.h5:seasonalAmplitude", "--N", "0.30", "--n", "0.05",
                "--out", "out");
        assertThat(c.parameters()).isEqualTo(BASE);
    }

    @Test
    void optionsBecomeTheSameParametersAsTheChainBuilds() {
        AltCommand c = new AltCommand();
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--model", "density", "--amplitude", "v.h5:seasonalAmplitude", "--N", "0.30",
                "--sites", "s.csv", "--los", "--incidence", "g.h5:incidenceAngle", "--out", "out");
        assertThat(c.parameters()).isEqualTo(AltParameters.of(Path.of("out"), "v.h5:seasonalAmplitude", "0.30", "0.05")
                .withLos("g.h5:incidenceAngle").withSites(Path.of("s.csv")));
    }

    @Test
    void configurationDefaultsAreValidDensityInputs() {
        AltParameters p = AltParameters.of(Path.of("out"), "0.02", ConfigSchema.option("alt.N").fallback(),
                ConfigSchema.option("alt.n").fallback());
        assertThat(p.thawedWater()).isEqualTo("0.30");
        assertThat(p.frozenWater()).isEqualTo("0.05");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> AltParameters.of(Path.of("out"), null, "0.3", "0.05"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model density needs --amplitude");
        assertThatThrownBy(() -> BASE.withDensities(900, 917)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 0 < ice < water density");
        assertThatThrownBy(() -> BASE.withSites(Path.of("s.csv")).withLos(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--incidence");
    }
}

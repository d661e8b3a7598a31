package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.cli.pipeline.ConfigSchema;
import org.permasar.pipeline.validate.ValidateParameters;
import picocli.CommandLine;

/** {@link ValidateParameters}: one source of defaults for the command and the configuration; bad values refused. */
class ValidateParametersTest {
    private static final ValidateParameters BASE = ValidateParameters.of(Path.of("out"));

    @Test
    void defaultsAreTheCommandsDefaults() {
        ValidateCommand c = new ValidateCommand();
        new CommandLine(c).parseArgs("--out", "out");
        assertThat(c.parameters()).isEqualTo(BASE);
    }

    @Test
    void defaultsAreTheConfigurationsDefaults() {
        assertThat(Double.parseDouble(ConfigSchema.option("validate.block").fallback())).isEqualTo(BASE.block());
        assertThat(Integer.parseInt(ConfigSchema.option("validate.matchDays").fallback())).isEqualTo(BASE.matchDays());
    }

    @Test
    void optionsBecomeTheSameParametersAsTheChainBuilds() {
        ValidateCommand c = new ValidateCommand();
        new CommandLine(c).parseArgs("--out", "out", "--block", "300", "--match-days", "2", "--insar", "ts.h5", "--gnss",
                "a.tenv3", "--geometry", "g.h5", "--boreholes", "b.csv", "--alt-insar", "alt.tif");
        assertThat(c.parameters()).isEqualTo(BASE.withMatching(300, 2).withGnss(Path.of("ts.h5"), List.of(Path.of("a.tenv3")),
                Path.of("g.h5")).withBoreholes("alt.tif", Path.of("b.csv")));
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> BASE.withMatching(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--block > 0");
        assertThatThrownBy(() -> BASE.withGnss(Path.of("ts.h5"), List.of(), Path.of("g.h5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one --gnss");
        assertThatThrownBy(() -> BASE.withBoreholes("alt.tif", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--alt-insar needs --boreholes");
    }
}

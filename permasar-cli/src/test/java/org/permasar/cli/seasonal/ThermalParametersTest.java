package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.pipeline.thermal.ThermalParameters;
import picocli.CommandLine;

/** {@link ThermalParameters}: one source of defaults for the command (and the same HANTS defaults as the fit). */
class ThermalParametersTest {
    private static final ThermalParameters BASE = ThermalParameters.of(Path.of("lst.tif"), Path.of("out"));

    @Test
    void defaultsAreTheCommandsDefaults() {
        ThermalCommand c = new ThermalCommand();
        new CommandLine(c).parseArgs("--lst", "lst.tif", "--out", "out");
        assertThat(c.parameters()).isEqualTo(BASE);
        assertThat(BASE.harmonics()).isEqualTo(FitParameters.HANTS_HARMONICS);
        assertThat(BASE.centreOffset()).isEqualTo(FitParameters.LST_CENTRE_OFFSET);
    }

    @Test
    void optionsBecomeTheSameParameters() {
        ThermalCommand c = new ThermalCommand();
        new CommandLine(c).parseArgs("--lst", "lst.tif", "--out", "out", "--dates-from", "ts.h5", "--grid", "ref.h5",
                "--kappa", "1.2", "--theta", "0.3", "--boreholes", "b.csv", "--threads", "2", "--memory-mb", "64");
        assertThat(c.parameters()).isEqualTo(BASE.withDatesFrom(Path.of("ts.h5")).withGrid(Path.of("ref.h5"))
                .withStefan("1.2", "0.3", Path.of("b.csv")).withResources(2, 64));
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> BASE.withStefan("1.2", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs both --kappa and --theta");
        assertThatThrownBy(() -> BASE.withResources(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads >= 1");
    }
}

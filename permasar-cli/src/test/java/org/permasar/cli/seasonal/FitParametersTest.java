package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.permasar.cli.pipeline.ConfigSchema;
import org.permasar.pipeline.fit.FitParameters;
import picocli.CommandLine;

/** {@link FitParameters}: one source of defaults for the command and the configuration; bad values refused. */
class FitParametersTest {
    private static final FitParameters BASE = FitParameters.of(Path.of("ts.h5"), Path.of("out"), "trend+annual");

    private static void checkRefused(UnaryOperator<FitParameters> edit, String message) {
        assertThatThrownBy(() -> edit.apply(BASE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static double schema(String name) {
        return Double.parseDouble(ConfigSchema.option(name).fallback());
    }

    @Test
    void defaultsAreTheCommandsDefaults() {
        FitCommand c = new FitCommand();
        new CommandLine(c).parseArgs("ts.h5", "--model", "trend+annual", "--out", "out");
        assertThat(c.parameters()).isEqualTo(BASE);
        assertThat(c.parameters().toString()).isEqualTo(BASE.toString());
    }

    @Test
    void defaultsAreTheConfigurationsDefaults() {
        assertThat(schema("fit.polynomial")).isEqualTo(BASE.polynomial());
        assertThat(schema("fit.minSeasonalAmplitude")).isEqualTo(BASE.minSeasonalAmplitude());
        assertThat(schema("fit.seasonalityProminence")).isEqualTo(BASE.seasonalityProminence());
        assertThat(schema("fit.seasonalityTolerance")).isEqualTo(BASE.seasonalityTolerance());
        assertThat(schema("pecm.hantsHarmonics")).isEqualTo(BASE.hantsHarmonics());
        assertThat(schema("pecm.lstCentreOffset")).isEqualTo(BASE.lstCentreOffset());
        assertThat(ConfigSchema.option("pecm.kappaRatio").fallback()).isEqualTo(BASE.kappaRatio());
    }

    @Test
    void optionsBecomeTheSameParametersAsTheChainBuilds() {
        FitCommand c = new FitCommand();
        new CommandLine(c).parseArgs("ts.h5", "--model", "PECM", "--out", "out", "--lst", "lst.tif", "--hants-harmonics", "2",
                "--kappa-ratio", "k.tif", "--lst-centre-offset", "0", "--geometry", "g.h5", "--vertical", "--stack", "s.h5",
                "--weight", "coh", "--mask-dset", "--min-coherence", "0.3", "--geotiff", "--threads", "2",
                "--seasonality-tolerance", "3", "--seasonality-prominence", "0.1", "--min-seasonal-amplitude", "0");
        FitParameters chain = FitParameters.pecm(Path.of("ts.h5"), Path.of("out"), Path.of("lst.tif")).withGeotiff(true)
                .withLst(Path.of("lst.tif"), 2, "k.tif", 0).withSeasonality(3, 0.1, 0)
                .withGeometry(Path.of("g.h5"), true).withStack(Path.of("s.h5"), "coh", 0, true, 0.3f)
                .withResources(2, 0);
        assertThat(c.parameters()).isEqualTo(chain);
    }

    @Test
    void badValuesAreRefused() {
        checkRefused(p -> FitParameters.of(p.timeseries(), p.out(), "spline"), "--model must be trend+annual, harmonics or pecm");
        checkRefused(p -> FitParameters.of(p.timeseries(), p.out(), "pecm"), "--model pecm needs --lst");
        checkRefused(p -> p.withGeometry(null, true), "--vertical needs --geometry");
        checkRefused(p -> p.withStack(Path.of("s.h5"), "heavy", 0, false, 0f), "unknown weight function 'heavy'");
        checkRefused(p -> p.withStack(Path.of("s.h5"), null, 0, false, 1f), "got 0, 1.0");
        checkRefused(p -> p.withResources(0, 0), "--threads must be ≥ 1, got 0");
        checkRefused(p -> p.withPolynomial(-1), "--polynomial must be ≥ 0, got -1");
    }
}

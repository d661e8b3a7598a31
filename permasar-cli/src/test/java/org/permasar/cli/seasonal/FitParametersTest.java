package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.permasar.cli.pipeline.ConfigSchema;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.timefn.TimeFunctionModel;
import org.permasar.timefn.TimeFunctionModel.Decay;
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
        for (String key : List.of("periods", "steps", "exp", "log", "startDate", "endDate", "excludeDate")) {
            assertThat(ConfigSchema.option("fit." + key).fallback()).as(key).isEmpty();
        }
        assertThat(BASE.periods()).isEmpty();
        assertThat(BASE.steps()).isEmpty();
        assertThat(BASE.exp()).isEmpty();
        assertThat(BASE.log()).isEmpty();
        assertThat(BASE.startDate()).isNull();
        assertThat(BASE.endDate()).isNull();
        assertThat(BASE.excludeDates()).isEmpty();
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
    void timeFunctionOptionsBecomeTheParametersTheChainBuilds() {
        FitCommand c = new FitCommand();
        new CommandLine(c).parseArgs("ts.h5", "--model", "trend", "--out", "out", "--polynomial", "2", "--periods", "0.5,2",
                "--steps", "20180111", "--exp", "20180101,60,120", "--exp", "2018-06-01,30", "--log", "20170601,90",
                "--start-date", "20170301", "--end-date", "2018-09-01", "--exclude-date", "20170609,20171206");
        FitParameters chain = FitParameters.of(Path.of("ts.h5"), Path.of("out"), "trend").withPolynomial(2)
                .withTerms(List.of(0.5, 2.0), List.of("20180111"),
                        List.of(new Decay(LocalDate.of(2018, 1, 1), 60), new Decay(LocalDate.of(2018, 1, 1), 120),
                                new Decay(LocalDate.of(2018, 6, 1), 30)),
                        List.of(new Decay(LocalDate.of(2017, 6, 1), 90)))
                .withDates(LocalDate.of(2017, 3, 1), LocalDate.of(2018, 9, 1),
                        List.of(LocalDate.of(2017, 6, 9), LocalDate.of(2017, 12, 6)));
        assertThat(c.parameters()).isEqualTo(chain);
        TimeFunctionModel m = chain.timeFunctions();
        assertThat(m.parameterCount()).isEqualTo(3 + 4 + 1 + 3 + 1);
        assertThat(m.periodsYears()).containsExactly(0.5, 2.0);
        assertThat(FitParameters.of(Path.of("ts.h5"), Path.of("out"), "trend+annual").withTerms(List.of(0.5), List.of(),
                List.of(), List.of()).timeFunctions().periodsYears()).containsExactly(1.0, 0.5);
        assertThat(chain.dateSelection().indices(List.of(LocalDate.of(2017, 2, 1), LocalDate.of(2017, 3, 1),
                LocalDate.of(2017, 6, 9), LocalDate.of(2018, 9, 1), LocalDate.of(2018, 9, 2)))).containsExactly(1, 3);
    }

    @Test
    void badValuesAreRefused() {
        checkRefused(p -> FitParameters.of(p.timeseries(), p.out(), "spline"),
                "--model must be trend, trend+annual, harmonics or pecm");
        checkRefused(p -> FitParameters.of(p.timeseries(), p.out(), "trend").withPolynomial(0),
                "--model trend --polynomial 0: model has no time function besides the offset");
        checkRefused(p -> p.withPolynomial(6), "--polynomial must be at most 5, got 6");
        checkRefused(p -> p.withTerms(List.of(-1.0), List.of(), List.of(), List.of()), "--periods must be positive years");
        checkRefused(p -> p.withTerms(List.of(), List.of("2018011"), List.of(), List.of()), "unparseable date '2018011'");
        checkRefused(p -> p.withTerms(List.of(), List.of("20180111", "2018-01-11"), List.of(), List.of()),
                "step dates must be distinct");
        checkRefused(p -> p.withDates(LocalDate.of(2018, 1, 2), LocalDate.of(2018, 1, 1), List.of()),
                "--end-date 20180101 is before --start-date 20180102");
        checkRefused(p -> FitParameters.of(p.timeseries(), p.out(), "pecm"), "--model pecm needs --lst");
        checkRefused(p -> p.withGeometry(null, true), "--vertical needs --geometry");
        checkRefused(p -> p.withStack(Path.of("s.h5"), "heavy", 0, false, 0f), "unknown weight function 'heavy'");
        checkRefused(p -> p.withStack(Path.of("s.h5"), null, 0, false, 1f), "got 0, 1.0");
        checkRefused(p -> p.withResources(0, 0), "--threads must be ≥ 1, got 0");
        checkRefused(p -> p.withPolynomial(-1), "--polynomial must be ≥ 0, got -1");
    }
}

package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.timefn.TimeFunctionModel.Decay;

/** The configuration format: the template round-trips to the defaults, and every kind of mistake is one clear line. */
class PipelineConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void inputs() throws Exception {
        Files.writeString(dir.resolve("stack.h5"), "x");
        Files.writeString(dir.resolve("geom.h5"), "x");
    }

    private PipelineConfig parse(String text) throws Exception {
        Path f = dir.resolve("p.cfg");
        Files.writeString(f, text);
        return PipelineConfig.parse(f, null);
    }

    private static final String MIN = "[input]\nasc.stack = stack.h5\n";

    @Test
    void templateWithAnInputParsesToTheDocumentedDefaults() throws Exception {
        PipelineConfig c = parse(ConfigSchema.template(Map.of("input.asc.stack", "stack.h5", "output.dir", "out")));
        for (ConfigSchema.Option o : ConfigSchema.options()) {
            if (!o.name().equals("input.asc.stack") && !o.name().equals("output.dir")) {
                assertThat(c.text(o.name())).as(o.name()).isEqualTo(o.fallback());
            }
        }
        assertThat(c.path("input.asc.stack")).isEqualTo(dir.resolve("stack.h5").toAbsolutePath().normalize());
        assertThat(c.outDir()).isEqualTo(dir.resolve("out").toAbsolutePath().normalize());
        assertThat(c.tracks()).containsExactly("asc");
        assertThat(c.reference()).isNull();
        assertThat(Files.exists(dir.resolve("out"))).as("parsing writes nothing").isFalse();
        // every key of the schema is in the template, with a comment line before it
        String t = ConfigSchema.template();
        for (ConfigSchema.Option o : ConfigSchema.options()) {
            assertThat(t).contains("\n" + o.key() + " = " + o.fallback() + "\n");
        }
    }

    @Test
    void typedValuesAreReadBack() throws Exception {
        PipelineConfig c = parse(MIN + "[invert]\nreference = 3, 4   # comment\nminCoherence = 0.25\nmaskConnComp = false\n"
                + "[report]\npixels = 1,2; 5,6\n[alt]\nN = 0.4\n");
        assertThat(c.reference()).containsExactly(3, 4);
        assertThat(c.number("invert.minCoherence")).isEqualTo(0.25);
        assertThat(c.bool("invert.maskConnComp")).isFalse();
        assertThat(c.pixels("report.pixels")).containsExactly(new int[] {1, 2}, new int[] {5, 6});
        assertThat(c.numberOrRaster("alt.N")).isEqualTo("0.4");
    }

    @Test
    void mistakesAreOneLineNamingFileLineAndKey() throws Exception {
        check(MIN + "[invert]\nmethd = wls\n", "p.cfg:4: unknown key 'methd' in [invert]");
        check(MIN + "[inverted]\n", "p.cfg:3: unknown section [inverted]");
        check("asc.stack = stack.h5\n", "p.cfg:1: key 'asc.stack' before any [section]");
        check(MIN + "[invert]\nmethod = fast\n", "p.cfg:4: invert.method: expected one of l2, wls, l1, nsbas, svd, huber, tukey, found 'fast'");
        check(MIN + "[invert]\nminCoherence = high\n", "invert.minCoherence: expected a number, found 'high'");
        check(MIN + "[invert]\nminCoherence = 1.5\n", "invert.minCoherence: 1.5 is outside 0 … 1");
        check(MIN + "[invert]\nthreads = 2.5\n", "invert.threads: expected a whole number, found '2.5'");
        check(MIN + "[invert]\nmaskConnComp = yes\n", "invert.maskConnComp: expected true or false, found 'yes'");
        check(MIN + "[invert]\nreference = 3\n", "invert.reference: expected a pixel ROW,COL");
        check(MIN + "[report]\npixels = 1,2; x\n", "report.pixels: expected a pixel ROW,COL");
        check(MIN + "[alt]\nN = wet.tif\n", "alt.N: expected a number or a raster file, found 'wet.tif'");
        check("[input]\nasc.stack = nope.h5\n", "p.cfg:2: input.asc.stack: input " + dir.resolve("nope.h5") + " does not exist");
        check("[input]\nlst =\n", "no input: set input.asc.stack and/or input.desc.stack");
        check(MIN + "asc.stack = geom.h5\n", "p.cfg:3: input.asc.stack is set twice (first on line 2)");
        check(MIN + "just text\n", "p.cfg:3: expected `key = value`, found 'just text'");
        Files.writeString(dir.resolve("afile"), "x");
        check(MIN + "[output]\ndir = afile/out\n", "output.dir: output folder " + dir.resolve("afile/out")
                + " cannot be created (" + dir.resolve("afile") + " is not a folder)");
    }

    /** [fit]'s MintPy time functions and dates, in MintPy's template syntax, become the fit step's parameters. */
    @Test
    void fitTimeFunctionsAreReadInMintPysSyntax() throws Exception {
        PipelineConfig c = parse(MIN + "[fit]\npolynomial = 2\nperiods = 0.5, 2\nsteps = 20180111\n"
                + "exp = 20180101,60,120; 2018-06-01,30\nlog = 20170601,90\nstartDate = 20170301\nendDate = 20180901\n"
                + "excludeDate = 20170609, 20171206\n");
        FitParameters base = FitParameters.of(Path.of("ts.h5"), Path.of("out"), "trend+annual").withPolynomial(2);
        LocalDate jan1 = LocalDate.of(2018, 1, 1);
        assertThat(PipelineSteps.withTimeFunctions(base, c)).isEqualTo(base
                .withTerms(List.of(0.5, 2.0), List.of("20180111"), List.of(new Decay(jan1, 60), new Decay(jan1, 120),
                        new Decay(LocalDate.of(2018, 6, 1), 30)), List.of(new Decay(LocalDate.of(2017, 6, 1), 90)))
                .withDates(LocalDate.of(2017, 3, 1), LocalDate.of(2018, 9, 1),
                        List.of(LocalDate.of(2017, 6, 9), LocalDate.of(2017, 12, 6))));
        assertThat(PipelineSteps.withTimeFunctions(base, parse(MIN))).isEqualTo(base);
        for (String[] bad : new String[][] {{"periods = 1,x", "fit.periods: 'x' is not a number of years"},
            {"exp = 20180101", "[fit]: expected ONSET,TAU"}, {"log = 20180101,1.5", "whole number of days, got '1.5'"},
            {"startDate = 2018", "[fit]: unparseable date '2018'"},
            {"steps = 20180101,20180101", "step dates must be distinct"}}) {
            PipelineConfig cfg = parse(MIN + "[fit]\n" + bad[0] + "\n");
            assertThatThrownBy(() -> PipelineSteps.withTimeFunctions(base, cfg)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[1]);
        }
    }

    private void check(String text, String expected) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

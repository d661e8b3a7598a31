package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.permasar.pipeline.invert.InversionRun;
import org.permasar.pipeline.invert.InvertParameters;
import picocli.CommandLine;

/** {@link InvertParameters}: defaults equal the command's, bad values are refused with the value in the message. */
class InvertParametersTest {
    private static final InvertParameters BASE = InvertParameters.of(Path.of("stack.h5"), Path.of("out"));

    private static void checkRefused(UnaryOperator<InvertParameters> edit, String message) {
        assertThatThrownBy(() -> edit.apply(BASE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaultsAreTheCommandsDefaults() {
        InvertCommand c = new InvertCommand();
        new CommandLine(c).parseArgs("stack.h5", "--out", "out");
        assertThat(c.parameters()).isEqualTo(BASE);
        assertThat(c.parameters().toString()).isEqualTo(BASE.toString());
    }

    @Test
    void optionsBecomeTheSameParametersAsTheChainBuilds() {
        InvertCommand c = new InvertCommand();
        new CommandLine(c).parseArgs("stack.h5", "--out", "out", "--method", "l1", "--weight", "coh", "--geometry", "g.h5",
                "--mask-dset", "--min-coherence", "0.3", "--max-temporal-baseline", "48", "--ramp", "linear",
                "--threads", "2", "--memory-mb", "64", "--ref-yx", "3,4", "--geotiff", "--unwrap-correction", "phase-closure");
        InvertParameters chain = BASE.withMethod("l1", "coh").withGeometry(Path.of("g.h5")).withMasks(true, 0.3f)
                .withMaxTemporalBaseline(48L).withCorrections(InversionRun.Ramp.LINEAR, false).withResources(2, 64)
                .withReferencePixel(new int[] {3, 4}).withGeotiff(true).withUnwrapCorrection("phase-closure");
        assertThat(c.parameters()).isEqualTo(chain);
    }

    @Test
    void badValuesAreRefused() {
        checkRefused(p -> p.withMethod("lsq", null), "unknown inversion method 'lsq'");
        checkRefused(p -> p.withMethod("wls", "heavy"), "unknown weight function 'heavy'");
        checkRefused(p -> p.withMasks(false, 1.5f), "--min-coherence must be in [0, 1], got 1.5");
        checkRefused(p -> p.withCorrections(InversionRun.Ramp.NONE, true), "--elevation-correction needs --geometry");
        checkRefused(p -> p.withResources(0, 1024), "--threads must be ≥ 1, got 0");
        checkRefused(p -> p.withResources(null, 8), "--memory-mb must be 0 (from the heap) or ≥ 16, got 8");
        checkRefused(p -> p.withUnwrapCorrection("bridge"),
                "--unwrap-correction must be none, phase-closure, bridging, bridging+phase-closure or phase-closure-region, "
                        + "got 'bridge'");
        assertThatThrownBy(() -> InvertParameters.ramp("cubic")).hasMessageContaining("got 'cubic'");
    }
}

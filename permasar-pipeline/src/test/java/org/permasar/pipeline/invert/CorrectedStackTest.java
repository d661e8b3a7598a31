package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedTrack;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * {@link CorrectedStack} on the simulator's track with ±1-cycle errors in known pairs over a window the
 * simulator labels connected component 2: after {@code invert --unwrap-correction bridging} the corrected
 * stack is the input minus 2π × the injected cycles there and the input everywhere else (the truth is
 * the simulator's, not our inversion's), MintPy's ifgramStack reader opens it with the same pairs, and a
 * second bridging run on it finds nothing left to correct.
 */
class CorrectedStackTest {
    private static final Path PY = Path.of("/usr/bin/python3");

    @Test
    void theCorrectedStackIsTheInputWithoutTheInjectedCycles(@TempDir Path tmp) throws Exception {
        SimulatedTrack track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        Path stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, track.grid(), track.network(), null, track.unwrapPhase(),
                track.coherence(), UnwrapCorrectionStepTest.toShort(track.connectComponent()), Map.of("WAVELENGTH",
                        String.valueOf(track.wavelength()), "ALOOKS", "1", "RLOOKS", "1"));
        int[] ref = {track.grid().rows() - 2, track.grid().cols() - 2};
        Path inv = tmp.resolve("inv");
        InvertStep.run(InvertParameters.of(stack, inv).withReferencePixel(ref).withUnwrapCorrection("bridging")
                .withResources(1, 0));
        CorrectedStack.Result r = CorrectedStack.write(stack, inv.resolve("unwrapCorrection.h5"), tmp.resolve("fixed"));

        int m = track.network().pairCount(), npix = track.grid().size();
        int[] injected = new int[m];
        for (int e = 0; e < track.unwrapErrorPairs().length; e++) {
            injected[track.unwrapErrorPairs()[e]] = track.unwrapErrorCycles()[e];
        }
        float[] in = track.unwrapPhase(), cc = track.connectComponent(), fixed;
        try (InterferogramStack s = RasterFormats.openStack(r.file())) {
            assertThat(s.network().pairs()).isEqualTo(track.network().pairs());
            assertThat(s.has(InterferogramStack.COHERENCE) && s.has(InterferogramStack.CONNECT_COMPONENT)).isTrue();
            fixed = s.read(InterferogramStack.UNWRAP_PHASE, Window.of(track.grid()));
        }
        long cells = 0;
        for (int k = 0; k < m; k++) {
            for (int px = 0; px < npix; px++) {
                int i = k * npix + px;
                if (Float.isNaN(in[i])) {
                    assertThat(fixed[i]).isNaN();
                    continue;
                }
                int u = cc[i] == 2 ? -injected[k] : 0;
                cells += u != 0 ? 1 : 0;
                assertThat((double) fixed[i]).as("pair %d pixel %d", k, px).isCloseTo(in[i] + 2 * Math.PI * u,
                        org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        assertThat(cells).isPositive();
        assertThat(r.cellsChanged()).isEqualTo(cells);

        // nothing left for a second bridging run to undo
        Path again = tmp.resolve("again");
        InvertStep.run(InvertParameters.of(r.file(), again).withReferencePixel(ref).withUnwrapCorrection("bridging")
                .withResources(1, 0));
        try (InterferogramStack s = RasterFormats.openStack(again.resolve("unwrapCorrection.h5"))) {
            for (float v : s.read(InterferogramStack.UNWRAP_PHASE, Window.of(track.grid()))) {
                assertThat(v == 0 || Float.isNaN(v)).isTrue();
            }
        }

        if (Files.isExecutable(PY)) {     // the field's reader: MintPy's ifgramStack object
            String py = "from mintpy.objects import ifgramStack\n"
                    + "s = ifgramStack('" + r.file() + "'); s.open(print_msg=False)\n"
                    + "d = s.read(datasetName='unwrapPhase', print_msg=False)\n"
                    + "print(len(s.get_date12_list(dropIfgram=False)), d.shape[0], s.length, s.width)\n";
            Process p = new ProcessBuilder(PY.toString(), "-c", py).redirectErrorStream(true).start();
            String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(60, TimeUnit.SECONDS);
            if (!outText.contains("No module named")) {
                assertThat(outText).endsWith(m + " " + m + " " + track.grid().rows() + " " + track.grid().cols());
            }
        }
    }

    @Test
    void aCorrectionOfAnotherGridIsRefused(@TempDir Path tmp) throws IOException {
        SimulatedTrack track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        Path stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, track.grid(), track.network(), null, track.unwrapPhase(), null, null,
                Map.of("WAVELENGTH", String.valueOf(track.wavelength()), "ALOOKS", "1", "RLOOKS", "1"));
        // a correction of another (smaller) stack
        org.permasar.grid.GridGeometry half = track.grid().subset(new Window(0, 0, track.grid().rows() / 2,
                track.grid().cols() / 2));
        Path inv = tmp.resolve("inv");
        Files.createDirectories(inv);
        MintPyWriter.writeIfgramStack(inv.resolve("unwrapCorrection.h5"), half, track.network(), null,
                new float[track.network().pairCount() * half.size()], null, null,
                Map.of("WAVELENGTH", String.valueOf(track.wavelength()), "ALOOKS", "2", "RLOOKS", "2"));
        assertThatThrownBy(() -> CorrectedStack.write(stack, inv.resolve("unwrapCorrection.h5"), tmp.resolve("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("another stack");
        assertThat(tmp.resolve("x").resolve(CorrectedStack.FILE)).doesNotExist();
    }
}

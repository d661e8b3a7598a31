package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.permasar.grid.Window;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/** The in-memory stack view returns the track's values at the layer-major block positions. */
class SimulatedStackTest {

    @Test
    void windowReadsMatchTheTrackArrays() throws Exception {
        SimulatedScene scene = SceneSimulator.simulate(SceneSpec.tiny().withNoise(false));
        SimulatedTrack tr = scene.descending();
        int cols = scene.spec().cols(), size = scene.spec().size();
        try (InterferogramStack stack = new SimulatedStack(tr)) {
            assertThat(stack.layers(InterferogramStack.UNWRAP_PHASE)).isEqualTo(tr.network().pairCount());
            assertThat(stack.layers(SimulatedStack.HEIGHT)).isEqualTo(1);
            assertThat(stack.attributes()).containsEntry("ORBIT_DIRECTION", "DESCENDING")
                    .containsEntry("WAVELENGTH", "0.05546576").containsEntry("EPSG", "32646");
            Window w = new Window(3, 4, 5, 6);
            float[] block = stack.read(InterferogramStack.UNWRAP_PHASE, w);
            assertThat(block).hasSize(tr.network().pairCount() * w.size());
            for (int k = 0; k < tr.network().pairCount(); k += 17) {
                for (int r = 0; r < w.rows(); r++) {
                    for (int c = 0; c < w.cols(); c++) {
                        assertThat(block[k * w.size() + r * w.cols() + c])
                                .isEqualTo(tr.unwrapPhase()[k * size + (r + 3) * cols + (c + 4)]);
                    }
                }
            }
            assertThatThrownBy(() -> stack.read("timeseries", w)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("timeseries");
        }
    }
}

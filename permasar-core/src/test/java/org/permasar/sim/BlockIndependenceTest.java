package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.stack.BlockPlanner;

/**
 * The streamed simulator gives the same scene, value for value, whatever the bands it is cut
 * into and whether the atmosphere stays on the heap or is spilled to a temporary file.
 */
class BlockIndependenceTest {

    /** Every array of two scenes, compared bit for bit (NaN = NaN). */
    private static void checkSame(SimulatedScene a, SimulatedScene b, String how) {
        List<float[]> x = arrays(a), y = arrays(b);
        for (int k = 0; k < x.size(); k++) {
            assertThat(y.get(k)).as("%s: array %d", how, k).isEqualTo(x.get(k));
        }
        assertThat(b.truth().thawOnsetDays()).as(how).isEqualTo(a.truth().thawOnsetDays());
        assertThat(b.truth().freezeOnsetDays()).as(how).isEqualTo(a.truth().freezeOnsetDays());
        assertThat(b.ascending().unwrapErrorPairs()).as(how).isEqualTo(a.ascending().unwrapErrorPairs());
        assertThat(b.descending().network().pairs()).as(how).isEqualTo(a.descending().network().pairs());
    }

    private static List<float[]> arrays(SimulatedScene s) {
        List<float[]> out = new ArrayList<>(List.of(s.dailyLst(), s.lstComposites(), s.truth().verticalSeasonalAmplitude(),
                s.truth().thawOnsetDoy(), s.truth().freezeOnsetDoy(), s.truth().height()));
        for (SimulatedTrack t : s.tracks()) {
            out.addAll(List.of(t.unwrapPhase(), t.coherence(), t.connectComponent(), t.truthLosDisplacement(),
                    t.truthUpDisplacement(), t.truthEastDisplacement(), t.truthAtmosphereDelay(), t.truthAddt(),
                    t.truthAddf(), t.truthPecmL(), t.truthPecmI(), t.truthLosVelocity(), t.truthLosSeasonalAmplitude(),
                    t.incidenceAngle(), t.azimuthAngle()));
        }
        return out;
    }

    /** A planner whose budget holds {@code rows} rows of the scene. */
    private static BlockPlanner rowsPerBand(SceneSpec spec, int rows) throws Exception {
        try (SceneStream s = new SceneStream(spec, Long.MAX_VALUE)) {
            return new BlockPlanner(Math.max(1024, s.bytesPerPixel() * spec.cols() * rows), 1);
        }
    }

    @Test
    void sameSceneWhateverTheBands() throws Exception {
        for (SceneSpec spec : List.of(SceneSpec.tiny(), SceneSpec.tiny().withNoise(false))) {
            SimulatedScene whole = SceneSimulator.simulate(spec, new BlockPlanner(1L << 40, 1), Long.MAX_VALUE);
            checkSame(whole, SceneSimulator.simulate(spec, rowsPerBand(spec, 1), Long.MAX_VALUE), "1-row bands");
            checkSame(whole, SceneSimulator.simulate(spec, rowsPerBand(spec, 5), Long.MAX_VALUE), "5-row bands");
            checkSame(whole, SceneSimulator.simulate(spec, rowsPerBand(spec, 7), 0), "7-row bands, spilled atmosphere");
        }
    }

    @Test
    void bandsCoverTheGridOnceInRowOrder() throws Exception {
        SceneSpec spec = SceneSpec.tiny();
        List<int[]> seen = new ArrayList<>();
        int[] pairs = new int[1];
        SceneSimulator.stream(spec, rowsPerBand(spec, 3), new SceneSink() {
            @Override
            public void begin(SceneStream scene) {
                assertThat(scene.truth().thawOnsetDoy()).hasSize(spec.size());
                pairs[0] = scene.ascending().network().pairCount();
            }

            @Override
            public void block(SceneBlock b) {
                seen.add(new int[] {b.window().row0(), b.window().rows()});
                assertThat(b.window().cols()).isEqualTo(spec.cols());
                assertThat(b.ascending().unwrapPhase()).hasSize(pairs[0] * b.bandSize());
            }

            @Override
            public void end(SceneStream scene) {
                assertThat(scene.ascending().truthLosSeasonalAmplitude()).hasSize(spec.size());
            }
        });
        int next = 0;
        for (int[] b : seen) {
            assertThat(b[0]).isEqualTo(next);
            assertThat(b[1]).isBetween(1, 3);
            next += b[1];
        }
        assertThat(next).isEqualTo(spec.rows());
    }
}

package org.permasar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedScene;
import org.permasar.stack.InterferogramStack;

/** {@code permasar simulate} writes a scene that our readers (and so MintPy's layout) give back unchanged. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesBothTracksLstDemAndTruthReadableInTheirFormats() throws Exception {
        CliRunner.Result r = CliRunner.run("simulate", "--small", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        SimulatedScene s = SceneSimulator.simulate(SceneSpec.tiny());
        for (String track : new String[] {"asc", "desc"}) {
            try (InterferogramStack st = RasterFormats.openStack(dir.resolve(track).resolve("ifgramStack.h5"))) {
                var t = track.equals("asc") ? s.ascending() : s.descending();
                assertThat(st.network().pairs()).isEqualTo(t.network().pairs());
                assertThat(st.wavelength()).isEqualTo(t.wavelength());
                float[] phase = st.read(InterferogramStack.UNWRAP_PHASE, Window.of(st.grid()));
                assertThat(phase).containsExactly(t.unwrapPhase());
                assertThat(st.grid().sameGrid(s.grid())).isTrue();
            }
            try (MintPyProduct ts = MintPyProduct.open(dir.resolve(track).resolve("truthTimeseries.h5"))) {
                assertThat(ts.dates()).hasSize(s.ascending().dates().size() + (track.equals("asc") ? 0
                        : s.descending().dates().size() - s.ascending().dates().size()));
            }
        }
        try (GeoTiffReader lst = GeoTiffReader.open(dir.resolve("lst_8day.tif"))) {
            assertThat(lst.bandCount()).isEqualTo(s.lstCompositeDates().size());
            assertThat(lst.bandDescriptions().get(0)).isEqualTo(s.lstCompositeDates().get(0).toString());
            float[] k = lst.read("bands", new Window(0, 0, 1, 1));
            float c = s.lstComposites()[0];
            if (!Float.isNaN(c)) {
                assertThat((double) k[0]).isCloseTo(c + 273.15, within(1e-3));
            }
        }
        try (var truth = RasterFormats.open(dir.resolve("truth.h5"))) {
            assertThat(truth.datasets()).contains("region", "pecmVelocity", "pecmSeasonalCoef", "ascLosVelocity");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(n -> n.contains(".partial"));
        }
    }
}

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

    /**
     * The external delay product {@code troposphericDelay.h5} has the sign of a displacement series:
     * phase-derived LOS displacement −λ/(4π)·φ of every pair minus the true LOS change equals the
     * product's change over the pair up to decorrelation noise (SCIENCE.md sign convention, the
     * simulator's phase model), so subtracting it (invert --tropo) removes the atmosphere.
     */
    @Test
    void troposphericDelayProductCarriesTheSimulatedAtmosphereWithTheSeriesSign() throws Exception {
        CliRunner.Result r = CliRunner.run("simulate", "--small", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path asc = dir.resolve("asc");
        try (InterferogramStack st = RasterFormats.openStack(asc.resolve("ifgramStack.h5"));
             MintPyProduct truth = MintPyProduct.open(asc.resolve("truthTimeseries.h5"));
             MintPyProduct tropo = MintPyProduct.open(asc.resolve(SimulateCommand.TROPO_FILE))) {
            assertThat(tropo.dates()).isEqualTo(truth.dates());
            int n = st.grid().size();
            float[] phase = st.read(InterferogramStack.UNWRAP_PHASE, Window.of(st.grid()));
            float[] conn = st.read(InterferogramStack.CONNECT_COMPONENT, Window.of(st.grid()));
            float[] los = truth.read("timeseries", Window.of(truth.grid()));
            float[] delay = tropo.read("timeseries", Window.of(tropo.grid()));
            double toLos = -st.wavelength() / (4 * Math.PI);
            double corrected = 0, raw = 0, wrongSign = 0;
            long count = 0;
            for (int k = 0; k < st.network().pairCount(); k++) {
                int a = st.network().referenceIndex(k), b = st.network().secondaryIndex(k);
                for (int p = 0; p < n; p++) {
                    if (conn[k * n + p] != 1f) {
                        continue; // lake (random phase) and the unwrapping-error window
                    }
                    double atm = toLos * phase[k * n + p] - (los[b * n + p] - los[a * n + p]);
                    double dDelay = delay[b * n + p] - delay[a * n + p];
                    raw += atm * atm;
                    corrected += (atm - dDelay) * (atm - dDelay);
                    wrongSign += (atm + dDelay) * (atm + dDelay);
                    count++;
                }
            }
            double rawRms = Math.sqrt(raw / count), corrRms = Math.sqrt(corrected / count);
            System.out.printf("pair LOS misfit: %.2f mm without, %.2f mm with the delay product, %.2f mm with its sign flipped%n",
                    1e3 * rawRms, 1e3 * corrRms, 1e3 * Math.sqrt(wrongSign / count));
            assertThat(rawRms).as("the simulated atmosphere is mm-sized").isGreaterThan(0.002);
            assertThat(corrRms).as("what is left is decorrelation noise").isLessThan(0.35 * rawRms);
            assertThat(Math.sqrt(wrongSign / count)).isGreaterThan(rawRms);
        }
    }

    /** The streamed writer (scenes too big for the heap) gives back what the in-memory one does. */
    @Test
    void streamedScene_readsBackAsTheInMemoryOne() throws Exception {
        SceneSpec spec = SceneSpec.tiny();
        SimulateCommand.stream(spec, dir.resolve("streamed"));
        SimulatedScene s = SceneSimulator.simulate(spec);
        for (String track : new String[] {"asc", "desc"}) {
            var t = track.equals("asc") ? s.ascending() : s.descending();
            Path td = dir.resolve("streamed").resolve(track);
            try (InterferogramStack st = RasterFormats.openStack(td.resolve("ifgramStack.h5"))) {
                assertThat(st.network().pairs()).isEqualTo(t.network().pairs());
                assertThat(st.attributes()).containsEntry("FILE_TYPE", "ifgramStack").containsEntry("UNIT", "radian");
                Window all = Window.of(st.grid());
                assertThat(st.read(InterferogramStack.UNWRAP_PHASE, all)).containsExactly(t.unwrapPhase());
                assertThat(st.read(InterferogramStack.COHERENCE, all)).containsExactly(t.coherence());
                assertThat(st.read(InterferogramStack.CONNECT_COMPONENT, all)).containsExactly(t.connectComponent());
            }
            try (MintPyProduct ts = MintPyProduct.open(td.resolve("truthTimeseries.h5"))) {
                assertThat(ts.dates()).isEqualTo(t.dates());
            }
            assertThat(td.resolve(SimulateCommand.TROPO_FILE)).exists();
            assertThat(td.resolve("geometryGeo.h5")).exists();
        }
        assertThat(dir.resolve("streamed").resolve("truth.h5")).exists();
        Path lst = dir.resolve("streamed").resolve("lst_8day.tif");
        SimulateCommand.writeLst(dir.resolve("lst_in_memory.tif"), s.grid(), s.lstComposites(), s.lstCompositeDates());
        assertThat(Files.mismatch(lst, dir.resolve("lst_in_memory.tif"))).as("streamed lst_8day.tif byte for byte").isEqualTo(-1L);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(n -> n.contains(".partial") || n.contains(".tmp"));
        }
    }
}

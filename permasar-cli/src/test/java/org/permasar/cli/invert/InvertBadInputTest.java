package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.cli.SimulateCommand;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.grid.Window;
import org.permasar.inversion.QualityFlag;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedScene;
import org.permasar.sim.SimulatedTrack;
import org.permasar.stack.InterferogramStack;

/**
 * Bad input to {@code permasar invert}: exit 2 with one clear line naming the pixel, pair or
 * date (never a stack trace), or NaN plus a quality flag per pixel.
 */
class InvertBadInputTest {
    @TempDir
    static Path tmp;
    static SimulatedTrack asc;
    static Path stack;
    static Path geometry;
    static final Path ETNA = CliRunner.shared().resolve("data/insar/etna_kfts/etna_ifgramStack.h5");

    @BeforeAll
    static void simulate() throws IOException {
        SimulatedScene scene = SceneSimulator.simulate(SceneSpec.tiny());
        SimulateCommand.write(scene, tmp.resolve("sim"));
        asc = scene.ascending();
        stack = tmp.resolve("sim/asc/ifgramStack.h5");
        geometry = tmp.resolve("sim/asc/geometryGeo.h5");
    }

    /** Exit 2 and a single line on stderr that contains every fragment, and no Java stack trace. */
    static void assertRefused(CliRunner.Result r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String err = r.err();
        java.util.List<String> lines = err.lines().filter(l -> l.startsWith("permasar invert: ")).toList();
        assertThat(lines).as(err).hasSize(1);
        assertThat(lines.get(0)).contains(fragments);
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** A copy of the simulated stack with its phase and coherence replaced. */
    static Path variant(String name, float[] phase, float[] coherence) throws IOException {
        Path f = tmp.resolve(name + ".h5");
        MintPyWriter.writeIfgramStack(f, asc.grid(), asc.network(), null, phase, coherence, null,
                Map.of("WAVELENGTH", String.valueOf(asc.wavelength()), "ALOOKS", "1", "RLOOKS", "1"));
        return f;
    }

    @Test
    void sparkWithoutTheSparkModuleIsRefused() {
        // permasar-cli does not depend on permasar-spark: the engine is found only through its launcher
        assertRefused(CliRunner.run("invert", stack.toString(), "--out", tmp.resolve("o-spark").toString(),
                "--engine", "spark", "--master", "local[2]"),
                "engine \"spark\" is not on the class path (engines here: local)", "org.permasar.spark.Main");
        assertThat(tmp.resolve("o-spark")).doesNotExist();
    }

    @Test
    void referenceOnWaterIsRefused() {
        // (10, 3) is a lake pixel: waterMask = 0 in geometryGeo.h5
        assertRefused(CliRunner.run("invert", stack.toString(), "--out", tmp.resolve("o-water").toString(),
                "--geometry", geometry.toString(), "--ref-yx", "10,3"), "reference pixel (row 10, col 3) is on water");
    }

    @Test
    void referenceOnNaNIsRefusedNamingThePairOrTheDate() {
        // Etna pixel (2, 10) is NaN in 1 of its 214 pairs
        assertRefused(CliRunner.run("invert", ETNA.toString(), "--out", tmp.resolve("o-nan").toString(), "--ref-yx", "2,10"),
                "reference pixel (row 2, col 10) has no phase (NaN) in pair ");
        // pixel (0, 0) is NaN in 12 pairs, among them both pairs of 2004-10-13
        assertRefused(CliRunner.run("invert", ETNA.toString(), "--out", tmp.resolve("o-nan2").toString(), "--ref-yx", "0,0"),
                "reference pixel (row 0, col 0): date 20041013 has no valid pair (all 2 of its pairs are NaN or 0)");
    }

    @Test
    void pixelsWithTooFewPairsAreNaNAndFlagged() throws IOException {
        Path out = tmp.resolve("o-etna");
        CliRunner.Result r = CliRunner.run("invert", ETNA.toString(), "--out", out.toString(), "--method", "wls");
        assertThat(r.code()).as(r.err()).isZero();
        // independent expectation from the raw stack: a pixel cannot be solved when some date after the
        // first has no finite pair there (MintPy's min-redundancy 1)
        int expectTooFew = 0;
        float[] flag = ProductRasters.read(out.resolve("inversionQuality.h5"), "inversionFlag").data();
        float[] tcoh = ProductRasters.read(out.resolve("temporalCoherence.h5"), "temporalCoherence").data();
        try (InterferogramStack s = RasterFormats.openStack(ETNA)) {
            Network n = s.network();
            int npix = s.grid().size(), m = n.pairCount();
            float[] ph = s.read(InterferogramStack.UNWRAP_PHASE, Window.of(s.grid()));
            for (int p = 0; p < npix; p++) {
                int[] cnt = new int[n.dateCount()];
                for (int k = 0; k < m; k++) {
                    if (Float.isFinite(ph[k * npix + p])) {
                        cnt[n.referenceIndex(k)]++;
                        cnt[n.secondaryIndex(k)]++;
                    }
                }
                boolean tooFew = false;
                for (int d = 1; d < cnt.length; d++) {
                    tooFew |= cnt[d] == 0;
                }
                expectTooFew += tooFew ? 1 : 0;
                QualityFlag f = QualityFlag.of((byte) flag[p]);
                assertThat(f == QualityFlag.TOO_FEW_PAIRS).as("pixel %d", p).isEqualTo(tooFew);
                assertThat(Float.isNaN(tcoh[p])).as("pixel %d", p).isEqualTo(tooFew);
            }
        }
        assertThat(expectTooFew).isEqualTo(137);
        assertThat(r.out()).contains("263 ok, 137 too few pairs");
    }

    @Test
    void allZeroCoherenceIsRefusedForWeightsButNotForL2() throws IOException {
        Path f = variant("zeroCoherence", asc.unwrapPhase(), new float[asc.coherence().length]);
        assertRefused(CliRunner.run("invert", f.toString(), "--out", tmp.resolve("o-zc").toString(), "--method", "wls"),
                "[coherence]", "is 0 or NaN in every kept pair at every pixel", "--method l2");
        CliRunner.Result r = CliRunner.run("invert", f.toString(), "--out", tmp.resolve("o-zc2").toString(), "--method", "l2");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void isolatedDateIsRefusedNamingTheDate() throws IOException {
        Network n = asc.network();
        int npix = asc.grid().size(), iso = 30;
        float[] ph = asc.unwrapPhase().clone();
        for (int k = 0; k < n.pairCount(); k++) {
            if (n.referenceIndex(k) == iso || n.secondaryIndex(k) == iso) {
                java.util.Arrays.fill(ph, k * npix, (k + 1) * npix, Float.NaN);
            }
        }
        Path f = variant("isolated", ph, asc.coherence());
        String date = Dates.compact(n.dates().get(iso));
        // automatic reference: no pixel is valid in every pair, because of that date
        assertRefused(CliRunner.run("invert", f.toString(), "--out", tmp.resolve("o-iso").toString()),
                "date " + date + " has no valid pair", "at every pixel");
        // given reference
        assertRefused(CliRunner.run("invert", f.toString(), "--out", tmp.resolve("o-iso2").toString(), "--ref-yx", "3,3"),
                "reference pixel (row 3, col 3): date " + date + " has no valid pair");
        // dropping the date as the message suggests makes it invert
        CliRunner.Result r = CliRunner.run("invert", f.toString(), "--out", tmp.resolve("o-iso3").toString(),
                "--drop-date", date);
        assertThat(r.code()).as(r.err()).isZero();
    }
}

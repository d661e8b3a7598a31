package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.progress.Progress;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedTrack;
import org.permasar.stack.BlockPlanner;

/**
 * The invert step as a block job: every block plan, and a runner that ships the kernel through Java
 * serialisation as a cluster engine does, give the same files byte for byte; the streamed cube holds
 * the same numbers as the in-memory one.
 */
class InvertJobTest {
    @TempDir
    static Path tmp;
    static Path stack;
    static Path geometry;
    static SimulatedTrack track;

    /** Outputs every engine must write identically. */
    static final List<String> FILES = List.of("timeseries.h5", "timeseriesStd.h5", "temporalCoherence.h5",
            "numInvIfgram.h5", "inversionQuality.h5");

    @BeforeAll
    static void simulate() throws IOException {
        track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, track.grid(), track.network(), null, track.unwrapPhase(),
                track.coherence(), null, Map.of("WAVELENGTH", String.valueOf(track.wavelength()), "ALOOKS", "1",
                        "RLOOKS", "1"));
        geometry = tmp.resolve("geometry.h5");
        float[] water = new float[track.grid().size()];
        java.util.Arrays.fill(water, 1f);
        water[3 * track.grid().cols() + 5] = 0f; // one water pixel
        LinkedHashMap<String, float[]> g = new LinkedHashMap<>();
        g.put("height", track.height());
        g.put("waterMask", water);
        MintPyWriter.writeGeometry(geometry, track.grid(), g, Map.of());
    }

    /** wls/var with std, a water pixel, a coherence mask and a reference date other than the first. */
    static InvertParameters parameters(String out) {
        InvertParameters p = InvertParameters.of(stack, tmp.resolve(out)).withGeometry(geometry).withMasks(false, 0.2f)
                .withReferencePixel(new int[] {8, 9});
        return new InvertParameters(p.stack(), p.out(), p.method(), p.weight(), p.looks(), p.refYx(), p.refLalo(),
                "20170209", p.geometry(), p.maskConnComp(), p.minCoherence(), p.maxTemporalBaseline(),
                p.maxPerpBaseline(), p.seasonalPairs(), p.dropDates(), p.externalRate(), p.nsbasGamma(), p.l1Tolerance(),
                p.l1Epsilon(), p.l1Iterations(), p.ramp(), p.tropo(), p.elevationCorrection(), true, false, 2, 0,
                p.maxCubeMb(), p.unwrapCorrection());
    }

    static LocalBlockRunner local(long budgetBytes) {
        return new LocalBlockRunner(new BlockEngine(new BlockPlanner(budgetBytes, 1), 2, Progress.NONE));
    }

    static void checkSameBytes(Path a, Path b) throws IOException {
        for (String f : FILES) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    @Test
    void everyBlockBudgetWritesTheSameBytes() throws IOException {
        InversionRun.Result whole = InvertStep.run(parameters("whole"), local(1L << 30));
        InversionRun.Result small = InvertStep.run(parameters("small"), local(40_000));
        checkSameBytes(tmp.resolve("whole"), tmp.resolve("small"));
        assertThat(small.summary()).contains("reference pixel row 8 col 9");
        try (MintPyProduct q = MintPyProduct.open(tmp.resolve("small/inversionQuality.h5"))) {
            float[] flag = q.read("inversionFlag", Window.of(track.grid()));
            assertThat(flag[3 * track.grid().cols() + 5]).as("water pixel flag").isNotEqualTo(0f);
        }
        assertThat(whole.dates()).hasSize(track.dates().size());
    }

    @Test
    void aSerialisedKernelGivesTheSameBytes() throws IOException {
        InvertStep.run(parameters("local"), local(60_000));
        BlockRunner shipping = (job, sinks) -> local(60_000).run(copy(job), sinks);
        InvertStep.run(parameters("shipped"), shipping);
        checkSameBytes(tmp.resolve("local"), tmp.resolve("shipped"));
    }

    @Test
    void aStreamedCubeHoldsTheInMemoryNumbers() throws IOException {
        InvertParameters p = parameters("streamed");
        InvertParameters streamed = new InvertParameters(p.stack(), p.out(), p.method(), p.weight(), p.looks(), p.refYx(),
                p.refLalo(), p.refDate(), p.geometry(), p.maskConnComp(), p.minCoherence(), p.maxTemporalBaseline(),
                p.maxPerpBaseline(), p.seasonalPairs(), p.dropDates(), p.externalRate(), p.nsbasGamma(), p.l1Tolerance(),
                p.l1Epsilon(), p.l1Iterations(), p.ramp(), p.tropo(), p.elevationCorrection(), p.std(), p.geotiff(),
                p.threads(), 16, 0, p.unwrapCorrection());
        InvertStep.run(streamed, local(40_000));
        InvertStep.run(parameters("memory"), local(1L << 30));
        for (String f : List.of("timeseries.h5", "timeseriesStd.h5")) {
            try (MintPyProduct a = MintPyProduct.open(tmp.resolve("streamed").resolve(f));
                 MintPyProduct b = MintPyProduct.open(tmp.resolve("memory").resolve(f))) {
                assertThat(a.read("timeseries", Window.of(track.grid())))
                        .as(f).containsExactly(b.read("timeseries", Window.of(track.grid())));
            }
        }
    }

    /** The job after a round trip through Java serialisation, as a cluster engine ships it to executors. */
    static BlockJob copy(BlockJob job) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(job);
        }
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            BlockJob c = (BlockJob) i.readObject();
            assertThat(c.kernel()).isInstanceOf(BlockKernel.class).isNotSameAs(job.kernel());
            return c;
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }
}

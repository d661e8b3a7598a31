package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.progress.Progress;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedTrack;
import org.permasar.grid.Window;
import org.permasar.network.Network;
import org.permasar.unwrap.PairClosureQuality;
import org.permasar.unwrap.Triplets;

/**
 * The per-pair closure quality that a local inversion's workers collect ({@link ClosureQualityCollector}) against the
 * driver's own pass over {@code unwrapPhase}, which a cluster run makes (here: the kernel sent through Java
 * serialisation before the blocks run, as to Spark executors): the same table, on a scene with injected unwrapping
 * errors.
 */
class ClosureQualityCollectorTest {

    @Test
    void workersCollectWhatTheDriversPassFinds(@TempDir Path tmp) throws IOException {
        SimulatedTrack track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        Path stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, track.grid(), track.network(), null, track.unwrapPhase(),
                track.coherence(), null, Map.of("WAVELENGTH", String.valueOf(track.wavelength()), "ALOOKS", "1",
                        "RLOOKS", "1"));
        int refRow = track.grid().rows() - 2, refCol = track.grid().cols() - 2;
        InvertParameters local = InvertParameters.of(stack, tmp.resolve("local"))
                .withReferencePixel(new int[] {refRow, refCol}).withResources(2, 0);
        InvertStep.run(local);
        InvertParameters remote = InvertParameters.of(stack, tmp.resolve("remote"))
                .withReferencePixel(new int[] {refRow, refCol}).withResources(2, 0);
        LocalBlockRunner runner = new LocalBlockRunner(InvertStep.engine(remote, Progress.NONE));
        BlockRunner serialising = (job, sinks) -> runner.run(new BlockJob(job.name(), job.grid(), job.bytesPerPixel(),
                job.outputs(), copy(job.kernel())), sinks);
        InvertStep.run(remote, serialising);
        String a = Files.readString(tmp.resolve("local").resolve(InversionRun.QUALITY_CSV));
        String b = Files.readString(tmp.resolve("remote").resolve(InversionRun.QUALITY_CSV));
        assertThat(a.lines().count()).isEqualTo(track.network().pairCount() + 1L);
        assertThat(a.lines().skip(1).filter(l -> !l.endsWith(",0,0,NaN,NaN")).count()).as("pairs in triplets")
                .isPositive();
        assertThat(a).isEqualTo(b);
    }

    /** Merged only when the windows hold the grid's pixels; a copy sent elsewhere collects nothing. */
    @Test
    void mergesWholeGridsOnlyAndNothingAfterSerialisation() throws IOException {
        SimulatedTrack track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        Network net = track.network();
        Triplets t = Triplets.of(net);
        int rows = track.grid().rows(), cols = track.grid().cols(), m = net.pairCount();
        float[] all = track.unwrapPhase();                    // pairs × pixels, row-major pixels
        ClosureQualityCollector c = new ClosureQualityCollector();
        assertThat(c.merged(t, (long) rows * cols)).isNull();
        int half = rows / 2;
        Window top = new Window(0, 0, half, cols), bottom = new Window(half, 0, rows - half, cols);
        c.offer(bottom, quality(t, all, m, rows * cols, bottom));
        assertThat(c.merged(t, (long) rows * cols)).as("half the grid").isNull();
        c.offer(top, quality(t, all, m, rows * cols, top));
        PairClosureQuality merged = c.merged(t, (long) rows * cols);
        PairClosureQuality whole = quality(t, all, m, rows * cols, new Window(0, 0, rows, cols));
        for (int k = 0; k < m; k++) {
            assertThat(merged.validCells(k)).isEqualTo(whole.validCells(k));
            assertThat(merged.nonzeroCells(k)).isEqualTo(whole.nonzeroCells(k));
            assertThat(merged.meanAbsWrappedClosure(k)).isCloseTo(whole.meanAbsWrappedClosure(k),
                    org.assertj.core.api.Assertions.within(1e-12));
        }
        ClosureQualityCollector sent = (ClosureQualityCollector) copyObject(new ClosureQualityCollector());
        sent.offer(top, quality(t, all, m, rows * cols, top));
        sent.offer(bottom, quality(t, all, m, rows * cols, bottom));
        assertThat(sent.merged(t, (long) rows * cols)).isNull();
    }

    private static PairClosureQuality quality(Triplets t, float[] all, int m, int npix, Window w) {
        int n = w.size();
        float[] ph = new float[m * n];
        for (int k = 0; k < m; k++) {
            for (int r = 0; r < w.rows(); r++) {
                System.arraycopy(all, k * npix + (w.row0() + r) * w.cols(), ph, k * n + r * w.cols(), w.cols());
            }
        }
        PairClosureQuality q = new PairClosureQuality(t);
        q.add(ph, n);
        return q;
    }

    private static BlockKernel copy(BlockKernel k) throws IOException {
        return (BlockKernel) copyObject(k);
    }

    private static Object copyObject(Object k) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(k);
        }
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return i.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

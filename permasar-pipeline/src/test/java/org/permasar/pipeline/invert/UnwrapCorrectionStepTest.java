package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Network;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SimulatedTrack;
import org.permasar.stack.InterferogramStack;
import org.permasar.unwrap.Triplets;

/**
 * {@code invert --unwrap-correction phase-closure} on a simulated track whose simulator injected
 * ±1-cycle errors into known pairs over a known window: the written cycles undo exactly the injected
 * ones on every pair that closure can observe (≥ 2 triplets) and nowhere else, and
 * numTriNonzeroIntAmbiguity.h5 counts the triplets of those pairs inside the window.
 */
class UnwrapCorrectionStepTest {

    /**
     * Bridging sees the simulator's error window as connected component 2 of each error pair, so it
     * undoes every injected error, the 1-year pairs' too (which closure cannot see); the simulator
     * labels no other region, so nothing else changes.
     */
    @Test
    void bridgingUndoesEveryFlaggedError(@TempDir Path tmp) throws IOException {
        SimulatedTrack track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        Path stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, track.grid(), track.network(), null, track.unwrapPhase(),
                track.coherence(), toShort(track.connectComponent()), Map.of("WAVELENGTH",
                        String.valueOf(track.wavelength()), "ALOOKS", "1", "RLOOKS", "1"));
        int cols = track.grid().cols(), npix = track.grid().size();
        int refRow = track.grid().rows() - 2, refCol = cols - 2;
        for (String kind : new String[] {"bridging", "bridging+phase-closure"}) {
            Path out = tmp.resolve(kind.replace('+', '_'));
            InvertParameters p = InvertParameters.of(stack, out).withReferencePixel(new int[] {refRow, refCol})
                    .withUnwrapCorrection(kind).withResources(1, 0);
            assertThat(InvertStep.run(p).summary()).contains(kind.replace("+", " + ") + " correction changed");
            int m = track.network().pairCount();
            int[] injected = new int[m];
            for (int e = 0; e < track.unwrapErrorPairs().length; e++) {
                injected[track.unwrapErrorPairs()[e]] = track.unwrapErrorCycles()[e];
            }
            float[] rad;
            try (InterferogramStack s = RasterFormats.openStack(out.resolve("unwrapCorrection.h5"))) {
                rad = s.read(InterferogramStack.UNWRAP_PHASE, Window.of(track.grid()));
            }
            float[] cc = track.connectComponent();
            float[] phase = track.unwrapPhase();
            for (int k = 0; k < m; k++) {
                for (int px = 0; px < npix; px++) {
                    int i = k * npix + px;
                    if (!Float.isFinite(phase[i]) || cc[i] == 0) {
                        continue;
                    }
                    int expected = cc[i] == 2 ? -injected[k] : 0;
                    assertThat(Math.round(rad[i] / (2 * Math.PI))).as("%s pair %d pixel %d", kind, k, px).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * closureQuality.csv/.h5: the pairs the simulator hit that lie in triplets are the worst pairs, each with a
     * share of non-zero closure integers equal to the error window's share of the pixels with a closure
     * (every triplet of the pair sees the error inside the window and, noise being small, nowhere else).
     */
    private static void closureQualityFindsTheErrorPairs(Path out, SimulatedTrack track, int[] injected, Triplets t)
            throws IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(out.resolve(InversionRun.QUALITY_CSV));
        int m = track.network().pairCount();
        assertThat(lines).hasSize(m + 1);
        assertThat(lines.get(0)).startsWith("date12,reference,secondary,days,bperp_m,triplets,cells,nonzero_cells,"
                + "nonzero_share,mean_abs_closure_rad");
        double[] share = new double[m];
        for (int k = 0; k < m; k++) {
            String[] f = lines.get(k + 1).split(",");
            assertThat(Integer.parseInt(f[5])).isEqualTo(t.tripletCountOf(k));
            share[k] = Double.parseDouble(f[8]);
        }
        Window win = track.unwrapErrorWindow();
        float[] phase = track.unwrapPhase();
        int cols = track.grid().cols(), npix = track.grid().size();
        int land = 0, landInWin = 0;
        for (int px = 0; px < npix; px++) {
            if (Float.isFinite(phase[px])) {
                land++;
                landInWin += win.contains(px / cols, px % cols) ? 1 : 0;
            }
        }
        double windowShare = landInWin / (double) land;
        double worstClean = 0, minHit = 1, maxHit = 0;
        int hitInTriplets = 0;
        for (int k = 0; k < m; k++) {
            if (t.tripletCountOf(k) == 0) {
                assertThat(share[k]).isNaN();
            } else if (injected[k] != 0) {
                hitInTriplets++;
                // the window's share, plus the noise wraps outside it (the tiny scene's noisy pixels)
                assertThat(share[k]).as("pair %d", k).isGreaterThanOrEqualTo(windowShare - 0.005);
                minHit = Math.min(minHit, share[k]);
                maxHit = Math.max(maxHit, share[k]);
            } else {
                worstClean = Math.max(worstClean, share[k]);
            }
        }
        System.out.printf("closureQuality: %d hit pairs in triplets at shares %.4f–%.4f (window %.4f of %d px), worst "
                + "clean pair %.4f%n", hitInTriplets, minHit, maxHit, windowShare, land, worstClean);
        assertThat(hitInTriplets).isPositive();
        assertThat(worstClean).isLessThan(minHit);
        try (InterferogramStack s = RasterFormats.openStack(out.resolve("unwrapCorrection.h5"))) {
            assertThat(s.network().pairCount()).isEqualTo(m);
        }
        assertThat(out.resolve(InversionRun.QUALITY_H5)).isRegularFile();
    }

    /** connectComponent labels as MintPy stores them (int16; NaN → 0, not unwrapped). */
    static short[] toShort(float[] a) {
        short[] s = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = Float.isNaN(a[i]) ? 0 : (short) a[i];
        }
        return s;
    }

    @Test
    void writtenCyclesUndoTheSimulatorsInjectedErrors(@TempDir Path tmp) throws IOException {
        SimulatedTrack track = SceneSimulator.simulate(SceneSpec.tiny()).ascending();
        Path stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, track.grid(), track.network(), null, track.unwrapPhase(),
                track.coherence(), null, Map.of("WAVELENGTH", String.valueOf(track.wavelength()), "ALOOKS", "1",
                        "RLOOKS", "1"));
        Window win = track.unwrapErrorWindow();
        int cols = track.grid().cols(), npix = track.grid().size();
        int refRow = track.grid().rows() - 2, refCol = cols - 2;
        assertThat(win.contains(refRow, refCol)).isFalse();
        InvertParameters p = InvertParameters.of(stack, tmp.resolve("out")).withReferencePixel(new int[] {refRow, refCol})
                .withUnwrapCorrection("phase-closure").withResources(1, 0);
        InversionRun.Result r = InvertStep.run(p);
        assertThat(r.summary()).contains("phase-closure correction changed");

        Network net = track.network();
        Triplets t = Triplets.of(net);
        int m = net.pairCount();
        int[] injected = new int[m];
        int[] errPairs = track.unwrapErrorPairs();
        for (int e = 0; e < errPairs.length; e++) {
            injected[errPairs[e]] = track.unwrapErrorCycles()[e];
        }
        float[] phase = track.unwrapPhase();
        float[] cc = track.connectComponent();
        float[] rad;
        try (InterferogramStack s = RasterFormats.openStack(tmp.resolve("out").resolve("unwrapCorrection.h5"))) {
            assertThat(s.network().pairCount()).isEqualTo(m);
            rad = s.read(InterferogramStack.UNWRAP_PHASE, Window.of(track.grid()));
        }
        int observable = 0, checked = 0;
        for (int k = 0; k < m; k++) {
            boolean seen = t.tripletCountOf(k) >= 2;
            observable += seen && injected[k] != 0 ? 1 : 0;
            for (int px = 0; px < npix; px++) {
                int i = k * npix + px;
                if (!Float.isFinite(phase[i]) || cc[i] == 0) {
                    continue;
                }
                boolean inWin = win.contains(px / cols, px % cols);
                int expected = inWin && seen ? -injected[k] : 0;
                assertThat(Math.round(rad[i] / (2 * Math.PI))).as("pair %d pixel %d", k, px).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(observable).isPositive();
        assertThat(checked).isGreaterThan(m * npix / 2);

        closureQualityFindsTheErrorPairs(tmp.resolve("out"), track, injected, t);

        try (MintPyProduct c = MintPyProduct.open(tmp.resolve("out").resolve("numTriNonzeroIntAmbiguity.h5"))) {
            float[] before = c.read("numTriNonzeroIntAmbiguity", Window.of(track.grid()));
            float[] after = c.read("numTriNonzeroIntAmbiguityAfterCorrection", Window.of(track.grid()));
            int px = (win.row0() + 1) * cols + win.col0() + 1;
            int expectedCount = 0;
            for (int k = 0; k < m; k++) {
                expectedCount += injected[k] != 0 ? t.tripletCountOf(k) : 0; // disjoint triplets assumed below
            }
            assertThat(before[px]).isPositive().isLessThanOrEqualTo(expectedCount);
            assertThat(before[0]).isZero();
            assertThat(after[px]).isLessThan(before[px]);
        }
    }
}

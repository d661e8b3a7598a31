package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.sim.SceneSpec;
import org.permasar.stack.InterferogramStack;
import org.permasar.unwrap.Triplets;

/**
 * {@code invert --unwrap-correction phase-closure-region} and {@code bridging} on a stack with known
 * component errors, against the injected truth and against MintPy 1.5.1 through files. A river
 * (connectComponent 0 in every pair) splits a 20 × 41 scene of smooth deformation; in four pairs the
 * unwrapper shifted the whole east bank by ±1/±2 cycles, one of them a 1-year pair in no triplet.
 * In one more pair a 3-px-wide strip inside the east bank (its own component) is off by one cycle.
 * Truth: the region variant undoes the three pairs in triplets on every east-bank pixel (not the strip:
 * an error over part of a common region does not move the region's median), bridging all four and the
 * strip, and nothing else changes. MintPy's bridging leaves the strip alone: its 5 × 5 erosion of the
 * label image removes components narrower than 5 px before bridging (PermaSAR bridges them), so the
 * two bridgings differ on exactly the strip's cells. Referee (skipped without MintPy/h5py/cvxopt/skimage under
 * /usr/bin/python3): MintPy's {@code unwrap_error_phase_closure} with maskConnComp.h5 and its
 * {@code unwrap_error_bridging} on a copy of the same file; the share of identical (pair, pixel) cycles
 * is printed and must be ≥ 99 %; and MintPy's {@code ifgramStack} reads our unwrapCorrection.h5 as a
 * stack (same date12 list and values).
 */
class RegionClosureMintPyTest {
    private static final Path PY = Path.of("/usr/bin/python3");
    private static final int ROWS = 20;
    private static final int COLS = 41;
    private static final int RIVER = 20;

    @Test
    void regionAndBridgingUndoTheBankShiftsAsMintPyDoes(@TempDir Path tmp) throws Exception {
        long seed = 1951L;
        Random rnd = new Random(seed);
        int npix = ROWS * COLS;
        LocalDate t0 = LocalDate.of(2020, 1, 4);
        List<Pair> pairs = new ArrayList<>();
        int nd = 40;
        for (int i = 0; i < nd; i++) {
            for (int j = i + 1; j <= Math.min(nd - 1, i + 3); j++) {
                pairs.add(new Pair(t0.plusDays(12L * i), t0.plusDays(12L * j)));
            }
            if (i + 30 < nd) {
                pairs.add(new Pair(t0.plusDays(12L * i), t0.plusDays(12L * (i + 30))));
            }
        }
        Network net = new Network(pairs, null);
        int m = net.pairCount();
        Triplets t = Triplets.of(net);
        int[] injected = new int[m];
        injected[5] = 1;   // (1,3)
        injected[40] = -1; // (10,11)
        injected[77] = 2;  // (22,24)
        injected[3] = 1;   // (0,30): 1-year pair, no triplet
        assertThat(t.tripletCountOf(3)).isZero();
        int stripPair = 60; // (16,19), otherwise clean
        float[] phase = new float[m * npix];
        float[] coh = new float[m * npix];
        short[] cc = new short[m * npix];
        for (int k = 0; k < m; k++) {
            double dt = (net.dayOffset(net.secondaryIndex(k)) - net.dayOffset(net.referenceIndex(k))) / 365.25;
            for (int p = 0; p < npix; p++) {
                int r = p / COLS, c = p % COLS;
                double rate = 4 * Math.sin(r / 7.0) + 0.15 * c; // rad/yr, smooth across the river
                boolean east = c > RIVER;
                boolean strip = k == stripPair && inStrip(p);
                int i = k * npix + p;
                phase[i] = (float) (rate * dt + 0.3 * rnd.nextGaussian() + (east ? 2 * Math.PI * injected[k] : 0)
                        + (strip ? 2 * Math.PI : 0));
                coh[i] = 0.7f;
                cc[i] = (short) (c == RIVER ? 0 : strip ? 3 : east && injected[k] != 0 ? 2 : 1);
            }
        }
        int refRow = 5, refCol = 3;
        GridGeometry grid = GridGeometry.geocoded(ROWS, COLS, SceneSpec.utmGrid(ROWS, COLS), 32646, Double.NaN);
        Path stack = tmp.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, grid, net, null, phase, coh, cc, Map.of("WAVELENGTH", "0.0555",
                "REF_Y", String.valueOf(refRow), "REF_X", String.valueOf(refCol), "ALOOKS", "1", "RLOOKS", "1"));

        float[] region = ours(stack, tmp.resolve("region"), "phase-closure-region", refRow, refCol, grid);
        float[] bridging = ours(stack, tmp.resolve("bridging"), "bridging", refRow, refCol, grid);
        long regionWrong = 0, bridgingWrong = 0;
        for (int k = 0; k < m; k++) {
            for (int p = 0; p < npix; p++) {
                int c = p % COLS;
                if (c == RIVER) {
                    continue;
                }
                int i = k * npix + p;
                boolean east = c > RIVER;
                boolean strip = k == stripPair && inStrip(p);
                regionWrong += Math.round(region[i]) != (east && t.tripletCountOf(k) >= 2 ? -injected[k] : 0) ? 1 : 0;
                bridgingWrong += Math.round(bridging[i]) != (strip ? -1 : east ? -injected[k] : 0) ? 1 : 0;
            }
        }
        System.out.printf("phase-closure-region / bridging on the two-bank stack (seed %d, %d pairs, %d triplets): "
                + "%d / %d (pair, pixel) cells differ from the injected truth%n", seed, m, t.count(), regionWrong,
                bridgingWrong);
        assertThat(regionWrong).isZero();
        assertThat(bridgingWrong).isZero();

        assumeTrue(Files.isExecutable(PY)
                && PythonReferee.run(List.of(PY.toString(), "-c", "import mintpy, h5py, cvxopt, skimage"),
                tmp) == 0, "MintPy/h5py/cvxopt/skimage under /usr/bin/python3 not available");
        Path script = tmp.resolve("mintpy_region.py");
        try (InputStream in = getClass().getResourceAsStream("mintpy_region.py")) {
            Files.copy(in, script);
        }
        Path ref = Files.createDirectories(tmp.resolve("referee"));
        int rc = PythonReferee.run(List.of(PY.toString(), script.toString(), stack.toString(), ref.toString(), "0",
                tmp.resolve("region").resolve("unwrapCorrection.h5").toString()), tmp);
        assertThat(rc).as(Files.readString(tmp.resolve("referee.log"))).isZero();
        float[] mintRegion = PythonReferee.floats(ref.resolve("region.bin"), m * npix);
        float[] mintBridging = PythonReferee.floats(ref.resolve("bridging.bin"), m * npix);
        long cells = 0, sameRegion = 0, sameBridging = 0, bridgingDiffOffStrip = 0, stripCells = 0;
        for (int i = 0; i < m * npix; i++) {
            if (cc[i] == 0) {
                continue; // MintPy leaves label-0 pixels as they are; so do we
            }
            cells++;
            sameRegion += Math.round(region[i]) == Math.round(mintRegion[i]) ? 1 : 0;
            boolean same = Math.round(bridging[i]) == Math.round(mintBridging[i]);
            sameBridging += same ? 1 : 0;
            boolean strip = i / npix == stripPair && inStrip(i % npix);
            stripCells += strip ? 1 : 0;
            if (strip) {
                assertThat(Math.round(mintBridging[i])).as("MintPy erodes the 3-px strip away").isZero();
            } else {
                bridgingDiffOffStrip += same ? 0 : 1;
            }
        }
        System.out.printf("MintPy 1.5.1 referee: phase-closure-region identical on %.3f %%, bridging on %.3f %% of %d "
                + "(pair, pixel) cells%n", 100.0 * sameRegion / cells, 100.0 * sameBridging / cells, cells);
        assertThat(sameRegion / (double) cells).isGreaterThanOrEqualTo(0.99);
        assertThat(sameBridging / (double) cells).isGreaterThanOrEqualTo(0.99);
        assertThat(bridgingDiffOffStrip).isZero();
        assertThat(cells - sameBridging).isEqualTo(stripCells);

        // MintPy reads the corrected stack's cycles file as an ifgramStack: same pairs, same values
        float[] read = PythonReferee.floats(ref.resolve("ours_read_by_mintpy.bin"), m * npix);
        for (int i = 0; i < m * npix; i++) {
            assertThat(read[i]).isCloseTo(region[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
        List<String> date12 = Files.readAllLines(ref.resolve("ours_date12.txt"));
        assertThat(date12).hasSize(m);
        assertThat(date12.get(0)).isEqualTo(Dates.compact(pairs.get(0).reference()) + "_"
                + Dates.compact(pairs.get(0).secondary()));
    }

    /** The strip: columns 30–32, rows 2–17, inside the east bank. */
    private static boolean inStrip(int p) {
        int r = p / COLS, c = p % COLS;
        return c >= 30 && c <= 32 && r >= 2 && r <= 17;
    }

    /** Cycles our invert wrote to unwrapCorrection.h5 (2π·U in radians → U). */
    private static float[] ours(Path stack, Path out, String kind, int refRow, int refCol, GridGeometry grid)
            throws IOException {
        InvertParameters p = InvertParameters.of(stack, out).withReferencePixel(new int[] {refRow, refCol})
                .withUnwrapCorrection(kind).withResources(1, 0);
        assertThat(InvertStep.run(p).summary()).contains(kind + " correction changed");
        try (InterferogramStack s = RasterFormats.openStack(out.resolve("unwrapCorrection.h5"))) {
            float[] rad = s.read(InterferogramStack.UNWRAP_PHASE, Window.of(grid));
            for (int i = 0; i < rad.length; i++) {
                rad[i] /= (float) (2 * Math.PI);
            }
            return rad;
        }
    }
}

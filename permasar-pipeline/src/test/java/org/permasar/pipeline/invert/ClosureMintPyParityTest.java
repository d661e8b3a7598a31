package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.sim.SceneSpec;
import org.permasar.unwrap.ClosureCorrection;
import org.permasar.unwrap.PhaseClosure;
import org.permasar.unwrap.Triplets;

/**
 * MintPy 1.5.1 as referee of the phase-closure diagnostics and correction, through an ifgramStack.h5
 * written by {@link MintPyWriter}: its {@code calc_num_triplet_with_nonzero_integer_ambiguity} on the
 * file, and its per-sample integer ambiguity ({@code l1regls(A=−C, y=C_int, alpha=1e-2)}, rounded) on
 * every pixel with a non-zero closure integer, against {@link PhaseClosure} and
 * {@link ClosureCorrection} on the same referenced phase. Issue 19 asks ≥ 99 % identical integer
 * corrections. Skipped when /usr/bin/python3 lacks MintPy, h5py or CVXOPT.
 */
class ClosureMintPyParityTest {
    private static final Path PY = Path.of("/usr/bin/python3");

    @Test
    void integerCorrectionsMatchMintPy(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(PY) && PythonReferee.run(List.of(PY.toString(), "-c", "import mintpy, h5py, cvxopt"), tmp) == 0,
                "MintPy/h5py/cvxopt under /usr/bin/python3 not available");
        long seed = 2019L;
        Random rnd = new Random(seed);
        int rows = 20, cols = 20, npix = rows * cols;
        LocalDate t0 = LocalDate.of(2020, 1, 2);
        List<Pair> pairs = new ArrayList<>();
        int nd = 30;
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
        double[] truth = new double[nd * npix];
        for (int p = 0; p < npix; p++) {
            double rate = (rnd.nextDouble() - 0.5) * 10;
            for (int d = 0; d < nd; d++) {
                truth[d * npix + p] = rate * net.dayOffset(d) / 365.25;
            }
        }
        float[] phase = new float[m * npix];
        float[] coh = new float[m * npix];
        for (int k = 0; k < m; k++) {
            for (int p = 0; p < npix; p++) {
                // noise of 0.7 rad: some closures wrap by noise alone (triplet σ 1.2 rad), as on real data
                phase[k * npix + p] = (float) (truth[net.secondaryIndex(k) * npix + p]
                        - truth[net.referenceIndex(k) * npix + p] + 0.7 * rnd.nextGaussian());
                coh[k * npix + p] = 0.6f;
            }
        }
        for (int e = 0; e < 8; e++) { // ±1/±2 cycles on 8 pairs over rectangles away from the reference (0, 0)
            int k = rnd.nextInt(m), n = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(2));
            int r0 = 2 + rnd.nextInt(10), c0 = 2 + rnd.nextInt(10);
            for (int r = r0; r < r0 + 8; r++) {
                for (int c = c0; c < c0 + 8; c++) {
                    phase[k * npix + r * cols + c] += (float) (2 * Math.PI * n);
                }
            }
        }
        GridGeometry grid = GridGeometry.geocoded(rows, cols, SceneSpec.utmGrid(rows, cols), 32646, Double.NaN);
        Path stack = tmp.resolve("inputs").resolve("ifgramStack.h5");
        Files.createDirectories(stack.getParent());
        MintPyWriter.writeIfgramStack(stack, grid, net, null, phase, coh, null,
                Map.of("WAVELENGTH", "0.0555", "REF_Y", "0", "REF_X", "0"));
        Path script = tmp.resolve("mintpy_closure.py");
        try (InputStream in = getClass().getResourceAsStream("mintpy_closure.py")) {
            Files.copy(in, script);
        }
        int rc = PythonReferee.run(List.of(PY.toString(), script.toString(), stack.toString(), tmp.toString()), tmp);
        assertThat(rc).as(Files.readString(tmp.resolve("referee.log"))).isZero();
        float[] mintTri = PythonReferee.floats(tmp.resolve("numTri.bin"), npix);
        short[] mintU = PythonReferee.shorts(tmp.resolve("U.bin"), m * npix);

        float[] ref = phase.clone(); // referenced to pixel (0, 0), as MintPy's read_stack_obs
        for (int k = 0; k < m; k++) {
            float r0 = phase[k * npix];
            for (int p = 0; p < npix; p++) {
                ref[k * npix + p] -= r0;
            }
        }
        Triplets t = Triplets.of(net);
        float[] tri = new float[npix];
        PhaseClosure.countNonzeroIntegerAmbiguity(ref, npix, t, tri);
        int triSame = 0;
        for (int p = 0; p < npix; p++) {
            triSame += tri[p] == mintTri[p] ? 1 : 0;
        }
        int[] cycles = new int[m * npix];
        new ClosureCorrection(t).correct(ref, npix, 0, npix, cycles);
        long same = 0, cellsSolved = 0, sameSolved = 0, nonzeroMint = 0;
        for (int p = 0; p < npix; p++) {
            boolean solved = mintTri[p] > 0;
            for (int k = 0; k < m; k++) {
                int i = k * npix + p;
                boolean eq = cycles[i] == mintU[i];
                same += eq ? 1 : 0;
                nonzeroMint += mintU[i] != 0 ? 1 : 0;
                if (solved) {
                    cellsSolved++;
                    sameSolved += eq ? 1 : 0;
                }
            }
        }
        System.out.printf("MintPy closure parity (seed %d, %d pairs, %d triplets, %d px): numTriNonzeroIntAmbiguity "
                        + "identical on %d px; integer corrections identical on %.3f %% of all %d cells and %.3f %% of the "
                        + "%d cells of the %d solved pixels (%d non-zero in MintPy)%n", seed, m, t.count(), npix, triSame,
                100.0 * same / (m * npix), (long) m * npix, 100.0 * sameSolved / cellsSolved, cellsSolved,
                cellsSolved / m, nonzeroMint);
        assertThat(triSame).isEqualTo(npix);
        assertThat(nonzeroMint).isGreaterThan(500);
        assertThat(sameSolved / (double) cellsSolved).isGreaterThanOrEqualTo(0.99);
    }
}

package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;

/**
 * {@code permasar invert} against MintPy 1.5.1's own {@code ifgram_inversion} THROUGH FILES: the
 * same ifgramStack.h5 (a copy, with REF_Y/REF_X set, which both programs use as reference pixel)
 * goes to MintPy ({@code -w var}, {@code -w no}) and to our CLI ({@code --method wls --weight var},
 * {@code --method l2}). Time series are compared in radians (m × 4π/λ), temporal coherence as is,
 * on the pixels both solved. MintPy turns exact-0 phase into no data and writes 0 (not NaN) where
 * it inverted nothing (numInvIfgram = 0): the noise-free scene's lake has phase 0 in every pair, so
 * MintPy skips those 44 pixels while we solve them (as a flat series); they are left out.
 * Tolerance: median |Δ| ≤ 1e-4 rad and ≤ 1e-4 in γ_t (issue 3).
 */
class InvertMintPyParityTest {
    @TempDir
    static Path tmp;
    static Path sim;
    static Path simClean;

    @BeforeAll
    static void simulate() {
        sim = tmp.resolve("sim");
        simClean = tmp.resolve("sim0");
        assertThat(CliRunner.run("simulate", "--small", "--out", sim.toString()).code()).isZero();
        assertThat(CliRunner.run("simulate", "--small", "--no-noise", "--out", simClean.toString()).code()).isZero();
    }

    @Test
    void simulatedNoisyStackMatchesMintPyVarAndNo() throws Exception {
        checkParity(sim.resolve("asc/ifgramStack.h5"), "sim", 8, 10, 0.95);
    }

    @Test
    void simulatedNoiseFreeStackMatchesMintPyVarAndNo() throws Exception {
        checkParity(simClean.resolve("asc/ifgramStack.h5"), "sim0", 3, 4, 0.80);
    }

    @Test
    void etnaStackWithGapsMatchesMintPyVarAndNo() throws Exception {
        // REF_Y=18, REF_X=14 are already in the file (data README §3); NaN gaps make per-pixel networks
        checkParity(CliRunner.shared().resolve("data/insar/etna_kfts/etna_ifgramStack.h5"), "etna", -1, -1, 0.10);
    }

    /**
     * Runs both programs with both weightings and checks the medians. refRow &lt; 0 keeps the
     * stack's own REF_Y/REF_X. minShare is the least share of the grid that must be compared.
     */
    private static void checkParity(Path source, String tag, int refRow, int refCol, double minShare) throws Exception {
        checkParity(source, tag, refRow, refCol, minShare, false);
    }

    @Test
    void simulatedStackWithConnectComponentMaskMatchesMintPy() throws Exception {
        // the lake has connectComponent 0 in every pair: MintPy --mask-dset connectComponent and our --mask-dset skip it
        checkParity(sim.resolve("asc/ifgramStack.h5"), "simcc", 8, 10, 0.90, true);
    }

    private static void checkParity(Path source, String tag, int refRow, int refCol, double minShare, boolean connComp)
            throws Exception {
        ExternalTool.assumeMintPy();
        Path dir = Files.createDirectories(tmp.resolve("mintpy-" + tag));
        Path stack = dir.resolve("ifgramStack.h5");
        Files.copy(source, stack, StandardCopyOption.REPLACE_EXISTING);
        if (refRow >= 0) {
            ExternalTool.setReference(stack, refRow, refCol);
        }
        try (MintPyProduct p = MintPyProduct.open(stack)) {
            if (!p.attributes().containsKey("ALOOKS")) {
                // MintPy's var/fim weights need ALOOKS×RLOOKS (the Etna repack has none): one look, as our default
                ExternalTool.setAttributes(stack, "ALOOKS", "1", "RLOOKS", "1");
            }
        }
        double wavelength;
        try (MintPyProduct p = MintPyProduct.open(stack)) {
            wavelength = Double.parseDouble(p.attributes().get("WAVELENGTH"));
        }
        // wls with weight no is the same least-squares solution as l2 by the per-pixel sparse path
        String[][] runs = {{"var", "wls", "var"}, {"no", "l2", null}, {"no", "wls", "no"}};
        java.util.Map<String, Path[]> mintpy = new java.util.HashMap<>();
        for (String[] run : runs) {
            Path[] theirs = mintpy.get(run[0]);
            if (theirs == null) {
                theirs = connComp ? ExternalTool.mintpyInvert(stack, run[0], run[0], "--mask-dset", "connectComponent")
                        : ExternalTool.mintpyInvert(stack, run[0], run[0]);
                mintpy.put(run[0], theirs);
            }
            Path out = tmp.resolve("ours-" + tag + "-" + run[1] + "-" + run[2]);
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("invert", stack.toString(), "--out",
                    out.toString(), "--method", run[1]));
            if (run[2] != null) {
                args.addAll(java.util.List.of("--weight", run[2]));
            }
            if (connComp) {
                args.add("--mask-dset");
            }
            CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
            assertThat(r.code()).as(r.err()).isZero();
            compare(tag + " " + run[1] + (run[2] == null ? "" : " " + run[2]) + " vs MintPy -w " + run[0], out, theirs,
                    wavelength, minShare);
        }
    }

    private static void compare(String what, Path ours, Path[] theirs, double wavelength, double minShare) throws IOException {
        float[] a = cube(ours.resolve("timeseries.h5"));
        float[] b = cube(theirs[0]);
        float[] ca = ProductRasters.read(ours.resolve("temporalCoherence.h5"), "temporalCoherence").data();
        float[] cb = ProductRasters.read(theirs[1], "temporalCoherence").data();
        float[] nb = ProductRasters.read(theirs[2], "mask").data(); // MintPy numInvIfgram
        assertThat(a).hasSameSizeAs(b);
        int npix = ca.length, nd = a.length / npix;
        double toRad = 4 * Math.PI / wavelength;
        double[] dts = new double[a.length];
        double[] dcoh = new double[npix];
        int nts = 0, ncoh = 0, pixels = 0;
        for (int p = 0; p < npix; p++) {
            boolean both = nb[p] > 0; // MintPy leaves 0 (not NaN) where it inverted nothing
            for (int d = 1; d < nd && both; d++) {
                both = Float.isFinite(a[d * npix + p]) && Float.isFinite(b[d * npix + p]);
            }
            if (!both) {
                continue;
            }
            pixels++;
            for (int d = 1; d < nd; d++) {
                dts[nts++] = Math.abs(a[d * npix + p] - b[d * npix + p]) * toRad;
            }
            if (Float.isFinite(ca[p]) && Float.isFinite(cb[p])) {
                dcoh[ncoh++] = Math.abs(ca[p] - cb[p]);
            }
        }
        double medTs = median(dts, nts), maxTs = max(dts, nts), medCoh = median(dcoh, ncoh), maxCoh = max(dcoh, ncoh);
        System.out.printf(Locale.ROOT, "%s: %d of %d pixels compared; time series |Δ| median %.2e max %.2e rad; "
                + "temporal coherence |Δ| median %.2e max %.2e%n", what, pixels, npix, medTs, maxTs, medCoh, maxCoh);
        assertThat(pixels).as(what + ": pixels solved by both").isGreaterThanOrEqualTo((int) Math.ceil(minShare * npix));
        assertThat(medTs).as(what + ": median |Δ| time series (rad)").isLessThanOrEqualTo(1e-4);
        assertThat(medCoh).as(what + ": median |Δ| temporal coherence").isLessThanOrEqualTo(1e-4);
        // stronger than the issue asks: no single epoch or pixel off by more than 1e-3 rad / 1e-3
        assertThat(maxTs).as(what + ": max |Δ| time series (rad)").isLessThanOrEqualTo(1e-3);
        assertThat(maxCoh).as(what + ": max |Δ| temporal coherence").isLessThanOrEqualTo(1e-3);
    }

    static float[] cube(Path file) throws IOException {
        try (MintPyProduct p = MintPyProduct.open(file)) {
            return p.read("timeseries", Window.of(p.grid()));
        }
    }

    static double median(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double max(double[] v, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }
}

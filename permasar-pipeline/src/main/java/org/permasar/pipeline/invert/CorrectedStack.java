package org.permasar.pipeline.invert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * The unwrapping-corrected interferogram stack in MintPy's layout: the input's {@code unwrapPhase} plus
 * the 2π·U that {@code invert --unwrap-correction …} wrote to {@code unwrapCorrection.h5}, pair by pair
 * (matched by their dates; pairs the inversion did not keep are copied unchanged), with the input's
 * coherence, connectComponent, bperp and dropIfgram; {@code DIR/ifgramStack.h5}, readable by MintPy
 * and by {@code permasar invert}. The cycles are integers, so the corrected phase equals the input at the
 * reference pixel and the referencing of a later inversion is unchanged (U = 0 there).
 *
 * <p>The correction must be on the input's grid and its pairs among the input's (else it was made from
 * another stack, and is refused). The stack is held in memory (pairs × pixels float32 per dataset, as
 * unwrapCorrection.h5 itself); a stack of more than 2³¹ − 1 values per dataset is refused.
 */
public final class CorrectedStack {
    /** The file written into the output folder. */
    public static final String FILE = "ifgramStack.h5";

    private CorrectedStack() {
    }

    /** What was written: the file, the pairs changed and the (pair, pixel) cells changed. */
    public record Result(Path file, int pairs, int pairsChanged, long cellsChanged) {
        public String summary() {
            return String.format(Locale.ROOT, "%s: %d pairs, %d of them corrected in %d (pair, pixel) cells", file,
                    pairs, pairsChanged, cellsChanged);
        }
    }

    /**
     * @param stackFile      the interferogram stack the inversion read (MintPy ifgramStack.h5, HyP3 or LiCSAR folder)
     * @param correctionFile the inversion's unwrapCorrection.h5
     * @param outDir         output folder (created); {@link #FILE} is written atomically
     */
    public static Result write(Path stackFile, Path correctionFile, Path outDir) throws IOException {
        try (InterferogramStack in = RasterFormats.openStack(stackFile);
             InterferogramStack corr = RasterFormats.openStack(correctionFile)) {
            GridGeometry g = in.grid();
            if (corr.grid().rows() != g.rows() || corr.grid().cols() != g.cols()) {
                throw new InvalidInputException(correctionFile, InterferogramStack.UNWRAP_PHASE, String.format(Locale.ROOT,
                        "the correction is on a %d × %d grid and the stack on %d × %d: the correction was made from "
                                + "another stack",
                        corr.grid().rows(), corr.grid().cols(), g.rows(), g.cols()));
            }
            Network net = in.network();
            int m = net.pairCount(), npix = g.size();
            if ((long) m * npix > Integer.MAX_VALUE) {
                throw new InvalidInputException(stackFile, InterferogramStack.UNWRAP_PHASE, m + " pairs × " + npix
                        + " pixels is more than one array can hold: subset the stack first");
            }
            Window all = Window.of(g);
            float[] phase = in.read(InterferogramStack.UNWRAP_PHASE, all);
            float[] cycles = corr.read(InterferogramStack.UNWRAP_PHASE, all);
            Network cn = corr.network();
            int changedPairs = 0;
            long changedCells = 0;
            for (int j = 0; j < cn.pairCount(); j++) {
                Pair p = cn.pairs().get(j);
                int k = net.indexOf(p);
                if (k < 0) {
                    throw new InvalidInputException(correctionFile, "date", "pair " + p + " is not in " + stackFile
                            + ": the correction was made from another stack");
                }
                long n = 0;
                for (int px = 0, i = k * npix, c = j * npix; px < npix; px++, i++, c++) {
                    float u = cycles[c];                            // 2π·U, radians
                    if (u != 0 && !Float.isNaN(u) && !Float.isNaN(phase[i])) {
                        phase[i] += u;
                        n++;
                    }
                }
                changedPairs += n > 0 ? 1 : 0;
                changedCells += n;
            }
            float[] coherence = in.has(InterferogramStack.COHERENCE) ? in.read(InterferogramStack.COHERENCE, all) : null;
            short[] cc = null;
            if (in.has(InterferogramStack.CONNECT_COMPONENT)) {
                float[] f = in.read(InterferogramStack.CONNECT_COMPONENT, all);
                cc = new short[f.length];
                for (int i = 0; i < f.length; i++) {
                    cc[i] = Float.isNaN(f[i]) ? 0 : (short) f[i];
                }
            }
            Map<String, String> attrs = new LinkedHashMap<>(in.attributes());
            attrs.put("WAVELENGTH", String.valueOf(in.wavelength()));
            attrs.putIfAbsent("ALOOKS", "1");
            attrs.putIfAbsent("RLOOKS", "1");
            String kind = corr.attributes().getOrDefault("PERMASAR_UNWRAP_CORRECTION", "unwrapping correction");
            attrs.put("PERMASAR_UNWRAP_CORRECTION", kind);
            attrs.put("PERMASAR_CORRECTION_FILE", correctionFile.getFileName().toString());
            Files.createDirectories(outDir);
            Path file = outDir.resolve(FILE);
            MintPyWriter.writeIfgramStack(file, g, net, in.keptPairs(), phase, coherence, cc, attrs);
            return new Result(file, m, changedPairs, changedCells);
        }
    }
}

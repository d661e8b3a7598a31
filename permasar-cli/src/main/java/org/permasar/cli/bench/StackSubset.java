package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * Whole rows of any readable stack written as a MintPy ifgramStack.h5 (kept pairs only, radar
 * grid: no coordinates), so that MintPy can be timed on the same data as
 * {@code permasar bench invert --stack}. The rows are centred on the stack's REF_Y/REF_X, which
 * stays the reference; without one, the first rows and their first pixel with finite, non-zero
 * phase in every kept pair (MintPy needs a reference pixel).
 */
final class StackSubset {
    private StackSubset() {
    }

    /** Writes the subset; returns its pixel count. */
    static int write(InterferogramStack stack, int wantPixels, Path file) throws IOException {
        GridGeometry g = stack.grid();
        int cols = g.cols(), rows = (int) Math.min(g.rows(), Math.max(1, (wantPixels + cols - 1) / cols));
        Map<String, String> src = stack.attributes();
        int r0 = 0, ref = -1;
        if (src.containsKey("REF_Y") && src.containsKey("REF_X")) {
            int ry = Integer.parseInt(src.get("REF_Y").trim()), rx = Integer.parseInt(src.get("REF_X").trim());
            r0 = Math.max(0, Math.min(ry - rows / 2, g.rows() - rows)); // rows around the stack's reference
            ref = (ry - r0) * cols + rx;
        }
        Window w = new Window(r0, 0, rows, cols);
        int n = w.size();
        boolean[] keep = stack.keptPairs();
        float[] ph = stack.read(InterferogramStack.UNWRAP_PHASE, w);
        float[] co = stack.has(InterferogramStack.COHERENCE) ? stack.read(InterferogramStack.COHERENCE, w) : null;
        for (int p = 0; p < n && ref < 0; p++) {
            boolean ok = true;
            for (int k = 0; k < keep.length && ok; k++) {
                ok = !keep[k] || (Float.isFinite(ph[k * n + p]) && ph[k * n + p] != 0f);
            }
            ref = ok ? p : -1;
        }
        if (ref < 0) {
            throw new InvalidInputException(stack.path(), InterferogramStack.UNWRAP_PHASE, "no pixel of the " + rows
                    + " rows from row " + r0 + " is valid in every kept pair, so MintPy has no reference pixel: raise --mintpy-pixels or use --no-mintpy");
        }
        GridGeometry sub = GridGeometry.radar(rows, cols, null); // MintPy's inversion needs no coordinates
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("WAVELENGTH", String.valueOf(stack.wavelength()));
        attrs.put("ALOOKS", src.getOrDefault("ALOOKS", "1"));
        attrs.put("RLOOKS", src.getOrDefault("RLOOKS", "1"));
        attrs.put("REF_Y", String.valueOf(ref / cols));
        attrs.put("REF_X", String.valueOf(ref % cols));
        MintPyWriter.writeIfgramStack(file, sub, stack.network(), keep, ph, co, null, attrs);
        return n;
    }
}

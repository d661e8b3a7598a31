package org.permasar.pipeline.invert;

import java.io.IOException;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.network.Network;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * Choosing and checking the reference pixel of an inversion. The automatic choice is the land
 * pixel with the highest mean coherence among those valid (finite phase) in every kept pair, as
 * MintPy's default {@code maxCoherence} reference does; without coherence, the valid pixel
 * closest to the scene centre.
 */
final class ReferenceSelection {
    private ReferenceSelection() {
    }

    /** One block-wise pass over the stack; returns {row, col}. */
    static int[] automatic(InterferogramStack stack, int[] keptLayers, boolean[] land, BlockEngine engine) throws IOException {
        GridGeometry g = stack.grid();
        boolean coh = stack.has(InterferogramStack.COHERENCE);
        float[] score = new float[g.size()];
        int layers = keptLayers.length;
        boolean[] layerHasData = new boolean[layers];
        long bpp = 4L * stack.network().pairCount() * 2 + 8;
        engine.run("reference", g.rows(), g.cols(), bpp, () -> null, (w, ws) -> {
            int n = w.size();
            float[] ph;
            float[] co = null;
            synchronized (stack) {
                ph = stack.read(InterferogramStack.UNWRAP_PHASE, w);
                if (coh) {
                    co = stack.read(InterferogramStack.COHERENCE, w);
                }
            }
            for (int j = 0; j < layers; j++) {
                for (int p = 0, i = keptLayers[j] * n; p < n && !layerHasData[j]; p++, i++) {
                    if (Float.isFinite(ph[i]) && ph[i] != 0f) {
                        synchronized (layerHasData) {
                            layerHasData[j] = true;
                        }
                    }
                }
            }
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    int p = r * w.cols() + c, gp = (w.row0() + r) * g.cols() + w.col0() + c;
                    float s;
                    if (land != null && !land[gp]) {
                        s = Float.NEGATIVE_INFINITY;
                    } else {
                        double sum = 0;
                        boolean valid = true;
                        for (int j = 0; j < layers && valid; j++) {
                            int i = keptLayers[j] * n + p;
                            valid = Float.isFinite(ph[i]) && ph[i] != 0f;
                            sum += co == null ? 0 : co[i];
                        }
                        if (!valid) {
                            s = Float.NEGATIVE_INFINITY;
                        } else if (co != null) {
                            s = (float) (sum / layers);
                        } else {
                            double dr = (w.row0() + r) - g.rows() / 2.0, dc = (w.col0() + c) - g.cols() / 2.0;
                            s = (float) -(dr * dr + dc * dc);
                        }
                    }
                    score[gp] = s;
                }
            }
        });
        int best = -1;
        for (int i = 0; i < score.length; i++) {
            if (score[i] > Float.NEGATIVE_INFINITY && (best < 0 || score[i] > score[best])) {
                best = i;
            }
        }
        if (best < 0) {
            String iso = isolatedDate(stack.network(), keptLayers, layerHasData);
            if (iso != null) {
                throw new InvalidInputException(stack.path(), InterferogramStack.UNWRAP_PHASE, iso + " at every pixel");
            }
            throw new InvalidInputException(stack.path(), InterferogramStack.UNWRAP_PHASE,
                    "no land pixel is valid in every pair, so no reference pixel can be chosen: give --ref-yx "
                            + "or drop the pairs with gaps");
        }
        return new int[] {best / g.cols(), best % g.cols()};
    }

    /**
     * Reads the reference pixel's phase in every kept pair and refuses a reference on water,
     * NaN, or masked by connectComponent, naming the pixel and the first bad pair.
     */
    static float[] check(InterferogramStack stack, int[] keptLayers, boolean[] land, int row, int col, boolean connComp)
            throws IOException {
        GridGeometry g = stack.grid();
        if (land != null && !land[row * g.cols() + col]) {
            throw new IllegalArgumentException("reference pixel (row " + row + ", col " + col + ") is on water "
                    + "(waterMask = 0): choose another with --ref-yx");
        }
        Window w = new Window(row, col, 1, 1);
        float[] ph = stack.read(InterferogramStack.UNWRAP_PHASE, w);
        float[] cc = connComp ? stack.read(InterferogramStack.CONNECT_COMPONENT, w) : null;
        Network n = stack.network();
        float[] ref = new float[keptLayers.length];
        boolean[] valid = new boolean[keptLayers.length];
        for (int j = 0; j < keptLayers.length; j++) {
            valid[j] = Float.isFinite(ph[keptLayers[j]]);
        }
        String iso = isolatedDate(n, keptLayers, valid);
        if (iso != null) {
            throw new IllegalArgumentException("reference pixel (row " + row + ", col " + col + "): " + iso
                    + " there: drop the date or choose another pixel with --ref-yx");
        }
        for (int j = 0; j < keptLayers.length; j++) {
            int k = keptLayers[j];
            if (!Float.isFinite(ph[k])) {
                throw new IllegalArgumentException("reference pixel (row " + row + ", col " + col + ") has no phase (NaN) in pair "
                        + n.pairs().get(k) + ": choose another with --ref-yx");
            }
            if (cc != null && cc[k] == 0f) {
                throw new IllegalArgumentException("reference pixel (row " + row + ", col " + col + ") is not unwrapped "
                        + "(connectComponent = 0) in pair " + n.pairs().get(k) + ": choose another with --ref-yx");
            }
            ref[j] = ph[k];
        }
        return ref;
    }

    /**
     * The first date (other than the network's first, which needs none) all of whose kept pairs are
     * invalid, as "date YYYYMMDD has no valid pair (all N of its pairs are NaN)", or null. Such a
     * date is isolated: no inversion can place it.
     */
    static String isolatedDate(Network n, int[] keptLayers, boolean[] valid) {
        int nd = n.dateCount();
        int[] total = new int[nd];
        int[] good = new int[nd];
        for (int j = 0; j < keptLayers.length; j++) {
            int k = keptLayers[j];
            for (int d : new int[] {n.referenceIndex(k), n.secondaryIndex(k)}) {
                total[d]++;
                good[d] += valid[j] ? 1 : 0;
            }
        }
        for (int d = 0; d < nd; d++) {
            if (total[d] > 0 && good[d] == 0) {
                return "date " + org.permasar.network.Dates.compact(n.dates().get(d)) + " has no valid pair (all "
                        + total[d] + " of its pairs are NaN or 0)";
            }
        }
        return null;
    }
}

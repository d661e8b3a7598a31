package org.permasar.pipeline.invert;

import java.io.IOException;
import java.util.Locale;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.network.Network;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Choosing and checking the reference pixel of an inversion.
 *
 * <p>The automatic choice follows MintPy's idea (its {@code reference_point} picks a pixel valid in every
 * interferogram, outside the mask, with average coherence ≥ {@code minCoherence}) and makes it deterministic and
 * robust: a pixel is <em>usable</em> when its phase is finite and non-zero in every kept pair, it is on land
 * ({@code waterMask}) and, with {@code --mask-dset connectComponent}, unwrapped ({@code connectComponent ≠ 0}) in
 * every kept pair. The reference is the pixel
 * <ol>
 *   <li>at least {@link #margin} pixels from every edge (10 % of the shorter side, 2 … 10 px),</li>
 *   <li>usable together with its 8 neighbours (so it sits inside a coherent, unmasked patch, not on an isolated
 *   bright speckle or at a mask's border),</li>
 *   <li>with the highest mean over that 3 × 3 patch of the per-pixel mean coherence of the kept pairs (without a
 *   coherence dataset: the one closest to the scene centre),</li>
 * </ol>
 * ties going to the pixel closest to the scene centre, then the first in row-major order. When no pixel passes,
 * the margin is dropped, then the neighbours (the old rule: the best usable pixel), and a warning says so.
 */
final class ReferenceSelection {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceSelection.class);

    /** Smallest and largest edge margin of the automatic reference, px. */
    static final int MIN_MARGIN = 2, MAX_MARGIN = 10;

    /**
     * The automatic reference pixel and how it was found.
     *
     * @param margin least distance to the edges that was required, px
     * @param radius neighbourhood radius that had to be usable (1: 3 × 3, 0: the pixel alone)
     * @param score  mean coherence of the neighbourhood (without coherence: minus the squared distance to the centre)
     */
    record Choice(int row, int col, int margin, int radius, double score) {
        /** How the pixel was chosen, for the log. */
        String rule(boolean coherence) {
            String what = coherence ? String.format(Locale.ROOT, "mean coherence %.3f over", score)
                    : "closest to the centre among";
            String patch = radius == 0 ? "the pixel alone" : "its " + (2 * radius + 1) + " × " + (2 * radius + 1) + " patch";
            return what + " " + patch + ", usable in every pair, " + margin + " px or more from the edges";
        }
    }

    private ReferenceSelection() {
    }

    /** Edge margin of the automatic reference: 10 % of the shorter side, {@value #MIN_MARGIN} … {@value #MAX_MARGIN} px. */
    static int margin(int rows, int cols) {
        return Math.min(MAX_MARGIN, Math.max(MIN_MARGIN, Math.min(rows, cols) / 10));
    }

    /** One block-wise pass over the stack scores every pixel, then {@link #choose} picks the reference. */
    static Choice automatic(InterferogramStack stack, int[] keptLayers, boolean[] land, boolean connComp, BlockEngine engine)
            throws IOException {
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
            float[] cc = null;
            synchronized (stack) {
                ph = stack.read(InterferogramStack.UNWRAP_PHASE, w);
                if (coh) {
                    co = stack.read(InterferogramStack.COHERENCE, w);
                }
                if (connComp) {
                    cc = stack.read(InterferogramStack.CONNECT_COMPONENT, w);
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
                            valid = Float.isFinite(ph[i]) && ph[i] != 0f && (cc == null || cc[i] != 0f);
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
        Choice best = choose(score, g.rows(), g.cols(), coh);
        if (best == null) {
            String iso = isolatedDate(stack.network(), keptLayers, layerHasData);
            if (iso != null) {
                throw new InvalidInputException(stack.path(), InterferogramStack.UNWRAP_PHASE, iso + " at every pixel");
            }
            throw new InvalidInputException(stack.path(), InterferogramStack.UNWRAP_PHASE,
                    "no land pixel is valid in every pair, so no reference pixel can be chosen: give --ref-yx "
                            + "or drop the pairs with gaps");
        }
        if (best.margin() < margin(g.rows(), g.cols()) || best.radius() < 1) {
            LOG.warn("automatic reference: no usable pixel with usable neighbours {} px or more from the edges; "
                    + "relaxed to {}", margin(g.rows(), g.cols()), best.rule(coh));
        }
        return best;
    }

    /**
     * The reference by the class's rule from per-pixel scores ({@code NEGATIVE_INFINITY}: not usable), or null
     * when no pixel is usable.
     *
     * @param score       row-major per-pixel mean coherence (or minus the squared distance to the centre)
     * @param averagePatch true to rank by the mean score of the 3 × 3 patch (coherence), false by the pixel's own
     */
    static Choice choose(float[] score, int rows, int cols, boolean averagePatch) {
        int m = margin(rows, cols);
        int[][] rules = {{m, 1}, {0, 1}, {0, 0}};
        for (int[] rule : rules) {
            Choice c = best(score, rows, cols, rule[0], rule[1], averagePatch);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Best pixel at least {@code margin} px from the edges whose (2·radius + 1)² patch is all usable, or null. */
    private static Choice best(float[] score, int rows, int cols, int margin, int radius, boolean averagePatch) {
        int lo = Math.max(margin, radius);
        double cr = (rows - 1) / 2.0, cc = (cols - 1) / 2.0;
        int bestR = -1, bestC = -1;
        double bestS = Double.NEGATIVE_INFINITY, bestD = Double.POSITIVE_INFINITY;
        for (int r = lo; r < rows - lo; r++) {
            for (int c = lo; c < cols - lo; c++) {
                double sum = 0;
                boolean usable = true;
                for (int dr = -radius; dr <= radius && usable; dr++) {
                    for (int dc = -radius; dc <= radius && usable; dc++) {
                        float v = score[(r + dr) * cols + c + dc];
                        usable = v > Float.NEGATIVE_INFINITY;
                        sum += v;
                    }
                }
                if (!usable) {
                    continue;
                }
                double s = averagePatch ? sum / ((2 * radius + 1) * (2 * radius + 1)) : score[r * cols + c];
                double d = (r - cr) * (r - cr) + (c - cc) * (c - cc);
                if (s > bestS || (s == bestS && d < bestD)) {
                    bestR = r;
                    bestC = c;
                    bestS = s;
                    bestD = d;
                }
            }
        }
        return bestR < 0 ? null : new Choice(bestR, bestC, margin, radius, bestS);
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

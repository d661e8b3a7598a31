package org.permasar.pipeline.fit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.Window;
import org.permasar.inversion.PhaseConversion;
import org.permasar.inversion.PhaseCovariance;
import org.permasar.linalg.CholeskyKernel;
import org.permasar.inversion.WeightFunction;
import org.permasar.io.RasterFormats;
import org.permasar.network.Network;
import org.permasar.permafrost.pecm.PecmFit;
import org.permasar.permafrost.pecm.PecmForcing;
import org.permasar.permafrost.pecm.PecmStatus;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * A-priori uncertainty from the interferograms ({@code fit --stack IFGRAMSTACK}) of the PECM v, d and of the
 * time-function rate ({@link Worker#termVariances}): the
 * decorrelation noise of each pixel's interferograms (and of the reference pixel's, common to all
 * pixels) propagated through the SBAS inversion and the PECM least squares,
 * {@code Cov(v,d) = (λ/4π)²/cos²θ · H·Cov(φ̂)·Hᵀ} with H the PECM estimator rows composed with the
 * re-referencing to the reference date ({@link PecmFit#estimatorRows}) and Cov(φ̂) the sandwich of
 * {@link PhaseCovariance} (cos θ only with {@code --vertical}). This sees what residuals cannot: the
 * random-walk-like SBAS noise (dates tied by short pairs), whose trend-like part v absorbs.
 *
 * <p>Settings must be those of the inversion: weight function and looks (default: the time series'
 * {@code PERMASAR_INVERSION} attribute, else var, and L = 1, as {@code invert}), the stack's
 * {@code dropIfgram}, {@code --mask-dset} and {@code --min-coherence}; the reference pixel is the time
 * series' {@code REF_Y}/{@code REF_X}. Pair selections other than {@code dropIfgram} are not known
 * here. Per-thread {@link Worker}s; the stack is read per block.
 */
public final class PecmUncertainty implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String stackPath;
    private final int keptPairs;
    private final boolean[] keep;
    private final int[] tsToNet;
    private final WeightFunction weight;
    private final int looks;
    private final boolean maskConnComp;
    private final float minCoherence;
    private final float[] refCoherence;
    private final double metresPerRadian;

    /**
     * @param stackPath    the ifgramStack the time series was inverted from
     * @param tsDates      the time series' dates
     * @param tsAttributes the time series' attributes (REF_Y, REF_X, PERMASAR_INVERSION)
     * @param weightName   weight function name, or null for the inversion's
     * @param looks        looks L ≥ 1
     */
    public PecmUncertainty(Path stackPath, List<LocalDate> tsDates, Map<String, String> tsAttributes, String weightName,
                    int looks, boolean maskConnComp, float minCoherence) throws IOException {
        if (looks < 1 || !(minCoherence >= 0 && minCoherence < 1)) {
            throw new IllegalArgumentException("--looks must be ≥ 1 and --min-coherence in [0, 1), got " + looks
                    + ", " + minCoherence);
        }
        this.stackPath = stackPath.toString();
        this.looks = looks;
        this.maskConnComp = maskConnComp;
        this.minCoherence = minCoherence;
        String inv = tsAttributes.getOrDefault("PERMASAR_INVERSION", "wls/var");
        String w = weightName != null ? weightName : inv.contains("/") ? inv.substring(inv.indexOf('/') + 1) : "var";
        this.weight = WeightFunction.byName(w);
        String ry = tsAttributes.get("REF_Y"), rx = tsAttributes.get("REF_X");
        try (InterferogramStack s = RasterFormats.openStack(stackPath)) {
            if (ry == null || rx == null) {
                throw new InvalidInputException(stackPath, "REF_Y/REF_X",
                        "the time series has no reference pixel attributes; --stack needs them");
            }
            int refRow = Integer.parseInt(ry.trim()), refCol = Integer.parseInt(rx.trim());
            if ((weight.needsCoherence() || minCoherence > 0) && !s.has(InterferogramStack.COHERENCE)) {
                throw new InvalidInputException(stackPath, InterferogramStack.COHERENCE, "missing, but the noise model needs it");
            }
            if (maskConnComp && !s.has(InterferogramStack.CONNECT_COMPONENT)) {
                throw new InvalidInputException(stackPath, InterferogramStack.CONNECT_COMPONENT, "missing, but --mask-dset needs it");
            }
            keep = s.keptPairs();
            Network network = s.network().subset(keep);
            keptPairs = network.pairCount();
            metresPerRadian = PhaseConversion.phaseToRange(s.wavelength());
            tsToNet = new int[tsDates.size()];
            for (int i = 0; i < tsToNet.length; i++) {
                tsToNet[i] = network.indexOf(tsDates.get(i));
                if (tsToNet[i] < 0) {
                    throw new InvalidInputException(stackPath, "date", "time-series date " + tsDates.get(i)
                            + " is not in the stack's network: not the stack this series was inverted from?");
                }
            }
            refCoherence = s.has(InterferogramStack.COHERENCE)
                    ? kept(s.read(InterferogramStack.COHERENCE, new Window(refRow, refCol, 1, 1)), 1) : null;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(stackPath, "REF_Y/REF_X", "not integers: " + ry + ", " + rx);
        }
    }

    private float[] kept(float[] all, int npix) {
        int m = keptPairs;
        if (m == keep.length) {
            return all;
        }
        float[] out = new float[m * npix];
        for (int k = 0, j = 0; k < keep.length; k++) {
            if (keep[k]) {
                System.arraycopy(all, k * npix, out, j++ * npix, npix);
            }
        }
        return out;
    }

    /** Description for the product metadata. */
    public String describe() {
        return "a-priori (decorrelation noise, " + weight.name().toLowerCase(java.util.Locale.ROOT) + " weights, L = "
                + looks + ", reference pixel included)";
    }

    /** A worker with its own reader of the stack (re-opened from its path, as on a cluster executor). */
    Worker worker() throws IOException {
        return new Worker(RasterFormats.openStack(Path.of(stackPath)));
    }

    /** Thread-confined reader and workspace. */
    final class Worker implements AutoCloseable {
        private final InterferogramStack stack;
        private final PhaseCovariance cov;
        private final double[] hv = new double[tsToNet.length];
        private final double[] hd = new double[tsToNet.length];
        private final double[] gv;
        private final double[] gd;
        private final double[] c = new double[3];

        Worker(InterferogramStack stack) {
            this.stack = stack;
            Network network = stack.network().subset(keep);
            this.cov = new PhaseCovariance(network, weight, looks);
            this.gv = new double[network.dateCount()];
            this.gd = new double[network.dateCount()];
        }

        /**
         * A-priori variances of v and d of a block (m²/yr², m²/(°C·day)); NaN where not solved.
         *
         * @param incidence incidence angle per pixel (degrees) for vertical series, or null for LOS
         */
        double[][] variances(Window w, PecmForcing f, PecmFit.Result r, float[] y, int refIndex, float[] incidence)
                throws IOException {
            int npix = w.size();
            float[][] masks = pairMasks(w, npix);
            float[] coh = masks[0], used = masks[1];
            double[][] out = new double[2][npix];
            for (int p = 0; p < npix; p++) {
                out[0][p] = out[1][p] = Double.NaN;
                if (r.status()[p] != PecmStatus.OK || !PecmFit.estimatorRows(f, y, refIndex, p, hv, hd)
                        || !cov.load(coh, used, npix, p, refCoherence)) {
                    continue;
                }
                java.util.Arrays.fill(gv, 0);
                java.util.Arrays.fill(gd, 0);
                for (int i = 0; i < hv.length; i++) {
                    gv[tsToNet[i]] += hv[i];
                    gd[tsToNet[i]] += hd[i];
                }
                cov.propagate(gv, gd, c);
                double s = metresPerRadian;
                if (incidence != null) {
                    s = LosGeometry.losToVertical(s, incidence[p]);   // d_up = d_LOS / cos θ
                }
                out[0][p] = s * s * c[0];
                out[1][p] = s * s * c[2];
            }
            return out;
        }

        /** Coherence (or null when the noise model does not need it) and the pairs the inversion used (1/0) of a block. */
        private float[][] pairMasks(Window w, int npix) throws IOException {
            float[] coh = weight.needsCoherence() || minCoherence > 0
                    ? kept(stack.read(InterferogramStack.COHERENCE, w), npix) : null;
            float[] used = kept(stack.read(InterferogramStack.UNWRAP_PHASE, w), npix);
            float[] cc = maskConnComp ? kept(stack.read(InterferogramStack.CONNECT_COMPONENT, w), npix) : null;
            for (int i = 0; i < used.length; i++) {   // the pairs the inversion used (InversionRun's masks)
                boolean ok = !Float.isNaN(used[i]) && (cc == null || (cc[i] != 0 && !Float.isNaN(cc[i])))
                        && (minCoherence <= 0 || coh[i] >= minCoherence);
                used[i] = ok ? 1f : 0f;
            }
            return new float[][] {coh, used};
        }

        /**
         * A-priori variance of one time-function parameter (e.g. the rate, m²/yr²) of a block: the estimator row
         * h = e_colᵀ(GᵀG)⁻¹Gᵀ over the pixel's valid dates (G the design rows of the fitted dates) composed with
         * the SBAS covariance, {@code (λ/4π)²/cos²θ · h·Cov(φ̂)·hᵀ}. Σ h = 0 for every parameter but the
         * intercept, so the reference date's noise enters only through its own row, as in the fit.
         *
         * @param design  {@code [k*m + j]} design rows of the fitted dates (layer k = series date {@code layers[k]})
         * @param m       columns of the design
         * @param layers  series date index of each design row
         * @param col     the parameter's column
         * @param y       {@code [k*npix + p]} the fitted series (NaN = missing)
         * @param ok      per pixel, whether the fit solved it
         * @param incidence incidence angle per pixel (degrees) for vertical series, or null for LOS
         * @return variance per pixel, NaN where not solved
         */
        double[] termVariances(Window w, double[] design, int m, int[] layers, int col, float[] y, boolean[] ok,
                               float[] incidence) throws IOException {
            int npix = w.size(), nk = layers.length;
            float[][] masks = pairMasks(w, npix);
            double[] out = new double[npix];
            double[] n = new double[m * m], x = new double[m];
            for (int p = 0; p < npix; p++) {
                out[p] = Double.NaN;
                if (!ok[p] || !cov.load(masks[0], masks[1], npix, p, refCoherence)) {
                    continue;
                }
                java.util.Arrays.fill(n, 0);
                for (int k = 0; k < nk; k++) {
                    if (Float.isNaN(y[k * npix + p])) {
                        continue;
                    }
                    for (int a = 0; a < m; a++) {
                        double ga = design[k * m + a];
                        for (int b = 0; b <= a; b++) {
                            n[a * m + b] += ga * design[k * m + b];     // N = GᵀG (lower triangle)
                        }
                    }
                }
                if (!CholeskyKernel.decompose(n, m)) {
                    continue;
                }
                java.util.Arrays.fill(x, 0);
                x[col] = 1;
                CholeskyKernel.solve(n, m, x);                          // x = N⁻¹·e_col
                java.util.Arrays.fill(gv, 0);
                for (int k = 0; k < nk; k++) {
                    if (Float.isNaN(y[k * npix + p])) {
                        continue;
                    }
                    double h = 0;
                    for (int a = 0; a < m; a++) {
                        h += design[k * m + a] * x[a];                  // h_k = g_kᵀ·N⁻¹·e_col
                    }
                    gv[tsToNet[layers[k]]] += h;
                }
                cov.propagate(gv, gv, c);
                double s = metresPerRadian;
                if (incidence != null) {
                    s = LosGeometry.losToVertical(s, incidence[p]);   // d_up = d_LOS / cos θ
                }
                out[p] = s * s * c[0];
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            stack.close();
        }
    }
}

package org.permasar.permafrost.alt;

import java.util.Arrays;

/**
 * Piecewise multi-layer ALT model (Zhang et al. 2020; seed 000 eq. 2, SCIENCE.md §4). The thaw season
 * is split into K intervals; ΔD_i is the vertical subsidence during interval i (m, positive = subsidence);
 * the soil is split into L layers with bottoms z_1 &lt; … &lt; z_L (m). In interval i the thaw front is in
 * the layer j that contains the depth reached so far, H_{i−1} = Σ_{k&lt;i} ΔH_k (the last layer continues
 * below z_L), and with that layer's mean moisture W_ij in interval i:
 * <pre>  ΔH_i = ρ_i/(ρ_w − ρ_i) · ΔD_i / W_ij ,   H = Σ_i ΔH_i</pre>
 * A negative ΔD_i (heave during thaw, i.e. noise) is kept, so that noise cancels in the sum; the depth
 * used to pick the layer is max(H_{i−1}, 0) and a negative final H is reported as NaN (INVALID_INPUT).
 *
 * <p>Uncertainty: with independent interval errors σ_i and the layer choice held fixed,
 * σ_H² = Σ (ρ_i/Δρ · σ_i / W_ij)². NaN in any ΔD_i or in a moisture that is used → NaN; a used moisture
 * ≤ 0 → NaN. Stateless, thread-safe.
 */
public final class ZhangPiecewiseModel {
    private final double[] bottoms;

    /** @param layerBottoms depths of the layer bottoms, m, strictly increasing from &gt; 0 (e.g. ERA5-Land 0.07, 0.28, 1.00, 2.89) */
    public ZhangPiecewiseModel(double[] layerBottoms) {
        double prev = 0;
        for (double b : layerBottoms) {
            if (!(b > prev)) {
                throw new IllegalArgumentException("layer bottoms must increase from 0 m: " + Arrays.toString(layerBottoms));
            }
            prev = b;
        }
        if (layerBottoms.length == 0) {
            throw new IllegalArgumentException("need at least one soil layer");
        }
        this.bottoms = layerBottoms.clone();
    }

    /** ERA5-Land's four layers: 0–7, 7–28, 28–100, 100–289 cm. */
    public static ZhangPiecewiseModel era5Land() {
        return new ZhangPiecewiseModel(new double[] {0.07, 0.28, 1.00, 2.89});
    }

    public int layers() {
        return bottoms.length;
    }

    /** Index of the layer containing depth h (m): the first with bottom &gt; h, or the last. */
    public int layerAt(double h) {
        for (int j = 0; j < bottoms.length; j++) {
            if (h < bottoms[j]) {
                return j;
            }
        }
        return bottoms.length - 1;
    }

    /**
     * One pixel.
     *
     * @param dD       ΔD_i, K interval subsidences, m
     * @param sigmaDD  their stds, m, or null
     * @param moisture W, K × L row-major ({@code moisture[i*L + j]}), m³/m³
     * @param out      out[0] = H (m), out[1] = σ_H (m); NaN when unsolved
     * @return an {@link AltMap} flag code
     */
    public byte alt(double[] dD, double[] sigmaDD, double[] moisture, Rho rho, double[] out) {
        return solve(dD, 0, 1, sigmaDD, moisture, 0, dD.length, rho, out);
    }

    /** Precomputed ρ_i/Δρ so the kernel does no division by densities per pixel. */
    public record Rho(double iceOverDelta) {
        public static Rho of(Densities d) {
            return new Rho(d.ice() / d.delta());
        }
    }

    private byte solve(double[] dD, int off, int stride, double[] sigmaDD, double[] w, int wOff, int k,
                       Rho rho, double[] out) {
        int nl = bottoms.length;
        double h = 0, var = 0;
        for (int i = 0; i < k; i++) {
            double d = dD[off + i * stride];
            int j = layerAt(Math.max(h, 0));
            double wij = w[wOff + i * nl + j];
            if (Double.isNaN(d) || Double.isNaN(wij)) {
                out[0] = out[1] = Double.NaN;
                return AltMap.NO_DATA;
            }
            if (!(wij > 0)) {
                out[0] = out[1] = Double.NaN;
                return AltMap.INVALID_INPUT;
            }
            // Zhang et al. (2020), seed 000 eq. 2: ΔH_i = ρ_i/(ρ_w−ρ_i) · ΔD_i / W_ij
            h += rho.iceOverDelta() * d / wij;
            if (sigmaDD != null) {
                double s = rho.iceOverDelta() * sigmaDD[off + i * stride] / wij;
                var += s * s;
            }
        }
        if (h < 0) {
            out[0] = out[1] = Double.NaN;
            return AltMap.INVALID_INPUT;
        }
        out[0] = h;
        out[1] = sigmaDD == null ? Double.NaN : Math.sqrt(var);
        return AltMap.OK;
    }

    /**
     * Whole raster.
     *
     * @param dD       layer-major block, ΔD_i of pixel p at {@code dD[i*pixels + p]}, m
     * @param sigmaDD  same layout, stds in m, or null
     * @param moisture per-pixel moisture, {@code moisture[(i*L + j)*pixels + p]}, m³/m³
     * @param pixels   number of pixels
     */
    public AltMap map(float[] dD, float[] sigmaDD, float[] moisture, int pixels, Densities densities) {
        if (pixels <= 0 || dD.length % pixels != 0) {
            throw new IllegalArgumentException("subsidence block of " + dD.length + " values is not a multiple of "
                    + pixels + " pixels");
        }
        int k = dD.length / pixels, nl = bottoms.length;
        if (moisture.length != k * nl * pixels || (sigmaDD != null && sigmaDD.length != dD.length)) {
            throw new IllegalArgumentException("expected moisture of " + k + " intervals × " + nl + " layers × "
                    + pixels + " pixels = " + (k * nl * pixels) + " values, found " + moisture.length);
        }
        Rho rho = Rho.of(densities);
        AltMap m = AltMap.empty(pixels);
        double[] d = new double[k], s = sigmaDD == null ? null : new double[k], w = new double[k * nl], out = new double[2];
        for (int p = 0; p < pixels; p++) {
            for (int i = 0; i < k; i++) {
                d[i] = dD[i * pixels + p];
                if (s != null) {
                    s[i] = sigmaDD[i * pixels + p];
                }
                for (int j = 0; j < nl; j++) {
                    w[i * nl + j] = moisture[(i * nl + j) * pixels + p];
                }
            }
            byte f = solve(d, 0, 1, s, w, 0, k, rho, out);
            m.flag()[p] = f;
            m.alt()[p] = (float) out[0];
            m.sigma()[p] = (float) out[1];
        }
        return m;
    }
}

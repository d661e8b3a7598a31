package org.permasar.inversion;

import java.util.Arrays;

import org.permasar.linalg.EnvelopeCholesky;
import org.permasar.network.Network;

/**
 * A-priori covariance of linear functionals of one pixel's SBAS phase time series, propagated from
 * the decorrelation noise of its interferograms without forming the dense n×n covariance.
 *
 * <p>The weighted least-squares estimate of the phases φ_1 … φ_{N−1} (φ_0 = 0; Berardino et al.
 * 2002, eq. 4) from the pairs used by the pixel is φ̂ = N⁻¹AᵀWΔφ with N = AᵀWA. With independent
 * pair noise of variances Σ = diag(σ²_k) the covariance is the sandwich
 * <pre>  Cov(φ̂) = N⁻¹·AᵀWΣWA·N⁻¹                     (e.g. Koch 1999, §2.8, law of error propagation)</pre>
 * which is N⁻¹ when W = Σ⁻¹ (the {@link WeightFunction#VAR} weights). For q = Hφ̂ (H: two rows, e.g.
 * the PECM estimator composed with the re-referencing to the reference date), Y = N⁻¹Hᵀ is found with
 * two envelope-Cholesky solves ({@link EnvelopeCholesky}) and
 * {@code Cov(q) = Σ_k w_k²·σ²_k·(AY)_k (AY)_kᵀ}, O(pairs) per pixel.
 *
 * <p>Noise model: σ²_k = σ²_φ(γ_k, L), the phase variance of a distributed scatterer (Tough et al.
 * 1995, eq. 66; {@link WeightFunction#varianceTable}), in rad². The reference pixel's phase is
 * subtracted from every pixel before the inversion, so its (independent) noise adds to each pair:
 * {@code σ²_k = σ²_φ(γ_k,p) + σ²_φ(γ_k,ref)}; passing the reference pixel's coherences to
 * {@link #load} accounts for this noise, common to all pixels, through the pixel's own estimator.
 * Phase closure, atmosphere and unwrapping errors are not in the model. L1 and NSBAS estimates are
 * approximated by their weighted-L2 counterpart.
 *
 * <p>Units: rad² (multiply by (λ/4π)² for m²). Mutable workspace allocated once: not thread-safe,
 * one instance per worker thread; no per-pixel allocation.
 */
public final class PhaseCovariance {
    private static final double PIVOT_TOL = SbasNormalEquations.PIVOT_TOL;

    private final WeightFunction weight;
    private final int looks;
    private final double[] varTable;
    private final int m;
    private final int n;
    private final int[] ra;
    private final int[] sa;
    private final int[] first;
    private final double[] nm;
    private final double[] w;
    private final double[] s2;
    private final double[] y1;
    private final double[] y2;
    private boolean loaded;

    /**
     * @param network the pairs as inverted (after any pair selection)
     * @param weight  the weights the inversion used
     * @param looks   number of independent looks L ≥ 1 of the noise model (and of var/fim weights)
     */
    public PhaseCovariance(Network network, WeightFunction weight, int looks) {
        if (network == null || weight == null || looks < 1) {
            throw new IllegalArgumentException("network and weight required and looks >= 1, got " + network + ", "
                    + weight + ", " + looks);
        }
        this.weight = weight;
        this.looks = looks;
        this.varTable = WeightFunction.varianceTable(looks);
        this.m = network.pairCount();
        this.n = network.dateCount() - 1;
        this.ra = new int[m];
        this.sa = new int[m];
        for (int k = 0; k < m; k++) {
            ra[k] = network.referenceIndex(k);
            sa[k] = network.secondaryIndex(k);
        }
        this.first = SbasNormalEquations.envelope(ra, sa, n);
        nm = new double[n * n];
        w = new double[m];
        s2 = new double[m];
        y1 = new double[n];
        y2 = new double[n];
    }

    /** Phase variance σ²_φ(γ, L) in rad² (Tough et al. 1995), γ floored at {@link WeightFunction#EPSILON}. */
    double phaseVariance(float coherence) {
        return 1.0 / WeightFunction.VAR.weight(coherence, looks, varTable);
    }

    /**
     * Loads pixel p of a block: its used pairs, weights and noise variances; assembles and factors N.
     *
     * @param coherence    {@code [pair*npix + p]} (may be null only for {@link WeightFunction#NO} with
     *                     {@code refCoherence} null: then σ²_k = 1, a relative covariance)
     * @param used         {@code [pair*npix + p]}, pair k used where non-zero and not NaN (null = all)
     * @param npix         pixels in the block
     * @param p            the pixel
     * @param refCoherence coherence of the reference pixel per pair (length = pairs), or null to leave
     *                     its noise out
     * @return false when the used pairs do not determine every date (N singular): the pixel has no
     *         a-priori covariance
     */
    public boolean load(float[] coherence, float[] used, int npix, int p, float[] refCoherence) {
        Arrays.fill(nm, 0);
        boolean any = false;
        for (int k = 0; k < m; k++) {
            int idx = k * npix + p;
            if (used != null && (used[idx] == 0 || Float.isNaN(used[idx]))) {
                w[k] = 0;
                continue;
            }
            float g = coherence == null ? 1f : coherence[idx];
            double var = coherence == null ? 1 : phaseVariance(g);
            if (refCoherence != null) {
                var += phaseVariance(refCoherence[k]);
            }
            s2[k] = var;
            w[k] = weight == WeightFunction.NO ? 1.0 : weight.weight(g, looks);
            // weighted graph Laplacian without date 0 (the same AᵀWA as SbasInversion)
            SbasNormalEquations.addPair(nm, n, ra[k] - 1, sa[k] - 1, w[k]);
            any = true;
        }
        loaded = any && EnvelopeCholesky.factor(nm, n, first, PIVOT_TOL);
        return loaded;
    }

    /**
     * Covariance of (h1·φ̂, h2·φ̂) for the loaded pixel.
     *
     * @param h1  coefficients per date (length = dates; entry 0 is ignored since φ_0 = 0)
     * @param h2  second functional, same layout
     * @param out {var(h1φ̂), cov, var(h2φ̂)} in rad²; NaN when no pixel is loaded
     */
    public void propagate(double[] h1, double[] h2, double[] out) {
        if (!loaded) {
            out[0] = out[1] = out[2] = Double.NaN;
            return;
        }
        System.arraycopy(h1, 1, y1, 0, n);
        System.arraycopy(h2, 1, y2, 0, n);
        EnvelopeCholesky.solve(nm, n, first, y1);   // Y = N⁻¹Hᵀ
        EnvelopeCholesky.solve(nm, n, first, y2);
        double c11 = 0, c12 = 0, c22 = 0;
        for (int k = 0; k < m; k++) {
            if (w[k] == 0) {
                continue;
            }
            int a = ra[k] - 1, b = sa[k] - 1;
            double u1 = y1[b] - (a >= 0 ? y1[a] : 0);   // (A·Y)_k for pair k = (a, b)
            double u2 = y2[b] - (a >= 0 ? y2[a] : 0);
            double f = w[k] * w[k] * s2[k];             // sandwich Yᵀ·AᵀWΣWA·Y
            c11 += f * u1 * u1;
            c12 += f * u1 * u2;
            c22 += f * u2 * u2;
        }
        out[0] = c11;
        out[1] = c12;
        out[2] = c22;
    }
}

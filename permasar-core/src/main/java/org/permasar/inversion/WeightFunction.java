package org.permasar.inversion;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.hipparchus.special.Gamma;

/**
 * Conversion of spatial coherence γ into least-squares weights, as MintPy 1.5.1 offers them
 * ({@code simulation/decorrelation.coherence2weight}, here re-derived from the cited papers).
 *
 * <p>Before conversion γ is floored at {@value #EPSILON} (NaN becomes {@value #EPSILON}), as
 * MintPy does, so that every pair keeps a small positive weight.
 *
 * <ul>
 * <li>{@link #VAR}: inverse phase variance 1/σ²_φ(γ, L) of a distributed scatterer with L
 * independent looks; σ²_φ = ∫_{−π}^{π} φ² pdf(φ; γ, L) dφ with the marginal phase PDF of Tough
 * et al. (1995, eq. 66; Hanssen 2001, eq. 4.2.23), evaluated by the same rectangle rule and the
 * same 200-bin coherence lookup table as MintPy so that the numbers agree (units 1/rad²).</li>
 * <li>{@link #FIM}: Fisher information 2Lγ²/(1−γ²) (Seymour &amp; Cumming 1994), γ ≤ 1−1e-3.</li>
 * <li>{@link #COH}: γ itself (Perissin &amp; Wang 2012).</li>
 * <li>{@link #NO}: 1.</li>
 * </ul>
 * Thread-safe; lookup tables are cached per L.
 */
public enum WeightFunction {
    VAR, FIM, COH, NO;

    /** Coherence floor applied before any conversion (MintPy's {@code epsilon=5e-2}). */
    public static final float EPSILON = 0.05f;
    private static final double COH_STEP = 0.005;
    private static final int COH_BINS = 200;
    private static final int MAX_LOOKS = 80;
    private static final ConcurrentHashMap<Integer, double[]> VAR_TABLES = new ConcurrentHashMap<>();

    /** Parses "var", "fim", "coh" or "no" (MintPy's {@code -w} names; "sbas"/"uniform" mean no). */
    public static WeightFunction byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "var": return VAR;
            case "fim": case "fisher": return FIM;
            case "coh": case "lin": return COH;
            case "no": case "sbas": case "uniform": return NO;
            default: throw new IllegalArgumentException("unknown weight function '" + name + "' (expected var, fim, coh or no)");
        }
    }

    /**
     * MintPy's number of independent looks: {@code NCORRLOOKS} when known, else
     * azimuth·range looks / 1.94 (Sentinel-1 IW resolution/pixel ratio), rounded, at least 1.
     */
    public static int mintpyLooks(double ncorrlooks, int alooks, int rlooks) {
        double l = Double.isFinite(ncorrlooks) ? ncorrlooks : alooks * rlooks / 1.94;
        return (int) Math.max(Math.rint(l), 1);
    }

    /** True when this function needs a coherence block. */
    public boolean needsCoherence() {
        return this != NO;
    }

    /**
     * Weight for one coherence value.
     *
     * @param coherence spatial coherence 0–1 (NaN allowed: treated as {@link #EPSILON})
     * @param looks number of independent looks L ≥ 1
     * @return weight (float precision, as MintPy stores it); 1 for {@link #NO}
     */
    public float weight(float coherence, int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("looks must be >= 1, got " + looks);
        }
        return weight(coherence, looks, this == VAR ? varianceTable(looks) : null);
    }

    /** {@link #weight(float, int)} with the {@link #VAR} table already looked up (hot loops). */
    float weight(float coherence, int looks, double[] lut) {
        float c = Float.isNaN(coherence) || coherence < EPSILON ? EPSILON : coherence;
        switch (this) {
            case VAR: {
                double cmin = COH_STEP / 2, cmax = 1.0 - COH_STEP / 2;
                double cd = Math.min(Math.max(c, cmin), cmax);
                int idx = (int) ((cd - cmin) / COH_STEP);
                return (float) (1.0 / lut[idx]);
            }
            case FIM: {
                // Seymour & Cumming (1994): I = 2 L γ² / (1 − γ²), γ capped at 1 − 1e-3
                double g = Math.min((double) c, 1 - 1e-3);
                return (float) (2.0 * looks * g * g / (1 - g * g));
            }
            case COH:
                return c;
            default:
                return 1f;
        }
    }

    /**
     * Phase variance σ²_φ (rad²) of a distributed scatterer for the 200 coherence bin centres
     * 0.0025, 0.0075, …, 0.9975 (L capped at 80 as MintPy does).
     */
    public static double[] varianceTable(int looks) {
        int l = Math.min(Math.max(looks, 1), MAX_LOOKS);
        return VAR_TABLES.computeIfAbsent(l, WeightFunction::computeVarianceTable);
    }

    private static double[] computeVarianceTable(int looks) {
        int n = COH_BINS;
        double[] coh = new double[n];
        double step = (1.0 - COH_STEP) / (n - 1);
        for (int i = 0; i < n; i++) {
            coh[i] = (i == n - 1 ? 1.0 : COH_STEP + i * step) - COH_STEP / 2;
        }
        // the phase axis has as many samples as the table (MintPy phase_variance_ds: phi_num = len(coherence))
        double[] phi = new double[n];
        double pstep = 2 * Math.PI / (n - 1);
        for (int i = 0; i < n; i++) {
            phi[i] = i == n - 1 ? Math.PI : -Math.PI + i * pstep;
        }
        double dphi = 2 * Math.PI / n;
        double lf = looks;
        // Tough et al. (1995) eq. 66 / Hanssen (2001) eq. 4.2.23:
        // pdf(φ) = (1−γ²)^L/(2π) · { Γ(2L−1)/(Γ(L)² 2^{2(L−1)}) · [ (2L−1)β/(1−β²)^{L+1/2} (π/2 + asin β) + 1/(1−β²)^L ]
        //          + 1/(2(L−1)) Σ_{r=0}^{L−2} Γ(L−½)/Γ(L−½−r) · Γ(L−1−r)/Γ(L−1) · (1+(2r+1)β²)/(1−β²)^{r+2} },  β = γ cos φ
        double bCoef = Gamma.gamma(2 * lf - 1) / (Math.pow(Gamma.gamma(lf), 2) * Math.pow(2, 2 * (lf - 1)));
        double[] dCoef = new double[Math.max(looks - 1, 0)];
        for (int r = 0; r < looks - 1; r++) {
            dCoef[r] = Gamma.gamma(lf - 0.5) / Gamma.gamma(lf - 0.5 - r) * Gamma.gamma(lf - 1 - r) / Gamma.gamma(lf - 1);
        }
        double[] var = new double[n];
        double minPositive = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double g = coh[j];
            double a = Math.pow(1 - g * g, lf) / (2 * Math.PI);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double beta = g * Math.cos(phi[i]);
                double omb = 1 - beta * beta;
                double cc = (2 * lf - 1) * beta / Math.pow(omb, lf + 0.5) * (Math.PI / 2 + Math.asin(beta))
                        + 1 / Math.pow(omb, lf);
                double sumD = 0;
                if (looks > 1) {
                    for (int r = 0; r < looks - 1; r++) {
                        sumD += dCoef[r] * (1 + (2 * r + 1) * beta * beta) / Math.pow(omb, r + 2);
                    }
                    sumD /= 2 * (lf - 1);
                }
                double pdf = a * (bCoef * cc + sumD);
                sum += phi[i] * phi[i] * pdf * dphi; // rectangle rule, MintPy phase_variance_ds
            }
            var[j] = sum;
            if (sum > 0) {
                minPositive = Math.min(minPositive, sum);
            }
        }
        for (int j = 0; j < n; j++) {
            if (!(var[j] > 0)) {
                var[j] = Double.isInfinite(minPositive) ? Math.ulp(1.0) : minPositive;
            }
        }
        return var;
    }
}

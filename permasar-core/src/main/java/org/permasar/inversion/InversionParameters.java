package org.permasar.inversion;

/**
 * Settings of an SBAS time-series inversion. Immutable; validated on construction.
 *
 * @param method solver
 * @param weight coherence-to-weight function (ignored by {@link InversionMethod#L2}, which is unweighted)
 * @param looks number of independent looks L ≥ 1 used by {@link WeightFunction#VAR} and {@link WeightFunction#FIM}
 * @param rcond relative singular-value cut-off of the minimum-norm velocity solution (MintPy: 1e-5), in (0, 1)
 * @param l1Epsilon ε of the L1 IRLS weights 1/max(|r|, ε), radians, &gt; 0
 * @param l1MaxIterations IRLS iteration limit ≥ 1
 * @param l1Tolerance IRLS stops when no epoch moves by more than this (radians), &gt; 0
 * @param nsbasGamma weight γ of the NSBAS temporal-constraint rows relative to unit-weight data rows, &gt; 0
 * @param computeStd whether to fill {@link InversionResult#std()} (costs about one extra solve per epoch)
 */
public record InversionParameters(InversionMethod method, WeightFunction weight, int looks, double rcond,
                                  double l1Epsilon, int l1MaxIterations, double l1Tolerance,
                                  double nsbasGamma, boolean computeStd)
        implements java.io.Serializable {

    public InversionParameters {
        if (method == null || weight == null) {
            throw new IllegalArgumentException("method and weight are required, got " + method + ", " + weight);
        }
        if (looks < 1) {
            throw new IllegalArgumentException("looks must be >= 1, got " + looks);
        }
        if (!(rcond > 0 && rcond < 1)) {
            throw new IllegalArgumentException("rcond must be in (0,1), got " + rcond);
        }
        if (!(l1Epsilon > 0) || l1MaxIterations < 1 || !(l1Tolerance > 0)) {
            throw new IllegalArgumentException("L1 settings must be positive, got epsilon=" + l1Epsilon
                    + " maxIterations=" + l1MaxIterations + " tolerance=" + l1Tolerance);
        }
        if (!(nsbasGamma > 0) || Double.isInfinite(nsbasGamma)) {
            throw new IllegalArgumentException("nsbasGamma must be finite and > 0, got " + nsbasGamma);
        }
    }

    /**
     * Defaults for a method: WLS, Huber and Tukey use {@code var}, others {@code no}; L = 1; MintPy's rcond 1e-5;
     * L1 ε = 0.05 rad, 30 iterations, tolerance 0.05 rad (0.2 mm of C-band LOS, well below phase
     * noise; 0.01 rad costs about 1.4× more, measured with {@code permasar bench invert}; tighten
     * with {@link #withL1}; Huber and Tukey use the same iteration limit and tolerance); NSBAS γ = 0.01; no standard deviations.
     */
    public static InversionParameters of(InversionMethod method) {
        WeightFunction w = method == InversionMethod.WLS || method.isRobust() ? WeightFunction.VAR : WeightFunction.NO;
        return new InversionParameters(method, w, 1, 1e-5, 0.05, 30, 5e-2, 0.01, false);
    }

    /** Defaults for a method named on the command line ("l2", "wls", "l1", "nsbas", "svd"). */
    public static InversionParameters of(String methodName) {
        return of(InversionMethod.byName(methodName));
    }

    public InversionParameters withWeight(WeightFunction w) {
        return new InversionParameters(method, w, looks, rcond, l1Epsilon, l1MaxIterations, l1Tolerance, nsbasGamma, computeStd);
    }

    public InversionParameters withLooks(int l) {
        return new InversionParameters(method, weight, l, rcond, l1Epsilon, l1MaxIterations, l1Tolerance, nsbasGamma, computeStd);
    }

    public InversionParameters withComputeStd(boolean s) {
        return new InversionParameters(method, weight, looks, rcond, l1Epsilon, l1MaxIterations, l1Tolerance, nsbasGamma, s);
    }

    public InversionParameters withNsbasGamma(double g) {
        return new InversionParameters(method, weight, looks, rcond, l1Epsilon, l1MaxIterations, l1Tolerance, g, computeStd);
    }

    public InversionParameters withL1(double epsilon, int maxIterations, double tolerance) {
        return new InversionParameters(method, weight, looks, rcond, epsilon, maxIterations, tolerance, nsbasGamma, computeStd);
    }

    /** The weight function actually applied ({@link WeightFunction#NO} for plain L2). */
    public WeightFunction effectiveWeight() {
        return method == InversionMethod.L2 ? WeightFunction.NO : weight;
    }
}

package org.permasar.inversion;

import java.util.Locale;

/** The SBAS solvers, selectable by name on the command line. */
public enum InversionMethod {
    /** Unweighted least squares (Berardino et al. 2002); min-norm-velocity fallback per pixel when split. */
    L2,
    /** Weighted least squares with a coherence-based {@link WeightFunction} (MintPy {@code -w var}). */
    WLS,
    /** L1 norm by iteratively reweighted least squares (Lauknes et al. 2011). */
    L1,
    /** Least squares plus a temporal-model constraint (López-Quiroz et al. 2009; Doin et al. 2011). */
    NSBAS,
    /** Minimum-norm velocity by SVD for every pixel (Berardino et al. 2002, eq. 8–10). */
    SVD,
    /**
     * Robust weighted least squares: IRLS with Huber's loss (c = 2.0·σ̂) on top of the coherence
     * weights of {@link #WLS} (Huber 1981; Holland &amp; Welsch 1977); WLS when no residual is large.
     */
    HUBER,
    /** Robust weighted least squares with Tukey's biweight (c = 7.0·σ̂), started from the Huber solution. */
    TUKEY;

    /** Lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is one of the robust IRLS estimators ({@link #HUBER}, {@link #TUKEY}). */
    public boolean isRobust() {
        return this == HUBER || this == TUKEY;
    }

    /** Parses "l2", "wls", "l1", "nsbas", "svd", "huber" or "tukey" (case-insensitive); "robust" means huber. */
    public static InversionMethod byName(String name) {
        if (name != null && name.trim().equalsIgnoreCase("robust")) {
            return HUBER;
        }
        if (name != null) {
            for (InversionMethod m : values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown inversion method '" + name + "' (expected l2, wls, l1, nsbas, svd, huber, tukey or robust)");
    }
}

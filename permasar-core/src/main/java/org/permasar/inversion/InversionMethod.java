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
    SVD;

    /** Lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "l2", "wls", "l1", "nsbas" or "svd" (case-insensitive). */
    public static InversionMethod byName(String name) {
        if (name != null) {
            for (InversionMethod m : values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown inversion method '" + name + "' (expected l2, wls, l1, nsbas or svd)");
    }
}

package org.permasar.hydro;

/** How −dQ/dt = a·Q^b is fitted to a cloud of (Q, −dQ/dt) points. */
public enum FitMethod {
    /** Least squares of ln(−dQ/dt) = ln a + b·ln Q (Brutsaert &amp; Nieber 1977; Kirchner 2009). */
    OLS,
    /** Least squares of −dQ/dt − a·Q^b in linear space, Levenberg–Marquardt from the OLS solution. */
    NLS,
    /**
     * Lower envelope: linear quantile regression of ln(−dQ/dt) on ln Q at a low quantile τ (default
     * 0.05), the objective form of Brutsaert &amp; Nieber's lower envelope (Stoelzle et al. 2013;
     * Thomas et al. 2015).
     */
    QUANTILE;

    /** Lower-case name as used on the command line and in CSV files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

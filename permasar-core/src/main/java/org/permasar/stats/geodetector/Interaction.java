package org.permasar.stats.geodetector;

/**
 * The five kinds of interaction of two factors by the q of their overlay X1∩X2 (Wang et al. 2010, IJGIS 24:107,
 * Table 1; Wang &amp; Xu 2017, Acta Geogr. Sin. 72:116).
 */
public enum Interaction {
    /** q(X1∩X2) &lt; min(q(X1), q(X2)). */
    NONLINEAR_WEAKEN("nonlinear-weaken"),
    /** min(q(X1), q(X2)) ≤ q(X1∩X2) &lt; max(q(X1), q(X2)). */
    UNI_WEAKEN("uni-weaken"),
    /** max(q(X1), q(X2)) ≤ q(X1∩X2) &lt; q(X1) + q(X2). */
    BI_ENHANCE("bi-enhance"),
    /** q(X1∩X2) = q(X1) + q(X2) (within {@link #TOLERANCE}). */
    INDEPENDENT("independent"),
    /** q(X1∩X2) &gt; q(X1) + q(X2). */
    NONLINEAR_ENHANCE("nonlinear-enhance");

    /** Absolute tolerance of the equalities between q values (q is in 0…1). */
    public static final double TOLERANCE = 1e-12;

    private final String label;

    Interaction(String label) {
        this.label = label;
    }

    /** The name written in tables, e.g. "bi-enhance". */
    public String label() {
        return label;
    }

    /** The class of q12 = q(X1∩X2) against q1 = q(X1) and q2 = q(X2); null if any is NaN. */
    public static Interaction classify(double q1, double q2, double q12) {
        if (Double.isNaN(q1) || Double.isNaN(q2) || Double.isNaN(q12)) {
            return null;
        }
        double lo = Math.min(q1, q2), hi = Math.max(q1, q2), sum = q1 + q2;
        if (Math.abs(q12 - sum) <= TOLERANCE) {
            return INDEPENDENT;
        }
        if (q12 > sum) {
            return NONLINEAR_ENHANCE;
        }
        if (q12 >= hi - TOLERANCE) {
            return BI_ENHANCE;
        }
        if (q12 >= lo - TOLERANCE) {
            return UNI_WEAKEN;
        }
        return NONLINEAR_WEAKEN;
    }
}

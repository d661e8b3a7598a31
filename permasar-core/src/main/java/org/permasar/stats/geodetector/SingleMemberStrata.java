package org.permasar.stats.geodetector;

/**
 * What the detector does with strata that hold a single observation. The two R implementations differ here
 * (see {@code shared/data/geodetector/README.md}), which changes p-values and interaction q in the 3rd–5th digit;
 * every output names the convention used.
 */
public enum SingleMemberStrata {
    /**
     * R package {@code geodetector} (Wang &amp; Xu): single-member strata are kept (they contribute zero to the
     * within-strata sum of squares and count in L), and the noncentrality λ divides by the sample variance
     * (n − 1) of Y. The default; reproduces the package's vignette.
     */
    KEEP("keep (R geodetector: single-member strata kept, sample variance in lambda)"),
    /**
     * R package {@code GD} (Song et al.): strata with one member are dropped together with their observations
     * before q, L and N are computed, and λ divides by the population variance (n) of Y.
     */
    DROP("drop (R GD: single-member strata dropped, population variance in lambda)");

    private final String description;

    SingleMemberStrata(String description) {
        this.description = description;
    }

    /** One line naming the convention, written into every output table. */
    public String description() {
        return description;
    }
}

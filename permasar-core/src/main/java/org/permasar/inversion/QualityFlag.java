package org.permasar.inversion;

/**
 * Per-pixel outcome of a time-series inversion, stored as one byte per pixel ({@link #code()}).
 * Pixels flagged {@link #ALL_NAN}, {@link #TOO_FEW_PAIRS} or {@link #SINGULAR} carry NaN in
 * every output; {@link #MIN_NORM_VELOCITY} and {@link #NOT_CONVERGED} carry a usable but
 * qualified estimate.
 */
public enum QualityFlag {
    /** Solved with a full-rank system. */
    OK,
    /** Every pair is NaN or masked at this pixel. */
    ALL_NAN,
    /**
     * Some date other than the reference date has no valid pair (MintPy's minimum-redundancy
     * test, {@code ifgram_inversion.estimate_timeseries}, check 1), or fewer valid pairs than needed.
     */
    TOO_FEW_PAIRS,
    /** The normal matrix could not be factorised and no fallback applied. */
    SINGULAR,
    /**
     * The valid pairs split the dates into disconnected subsets; the estimate is the minimum-norm
     * velocity solution (Berardino et al. 2002, §III), continuous but with unresolved offsets.
     */
    MIN_NORM_VELOCITY,
    /** The iterative L1 solver reached its iteration limit; the last iterate is reported. */
    NOT_CONVERGED;

    private static final QualityFlag[] VALUES = values();

    /** Byte code stored in {@link InversionResult#flag()} arrays. */
    public byte code() {
        return (byte) ordinal();
    }

    /** Inverse of {@link #code()}. */
    public static QualityFlag of(byte code) {
        if (code < 0 || code >= VALUES.length) {
            throw new IllegalArgumentException("unknown quality flag code " + code);
        }
        return VALUES[code];
    }
}

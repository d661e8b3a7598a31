package org.permasar.backscatter;

/**
 * Settings of incidence-angle normalisation ({@link IncidenceNormalization}). Immutable; validated here.
 *
 * @param referenceAngle θ_ref, degrees, in (0, 90): every image is normalised to it
 * @param pairOffsets    fit one constant r̄ per ascending/descending pair (a calibration offset or a
 *                       surface change between the passes) besides the slope
 * @param seasonal       add an annual harmonic of the day of year to the slope when the pairs fall on at
 *                       least three distinct days
 */
public record NormalizationParameters(double referenceAngle, boolean pairOffsets, boolean seasonal) {
    /** θ_ref 35°, pair offsets fitted, seasonal terms when the dates allow. */
    public static final NormalizationParameters DEFAULTS = new NormalizationParameters(35, true, true);

    public NormalizationParameters {
        if (!(referenceAngle > 0 && referenceAngle < 90)) {
            throw new IllegalArgumentException("reference angle must be in (0, 90) degrees, got " + referenceAngle);
        }
    }
}

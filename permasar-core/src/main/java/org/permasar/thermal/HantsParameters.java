package org.permasar.thermal;

/**
 * Settings of the HANTS gap filler (Roerink, Menenti &amp; Verhoef 2000, "Reconstructing cloudfree
 * NDVI composites using Fourier analysis of time series", IJRS 21(9)).
 *
 * @param basePeriodDays     period of the fundamental frequency, days (365 for one-year LST series), &gt; 0
 * @param frequencies        number of harmonics 1..frequencies of the base period (0 = mean only), 0..50
 * @param validLow           values below are invalid before fitting (°C), e.g. −60
 * @param validHigh          values above are invalid before fitting (°C), e.g. 70; must exceed validLow
 * @param fitErrorTolerance  FET: points deviating more than this from the curve (°C), in the rejection
 *                           direction, are rejected one by one; &gt; 0
 * @param overdetermination  DOD: extra points kept beyond the 2·frequencies + 1 unknowns, ≥ 0
 * @param rejection          which side of the curve is rejected (LOW for cloud-cooled LST)
 * @param maxIterations      upper bound on rejection iterations, ≥ 1
 */
public record HantsParameters(double basePeriodDays, int frequencies, double validLow, double validHigh,
                              double fitErrorTolerance, int overdetermination, Rejection rejection,
                              int maxIterations) implements java.io.Serializable {

    /** Side of the curve on which outliers are rejected. */
    public enum Rejection { LOW, HIGH, BOTH, NONE }

    public HantsParameters {
        if (!(basePeriodDays > 0) || frequencies < 0 || frequencies > 50 || !(validHigh > validLow)
                || !(fitErrorTolerance > 0) || overdetermination < 0 || rejection == null || maxIterations < 1) {
            throw new IllegalArgumentException("invalid HANTS parameters: basePeriodDays=" + basePeriodDays
                    + " frequencies=" + frequencies + " valid=[" + validLow + ", " + validHigh + "] FET="
                    + fitErrorTolerance + " DOD=" + overdetermination + " rejection=" + rejection
                    + " maxIterations=" + maxIterations);
        }
    }

    /** One-year LST defaults: 3 harmonics of 365 days, valid −60…70 °C, FET 5 °C, DOD 5, reject low values. */
    public static HantsParameters lstDefaults() {
        return new HantsParameters(365, 3, -60, 70, 5, 5, Rejection.LOW, 100);
    }

    /** Copy with another number of harmonics. */
    public HantsParameters withFrequencies(int f) {
        return new HantsParameters(basePeriodDays, f, validLow, validHigh, fitErrorTolerance, overdetermination,
                rejection, maxIterations);
    }

    /** Copy with another base period (days). */
    public HantsParameters withBasePeriodDays(double days) {
        return new HantsParameters(days, frequencies, validLow, validHigh, fitErrorTolerance, overdetermination,
                rejection, maxIterations);
    }

    /** Number of unknowns of the harmonic fit, 2·frequencies + 1. */
    public int unknowns() {
        return 2 * frequencies + 1;
    }
}

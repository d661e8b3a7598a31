package org.permasar.geometry;

/**
 * Thresholds of the ascending/descending direction classes (seed 002 Table 1, SCIENCE.md §5).
 * Immutable.
 *
 * @param rateTolerance      largest | |v_a| − |v_d| | of "similar" secular rates, m/yr (default 0.005)
 * @param amplitudeTolerance largest |A_a − A_d| of "similar" seasonal amplitudes, m (default 0.005)
 * @param inPhaseDays        largest circular timing difference counted as in phase, days (default 30)
 * @param antiPhaseDays      centre of the anti-phase window, days (default 180)
 * @param antiPhaseTolerance half width of the anti-phase window, days (default 30)
 * @param stableSigmas       k of the stable test: a value within k·σ of zero on both tracks is not significant,
 *                           finite, ≥ 0 (default 2; SCIENCE.md §5)
 */
public record DirectionThresholds(double rateTolerance, double amplitudeTolerance, double inPhaseDays,
                                  double antiPhaseDays, double antiPhaseTolerance, double stableSigmas) {
    /** The paper's values: 5 mm/yr, 5 mm, ±30 days, 180 ± 30 days; stable within 2σ (SCIENCE.md §5). */
    public static final DirectionThresholds DEFAULT = new DirectionThresholds(0.005, 0.005, 30, 180, 30, 2);

    public DirectionThresholds {
        if (!(rateTolerance >= 0) || !(amplitudeTolerance >= 0) || !(inPhaseDays >= 0)
                || !(antiPhaseTolerance >= 0) || !(antiPhaseDays > 0 && antiPhaseDays <= 182.625)) {
            throw new IllegalArgumentException("invalid thresholds: rate " + rateTolerance + " m/yr, amplitude "
                    + amplitudeTolerance + " m, in-phase " + inPhaseDays + " d, anti-phase " + antiPhaseDays
                    + " ± " + antiPhaseTolerance + " d");
        }
        if (inPhaseDays >= antiPhaseDays - antiPhaseTolerance) {
            throw new IllegalArgumentException("in-phase window " + inPhaseDays + " d overlaps anti-phase window "
                    + antiPhaseDays + " ± " + antiPhaseTolerance + " d");
        }
        if (!(stableSigmas >= 0) || Double.isInfinite(stableSigmas)) {
            throw new IllegalArgumentException("stable test: k must be finite and ≥ 0, got " + stableSigmas);
        }
    }

    public DirectionThresholds withRateTolerance(double v) {
        return new DirectionThresholds(v, amplitudeTolerance, inPhaseDays, antiPhaseDays, antiPhaseTolerance,
                stableSigmas);
    }

    public DirectionThresholds withAmplitudeTolerance(double v) {
        return new DirectionThresholds(rateTolerance, v, inPhaseDays, antiPhaseDays, antiPhaseTolerance, stableSigmas);
    }

    public DirectionThresholds withStableSigmas(double k) {
        return new DirectionThresholds(rateTolerance, amplitudeTolerance, inPhaseDays, antiPhaseDays, antiPhaseTolerance,
                k);
    }
}

package org.permasar.offset;

/**
 * Sub-pixel estimators of a correlation peak from the peak value c₀ and its two neighbours c₋, c₊
 * along one axis (applied separately to rows and columns).
 */
public enum PeakFit {
    /**
     * Three-point Gaussian fit: δ = (ln c₋ − ln c₊) / (2 (ln c₋ − 2 ln c₀ + ln c₊)) (Willert &amp; Gharib
     * 1991, Exp. Fluids 10, eq. 8). Exact for a Gaussian-shaped peak, as the correlation of a smooth
     * (band-limited) texture is; falls back to {@link #PARABOLIC} when a value is ≤ 0.
     */
    GAUSSIAN,
    /** Three-point parabola: δ = (c₋ − c₊) / (2 (c₋ − 2 c₀ + c₊)); biased towards integers ("peak locking"). */
    PARABOLIC;

    /**
     * Sub-pixel position of the peak relative to the centre sample, in (−0.5, 0.5) for a true
     * maximum; 0 when the three values do not curve downwards.
     */
    public double delta(double cm, double c0, double cp) {
        if (this == GAUSSIAN && cm > 0 && c0 > 0 && cp > 0) {
            double lm = Math.log(cm), l0 = Math.log(c0), lp = Math.log(cp);
            double den = lm - 2 * l0 + lp;
            if (den < 0) {
                return clamp((lm - lp) / (2 * den));
            }
        }
        double den = cm - 2 * c0 + cp;
        return den < 0 ? clamp((cm - cp) / (2 * den)) : 0;
    }

    private static double clamp(double d) {
        return Math.max(-0.5, Math.min(0.5, d));
    }
}

package org.permasar.geometry;

/**
 * Direction of motion implied by comparing ascending and descending LOS results pixel by pixel
 * (Seed 002, Table 1; SCIENCE.md §5). Class codes: {@link #NO_DATA} 0, {@link #VERTICAL} 1,
 * {@link #EAST_WEST} 2, {@link #UNDETERMINED} 3, {@link #STABLE} 4.
 *
 * <ul>
 * <li>Stable / not significant (SCIENCE.md §5, tested first): the value x of both tracks (LOS rate, or
 *     peak-to-trough seasonal amplitude) lies within k·σ of zero, |x_a| ≤ k·σ_a and |x_d| ≤ k·σ_d (boundary
 *     included), with σ the one-sigma propagated by the fit and k = {@link DirectionThresholds#stableSigmas()}.
 *     The paper's table has no such class: without it motionless ground is classed by its noise.</li>
 * <li>Secular rates: similar magnitude (| |v_a| − |v_d| | ≤ tol, boundary included) and same sign
 *     (v_a·v_d ≥ 0, so a zero rate counts as same sign) → vertical; similar magnitude, opposite sign →
 *     east–west; different magnitude → undetermined.</li>
 * <li>Seasonal: similar amplitude (|A_a − A_d| ≤ tol) and circular timing difference Δ ≤ inPhaseDays →
 *     vertical; similar amplitude and |Δ − antiPhaseDays| ≤ antiPhaseTolerance → east–west; otherwise
 *     undetermined. Δ is the circular difference of the two days of year on a 365.25-day year, in
 *     [0, 182.625].</li>
 * </ul>
 * The inputs must be on one grid (see {@link GridResampler}). NaN policy: a NaN value (rate, amplitude or
 * timing) → class 0. A NaN σ (or a negative one, or no σ at all: the overloads without σ) means the value
 * cannot be shown insignificant on that track, so the pixel is <em>not</em> stable and the direction rule
 * above classes it as the paper does; an infinite σ makes any finite value insignificant. Stateless.
 */
public final class DirectionClassifier {
    public static final byte NO_DATA = 0;
    public static final byte VERTICAL = 1;
    public static final byte EAST_WEST = 2;
    public static final byte UNDETERMINED = 3;
    public static final byte STABLE = 4;
    /** Number of class codes, 0 … {@link #STABLE}. */
    public static final int CLASSES = 5;

    private DirectionClassifier() {
    }

    /**
     * Whether both tracks' values are within k·σ of zero (SCIENCE.md §5): |x_a| ≤ k·σ_a and |x_d| ≤ k·σ_d.
     * False when a σ is NaN or negative (significance unknown); NaN values are the caller's to exclude.
     */
    public static boolean stable(double xAsc, double sAsc, double xDesc, double sDesc, double k) {
        return Math.abs(xAsc) <= k * sAsc && Math.abs(xDesc) <= k * sDesc; // NaN σ: comparison false
    }

    /** Secular-rate class of one pixel without σ (never {@link #STABLE}); rates in m/yr. */
    public static byte secular(double vAsc, double vDesc, DirectionThresholds t) {
        return secular(vAsc, Double.NaN, vDesc, Double.NaN, t);
    }

    /**
     * Secular-rate class of one pixel; rates and their one-sigma (velocityStd) in m/yr. {@link #STABLE} when both
     * rates are within k·σ of zero.
     */
    public static byte secular(double vAsc, double sAsc, double vDesc, double sDesc, DirectionThresholds t) {
        if (Double.isNaN(vAsc) || Double.isNaN(vDesc)) {
            return NO_DATA;
        }
        if (stable(vAsc, sAsc, vDesc, sDesc, t.stableSigmas())) {
            return STABLE;
        }
        if (Math.abs(Math.abs(vAsc) - Math.abs(vDesc)) > t.rateTolerance()) {
            return UNDETERMINED;
        }
        return vAsc * vDesc >= 0 ? VERTICAL : EAST_WEST;
    }

    /** Seasonal class of one pixel without σ (never {@link #STABLE}); amplitudes in m, timings as day of year. */
    public static byte seasonal(double ampAsc, double dayAsc, double ampDesc, double dayDesc, DirectionThresholds t) {
        return seasonal(ampAsc, Double.NaN, dayAsc, ampDesc, Double.NaN, dayDesc, t);
    }

    /**
     * Seasonal class of one pixel; peak-to-trough amplitudes and their one-sigma in m, timings as day of year.
     * {@link #STABLE} when both amplitudes are within k·σ of zero (then the timings, meaningless, are not compared).
     */
    public static byte seasonal(double ampAsc, double sAsc, double dayAsc, double ampDesc, double sDesc, double dayDesc,
                                DirectionThresholds t) {
        if (Double.isNaN(ampAsc) || Double.isNaN(ampDesc) || Double.isNaN(dayAsc) || Double.isNaN(dayDesc)) {
            return NO_DATA;
        }
        if (stable(ampAsc, sAsc, ampDesc, sDesc, t.stableSigmas())) {
            return STABLE;
        }
        if (Math.abs(ampAsc - ampDesc) > t.amplitudeTolerance()) {
            return UNDETERMINED;
        }
        double d = circularDayDifference(dayAsc, dayDesc);
        if (d <= t.inPhaseDays()) {
            return VERTICAL;
        }
        return Math.abs(d - t.antiPhaseDays()) <= t.antiPhaseTolerance() ? EAST_WEST : UNDETERMINED;
    }

    /** Circular difference of two days of year on a 365.25-day year, in [0, 182.625] days. */
    public static double circularDayDifference(double day1, double day2) {
        double y = AscDescDecomposition.YEAR_DAYS;
        double d = Math.abs(day1 - day2) % y;
        return d > y / 2 ? y - d : d;
    }

    /** Whole raster of secular classes without σ (never {@link #STABLE}); rates in m/yr. */
    public static byte[] secular(float[] vAsc, float[] vDesc, DirectionThresholds t) {
        return secular(vAsc, null, vDesc, null, t);
    }

    /**
     * Whole raster of secular classes; rates and one-sigma in m/yr. {@code sAsc} and {@code sDesc} may both be null
     * (no σ: no pixel is stable).
     */
    public static byte[] secular(float[] vAsc, float[] sAsc, float[] vDesc, float[] sDesc, DirectionThresholds t) {
        same(vAsc.length, vDesc.length);
        sigmas(vAsc.length, sAsc, sDesc);
        byte[] out = new byte[vAsc.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = secular(vAsc[k], sAsc == null ? Double.NaN : sAsc[k], vDesc[k],
                    sDesc == null ? Double.NaN : sDesc[k], t);
        }
        return out;
    }

    /** Whole raster of seasonal classes without σ (never {@link #STABLE}); amplitudes in m, timings as day of year. */
    public static byte[] seasonal(float[] ampAsc, float[] dayAsc, float[] ampDesc, float[] dayDesc,
                                  DirectionThresholds t) {
        return seasonal(ampAsc, null, dayAsc, ampDesc, null, dayDesc, t);
    }

    /**
     * Whole raster of seasonal classes; amplitudes and one-sigma in m, timings as day of year. {@code sAsc} and
     * {@code sDesc} may both be null (no σ: no pixel is stable).
     */
    public static byte[] seasonal(float[] ampAsc, float[] sAsc, float[] dayAsc, float[] ampDesc, float[] sDesc,
                                  float[] dayDesc, DirectionThresholds t) {
        same(ampAsc.length, dayAsc.length);
        same(ampAsc.length, ampDesc.length);
        same(ampAsc.length, dayDesc.length);
        sigmas(ampAsc.length, sAsc, sDesc);
        byte[] out = new byte[ampAsc.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = seasonal(ampAsc[k], sAsc == null ? Double.NaN : sAsc[k], dayAsc[k], ampDesc[k],
                    sDesc == null ? Double.NaN : sDesc[k], dayDesc[k], t);
        }
        return out;
    }

    private static void sigmas(int n, float[] sAsc, float[] sDesc) {
        if ((sAsc == null) != (sDesc == null)) {
            throw new IllegalArgumentException("σ given for one track only: give both or neither");
        }
        if (sAsc != null) {
            same(n, sAsc.length);
            same(n, sDesc.length);
        }
    }

    private static void same(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("array lengths differ: " + a + " vs " + b);
        }
    }
}

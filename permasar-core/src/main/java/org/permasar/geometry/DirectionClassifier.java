package org.permasar.geometry;

/**
 * Direction of motion implied by comparing ascending and descending LOS results pixel by pixel
 * (Seed 002, Table 1; SCIENCE.md §5). Class codes: {@link #NO_DATA} 0, {@link #VERTICAL} 1,
 * {@link #EAST_WEST} 2, {@link #UNDETERMINED} 3.
 *
 * <ul>
 * <li>Secular rates: similar magnitude (| |v_a| − |v_d| | ≤ tol, boundary included) and same sign
 *     (v_a·v_d ≥ 0, so a zero rate counts as same sign) → vertical; similar magnitude, opposite sign →
 *     east–west; different magnitude → undetermined.</li>
 * <li>Seasonal: similar amplitude (|A_a − A_d| ≤ tol) and circular timing difference Δ ≤ inPhaseDays →
 *     vertical; similar amplitude and |Δ − antiPhaseDays| ≤ antiPhaseTolerance → east–west; otherwise
 *     undetermined. Δ is the circular difference of the two days of year on a 365.25-day year, in
 *     [0, 182.625].</li>
 * </ul>
 * The inputs must be on one grid (see {@link GridResampler}). Any NaN input → class 0. Stateless.
 */
public final class DirectionClassifier {
    public static final byte NO_DATA = 0;
    public static final byte VERTICAL = 1;
    public static final byte EAST_WEST = 2;
    public static final byte UNDETERMINED = 3;

    private DirectionClassifier() {
    }

    /** Secular-rate class of one pixel; rates in m/yr. */
    public static byte secular(double vAsc, double vDesc, DirectionThresholds t) {
        if (Double.isNaN(vAsc) || Double.isNaN(vDesc)) {
            return NO_DATA;
        }
        if (Math.abs(Math.abs(vAsc) - Math.abs(vDesc)) > t.rateTolerance()) {
            return UNDETERMINED;
        }
        return vAsc * vDesc >= 0 ? VERTICAL : EAST_WEST;
    }

    /** Seasonal class of one pixel; amplitudes in m, timings as day of year. */
    public static byte seasonal(double ampAsc, double dayAsc, double ampDesc, double dayDesc, DirectionThresholds t) {
        if (Double.isNaN(ampAsc) || Double.isNaN(ampDesc) || Double.isNaN(dayAsc) || Double.isNaN(dayDesc)) {
            return NO_DATA;
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

    /** Whole raster of secular classes; rates in m/yr. */
    public static byte[] secular(float[] vAsc, float[] vDesc, DirectionThresholds t) {
        same(vAsc.length, vDesc.length);
        byte[] out = new byte[vAsc.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = secular(vAsc[k], vDesc[k], t);
        }
        return out;
    }

    /** Whole raster of seasonal classes; amplitudes in m, timings as day of year. */
    public static byte[] seasonal(float[] ampAsc, float[] dayAsc, float[] ampDesc, float[] dayDesc,
                                  DirectionThresholds t) {
        same(ampAsc.length, dayAsc.length);
        same(ampAsc.length, ampDesc.length);
        same(ampAsc.length, dayDesc.length);
        byte[] out = new byte[ampAsc.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = seasonal(ampAsc[k], dayAsc[k], ampDesc[k], dayDesc[k], t);
        }
        return out;
    }

    private static void same(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("array lengths differ: " + a + " vs " + b);
        }
    }
}

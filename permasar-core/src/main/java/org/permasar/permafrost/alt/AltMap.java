package org.permasar.permafrost.alt;

/**
 * A whole-raster ALT result: thickness, its one-sigma uncertainty and a quality flag per pixel.
 * Arrays are owned by the record, not copied; treat as read-only.
 *
 * @param alt   active-layer thickness, m; NaN where unsolved
 * @param sigma one-sigma uncertainty of {@code alt} propagated from the amplitude's std, m; NaN when unknown
 * @param flag  {@link #OK}, {@link #NO_DATA} (NaN input), {@link #INVALID_INPUT} (negative amplitude,
 *              n ≥ N, moisture ≤ 0, …) or {@link #NO_SOLUTION} (the model cannot reach the observed value)
 */
public record AltMap(float[] alt, float[] sigma, byte[] flag) {
    public static final byte OK = 0;
    public static final byte NO_DATA = 1;
    public static final byte INVALID_INPUT = 2;
    public static final byte NO_SOLUTION = 3;

    public AltMap {
        if (alt.length != sigma.length || alt.length != flag.length) {
            throw new IllegalArgumentException("lengths differ: alt " + alt.length + ", sigma " + sigma.length
                    + ", flag " + flag.length);
        }
    }

    /** An all-NaN map of {@code n} pixels, flags initialised to NO_DATA. */
    static AltMap empty(int n) {
        float[] a = new float[n];
        float[] s = new float[n];
        byte[] f = new byte[n];
        java.util.Arrays.fill(a, Float.NaN);
        java.util.Arrays.fill(s, Float.NaN);
        java.util.Arrays.fill(f, NO_DATA);
        return new AltMap(a, s, f);
    }
}

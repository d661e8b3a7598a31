package org.permasar.geometry;

/**
 * Result of an ascending + descending decomposition on one grid: east and up components
 * (same unit as the LOS inputs) and a quality flag per pixel. Arrays are owned by the record
 * (not copied); treat as read-only.
 *
 * @param east  east component, positive east; NaN where unsolved
 * @param up    vertical component, positive up; NaN where unsolved
 * @param flag  {@link #OK}, {@link #NO_DATA} (a NaN input) or {@link #SINGULAR} (near-parallel geometry)
 */
public record EastUp(float[] east, float[] up, byte[] flag) {
    public static final byte OK = 0;
    public static final byte NO_DATA = 1;
    public static final byte SINGULAR = 2;

    public EastUp {
        if (east.length != up.length || east.length != flag.length) {
            throw new IllegalArgumentException("lengths differ: east " + east.length + ", up " + up.length
                    + ", flag " + flag.length);
        }
    }
}

package org.permasar.sim;

/**
 * Land-cover classes of a simulated scene, stored per pixel as {@link #code()} in
 * {@link SceneTruth#regions()}.
 */
public enum Region {
    /** Ice-rich permafrost: secular subsidence plus freeze–thaw seasonality (PECM with d ≠ 0). */
    SEASONAL(0),
    /** Bedrock ridge: no freeze–thaw deformation (v = d = 0), highest coherence. */
    NON_SEASONAL(1),
    /** Hillside creeping east–west (horizontal motion only, v = d = 0). */
    SLOPE(2),
    /** Lake: water mask, coherence ≈ 0.1, random phase, connectComponent 0, truth NaN. */
    LAKE(3),
    /** Thaw-subsidence patch: seasonal permafrost with strong extra secular subsidence. */
    SUBSIDENCE_PATCH(4);

    private final int code;

    Region(int code) {
        this.code = code;
    }

    /** The integer stored in the region map. */
    public int code() {
        return code;
    }

    /** The region of a stored code; IllegalArgumentException for an unknown code. */
    public static Region of(int code) {
        for (Region r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown region code " + code + " (expected 0 … 4)");
    }

    /** True for classes with freeze–thaw seasonal deformation. */
    public boolean isSeasonal() {
        return this == SEASONAL || this == SUBSIDENCE_PATCH;
    }
}

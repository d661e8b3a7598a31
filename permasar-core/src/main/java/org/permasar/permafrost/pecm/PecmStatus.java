package org.permasar.permafrost.pecm;

/** Per-pixel quality codes of the PECM chain (0 = solved); a failed pixel's outputs are NaN. */
public final class PecmStatus {

    /** Solved. */
    public static final byte OK = 0;
    /** No valid daily temperature at all. */
    public static final byte NO_VALID_LST = 1;
    /** No thaw onset (NaN) for the pixel. */
    public static final byte NO_THAW = 2;
    /** No freeze onset, freeze not after thaw, or a complete year without freezing degree-days. */
    public static final byte NO_FREEZE = 3;
    /** A SAR date precedes the pixel's first thaw onset in the temperature series, or follows its end. */
    public static final byte DATES_OUTSIDE_LST = 4;
    /** Fewer than 3 valid displacement dates besides the reference (no degree of freedom left). */
    public static final byte TOO_SHORT = 5;
    /** The valid dates leave the 2×2 normal matrix singular (L and I collinear). */
    public static final byte SINGULAR = 6;
    /** A missing daily temperature inside a permafrost year used by a SAR date. */
    public static final byte LST_GAP = 7;
    /** The reference-date displacement is NaN. */
    public static final byte NO_REFERENCE = 8;

    private PecmStatus() {
    }

    /** Human-readable meaning of a code. */
    public static String describe(byte code) {
        return switch (code) {
            case OK -> "ok";
            case NO_VALID_LST -> "no valid land-surface temperature";
            case NO_THAW -> "no thaw onset";
            case NO_FREEZE -> "no freeze onset";
            case DATES_OUTSIDE_LST -> "SAR dates outside the temperature period";
            case TOO_SHORT -> "too few valid dates";
            case SINGULAR -> "L and I collinear";
            case LST_GAP -> "gap in the daily temperature";
            case NO_REFERENCE -> "reference date missing";
            default -> "unknown code " + code;
        };
    }
}

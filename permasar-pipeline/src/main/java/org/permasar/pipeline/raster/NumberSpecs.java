package org.permasar.pipeline.raster;

import java.util.function.DoublePredicate;

/**
 * Range checks of "spec" values, which are either a number or a raster ({@code file.tif},
 * {@code file.h5:dataset}; see {@link ProductRasters#numberOrRaster}). A number outside its
 * physical range would turn every pixel into NaN; the parameter records refuse it on
 * construction, with the option and the value in the message. A raster is checked pixel by pixel
 * by the kernels (NaN plus a flag for a pixel out of range). Stateless.
 */
public final class NumberSpecs {
    private NumberSpecs() {
    }

    /** The spec as a number, or null when it is null or not a number (then it names a raster). */
    public static Double number(String spec) {
        if (spec == null) {
            return null;
        }
        try {
            return Double.parseDouble(spec.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * When {@code spec} is a number, requires {@code valid} of it (NaN and infinities are refused too).
     *
     * @param option the option named in the message, e.g. {@code --kappa}
     * @param rule   the valid range in words, e.g. {@code "> 0 W/(m·K)"}
     * @throws IllegalArgumentException "OPTION must be RULE, got SPEC"
     */
    public static void require(String spec, String option, DoublePredicate valid, String rule) {
        Double v = number(spec);
        if (v != null && !(Double.isFinite(v) && valid.test(v))) {
            throw new IllegalArgumentException(option + " must be " + rule + ", got " + spec.trim());
        }
    }

    /** {@code x > 0}. */
    public static boolean positive(double x) {
        return x > 0;
    }

    /** {@code x ≥ 0}. */
    public static boolean nonNegative(double x) {
        return x >= 0;
    }

    /** {@code 0 ≤ x ≤ 1}. */
    public static boolean fraction(double x) {
        return x >= 0 && x <= 1;
    }

    /** {@code 0 < x ≤ 1}: a water content that can be divided by. */
    public static boolean positiveFraction(double x) {
        return x > 0 && x <= 1;
    }
}

package org.permasar.inversion;

/**
 * Unwrapped phase ↔ line-of-sight displacement, MintPy's sign convention (SCIENCE.md):
 * d_LOS = −λ/(4π)·φ, positive towards the satellite. In-place on flat arrays; NaN stays NaN.
 */
public final class PhaseConversion {
    private PhaseConversion() {
    }

    /** Factor from radians to metres: −λ/(4π). */
    public static double phaseToRange(double wavelengthMetres) {
        if (!(wavelengthMetres > 0) || Double.isInfinite(wavelengthMetres)) {
            throw new IllegalArgumentException("wavelength must be finite and > 0 m, got " + wavelengthMetres);
        }
        return -wavelengthMetres / (4 * Math.PI);
    }

    /** Converts phase (rad) to LOS displacement (m) in place. */
    public static void toMetres(float[] phase, double wavelengthMetres) {
        double f = phaseToRange(wavelengthMetres);
        for (int i = 0; i < phase.length; i++) {
            phase[i] = (float) (phase[i] * f);
        }
    }

    /** Converts LOS displacement (m) to phase (rad) in place. */
    public static void toRadians(float[] metres, double wavelengthMetres) {
        double f = 1 / phaseToRange(wavelengthMetres);
        for (int i = 0; i < metres.length; i++) {
            metres[i] = (float) (metres[i] * f);
        }
    }
}

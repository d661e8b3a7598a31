package org.permasar.unwrap;

/**
 * Closure phase of interferogram triplets and its integer ambiguity, on layer-major blocks
 * ({@code phase[pair*pixelCount + p]}, unwrapped phase in radians referenced to one pixel).
 *
 * <p>For triplet q with pairs (t1,t2), (t2,t3), (t1,t3) the closure phase is
 * Φ = φ_{12} + φ_{23} − φ_{13} and its integer ambiguity
 * C_int = round((Φ − wrap(Φ)) / 2π), wrap(x) = −π + ((x + π) mod 2π) into [−π, π)
 * (Yunjun et al. 2019, eq. 8–9, and T_int inline; MintPy 1.5.1
 * {@code calc_num_triplet_with_nonzero_integer_ambiguity}). Decorrelation noise leaves C_int = 0
 * as long as |Φ| &lt; π; a 2π·n unwrapping error in one pair makes C_int = ±n in every triplet of
 * that pair.
 *
 * <p>NaN policy: a triplet with a NaN phase in any of its pairs has no closure (it is neither
 * counted nor used); MintPy counts it as non-zero. A pixel with no complete triplet gets NaN in
 * {@link #countNonzeroIntegerAmbiguity}. Arithmetic in float, as MintPy's float32 stack.
 *
 * <p>Stateless and thread-safe.
 */
public final class PhaseClosure {
    /** Marks a triplet without closure (a NaN phase) in {@link #closureIntegers}. */
    public static final int NO_CLOSURE = Integer.MIN_VALUE;
    private static final float TWO_PI = (float) (2 * Math.PI);
    private static final float PI = (float) Math.PI;

    private PhaseClosure() {
    }

    /** Integer ambiguity of one closure phase Φ (rad): round((Φ − wrap(Φ)) / 2π); {@link #NO_CLOSURE} for NaN. */
    public static int closureInteger(float closure) {
        if (Float.isNaN(closure)) {
            return NO_CLOSURE;
        }
        // wrap(x) = −π + ((x + π) mod 2π), the modulo non-negative as in numpy (Yunjun et al. 2019, eq. 9)
        float wrapped = -PI + positiveMod2Pi(closure + PI);
        return (int) Math.rint((closure - wrapped) / TWO_PI);
    }

    /**
     * True when Φ + π lies in [0, 2π) (float): then wrap(Φ) = −π + (Φ + π) is Φ up to the rounding of two additions,
     * a few ulps of π, so the integer ambiguity round((Φ − wrap(Φ))/2π) is 0 without computing it — the test that
     * the closures of decorrelation noise need (PhaseClosureWrapTest checks it against the full formula).
     */
    public static boolean wrapsToItself(float closure) {
        float a = closure + PI;
        return a >= 0 && a < TWO_PI;
    }

    /**
     * x mod 2π into [0, 2π) (float): x itself where it already lies there — the remainder of x by a larger divisor is
     * x exactly, so this skips the slow float remainder for the closures of decorrelation noise without changing a
     * bit — else {@code x % 2π}, moved up by 2π when negative. NaN gives NaN.
     */
    public static float positiveMod2Pi(float x) {
        if (x >= 0 && x < TWO_PI) {
            return x;
        }
        float r = x % TWO_PI;
        return r < 0 ? r + TWO_PI : r;
    }

    /** Closure phase Φ_q = φ_12 + φ_23 − φ_13 of triplet q at pixel p (rad, NaN when a pair is NaN). */
    public static float closurePhase(float[] phase, int pixelCount, Triplets t, int q, int p) {
        return phase[t.pair12(q) * pixelCount + p] + phase[t.pair23(q) * pixelCount + p]
                - phase[t.pair13(q) * pixelCount + p];
    }

    /**
     * Integer ambiguity of every triplet at pixel p.
     *
     * @param out length ≥ {@code t.count()}; receives C_int per triplet or {@link #NO_CLOSURE}
     * @return number of triplets with a non-zero integer ambiguity
     */
    public static int closureIntegers(float[] phase, int pixelCount, Triplets t, int p, int[] out) {
        int nonzero = 0;
        for (int q = 0; q < t.count(); q++) {
            int c = closureInteger(closurePhase(phase, pixelCount, t, q, p));
            out[q] = c;
            nonzero += c != 0 && c != NO_CLOSURE ? 1 : 0;
        }
        return nonzero;
    }

    /**
     * Per pixel, the number of triplets whose closure phase has a non-zero integer ambiguity:
     * T_int of Yunjun et al. (2019), MintPy's {@code numTriNonzeroIntAmbiguity}.
     *
     * @param phase      layer-major unwrapped phase, rad, {@code t.pairCount()} layers
     * @param pixelCount pixels in the block
     * @param out        length pixelCount; NaN where no triplet is complete
     */
    public static void countNonzeroIntegerAmbiguity(float[] phase, int pixelCount, Triplets t, float[] out) {
        if (phase.length != (long) t.pairCount() * pixelCount || out.length != pixelCount) {
            throw new IllegalArgumentException("phase has " + phase.length + " values and out " + out.length
                    + ", expected " + t.pairCount() + " pairs × " + pixelCount + " pixels");
        }
        int[] valid = new int[pixelCount];
        java.util.Arrays.fill(out, 0f);
        for (int q = 0; q < t.count(); q++) {
            int o12 = t.pair12(q) * pixelCount, o23 = t.pair23(q) * pixelCount, o13 = t.pair13(q) * pixelCount;
            for (int p = 0; p < pixelCount; p++) {
                float c = phase[o12 + p] + phase[o23 + p] - phase[o13 + p]; // Φ = φ12 + φ23 − φ13
                if (!Float.isNaN(c)) {
                    valid[p]++;
                    if (!wrapsToItself(c) && closureInteger(c) != 0) {
                        out[p]++;
                    }
                }
            }
        }
        for (int p = 0; p < pixelCount; p++) {
            if (valid[p] == 0) {
                out[p] = Float.NaN;
            }
        }
    }
}

package org.permasar.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PhaseClosure#positiveMod2Pi} skips the float remainder where its argument already lies in [0, 2π): the
 * wrap, and so every closure integer and wrapped closure, must stay those of the remainder bit for bit; and where
 * {@link PhaseClosure#wrapsToItself} the full formula must give the integer 0 it stands for.
 */
class PhaseClosureWrapTest {
    private static final float TWO_PI = (float) (2 * Math.PI);
    private static final float PI = (float) Math.PI;

    /** The former arithmetic: (x mod 2π), moved into [0, 2π). */
    private static float reference(float x) {
        float r = x % TWO_PI;
        if (r < 0) {
            r += TWO_PI;
        }
        return r;
    }

    private static int referenceInteger(float closure) {
        if (Float.isNaN(closure)) {
            return PhaseClosure.NO_CLOSURE;
        }
        float wrapped = -PI + reference(closure + PI);
        return (int) Math.rint((closure - wrapped) / TWO_PI);
    }

    private static void same(float x) {
        assertThat(Float.floatToRawIntBits(PhaseClosure.positiveMod2Pi(x))).as("wrap of %s", x)
                .isEqualTo(Float.floatToRawIntBits(reference(x)));
        assertThat(PhaseClosure.closureInteger(x)).as("closure integer of %s", x).isEqualTo(referenceInteger(x));
        if (PhaseClosure.wrapsToItself(x)) {
            assertThat(referenceInteger(x)).as("closure integer of %s, which wraps to itself", x).isZero();
        }
    }

    @Test
    void wrapIsTheRemainderBitForBit() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, PI, -PI, TWO_PI, -TWO_PI, Math.nextDown(TWO_PI),
            Math.nextUp(TWO_PI), Math.nextDown(0f), Math.nextDown(PI), Math.nextUp(-PI), Math.nextDown(-PI), 3 * PI,
            -3 * PI, 1e7f, -1e7f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY};
        for (float x : edges) {
            same(x);
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            double scale = i % 3 == 0 ? 4 : i % 3 == 1 ? 40 : 4000;    // noise, a few cycles, far off
            same((float) ((rnd.nextDouble() - 0.5) * 2 * scale));
        }
        for (int bits = Float.floatToIntBits(-7f); bits != Float.floatToIntBits(-6f); bits--) {
            same(Float.intBitsToFloat(bits));                          // every float of [−7, −6] (negative: bits fall)
        }
        for (int bits = Float.floatToIntBits(6f); bits <= Float.floatToIntBits(7f); bits++) {
            same(Float.intBitsToFloat(bits));                          // every float of [6, 7], across 2π
        }
        for (float edge : new float[] {PI, -PI}) {                     // every float within 0.02 of ±π: where
            float lo = edge - 0.02f, hi = edge + 0.02f;                // Φ + π leaves [0, 2π)
            for (float x = lo; x <= hi; x = Math.nextUp(x)) {
                same(x);
            }
        }
    }
}

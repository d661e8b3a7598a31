package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Hants} against the former implementation ({@link HantsReference}, the refit-and-scan-everything loop)
 * on thousands of realistic pixels ({@link SyntheticLst}): the same statuses, the same number of rejections
 * per pixel and the same rejected composites, and bit-identical reconstructed and filled series.
 */
class HantsParityTest {

    private static void assertSame(HantsParameters par, double[] t, float[] v, int npix) {
        Hants.Result a = new Hants(par, t).fill(v, npix);
        HantsReference.Result b = new HantsReference(par, t).fill(v, npix);
        assertThat(a.status()).containsExactly(b.status());
        assertThat(a.rejected()).containsExactly(b.rejected());
        int n = t.length;
        int mismatches = 0;
        for (int k = 0; k < n * npix; k++) {
            boolean same = Float.floatToIntBits(a.reconstructed()[k]) == Float.floatToIntBits(b.reconstructed()[k])
                    && Float.floatToIntBits(a.filled()[k]) == Float.floatToIntBits(b.filled()[k]);
            mismatches += same ? 0 : 1;
        }
        assertThat(mismatches).as("values differing in any bit").isZero();
        // the rejected set: the filled series keeps an accepted valid composite and replaces a rejected one
        for (int k = 0; k < n * npix; k++) {
            boolean keptA = a.filled()[k] == v[k];
            boolean keptB = b.filled()[k] == v[k];
            assertThat(keptA).isEqualTo(keptB);
        }
    }

    @Test
    void matchesTheFormerImplementationOnEightYearsOfRealisticComposites() {
        long seed = 20240611L;
        System.out.println("HantsParityTest seed=" + seed);
        List<java.time.LocalDate> dates = SyntheticLst.dates(2016, 8);
        double[] t = SyntheticLst.times(dates, 3.5);
        int npix = 4000;
        float[] v = SyntheticLst.composites(t, npix, seed, 0.1);
        Hants.Result r = new Hants(HantsParameters.lstDefaults(), t).fill(v, npix);
        int unsolved = 0;
        long rejections = 0;
        for (int q = 0; q < npix; q++) {
            unsolved += r.status()[q] == Hants.TOO_FEW_VALID ? 1 : 0;
            rejections += r.rejected()[q];
        }
        System.out.printf("HANTS parity: %d pixels, %d unsolved, %.1f rejections per pixel%n", npix, unsolved,
                rejections / (double) npix);
        assertThat(unsolved).isBetween(50, 400);
        assertThat(rejections).isGreaterThan(10L * npix);
        assertSame(HantsParameters.lstDefaults(), t, v, npix);
    }

    @Test
    void matchesTheFormerImplementationForOtherSettings() {
        long seed = 77L;
        System.out.println("HantsParityTest other settings seed=" + seed);
        Random rnd = new Random(seed);
        List<java.time.LocalDate> dates = SyntheticLst.dates(2019, 3);
        double[] t = SyntheticLst.times(dates, 0);
        int npix = 600;
        float[] v = SyntheticLst.composites(t, npix, seed, 0.2);
        for (int k = 0; k < v.length; k++) {
            if (v[k] == v[k] && rnd.nextDouble() < 0.05) {
                v[k] += 12 + 10 * (float) rnd.nextDouble();          // too warm (HIGH / BOTH rejection)
            }
        }
        HantsParameters base = HantsParameters.lstDefaults();
        for (HantsParameters.Rejection rej : HantsParameters.Rejection.values()) {
            for (int f : new int[] {0, 1, 2, 4}) {
                for (double fet : new double[] {1, 3, 10}) {
                    HantsParameters par = new HantsParameters(365.25, f, -25, 40, fet, 3, rej, 40);
                    assertSame(par, t, v, npix);
                }
            }
        }
        assertSame(base.withFrequencies(3), t, v, npix);
    }
}

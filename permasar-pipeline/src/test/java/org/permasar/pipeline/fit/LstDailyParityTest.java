package org.permasar.pipeline.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.thermal.Hants;
import org.permasar.thermal.HantsParameters;
import org.permasar.thermal.SyntheticLst;

/**
 * {@link LstDaily#daily} against the former implementation ({@link LstDailyReference}: the former HANTS and block
 * interpolation) on thousands of realistic pixels over 8 years of MOD11A2 composites ({@link SyntheticLst}: annual
 * cycles, 1–2 °C noise, 20–40 % cloud gaps in runs, cloud-cooled outliers, pixels with too few valid composites):
 * bit-identical daily and smooth series, statuses and residual statistics.
 */
class LstDailyParityTest {

    private static int differingFloats(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        int d = 0;
        for (int k = 0; k < a.length; k++) {
            d += Float.floatToIntBits(a[k]) == Float.floatToIntBits(b[k]) ? 0 : 1;
        }
        return d;
    }

    private static int differingDoubles(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        int d = 0;
        for (int k = 0; k < a.length; k++) {
            d += Double.doubleToLongBits(a[k]) == Double.doubleToLongBits(b[k]) ? 0 : 1;
        }
        return d;
    }

    @Test
    void matchesTheFormerImplementationOnEightYearsOfRealisticComposites() {
        long seed = 368L;
        System.out.println("LstDailyParityTest seed=" + seed);
        List<LocalDate> dates = SyntheticLst.dates(2016, 8);
        double offset = 3.5;
        int npix = 3000;
        float[] celsius = SyntheticLst.composites(SyntheticLst.times(dates, offset), npix, seed, 0.1);
        HantsParameters par = HantsParameters.lstDefaults();
        LstDaily.Block a = new LstDaily(dates, par, offset).daily(celsius, npix);
        LstDaily.Block b = new LstDailyReference(dates, par, offset).daily(celsius, npix);
        int unsolved = 0;
        for (byte s : a.hantsStatus()) {
            unsolved += s == Hants.OK ? 0 : 1;
        }
        System.out.printf("LstDaily parity: %d pixels (%d without a HANTS solution), %d days%n", npix, unsolved,
                a.daily().length / npix);
        assertThat(unsolved).isPositive().isLessThan(npix / 10);
        assertThat(a.hantsStatus()).containsExactly(b.hantsStatus());
        assertThat(differingFloats(a.daily(), b.daily())).as("daily values differing in any bit").isZero();
        assertThat(differingFloats(a.smooth(), b.smooth())).as("smooth values differing in any bit").isZero();
        assertThat(differingDoubles(a.compositeStd(), b.compositeStd())).isZero();
        assertThat(differingDoubles(a.compositeLag1(), b.compositeLag1())).isZero();
    }
}

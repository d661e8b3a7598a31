package org.permasar.stats.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mann–Kendall, Hamed–Rao, Sen and Pettitt against published worked examples and an independent referee. */
class TrendTestsTest {

    /**
     * J. Little, "A Mann-Kendall Example ("By Hand")", College of the Holy Cross,
     * mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt: 14 values with one tie (12.9),
     * S = 54, V = 14·13·33/18 − 2·1·9/18, Z = (S − 1)/√V = 2.9058, one-sided p ≈ .0018.
     */
    static final double[] LITTLE = {12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7};

    /**
     * Pettitt (1979, Appl. Statist. 28:126, Table 1): 40 values; his result, as reproduced in the
     * documentation of R package wq's pett() ("K=232, p=0.0146, change-point=17, the same results as
     * Pettitt").
     */
    static final double[] PETTITT_TABLE_1 = {-1.05, 0.96, 1.22, 0.58, -0.98, -0.03, -1.54, -0.71, -0.35, 0.66, 0.44,
        0.91, -0.02, -1.42, 1.26, -1.02, -0.81, 1.66, 1.05, 0.97, 2.14, 1.22, -0.24, 1.60, 0.72, -0.12, 0.44, 0.03, 0.66,
        0.56, 1.37, 1.66, 0.10, 0.80, 1.29, 0.49, -0.07, 1.18, 3.29, 1.84};

    @Test
    void mannKendallReproducesTheHandExample() {
        MannKendall.Result r = MannKendall.test(LITTLE);
        assertThat(r.n()).isEqualTo(14);
        assertThat(r.s()).isEqualTo(54);
        assertThat(r.varS()).isCloseTo(14 * 13 * 33 / 18.0 - 2 * 1 * 9 / 18.0, within(1e-9));
        assertThat(r.z()).isCloseTo(2.9058, within(0.00005));
        assertThat(r.p() / 2).isCloseTo(0.0018, within(0.00005)); // printed one-sided
        assertThat(r.tau()).isCloseTo(54 / 91.0, within(1e-12));
    }

    @Test
    void pettittReproducesHisTableOne() {
        Pettitt.Result r = Pettitt.test(PETTITT_TABLE_1);
        assertThat(r.n()).isEqualTo(40);
        assertThat(r.k()).isEqualTo(232);
        assertThat(r.changePoint()).isEqualTo(17);
        assertThat(r.p()).isCloseTo(0.0146, within(0.00005));
        assertThat(r.uAtChange()).as("U_t = Σ sgn(later − earlier): the later values are larger").isEqualTo(232);
    }

    @Test
    void pettittFindsAStepOfKnownPosition() {
        double[] x = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = (i < 12 ? 0 : 5) + 0.1 * Math.sin(i * 1.7);
        }
        Pettitt.Result r = Pettitt.test(x);
        assertThat(r.changePoint()).isEqualTo(12);
        assertThat(r.k()).isEqualTo(12.0 * 18); // every pair across the step counts once
    }

    /** Referee: scipy 1.10 {@code scipy.stats.theilslopes} on the same data (printed repr). */
    @Test
    void senSlopeMatchesScipyTheilslopes() {
        assertThat(SenSlope.slope(MannKendall.indexTimes(14), LITTLE)).isCloseTo(0.566666666666667, within(1e-14));
        assertThat(SenSlope.slope(MannKendall.indexTimes(40), PETTITT_TABLE_1)).isCloseTo(0.038571428571428576, within(1e-15));
    }

    @Test
    void senSlopeIsPerYearInRealTime() {
        // 2 units per year, sampled on irregular dates: slope per day × 365.25 gives it back
        long[] days = {0, 40, 300, 365, 1000, 1461};
        double[] x = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            x[i] = 7 + 2.0 * days[i] / 365.25;
        }
        assertThat(SenSlope.perYear(days, x)).isCloseTo(2.0, within(1e-12));
    }

    /** White noise (numpy default_rng(3), rounded to 1e-4): no rank autocorrelation passes the screen (script: none). */
    @Test
    void hamedRaoWithoutSignificantAutocorrelationLeavesTheTestAlone() {
        double[] w = {2.0409, -2.5557, 0.4181, -0.5678, -0.4526, -0.2156, -2.02, -0.2319, -0.8652, 3.323, 0.2258, -0.3526,
            -0.2813, -0.668, -1.0552, -0.3908, 0.4819, -0.2386, 0.9578, -0.1998, 0.0243, 1.5458, 0.5451, -0.5052, -0.1828,
            0.5405, 1.9351, -0.2696, -0.2436, 1.0023};
        MannKendall.Result r = MannKendall.test(w);
        assertThat(r.nOverNStar()).isEqualTo(1.0);
        assertThat(r.zCorrected()).isEqualTo(r.z());
        // the hand example has one significant lag (k = 6, ρ = −0.5837 > 1.96/√14): the same script gives 0.820399864452728
        assertThat(MannKendall.test(LITTLE).nOverNStar()).isCloseTo(0.820399864452728, within(1e-12));
    }

    /**
     * AR(1) (φ = 0.8) noise on a trend of 0.05 per step, 60 values rounded to 1e-6 (generated with
     * numpy default_rng(7)). Referee: an independent numpy/scipy script of Hamed &amp; Rao (1998) eq. 26
     * (theilslopes detrending, rankdata ranks, biased ACF, ±1.96/√n screen): n/n* = 5.637334130251457,
     * S = 786, Var(S) = 24583.33, Zc = 2.1086882761572476, pc = 0.03497149746154239. No published
     * worked example of the correction was found.
     */
    @Test
    void hamedRaoMatchesAnIndependentScript() {
        double[] x = {0.0, 0.05123, 0.39973, 0.115646, -0.718075, -0.939131, -1.642951, -1.144217, 0.544841, 0.073667,
            -0.421542, 0.302609, 0.758974, 0.882593, -0.044393, 0.125234, 0.99549, -0.337823, -0.507874, -2.077522,
            -2.711555, -3.760979, -2.983874, -3.384546, -2.156372, -1.278347, -0.909608, -2.934446, -2.56625, -1.771501,
            -0.963892, -1.951249, -1.678753, -1.951521, -1.990054, -0.141145, -0.52045, -0.038882, 1.273284, 0.865027,
            1.02032, 1.37672, 1.625158, 0.54507, 0.992196, 2.642581, 1.06692, 2.222919, 2.417689, 1.822681, 3.998561,
            4.511109, 2.969598, 3.020195, 3.572845, 3.259494, 3.890506, 3.655887, 4.211957, 5.438088};
        MannKendall.Result r = MannKendall.test(x);
        assertThat(r.s()).isEqualTo(786);
        assertThat(r.varS()).isCloseTo(24583.333333333332, within(1e-8));
        assertThat(r.nOverNStar()).isCloseTo(5.637334130251457, within(1e-12));
        assertThat(r.zCorrected()).isCloseTo(2.1086882761572476, within(1e-12));
        assertThat(r.pCorrected()).isCloseTo(0.03497149746154239, within(1e-12));
    }
}

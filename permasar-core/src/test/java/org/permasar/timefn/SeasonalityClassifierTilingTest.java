package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tiled extremum counts and {@link SeasonalityClassifier#classify} give exactly the counts and classes of the
 * per-pixel implementation kept in {@link SeasonalityClassifierReference}.
 */
class SeasonalityClassifierTilingTest {

    private static final double[] PROMINENCES = {0, 0.2, 0.05, 0.5};

    private static void assertSameAsReference(SeasonalityClassifier sc, List<LocalDate> dates, float[] y, int npix) {
        SeasonalityClassifier.Result ref = SeasonalityClassifierReference.classify(sc, dates, y, npix);
        SeasonalityClassifier.Result r = sc.classify(dates, y, npix);
        assertThat(r.extremaCount()).as("counts of %s", sc).isEqualTo(ref.extremaCount());
        assertThat(r.seasonal()).as("classes of %s", sc).isEqualTo(ref.seasonal());
        assertThat(r.years()).isEqualTo(ref.years());
    }

    /** Trend + annual + semi-annual (+ one-third-year) + noise, a few NaN, a few pixels unfit or flat. */
    private static float[] realistic(List<LocalDate> dates, int npix, Random rnd) {
        float[] y = TimeFunctionBench.scene(dates, npix, 0.05, rnd.nextLong());
        int n = dates.size();
        double t0 = TimeFunctionModel.mintpyYears(dates.get(0));
        for (int q = 0; q < npix; q++) {
            int kind = rnd.nextInt(50);
            if (kind == 0) {                                             // mostly the third harmonic
                double a = 0.01 * rnd.nextDouble(), ph = 2 * Math.PI * rnd.nextDouble();
                for (int i = 0; i < n; i++) {
                    double t = TimeFunctionModel.mintpyYears(dates.get(i)) - t0;
                    y[i * npix + q] += (float) (a * Math.sin(6 * Math.PI * t + ph));
                }
            } else if (kind == 1) {                                      // all but 5 dates missing: unfit
                for (int i = 5; i < n; i++) {
                    y[i * npix + q] = Float.NaN;
                }
            } else if (kind == 2) {                                      // a straight line: a flat harmonic part
                for (int i = 0; i < n; i++) {
                    y[i * npix + q] = (float) (0.001 * i);
                }
            } else if (kind == 3) {                                      // constant zero
                for (int i = 0; i < n; i++) {
                    y[i * npix + q] = 0f;
                }
            } else if (kind == 4) {                                      // pure noise
                for (int i = 0; i < n; i++) {
                    y[i * npix + q] = (float) (0.003 * rnd.nextGaussian());
                }
            }
        }
        return y;
    }

    @Test
    void classifyGivesTheReferenceCountsOnRealisticPixels() {
        long seed = 4242L;
        System.out.println("SeasonalityClassifierTilingTest seed=" + seed);
        Random rnd = new Random(seed);
        List<List<LocalDate>> dateSets = List.of(TimeFunctionBench.dates(150, 8), TimeFunctionBench.dates(40, 2),
                TimeFunctionBench.dates(61, 3), TimeFunctionBench.dates(8, 1), daily(10), daily(23));
        for (List<LocalDate> dates : dateSets) {
            int npix = dates.size() == 150 ? 3000 : 1100;
            float[] y = realistic(dates, npix, rnd);
            for (double prominence : PROMINENCES) {
                assertSameAsReference(new SeasonalityClassifier(2, 0, prominence, 0), dates, y, npix);
            }
            assertSameAsReference(SeasonalityClassifier.permafrost(2, 0.2, 0.001), dates, y, npix);
            assertSameAsReference(new SeasonalityClassifier(2, 3, 0.2, 0.002), dates, y, npix);
            assertSameAsReference(SeasonalityClassifier.PAPER, dates, y, npix);
        }
    }

    @Test
    void callersAnnualFitGivesTheSameClasses() {
        long seed = 515L;
        System.out.println("SeasonalityClassifierTilingTest annual fit seed=" + seed);
        Random rnd = new Random(seed);
        List<LocalDate> dates = TimeFunctionBench.dates(150, 8);
        int npix = 2000;
        float[] y = realistic(dates, npix, rnd);
        TimeFunctionFit.Result fa = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), dates, 3600, y, npix);
        for (SeasonalityClassifier sc : new SeasonalityClassifier[] {SeasonalityClassifier.permafrost(2, 0.2, 0.001),
            new SeasonalityClassifier(2, 3, 0, 0.002), SeasonalityClassifier.PAPER}) {
            SeasonalityClassifier.Result ref = SeasonalityClassifierReference.classify(sc, dates, y, npix);
            SeasonalityClassifier.Result r = sc.classify(dates, y, npix, fa);
            assertThat(r.extremaCount()).isEqualTo(ref.extremaCount());
            assertThat(r.seasonal()).isEqualTo(ref.seasonal());
        }
    }

    /** n consecutive days. */
    private static List<LocalDate> daily(int n) {
        List<LocalDate> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(LocalDate.of(2019, 12, 27).plusDays(i));
        }
        return d;
    }

    /** Coefficients of every scale and shape, including the degenerate ones the per-pixel loops take. */
    private static double[] coefficients(Random rnd, int kind) {
        double[] c = new double[6];
        switch (kind) {
            case 0 -> {                                                  // annual dominant
                c[0] = rnd.nextGaussian();
                c[1] = rnd.nextGaussian();
                for (int j = 2; j < 6; j++) {
                    c[j] = 0.3 * rnd.nextGaussian();
                }
            }
            case 1 -> {                                                  // all harmonics alike, mm scale
                for (int j = 0; j < 6; j++) {
                    c[j] = 1e-3 * rnd.nextGaussian();
                }
            }
            case 2 -> {                                                  // some exact zeros
                for (int j = 0; j < 6; j++) {
                    c[j] = rnd.nextInt(3) == 0 ? 0 : rnd.nextGaussian();
                }
            }
            case 3 -> {                                                  // tiny: subnormal curve values, rounding noise
                for (int j = 0; j < 6; j++) {
                    c[j] = 1e-310 * rnd.nextGaussian();
                }
            }
            case 4 -> {                                                  // one term only, or all zero
                int j = rnd.nextInt(7);
                if (j < 6) {
                    c[j] = rnd.nextBoolean() ? 1 : -0.0;
                }
            }
            case 5 -> {                                                  // near-cancelling harmonics
                c[0] = 1;
                c[2] = -1 + 1e-12 * rnd.nextGaussian();
                c[4] = 1e-15 * rnd.nextGaussian();
            }
            case 6 -> {                                                  // huge, non-finite
                double[] odd = {1e300, -1e305, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY};
                for (int j = 0; j < 6; j++) {
                    c[j] = rnd.nextGaussian();
                }
                c[rnd.nextInt(6)] = odd[rnd.nextInt(odd.length)];
            }
            default -> {                                                 // wide random scales
                for (int j = 0; j < 6; j++) {
                    c[j] = Math.scalb(rnd.nextGaussian(), rnd.nextInt(200) - 100);
                }
            }
        }
        return c;
    }

    @Test
    void tiledCountsEqualThePerPixelLoopsOnAnyCoefficients() {
        long seed = 8080L;
        System.out.println("SeasonalityClassifierTilingTest coefficients seed=" + seed);
        Random rnd = new Random(seed);
        for (int days : new int[] {1, 2, 7, 8, 9, 15, 16, 17, 100, 731, 2922}) {
            LocalDate first = LocalDate.of(2014, 10, 10).plusDays(rnd.nextInt(400));
            double[] basis = SeasonalityClassifier.dailyBasis(first, days);
            int npix = days > 1000 ? 2500 : 700;
            double[] params = new double[7 * npix];
            boolean[] fitted = new boolean[npix];
            double[][] cs = new double[npix][];
            for (int q = 0; q < npix; q++) {
                cs[q] = coefficients(rnd, rnd.nextInt(8));
                for (int j = 0; j < 6; j++) {
                    params[(j + 1) * npix + q] = cs[q][j];
                }
                params[q] = rnd.nextGaussian();
                fitted[q] = rnd.nextInt(20) != 0;
            }
            double[] curve = new double[days];
            for (double prominence : PROMINENCES) {
                int[] count = new int[npix];
                new SeasonalityClassifier.ExtremaCounter(basis, days, prominence, 256).count(params, npix, fitted, count);
                for (int q = 0; q < npix; q++) {
                    int ref = !fitted[q] ? 0 : prominence > 0
                            ? SeasonalityClassifierReference.countProminentExtrema(basis, days, cs[q], prominence, curve)
                            : SeasonalityClassifierReference.countExtrema(basis, days, cs[q]);
                    assertThat(count[q]).as("days %d prominence %s pixel %d coefficients %s", days, prominence, q,
                            java.util.Arrays.toString(cs[q])).isEqualTo(ref);
                }
            }
        }
    }
}

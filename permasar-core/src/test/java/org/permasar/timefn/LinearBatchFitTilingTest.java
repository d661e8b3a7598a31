package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tiled {@link LinearBatchFit} gives bit for bit the results of the untiled {@link LinearBatchFitReference}. */
class LinearBatchFitTilingTest {

    private static void assertSame(LinearBatchFit.Result r, LinearBatchFitReference.Result ref) {
        assertThat(r.pixels()).isEqualTo(ref.pixels());
        assertThat(r.parameters()).isEqualTo(ref.parameters());
        assertThat(r.params()).isEqualTo(ref.params());          // Arrays.equals: bit patterns of NaN aside, exact
        assertThat(r.covariance()).isEqualTo(ref.covariance());
        assertThat(r.residualSumSquares()).isEqualTo(ref.residualSumSquares());
        assertThat(r.validCount()).isEqualTo(ref.validCount());
        assertThat(r.status()).isEqualTo(ref.status());
    }

    /** A block with every case: complete pixels, a few NaN, too few valid, all NaN, ±∞, a singular subset. */
    private static float[] block(double[] design, int n, int p, int npix, Random rnd) {
        float[] y = new float[n * npix];
        for (int q = 0; q < npix; q++) {
            double[] m = new double[p];
            for (int j = 0; j < p; j++) {
                m[j] = 0.01 * rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double s = 0.002 * rnd.nextGaussian();
                for (int j = 0; j < p; j++) {
                    s += design[i * p + j] * m[j];
                }
                y[i * npix + q] = (float) s;
            }
            int kind = rnd.nextInt(40);
            if (kind == 0) {                                   // a few NaN
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                    y[rnd.nextInt(n) * npix + q] = Float.NaN;
                }
            } else if (kind == 1) {                            // all NaN but p − 1 … p + 1 dates
                int keep = p - 1 + rnd.nextInt(3);
                for (int i = keep; i < n; i++) {
                    y[i * npix + q] = Float.NaN;
                }
            } else if (kind == 2) {                            // all NaN
                for (int i = 0; i < n; i++) {
                    y[i * npix + q] = Float.NaN;
                }
            } else if (kind == 3) {                            // an infinity, with or without NaN
                y[rnd.nextInt(n) * npix + q] = rnd.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                if (rnd.nextBoolean()) {
                    y[rnd.nextInt(n) * npix + q] = Float.NaN;
                }
            } else if (kind == 4) {                            // zeros, −0
                for (int i = 0; i < n; i++) {
                    y[i * npix + q] = rnd.nextBoolean() ? 0f : -0f;
                }
            }
        }
        return y;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    @Test
    void tiledFitEqualsTheUntiledOneBitForBit() {
        long seed = 20240611L;
        System.out.println("LinearBatchFitTilingTest seed=" + seed);
        Random rnd = new Random(seed);
        List<LocalDate> dates = TimeFunctionBench.dates(150, 8);
        TimeFunctionModel[] models = {null,                  // offset only (p = 1)
            new TimeFunctionModel(1, new double[0], List.of()), TimeFunctionModel.linearAnnual(),
            new TimeFunctionModel(1, new double[] {1, 0.5, 1.0 / 3}, List.of()),
            new TimeFunctionModel(2, new double[] {1, 0.5}, List.of(dates.get(70)))};
        int[] sizes = {1, 7, LinearBatchFit.TILE - 1, LinearBatchFit.TILE, LinearBatchFit.TILE + 1, 3 * LinearBatchFit.TILE + 77};
        for (TimeFunctionModel model : models) {
            int p = model == null ? 1 : model.parameterCount();
            for (int n : new int[] {p, p + 1, 40, 150}) {
                double[] design = model == null ? ones(n) : model.designMatrix(dates.subList(0, n));
                for (int npix : sizes) {
                    float[] y = block(design, n, p, npix, rnd);
                    LinearBatchFitReference.Result ref = new LinearBatchFitReference(design, n, p).fit(y, npix);
                    LinearBatchFit fit = new LinearBatchFit(design, n, p);
                    assertSame(fit.fit(y, npix), ref);
                    LinearBatchFit.Result lean = fit.fit(y, npix, false);
                    assertThat(lean.params()).isEqualTo(ref.params());
                    assertThat(lean.validCount()).isEqualTo(ref.validCount());
                    assertThat(lean.status()).isEqualTo(ref.status());
                    assertThat(lean.covariance()).isNull();
                    assertThat(lean.residualSumSquares()).isNull();
                }
            }
        }
    }

    @Test
    void rankDeficientDesignSolvesEveryPixelAloneAsBefore() {
        long seed = 99L;
        System.out.println("LinearBatchFitTilingTest rank-deficient seed=" + seed);
        Random rnd = new Random(seed);
        int n = 30, p = 3;
        double[] design = new double[n * p];
        for (int i = 0; i < n; i++) {
            design[i * p] = 1;
            design[i * p + 1] = i < 15 ? 0 : 1;                  // a step …
            design[i * p + 2] = i < 15 ? 0 : 1;                  // … twice: AᵀA singular
        }
        float[] y = block(design, n, p, 1300, rnd);
        LinearBatchFit fit = new LinearBatchFit(design, n, p);
        assertThat(fit.fullRank()).isFalse();
        assertSame(fit.fit(y, 1300), new LinearBatchFitReference(design, n, p).fit(y, 1300));
    }

    @Test
    void designWithOverflowingProductsGivesTheSameResults() {
        long seed = 3L;
        System.out.println("LinearBatchFitTilingTest overflow seed=" + seed);
        Random rnd = new Random(seed);
        int n = 25, p = 2;
        double[] design = new double[n * p];
        for (int i = 0; i < n; i++) {
            design[i * p] = 1;
            design[i * p + 1] = i == 3 ? 1e200 : i;              // A_ij² overflows
        }
        float[] y = block(design, n, p, 700, rnd);
        assertSame(new LinearBatchFit(design, n, p).fit(y, 700), new LinearBatchFitReference(design, n, p).fit(y, 700));
    }
}

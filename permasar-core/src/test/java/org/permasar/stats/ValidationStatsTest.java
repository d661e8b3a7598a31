package org.permasar.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

class ValidationStatsTest {

    @Test
    void agreementByHand() {
        // e = {-0.5, 0, 1, -1}; mean(ref) = 2.625; SS_ref = 7.6875
        Agreement a = Agreement.of(new double[] {1, 2, 3, 4, Double.NaN}, new double[] {1.5, 2, 2, 5, 1});
        assertThat(a.n()).isEqualTo(4);
        assertThat(a.bias()).isCloseTo(-0.125, within(1e-12));
        assertThat(a.meanError()).isCloseTo(0.625, within(1e-12));
        assertThat(a.rmse()).isCloseTo(0.75, within(1e-12));
        assertThat(a.r2()).isCloseTo(1 - 2.25 / 7.6875, within(1e-12));
    }

    @Test
    void ksStatisticByHand() {
        // F1 steps 1/3 at 1, 2, 3; F2 steps 1/4 at 2.5, 4, 5, 6: largest gap at x = 3, |1 - 1/4| = 0.75
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(new double[] {3, 1, 2}, new double[] {6, 2.5, 5, 4});
        assertThat(r.statistic()).isCloseTo(0.75, within(1e-15));
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(new double[] {3, 1, 2}, new double[] {6, 2.5, 5, 4}))
                .isCloseTo(0.75, within(1e-15));
    }

    @Test
    void ksAgreesWithHipparchus() {
        long seed = 424242L;
        System.out.println("ValidationStatsTest KS seed " + seed);
        Random rnd = new Random(seed);
        KolmogorovSmirnovTest h = new KolmogorovSmirnovTest();
        for (double shift : new double[] {0.0, 0.15, 0.3}) {
            double[] x = new double[300], y = new double[250];
            Arrays.setAll(x, i -> rnd.nextGaussian());
            Arrays.setAll(y, i -> rnd.nextGaussian() + shift);
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(x, y);
            assertThat(r.statistic()).as("shift %s", shift).isCloseTo(h.kolmogorovSmirnovStatistic(x, y), within(1e-15));
            assertThat(r.pValue()).as("shift %s", shift).isCloseTo(h.kolmogorovSmirnovTest(x, y), within(0.01));
        }
    }

    @Test
    void blockAverageOnProjectedAndGeographicGrids() {
        GridGeometry utm = GridGeometry.geocoded(100, 100, GeoTransform.northUp(0, 10, 1000, -10), 32646, Double.NaN);
        float[] v = new float[utm.size()], w = new float[utm.size()];
        for (int r = 0; r < 100; r++) {
            for (int c = 0; c < 100; c++) {
                v[r * 100 + c] = c < 50 ? 1 : 3;
                w[r * 100 + c] = c < 50 ? 1 : 3;
            }
        }
        // centres 405..595 m in x and y: 20 x 20 pixels, half with (v=1,w=1), half with (v=3,w=3)
        SiteBlockAverage.Result r = SiteBlockAverage.average(v, w, utm, 500, 500, 200);
        assertThat(r.pixels()).isEqualTo(400);
        assertThat(r.value()).isCloseTo((200 * 1.0 + 200 * 9.0) / (200 + 600), within(1e-12));
        assertThat(SiteBlockAverage.average(v, null, utm, 500, 500, 200).value()).isCloseTo(2.0, within(1e-12));
        assertThat(SiteBlockAverage.average(v, null, utm, -5000, 500, 200).pixels()).isZero();

        // geographic: 1e-4 deg pixels at 60 N; 200 m = 0.0017986 deg of latitude (18 rows) and 0.0035972 deg of longitude (36 cols)
        GridGeometry geo = GridGeometry.geocoded(100, 100, GeoTransform.northUp(10.0, 1e-4, 60.005, -1e-4), 4326, Double.NaN);
        float[] ones = new float[geo.size()];
        Arrays.fill(ones, 1f);
        SiteBlockAverage.Result g = SiteBlockAverage.average(ones, null, geo, 10.005, 60.0, 200);
        assertThat(g.pixels()).isEqualTo(18 * 36);
    }

    @Test
    void moistureCalibratedAlt() {
        assertThat(MoistureCalibratedAlt.calibrate(2.0, 0.15)).isCloseTo(1.0, within(1e-15)); // 2 * 0.15 / 0.3
        assertThat(MoistureCalibratedAlt.calibrate(2.0, 1.5)).isNaN();
    }

    @Test
    void gnssProjectionOntoLos() {
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        GnssSeries s = new GnssSeries("TEST", new LocalDate[] {d0, d0.plusDays(1)}, new double[] {0, 0.01},
                new double[] {0, 0.0}, new double[] {0, 0.02}, new double[] {0.001, 0.001}, new double[] {0.001, 0.001},
                new double[] {0.003, 0.003}, 60, 10);
        // descending, heading -168 (azimuthAngle 258 = -102): ground->satellite points east-ish (sin(-168-90)... )
        double inc = 40;
        double h = Math.toRadians(-168 - 90);
        double expected = 0.01 * Math.sin(Math.toRadians(inc)) * Math.sin(h) + 0.02 * Math.cos(Math.toRadians(inc));
        assertThat(s.toLos(inc, -102)[1]).isCloseTo(expected, within(1e-15));
        assertThat(s.toLos(inc, -102)[0]).isZero();
    }
}

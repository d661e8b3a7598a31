package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.permasar.thermal.ExpectedDegreeDays;

/**
 * The yearly maximum of I that the forcing takes from the hull of (√ADDF, √ADDT) ({@link SeasonalPeaks})
 * equals the brute-force maximum of I over every day of the year, computed here from the daily
 * temperatures day by day with the year's ratio (closure rule included), for clipped and expected
 * degree-days, per-pixel ratios and onsets, and LST gaps.
 */
class SeasonalPeaksTest {

    @Test
    void yearlyMaximumEqualsMaximumOverEveryDay() {
        long seed = 20261207L;
        SplittableRandom rng = new SplittableRandom(seed);
        LocalDate start = LocalDate.of(2015, 1, 1);
        int ndays = 5 * 365 + 1, npix = 400;
        float[] daily = new float[ndays * npix];
        double[] thaw = new double[npix], freeze = new double[npix], kappa = new double[npix], sd = new double[npix];
        for (int p = 0; p < npix; p++) {
            double mean = -8 + 6 * rng.nextDouble(), amp = 8 + 10 * rng.nextDouble(), noise = 3 * rng.nextDouble();
            for (int k = 0; k < ndays; k++) {
                daily[k * npix + p] = (float) (mean - amp * Math.cos(2 * Math.PI * (k - 15) / 365.25)
                        + noise * rng.nextGaussian());
            }
            if (p % 7 == 0) {          // an LST gap of a few days after the last SAR date (one before it fails the pixel)
                int g = (int) (LocalDate.of(2019, 10, 5).toEpochDay() - start.toEpochDay()) + rng.nextInt(40);
                for (int k = g; k < g + 1 + rng.nextInt(5); k++) {
                    daily[k * npix + p] = Float.NaN;
                }
            }
            thaw[p] = 110 + rng.nextInt(50);
            freeze[p] = 260 + rng.nextInt(50);
            kappa[p] = 0.2 + 3 * rng.nextDouble();
            sd[p] = p % 2 == 0 ? 0 : 1 + 3 * rng.nextDouble();  // clipped and expected degree-days
        }
        List<LocalDate> sar = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2016, 3, 1); d.isBefore(LocalDate.of(2019, 10, 1)); d = d.plusDays(12)) {
            sar.add(d);
        }
        // the walk over the days per unit, and the hulls of the degree-day pass
        PecmForcing walk = PecmForcingBuilder.build(start, daily, ndays, npix, thaw, freeze, sar, kappa, sd);
        PecmDegreeDays dd = PecmForcingBuilder.degreeDays(start, daily, ndays, npix, thaw, freeze, sar, sd, true);
        int[] identity = new int[npix];
        java.util.Arrays.setAll(identity, q -> q);
        PecmForcing hulls = PecmForcingBuilder.forcing(dd, kappa, start, daily, ndays, npix, identity, thaw, sd, sar);
        System.out.printf("SeasonalPeaksTest: %d hull vertices for %d cell-years%n", dd.peaks().points().length / 2,
                npix * dd.peaks().years());
        for (PecmForcing f : new PecmForcing[] {walk, hulls}) {
            check(f, start, daily, ndays, npix, thaw, sd, sar);
        }
    }

    /**
     * The walk that skips runs of days by the checkpoints of the degree-day pass ({@link DailyCheckpoints}) gives
     * the same yearly maxima, bit for bit, as the walk over every day (the same forcing without checkpoints), on
     * smooth (HANTS-like) and noisy daily series, clipped and expected degree-days, with gaps.
     */
    @Test
    void skippingRunsByCheckpointsChangesNoMaximum() {
        SplittableRandom rng = new SplittableRandom(77);
        LocalDate start = LocalDate.of(2014, 1, 1);
        int ndays = 8 * 365 + 2, npix = 3000;
        float[] daily = new float[ndays * npix];
        double[] thaw = new double[npix], freeze = new double[npix], kappa = new double[npix], sd = new double[npix];
        for (int p = 0; p < npix; p++) {
            double mean = -9 + 8 * rng.nextDouble(), amp = 6 + 12 * rng.nextDouble();
            double noise = p % 3 == 0 ? 3 * rng.nextDouble() : 0, semi = 2 * rng.nextDouble();
            for (int k = 0; k < ndays; k++) {
                double w = 2 * Math.PI * (k - 15) / 365.25;
                daily[k * npix + p] = (float) (mean - amp * Math.cos(w) + semi * Math.sin(2 * w)
                        + noise * rng.nextGaussian());
            }
            if (p % 11 == 0) {
                int g = rng.nextInt(ndays - 10);
                for (int k = g; k < g + 1 + rng.nextInt(8); k++) {
                    daily[k * npix + p] = Float.NaN;
                }
            }
            thaw[p] = 100 + rng.nextInt(70);
            freeze[p] = 250 + rng.nextInt(70);
            kappa[p] = 0.2 + 3 * rng.nextDouble();
            sd[p] = p % 4 == 0 ? 0 : 0.5 + 4 * rng.nextDouble();
        }
        List<LocalDate> sar = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2014, 6, 1); d.isBefore(LocalDate.of(2021, 10, 1)); d = d.plusDays(12)) {
            sar.add(d);
        }
        PecmDegreeDays dd = PecmForcingBuilder.degreeDays(start, daily, ndays, npix, thaw, freeze, sar, sd);
        assertThat(dd.checkpoints()).isNotNull();
        PecmDegreeDays plain = new PecmDegreeDays(dd.dates(), dd.pixels(), dd.years(), dd.linear(), dd.rootThaw(),
                dd.rootFreeze(), dd.year(), dd.endThaw(), dd.endFreeze(), dd.status(), null, dd.peakCell());
        int[] identity = new int[npix];
        java.util.Arrays.setAll(identity, q -> q);
        PecmForcing fast = PecmForcingBuilder.forcing(dd, kappa, start, daily, ndays, npix, identity, thaw, sd, sar);
        PecmForcing slow = PecmForcingBuilder.forcing(plain, kappa, start, daily, ndays, npix, identity, thaw, sd, sar);
        int finite = 0;
        for (int o = 0; o < slow.seasonalMax().length; o++) {
            assertThat(Float.floatToIntBits(fast.seasonalMax()[o])).as("year-pixel %d", o)
                    .isEqualTo(Float.floatToIntBits(slow.seasonalMax()[o]));
            finite += Float.isFinite(slow.seasonalMax()[o]) ? 1 : 0;
        }
        assertThat(finite).isGreaterThan(npix * 5);
        assertThat(fast.status()).containsExactly(slow.status());
    }

    private static void check(PecmForcing f, LocalDate start, float[] daily, int ndays, int npix, double[] thaw,
                              double[] sd, List<LocalDate> sar) {
        int compared = 0;
        for (int p = 0; p < npix; p++) {
            assertThat(f.status()[p]).as("pixel %d", p).isEqualTo(PecmStatus.OK);
            int th = (int) Math.round(thaw[p]);
            int sk0 = (int) (sar.get(0).toEpochDay() - start.toEpochDay());
            // absolute year of each day (onsets seen − 1) and that of the first SAR date
            int ya = -1, yRef = -1;
            double[] best = new double[f.years()];
            java.util.Arrays.fill(best, Double.NaN);
            LocalDate day = start;
            for (int k = 0; k < ndays; k++, day = day.plusDays(1)) {
                if (day.getDayOfYear() == th) {
                    ya++;
                }
                if (k == sk0) {
                    yRef = ya;
                }
            }
            double cumT = 0, cumF = 0;
            boolean live = false;
            day = start;
            ya = -1;
            for (int k = 0; k < ndays; k++, day = day.plusDays(1)) {
                if (day.getDayOfYear() == th) {
                    ya++;
                    cumT = 0;
                    cumF = 0;
                    live = true;
                }
                int y = ya - yRef;
                if (ya < 0 || y < 0 || y >= f.years()) {
                    continue;
                }
                if (Double.isNaN(best[y])) {
                    best[y] = 0;
                }
                float v = daily[k * npix + p];
                if (v != v) {
                    live = false;
                }
                if (!live) {
                    continue;
                }
                if (sd[p] > 0) {
                    double t = ExpectedDegreeDays.positivePart(v, sd[p]);
                    cumT += t;
                    cumF += t - v;
                } else if (v > 0) {
                    cumT += v;
                } else {
                    cumF += -v;
                }
                double s = Math.sqrt(f.ratio()[y * npix + p]);
                best[y] = Math.max(best[y], Math.sqrt(cumT) - s * Math.sqrt(cumF));
            }
            for (int y = 0; y < f.years(); y++) {
                float got = f.seasonalMax()[y * npix + p];
                if (Double.isNaN(best[y])) {
                    assertThat(got).as("pixel %d year %d: no onset in the series", p, y).isNaN();
                    continue;
                }
                assertThat((double) got).as("pixel %d year %d", p, y)
                        .isCloseTo(best[y], org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, best[y])));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(3 * npix);
    }
}

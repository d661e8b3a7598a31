package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The block detection (one pass over the days for a tile of pixels, {@link FreezeThawOnsets#detectBlock}) and the
 * one-series detection built on it ({@link FreezeThawOnsets#detect}, every year's onsets) give the same onsets, bit
 * for bit, as smoothing and scanning each pixel's series on its own ({@link FreezeThawOnsetsReference}), on series that exercise every branch of the scans: cold and warm years, a
 * warm spell running past 31 December (the freeze scan continues into the next year), years that never freeze,
 * gaps of missing days (which stop a scan), starts and ends in mid-year, and other windows.
 */
class FreezeThawOnsetsBlockTest {

    @Test
    void blockEqualsPerPixelDetection() {
        SplittableRandom rng = new SplittableRandom(42);
        for (FreezeThawOnsets on : new FreezeThawOnsets[] {FreezeThawOnsets.defaults(), new FreezeThawOnsets(5, 0.8),
                new FreezeThawOnsets(1, 1)}) {
            for (LocalDate start : new LocalDate[] {LocalDate.of(2014, 1, 1), LocalDate.of(2013, 7, 19),
                    LocalDate.of(2012, 1, 1)}) {
                boolean withGaps = start.getYear() != 2012;       // without: whole tiles with no missing day
                int ndays = 6 * 365 + 100 + rng.nextInt(200), npix = 700;
                float[] daily = new float[ndays * npix];
                for (int p = 0; p < npix; p++) {
                    double mean = -12 + 20 * rng.nextDouble(), amp = 3 + 15 * rng.nextDouble();
                    double noise = p % 3 == 0 ? 0 : 4 * rng.nextDouble(), lag = rng.nextInt(120);
                    for (int k = 0; k < ndays; k++) {
                        double doy = start.plusDays(k).getDayOfYear();
                        daily[k * npix + p] = (float) (mean - amp * Math.cos(2 * Math.PI * (doy - lag) / 365.25)
                                + noise * rng.nextGaussian());
                    }
                    int gaps = withGaps && p % 5 == 0 ? 1 + rng.nextInt(6) : 0;
                    for (int g = 0; g < gaps; g++) {
                        int at = rng.nextInt(ndays), len = 1 + rng.nextInt(p % 10 == 0 ? 60 : 10);
                        for (int k = at; k < Math.min(ndays, at + len); k++) {
                            daily[k * npix + p] = Float.NaN;
                        }
                    }
                    if (p == 1 && withGaps) {
                        for (int k = 0; k < ndays; k++) {
                            daily[k * npix + p] = Float.NaN;
                        }
                    }
                }
                double[][] block = on.detectBlock(start, daily, ndays, npix);
                int thawFound = 0;
                for (int p = 0; p < npix; p++) {
                    double[] series = new double[ndays];
                    for (int k = 0; k < ndays; k++) {
                        series[k] = daily[k * npix + p];
                    }
                    FreezeThawOnsets.Result r = FreezeThawOnsetsReference.detect(on, start, series);
                    FreezeThawOnsets.Result one = on.detect(start, series);
                    assertThat(one.firstYear()).isEqualTo(r.firstYear());
                    assertThat(bits(one.thawDoy())).as("thaw per year of pixel %d, %s", p, on).isEqualTo(bits(r.thawDoy()));
                    assertThat(bits(one.freezeDoy())).as("freeze per year of pixel %d, %s", p, on)
                            .isEqualTo(bits(r.freezeDoy()));
                    assertThat(Double.doubleToLongBits(one.meanThawDoy())).isEqualTo(Double.doubleToLongBits(r.meanThawDoy()));
                    assertThat(Double.doubleToLongBits(one.meanFreezeDoy()))
                            .isEqualTo(Double.doubleToLongBits(r.meanFreezeDoy()));
                    assertThat(Double.doubleToLongBits(block[0][p])).as("thaw of pixel %d, %s", p, on)
                            .isEqualTo(Double.doubleToLongBits(r.meanThawDoy()));
                    assertThat(Double.doubleToLongBits(block[1][p])).as("freeze of pixel %d, %s", p, on)
                            .isEqualTo(Double.doubleToLongBits(r.meanFreezeDoy()));
                    thawFound += Double.isNaN(r.meanThawDoy()) ? 0 : 1;
                    for (int k = 0; k < ndays; k++) {
                        series[k] += 1e-7 * Math.sin(k);            // values no float can hold (station series)
                    }
                    FreezeThawOnsets.Result rd = FreezeThawOnsetsReference.detect(on, start, series);
                    FreezeThawOnsets.Result od = on.detect(start, series);
                    assertThat(bits(od.thawDoy())).isEqualTo(bits(rd.thawDoy()));
                    assertThat(bits(od.freezeDoy())).isEqualTo(bits(rd.freezeDoy()));
                }
                assertThat(thawFound).isBetween(npix / 3, npix - 1);     // both branches are exercised
            }
        }
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = Double.doubleToLongBits(v[k]);
        }
        return b;
    }
}

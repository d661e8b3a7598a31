package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Closed-form truth: a "square-wave" climate, +A °C from the thaw onset (day of year th) to the day
 * before the freeze onset (fr), −B °C otherwise. Then, j days after the onset of a permafrost year
 * (0-based, the day itself included in the sums), ADDT = A·min(j+1, len), ADDF = B·max(0, j+1−len),
 * len = fr − th; ADDT_end = A·len, ADDF_end = B·(yearLength − len); L = T−1 + min(j/len, 1).
 */
class PecmTest {

    private static final LocalDate START = LocalDate.of(2015, 1, 1);
    private static final LocalDate END = LocalDate.of(2020, 12, 31);

    private static List<LocalDate> sarDates(int step) {
        List<LocalDate> d = new ArrayList<>();
        for (LocalDate x = LocalDate.of(2015, 6, 3); x.isBefore(LocalDate.of(2019, 12, 31)); x = x.plusDays(step)) {
            d.add(x);
        }
        return d;
    }

    /** Scene of npix pixels with random onsets and temperatures (seeded). */
    private static final class Scene {
        final int npix;
        final int ndays = (int) ChronoUnit.DAYS.between(START, END) + 1;
        final int[] th, fr;
        final double[] a, b;
        final float[] daily;

        Scene(int npix, Random rnd) {
            this.npix = npix;
            th = new int[npix];
            fr = new int[npix];
            a = new double[npix];
            b = new double[npix];
            for (int p = 0; p < npix; p++) {
                th[p] = 110 + rnd.nextInt(31);
                fr[p] = 270 + rnd.nextInt(31);
                a[p] = 5 + 5 * rnd.nextDouble();
                b[p] = 3 + 8 * rnd.nextDouble();
            }
            daily = new float[ndays * npix];
            for (int k = 0; k < ndays; k++) {
                int doy = START.plusDays(k).getDayOfYear();
                for (int p = 0; p < npix; p++) {
                    daily[k * npix + p] = (float) (doy >= th[p] && doy < fr[p] ? a[p] : -b[p]);
                }
            }
        }

        double[] doubles(int[] x) {
            return Arrays.stream(x).asDoubleStream().toArray();
        }

        /** Closed-form {L, I} of pixel p at date d for a user ratio κ_f/κ_t. */
        double[] closedForm(int p, LocalDate d, LocalDate first, double kappa) {
            LocalDate on = LocalDate.ofYearDay(d.getYear(), th[p]);
            if (d.isBefore(on)) {
                on = LocalDate.ofYearDay(d.getYear() - 1, th[p]);
            }
            LocalDate on0 = LocalDate.ofYearDay(first.getYear(), th[p]);
            if (first.isBefore(on0)) {
                on0 = LocalDate.ofYearDay(first.getYear() - 1, th[p]);
            }
            int yRel = on.getYear() - on0.getYear();
            int len = fr[p] - th[p];
            long j = ChronoUnit.DAYS.between(on, d);
            double addt = a[p] * Math.min(j + 1, len);
            double addf = b[p] * Math.max(0, j + 1 - len);
            long yearLen = ChronoUnit.DAYS.between(on, LocalDate.ofYearDay(on.getYear() + 1, th[p]));
            double tEnd = a[p] * len, fEnd = b[p] * (yearLen - len);
            double r = Math.sqrt(tEnd) - Math.sqrt(kappa * fEnd) > 0 ? tEnd / fEnd : kappa;
            double l = yRel + Math.min(j / (double) len, 1.0);
            return new double[] {l, Math.max(0, Math.sqrt(addt) - Math.sqrt(r * addf)), Math.sqrt(tEnd)};
        }
    }

    @Test
    void forcingMatchesTheClosedFormIncludingTheClosureRule() {
        Random rnd = new Random(11);
        Scene s = new Scene(40, rnd);
        List<LocalDate> dates = sarDates(6);
        for (double kappa : new double[] {0.3, 1.0, 3.0}) {
            PecmForcing f = PecmForcingBuilder.build(START, s.daily, s.ndays, s.npix, s.doubles(s.th), s.doubles(s.fr),
                    dates, kappa);
            int triggered = 0;
            for (int p = 0; p < s.npix; p++) {
                assertThat(f.status()[p]).isEqualTo(PecmStatus.OK);
                for (int i = 0; i < dates.size(); i++) {
                    double[] cf = s.closedForm(p, dates.get(i), dates.get(0), kappa);
                    assertThat((double) f.linear()[i * s.npix + p]).isCloseTo(cf[0], within(1e-5));
                    assertThat((double) f.seasonal()[i * s.npix + p]).isCloseTo(cf[1], within(1e-4));
                }
                for (int y = 0; y < f.years(); y++) {
                    assertThat((double) f.seasonalMax()[y * s.npix + p]).isCloseTo(Math.sqrt(s.a[p] * (s.fr[p] - s.th[p])), within(1e-4));
                    triggered += f.ratio()[y * s.npix + p] != (float) kappa ? 1 : 0;
                }
            }
            double[] perPixel = new double[s.npix];
            Arrays.fill(perPixel, kappa);
            PecmForcing g = PecmForcingBuilder.build(START, s.daily, s.ndays, s.npix, s.doubles(s.th), s.doubles(s.fr),
                    dates, perPixel);
            assertThat(g.seasonal()).containsExactly(f.seasonal());
            System.out.println("kappa " + kappa + ": closure triggered in " + triggered + " pixel-years");
            if (kappa == 0.3) {
                assertThat(triggered).isGreaterThan(0);
            }
        }
    }

    @Test
    void closureRuleBringsIToZeroAtTheEndOfTheYear() {
        // one pixel: +10 °C for 150 days, −2 °C for 215 days: √1500 − √1·√432 > 0 → closure triggers
        int ndays = (int) ChronoUnit.DAYS.between(START, END) + 1;
        float[] daily = new float[ndays];
        for (int k = 0; k < ndays; k++) {
            int doy = START.plusDays(k).getDayOfYear();
            daily[k] = doy >= 120 && doy < 270 ? 10f : -2f;
        }
        LocalDate lastDayOf2016Year = LocalDate.ofYearDay(2017, 120).minusDays(1);
        List<LocalDate> dates = List.of(LocalDate.of(2016, 6, 1), LocalDate.of(2016, 12, 1), lastDayOf2016Year);
        PecmForcing f = PecmForcingBuilder.build(START, daily, ndays, 1, new double[] {120}, new double[] {270}, dates, 1.0);
        // onsets by day of year: 2016-04-29 (DOY 120 of a leap year) to 2017-04-29 (DOY 119 of 2017), 366 days;
        // frozen DOY 270..366 of 2016 (97 days) + 1..119 of 2017 = 216 days → ADDF_end = 2·216 = 432
        assertThat(f.ratio()[0]).isCloseTo((float) (1500.0 / 432.0), within(1e-5f));
        assertThat(f.seasonal()[2]).isCloseTo(0f, within(1e-3f));
        // without closure (κ = 4): I reaches 0 earlier and stays clipped there
        PecmForcing g = PecmForcingBuilder.build(START, daily, ndays, 1, new double[] {120}, new double[] {270}, dates, 4.0);
        assertThat(g.ratio()[0]).isEqualTo(4f);
        assertThat(g.seasonal()[2]).isEqualTo(0f);
        // 1 December 2016: ADDT = 1500, ADDF = 2·(days since 2016-09-26 inclusive) = 2·67
        double expected = Math.sqrt(1500) - Math.sqrt(1500.0 / 432.0) * Math.sqrt(2 * 67);
        assertThat((double) f.seasonal()[1]).isCloseTo(expected, within(1e-4));
    }

    @Test
    void noiseFreeSeriesRecoverRateAndSeasonalCoefficientWithinOnePercent() {
        long seed = 31337L;
        System.out.println("PecmTest noise-free seed=" + seed);
        Random rnd = new Random(seed);
        Scene s = new Scene(500, rnd);
        List<LocalDate> dates = sarDates(12);
        int n = dates.size();
        double kappa = 1.2;
        double[] vTrue = new double[s.npix], dTrue = new double[s.npix];
        float[] disp = new float[n * s.npix];
        for (int p = 0; p < s.npix; p++) {
            vTrue[p] = -0.02 + 0.025 * rnd.nextDouble();
            dTrue[p] = -0.003 * rnd.nextDouble() - 0.0002;
            double[] ref = s.closedForm(p, dates.get(0), dates.get(0), kappa);
            for (int i = 0; i < n; i++) {
                double[] cf = s.closedForm(p, dates.get(i), dates.get(0), kappa);
                disp[i * s.npix + p] = (float) (vTrue[p] * (cf[0] - ref[0]) + dTrue[p] * (cf[1] - ref[1]));
            }
        }
        PecmForcing f = PecmForcingBuilder.build(START, s.daily, s.ndays, s.npix, s.doubles(s.th), s.doubles(s.fr),
                dates, kappa);
        PecmFit.Result r = PecmFit.fit(f, disp, 0);
        for (int p = 0; p < s.npix; p++) {
            assertThat(r.status()[p]).isEqualTo(PecmStatus.OK);
            assertThat(r.rate()[p]).isCloseTo(vTrue[p], within(0.01 * Math.abs(vTrue[p]) + 1e-6));
            assertThat(r.seasonalCoefficient()[p]).isCloseTo(dTrue[p], within(0.01 * Math.abs(dTrue[p])));
            for (int y = 0; y < r.years(); y++) {
                double ptt = Math.abs(dTrue[p]) * Math.sqrt(s.a[p] * (s.fr[p] - s.th[p]));
                assertThat(r.peakToTrough()[y * s.npix + p]).isCloseTo(ptt, within(0.01 * ptt));
            }
        }
    }

    /**
     * The reference date's own noise n₀ appears in an SBAS series as −n₀ on every other date (the series
     * is 0 at the reference by construction): a constant offset of the whole series plus +n₀ at the one
     * reference date. With the free offset of the fit, a constant moves nothing, so v̂ moves by exactly
     * h_v[ref]·n₀, the leverage of one date among ~150 (fitting differences to the reference date, as
     * before issue 11, moved it by the whole −n₀·ΣΔL/ΣΔL²-like term, the same for every pixel).
     */
    @Test
    void referenceDateNoiseEntersOnlyThroughItsOwnDate() {
        long seed = 20181120L;
        System.out.println("PecmTest reference-date noise seed=" + seed);
        Random rnd = new Random(seed);
        Scene s = new Scene(200, rnd);
        List<LocalDate> dates = sarDates(12);
        int n = dates.size();
        double kappa = 1.2;
        float[] clean = new float[n * s.npix], offset = new float[n * s.npix], shifted = new float[n * s.npix];
        double[] n0 = new double[s.npix];
        for (int p = 0; p < s.npix; p++) {
            double v = -0.02 + 0.025 * rnd.nextDouble(), d = -0.003 * rnd.nextDouble() - 0.0002;
            n0[p] = 0.01 * rnd.nextGaussian();
            double[] ref = s.closedForm(p, dates.get(0), dates.get(0), kappa);
            for (int i = 0; i < n; i++) {
                double[] cf = s.closedForm(p, dates.get(i), dates.get(0), kappa);
                double model = v * (cf[0] - ref[0]) + d * (cf[1] - ref[1]);
                clean[i * s.npix + p] = (float) model;
                offset[i * s.npix + p] = (float) (model + 0.05);
                shifted[i * s.npix + p] = (float) (i == 0 ? 0 : model - n0[p]);
            }
        }
        PecmForcing f = PecmForcingBuilder.build(START, s.daily, s.ndays, s.npix, s.doubles(s.th), s.doubles(s.fr),
                dates, kappa);
        PecmFit.Result a = PecmFit.fit(f, clean, 0), c = PecmFit.fit(f, offset, 0), b = PecmFit.fit(f, shifted, 0);
        double[] hv = new double[n], hd = new double[n];
        for (int p = 0; p < s.npix; p++) {
            assertThat(b.status()[p]).isEqualTo(PecmStatus.OK);
            // float32 storage of the series limits the agreement to ~1e-9 m per date
            assertThat(c.rate()[p]).isCloseTo(a.rate()[p], within(1e-6));
            assertThat(c.seasonalCoefficient()[p]).isCloseTo(a.seasonalCoefficient()[p], within(1e-7));
            assertThat(PecmFit.estimatorRows(f, clean, 0, p, hv, hd)).isTrue();
            assertThat(b.rate()[p] - a.rate()[p]).isCloseTo(hv[0] * n0[p], within(1e-6));
            assertThat(b.seasonalCoefficient()[p] - a.seasonalCoefficient()[p]).isCloseTo(hd[0] * n0[p], within(1e-7));
            assertThat(java.util.Arrays.stream(hv).sum()).isCloseTo(0, within(1e-9));
        }
    }

    /**
     * κ_f/κ_t from the series (profile least squares): pixels made with their own ratio, above the
     * closure ratio ADDT_end/ADDF_end (below it the closure rule overrides the ratio in every complete
     * year, and the data cannot tell it), are recovered noise-free within 3 % (the parabola refines a
     * 16-value grid), and with 1 mm noise within 2.5 reported σ for ≥ 90 % of the pixels.
     */
    @Test
    void kappaRatioRecoveredByProfileLeastSquares() {
        long seed = 1977L;
        System.out.println("PecmTest kappa profile seed=" + seed);
        Random rnd = new Random(seed);
        Scene s = new Scene(400, rnd);
        List<LocalDate> dates = sarDates(12);
        int n = dates.size();
        double[] kTrue = new double[s.npix];
        float[] clean = new float[n * s.npix], noisy = new float[n * s.npix];
        for (int p = 0; p < s.npix; p++) {
            int len = s.fr[p] - s.th[p];
            double closure = s.a[p] * len / (s.b[p] * (365 - len));
            kTrue[p] = Math.min(3.0, closure * (1.2 + rnd.nextDouble()));
            double v = -0.01 + 0.01 * rnd.nextDouble(), d = -0.002 - 0.002 * rnd.nextDouble();
            double[] ref = s.closedForm(p, dates.get(0), dates.get(0), kTrue[p]);
            for (int i = 0; i < n; i++) {
                double[] cf = s.closedForm(p, dates.get(i), dates.get(0), kTrue[p]);
                double model = v * (cf[0] - ref[0]) + d * (cf[1] - ref[1]);
                clean[i * s.npix + p] = (float) model;
                noisy[i * s.npix + p] = (float) (model + (i == 0 ? 0 : 0.001 * rnd.nextGaussian()));
            }
        }
        double[] one = new double[s.npix];
        Arrays.fill(one, 1.0);
        PecmDegreeDays dd = PecmForcingBuilder.buildWithDegreeDays(START, s.daily, s.ndays, s.npix, s.doubles(s.th),
                s.doubles(s.fr), dates, one, null).degreeDays();
        PecmKappaProfile.Result a = PecmKappaProfile.estimate(dd, clean, 0);
        PecmKappaProfile.Result b = PecmKappaProfile.estimate(dd, noisy, 0);
        int estimable = 0, covered = 0, considered = 0;
        double worst = 0;
        for (int p = 0; p < s.npix; p++) {
            if (kTrue[p] < 0.25 || kTrue[p] > 2.9) {
                continue;                              // too close to the grid's ends for a parabola
            }
            considered++;
            assertThat(a.ratio()[p]).as("pixel %d", p).isNotNaN();
            worst = Math.max(worst, Math.abs(a.ratio()[p] / kTrue[p] - 1));
            if (!Double.isNaN(b.ratio()[p])) {
                estimable++;
                covered += Math.abs(b.ratio()[p] - kTrue[p]) <= 2.5 * b.ratioStd()[p] ? 1 : 0;
            }
        }
        System.out.printf("kappa profile: %d pixels, noise-free worst relative error %.4f; noisy: %d estimable, "
                + "%d within 2.5σ%n", considered, worst, estimable, covered);
        assertThat(worst).isLessThan(0.03);
        assertThat(estimable).isGreaterThan(considered * 8 / 10);
        assertThat(covered).isGreaterThanOrEqualTo(estimable * 9 / 10);
    }

    @Test
    void noisySeriesTruthWithinReportedUncertainty() {
        long seed = 8675309L;
        System.out.println("PecmTest noisy seed=" + seed);
        Random rnd = new Random(seed);
        Scene s = new Scene(2000, rnd);
        List<LocalDate> dates = sarDates(12);
        int n = dates.size();
        double kappa = 1.2, v = -0.01, d = -0.0015;
        float[] disp = new float[n * s.npix];
        for (int p = 0; p < s.npix; p++) {
            double[] ref = s.closedForm(p, dates.get(0), dates.get(0), kappa);
            for (int i = 0; i < n; i++) {
                double[] cf = s.closedForm(p, dates.get(i), dates.get(0), kappa);
                double noise = i == 0 ? 0 : 0.006 * rnd.nextGaussian();
                disp[i * s.npix + p] = (float) (v * (cf[0] - ref[0]) + d * (cf[1] - ref[1]) + noise);
            }
        }
        PecmFit.Result r = PecmFit.fit(PecmForcingBuilder.build(START, s.daily, s.ndays, s.npix, s.doubles(s.th),
                s.doubles(s.fr), dates, kappa), disp, 0);
        int v1 = 0, v2 = 0, d1 = 0, d2 = 0;
        double rms = 0;
        for (int p = 0; p < s.npix; p++) {
            double ev = Math.abs(r.rate()[p] - v) / r.rateStd()[p];
            double ed = Math.abs(r.seasonalCoefficient()[p] - d) / r.seasonalStd()[p];
            v1 += ev <= 1 ? 1 : 0;
            v2 += ev <= 2 ? 1 : 0;
            d1 += ed <= 1 ? 1 : 0;
            d2 += ed <= 2 ? 1 : 0;
            rms += r.residualRms()[p] / s.npix;
        }
        System.out.printf("PECM coverage: v 1σ %.3f 2σ %.3f, d 1σ %.3f 2σ %.3f, mean residual RMS %.4f m%n",
                v1 / 2000.0, v2 / 2000.0, d1 / 2000.0, d2 / 2000.0, rms);
        assertThat(v2 / 2000.0).isGreaterThanOrEqualTo(0.90);
        assertThat(d2 / 2000.0).isGreaterThanOrEqualTo(0.90);
        assertThat(v1 / 2000.0).isBetween(0.60, 0.76);         // Gaussian: 68.3 % within 1σ
        assertThat(d1 / 2000.0).isBetween(0.60, 0.76);
        assertThat(rms).isCloseTo(0.006, within(0.0005));
    }

    /**
     * Residuals correlated in time (AR(1), lag-1 correlation 0.6, as the noise of an SBAS series whose
     * dates are tied by short pairs): with Σr²/(n − 2) the reported σ would be too small by about
     * √((1+ρ)/(1−ρ)) = 2; the effective sample size of Santer et al. (2000, eq. 6) restores the 2σ
     * coverage. Truth from the closed form; seed logged.
     */
    @Test
    void autocorrelatedNoiseTruthWithinReportedUncertainty() {
        long seed = 20240611L;
        System.out.println("PecmTest AR(1) seed=" + seed);
        Random rnd = new Random(seed);
        Scene s = new Scene(1000, rnd);
        List<LocalDate> dates = sarDates(12);
        int n = dates.size();
        double kappa = 1.2, v = -0.01, d = -0.0015, rho = 0.6, sigma = 0.004;
        float[] disp = new float[n * s.npix];
        for (int p = 0; p < s.npix; p++) {
            double[] ref = s.closedForm(p, dates.get(0), dates.get(0), kappa);
            double e = sigma * rnd.nextGaussian();
            for (int i = 0; i < n; i++) {
                double[] cf = s.closedForm(p, dates.get(i), dates.get(0), kappa);
                e = rho * e + sigma * Math.sqrt(1 - rho * rho) * rnd.nextGaussian(); // stationary AR(1)
                disp[i * s.npix + p] = (float) (v * (cf[0] - ref[0]) + d * (cf[1] - ref[1]) + (i == 0 ? 0 : e));
            }
        }
        PecmFit.Result r = PecmFit.fit(PecmForcingBuilder.build(START, s.daily, s.ndays, s.npix, s.doubles(s.th),
                s.doubles(s.fr), dates, kappa), disp, 0);
        int v2 = 0, d2 = 0;
        for (int p = 0; p < s.npix; p++) {
            v2 += Math.abs(r.rate()[p] - v) <= 2 * r.rateStd()[p] ? 1 : 0;
            d2 += Math.abs(r.seasonalCoefficient()[p] - d) <= 2 * r.seasonalStd()[p] ? 1 : 0;
        }
        System.out.printf("PECM AR(1) coverage at 2σ: v %.3f, d %.3f%n", v2 / 1000.0, d2 / 1000.0);
        assertThat(v2 / 1000.0).isGreaterThanOrEqualTo(0.90);
        assertThat(d2 / 1000.0).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void effectiveCountFollowsSanter2000() {
        assertThat(PecmFit.effectiveCount(100, 0.0)).isEqualTo(100.0);
        assertThat(PecmFit.effectiveCount(100, 0.5)).isCloseTo(100 * 0.5 / 1.5, within(1e-12)); // n(1−r)/(1+r)
        assertThat(PecmFit.effectiveCount(100, -0.3)).isEqualTo(100.0);   // negative r1 not used to shrink σ
        assertThat(PecmFit.effectiveCount(100, 0.99)).isEqualTo(4.0);     // floored: one degree of freedom
    }

    @Test
    void unsolvablePixelsGetNaNAndAReason() {
        int ndays = (int) ChronoUnit.DAYS.between(START, END) + 1;
        int npix = 5;
        float[] daily = new float[ndays * npix];
        for (int k = 0; k < ndays; k++) {
            int doy = START.plusDays(k).getDayOfYear();
            for (int p = 0; p < npix; p++) {
                daily[k * npix + p] = p == 2 ? Float.NaN : doy >= 120 && doy < 270 ? 8f : -8f;
            }
        }
        daily[600 * npix + 3] = Float.NaN;                          // a gap in 2016
        List<LocalDate> dates = sarDates(12);
        double[] th = {120, Double.NaN, 120, 120, 120};
        double[] fr = {270, 270, 270, 270, 100};
        PecmForcing f = PecmForcingBuilder.build(START, daily, ndays, npix, th, fr, dates, 1);
        float[] disp = new float[dates.size() * npix];
        PecmFit.Result r = PecmFit.fit(f, disp, 0);
        assertThat(r.status()).containsExactly(PecmStatus.OK, PecmStatus.NO_THAW, PecmStatus.NO_VALID_LST,
                PecmStatus.LST_GAP, PecmStatus.NO_FREEZE);
        assertThat(r.rate()[1]).isNaN();
        assertThat(r.seasonalCoefficient()[3]).isNaN();
        PecmForcing early = PecmForcingBuilder.build(START, daily, ndays, npix, th, fr,
                List.of(LocalDate.of(2015, 2, 1), LocalDate.of(2015, 8, 1)), 1);
        assertThat(early.status()[0]).isEqualTo(PecmStatus.DATES_OUTSIDE_LST);
        PecmForcing late = PecmForcingBuilder.build(START, daily, ndays, npix, th, fr,
                List.of(LocalDate.of(2020, 6, 1), LocalDate.of(2021, 8, 1)), 1);
        assertThat(late.status()[0]).isEqualTo(PecmStatus.DATES_OUTSIDE_LST);
        double[] ratios = {1, 1, 1, 1, 1};
        ratios[0] = Double.NaN;
        assertThat(PecmForcingBuilder.build(START, daily, ndays, npix, th, fr, dates, ratios).status()[0])
                .isEqualTo(PecmStatus.NO_FREEZE);
        PecmForcing two = PecmForcingBuilder.build(START, daily, ndays, npix, th, fr,
                List.of(LocalDate.of(2016, 6, 1), LocalDate.of(2016, 8, 1), LocalDate.of(2016, 9, 1)), 1);
        assertThat(PecmFit.fit(two, new float[3 * npix], 0).status()[0]).isEqualTo(PecmStatus.TOO_SHORT);
    }
}

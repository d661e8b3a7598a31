package org.permasar.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's acceptance: simulated slump series of known class and break date, Sentinel-1-like (every
 * 12 days over 4 years, N = 122 dates, Δt = 12 d, white noise σ), rates in seed 004's range (−35 … 20 mm/yr).
 *
 * <p><b>The precision the data allow.</b> The least-squares break of a continuous broken line is asymptotically
 * normal (Feder 1975) with the Cramér–Rao standard deviation σ_τ = σ/(|Δv|·‖P⊥s‖), s = 1[t &gt; t_b]
 * ({@link SlumpSeriesClassifier#breakStdDays}). Without the annual term its continuum limit is
 * σ_τ ≈ (2σ/|Δv|)·√(Δt·T/(L₁L₂)), in acquisitions σ_τ/Δt ≈ 2σ/(|Δv|·Δt·√(N·f(1−f))), f = L₁/T the break's place in
 * the series ({@link #cramerRaoBoundMatchesItsClosedForm}); the joint annual pair adds about 5 %. For this design
 * (f in 0.2 … 0.8) that is 0.81 acquisition (RMS over f; with the annual pair 0.85) at |Δv|/σ = 15 /yr. A break on an
 * acquisition is dated within one acquisition when |τ̂ − τ| &lt; 1.5 Δt: with probability 2Φ(1.5 Δt/σ_τ) − 1, 95 %
 * at σ_τ = 0.77 Δt and 99.7 % at σ_τ = Δt/2. The acceptance's condition is the latter, as |Δv|/σ ≥ R* =
 * 2·max σ_τ(|Δv|/σ = 1 /yr)/Δt over the break positions simulated, computed by the test from the bound: R* = 31.5 /yr
 * with the annual term (and 95 % expected from 20.6 /yr). At σ = 2 mm a pixel needs Δv ≥ 63 mm/yr for it.
 *
 * <p>Measured ({@link #breakDatesReachTheCramerRaoBound}, seed {@value #SEED}, annual term fitted jointly, 400 series
 * per |Δv|/σ from 5 to 40 /yr, the curve printed and in the README): 100 % classed abrupt and dated within one
 * acquisition at 35 and 40 /yr (≥ R*; asserted ≥ 95 %); at every |Δv|/σ the share within one acquisition close to the
 * bound's (0.418 against 0.447 at 5 /yr, 0.925 against 0.923 at 15, 0.993 against 0.996 at 25; asserted no more than
 * 4 binomial standard errors below); the RMS break error 0.95 … 1.06 of the bound wherever σ_τ ≤ Δt (asserted
 * 0.85 … 1.15). The mixed-class set ({@link #simulatedSlumpsAreClassedAndTheirBreaksDated}, σ = 2 mm, deseasoned):
 * 300 of 300 classed right; 84 of 100 breaks within one acquisition (the bound expects 86.9 ± 3.3; asserted ≥ the
 * expectation less 3 sd), 48 of 50 at Δv 25–35 mm/yr (|Δv|/σ 12.5–17.5 /yr; the bound expects 46.7: the 95 % asserted
 * there, kept from before, holds at this seed but is not what the bound promises). Seed {@value #SEED} logged.
 */
class SlumpSeriesClassifierTest {
    static final long SEED = 20261207L;
    static final LocalDate START = LocalDate.of(2019, 1, 1);
    static final double DT = 12 / SlumpSeriesClassifier.YEAR;

    /** Every 12 days over 4 years from 2019-01-01 (122 dates). */
    static List<LocalDate> sentinelDates() {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = START; d.isBefore(START.plusYears(4)); d = d.plusDays(12)) {
            dates.add(d);
        }
        return dates;
    }

    static double[] years(List<LocalDate> dates) {
        double[] t = new double[dates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (dates.get(i).toEpochDay() - START.toEpochDay()) / SlumpSeriesClassifier.YEAR;
        }
        return t;
    }

    /** The nearest acquisition within one of a break on an acquisition, σ_τ in years. */
    static double withinOneAcquisition(double sigmaTau) {
        return SlumpSeriesClassifier.nearestAcquisitionWithin(1, sigmaTau * SlumpSeriesClassifier.YEAR, 12);
    }

    @Test
    void simulatedSlumpsAreClassedAndTheirBreaksDated() {
        Random rnd = new Random(SEED);
        List<LocalDate> dates = sentinelDates();
        double[] tt = years(dates);
        SlumpSeriesClassifier c = SlumpSeriesClassifier.millimetreDefaults();
        int n = 300, correct = 0, abrupt = 0, dated = 0, sharp = 0, within3 = 0, within1 = 0;
        double expected = 0, expectedVar = 0, expectedSharp = 0;
        int[][] confusion = new int[3][4];
        for (int s = 0; s < n; s++) {
            int truth = s % 3;                      // 0 stable, 1 abrupt, 2 linear
            double v1 = truth == 2 ? -8 - 27 * rnd.nextDouble() : -3 + 6 * rnd.nextDouble();
            double v2 = truth == 1 ? v1 - 15 - 20 * rnd.nextDouble() : v1;
            int kb = (int) (dates.size() * (0.2 + 0.6 * rnd.nextDouble()));
            double tb = tt[kb];
            double[] y = new double[dates.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = 5 + v1 * tt[i] + (v2 - v1) * Math.max(0, tt[i] - tb) + 2 * rnd.nextGaussian();
            }
            SlumpSeriesClassifier.Result r = c.classify(dates, y);
            int got = switch (r.kind()) {
                case STABLE -> 0;
                case ABRUPT_THAW -> 1;
                case LINEAR_SUBSIDENCE -> 2;
                default -> 3;
            };
            confusion[truth][got]++;
            correct += got == truth ? 1 : 0;
            if (truth == 1) {
                double pr = withinOneAcquisition(SlumpSeriesClassifier.breakStd(tt, tb, v2 - v1, 2, false));
                expected += pr;
                expectedVar += pr * (1 - pr);
                expectedSharp += v2 - v1 <= -25 ? pr : 0;
            }
            if (truth == 1 && got == 1) {
                abrupt++;
                long days = Math.abs(r.breakDate().toEpochDay() - dates.get(kb).toEpochDay());
                within3 += days <= 36 ? 1 : 0;
                within1 += days <= 12 ? 1 : 0;
                if (v2 - v1 <= -25) {
                    sharp++;
                    dated += days <= 12 ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "slump classes (seed %d): %d of %d correct; confusion [truth][stable, abrupt, linear, "
                + "short] = %s; breaks within one acquisition where the rate changes by ≥ 25 mm/yr: %d of %d (the Cramér–Rao "
                + "bound expects %.1f); all abrupt: %d of 100 (expected %.1f ± %.1f); within three acquisitions: %d of %d%n",
                SEED, correct, n, java.util.Arrays.deepToString(confusion), dated, sharp, expectedSharp, within1, expected,
                Math.sqrt(expectedVar), within3, abrupt);
        assertThat(correct).as("correct classes").isGreaterThanOrEqualTo((int) Math.ceil(0.95 * n));
        assertThat(dated).as("sharp thaws (≥ 25 mm/yr change) dated within one acquisition (12 days)")
                .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * sharp));
        assertThat((double) within1).as("abrupt thaws dated within one acquisition, against the bound's expectation")
                .isGreaterThanOrEqualTo(expected - 3 * Math.sqrt(expectedVar));
        assertThat(within3).as("abrupt thaws dated within three acquisitions").isGreaterThanOrEqualTo((int) Math.ceil(0.95 * abrupt));
    }

    /**
     * Issue 15's acceptance as the theory states it: abrupt thaws with the annual term fitted jointly (5–15 mm at a
     * random phase), v₁ and v₂ = v₁ − Δv in seed 004's −35 … 20 mm/yr, Δv 15–55 mm/yr, the break on an acquisition
     * in the middle 60 % of the period, σ = Δv/(|Δv|/σ) for |Δv|/σ from 5 to 40 /yr, 400 series each. Where the
     * Cramér–Rao bound is at most half an acquisition (|Δv|/σ ≥ R*, R* from the bound): ≥ 95 % classed abrupt and
     * ≥ 95 % dated within one acquisition. Everywhere: the share within one acquisition against the bound's
     * 2Φ(1.5 Δt/σ_τ) − 1; where σ_τ ≤ Δt, the RMS error of the least-squares break time against the bound, and the
     * plug-in σ̂_τ ({@link SlumpSeriesClassifier.Result#breakStdDays}) against the true one.
     */
    @Test
    void breakDatesReachTheCramerRaoBound() {
        List<LocalDate> dates = sentinelDates();
        double[] t = years(dates);
        int nd = t.length;
        SlumpSeriesClassifier c = SlumpSeriesClassifier.millimetreDefaults().withAnnual(true);
        double[] sin = new double[nd], cos = new double[nd];
        for (int i = 0; i < nd; i++) {
            sin[i] = Math.sin(2 * Math.PI * t[i]);
            cos[i] = Math.cos(2 * Math.PI * t[i]);
        }
        int kMin = (int) (nd * 0.2), kMax = (int) (nd * 0.8);
        double worst = 0;                                       // σ_τ at |Δv|/σ = 1 /yr, the worst break position
        for (int k = kMin; k <= kMax; k++) {
            worst = Math.max(worst, SlumpSeriesClassifier.breakStd(t, t[k], 1, 1, true));
        }
        double rStar = 2 * worst / DT;
        System.out.printf(Locale.ROOT, "condition σ_τ ≤ Δt/2 for every break in the middle 60 %%: |Δv|/σ ≥ R* = %.1f /yr "
                + "(12-day sampling, 4 years, annual term; 2Φ(1.5 Δt/σ_τ) − 1 = 95 %% from %.1f /yr)%n", rStar,
                worst / (1.5 / 1.959964 * DT));
        System.out.println("|Δv|/σ  σ_τ/Δt  P(bound)  abrupt  within1   rms/Δt  rms/σ_τ  σ̂_τ/σ_τ  covered95  within1(at "
                + "acquisitions only)");
        double[] ratios = {5, 7.5, 10, 12.5, 15, 17.5, 20, 25, 30, 35, 40};
        int m = 400;
        int asserted = 0;
        for (double ratio : ratios) {
            Random rnd = new Random(SEED + (long) (10 * ratio));
            int abrupt = 0, within1 = 0, covered = 0, within1At = 0;
            double pBound = 0, crb2 = 0, err2 = 0, plugin = 0, maxCrb = 0;
            for (int s = 0; s < m; s++) {
                double dv = 15 + 40 * rnd.nextDouble();
                double v1 = -35 + dv + (55 - dv) * rnd.nextDouble();
                double sigma = dv / ratio;
                int kb = kMin + rnd.nextInt(kMax - kMin + 1);
                double amp = 5 + 10 * rnd.nextDouble(), phase = 2 * Math.PI * rnd.nextDouble();
                double[] y = new double[nd];
                for (int i = 0; i < nd; i++) {
                    y[i] = 5 + v1 * t[i] - dv * Math.max(0, t[i] - t[kb]) + amp * Math.sin(2 * Math.PI * t[i] + phase)
                            + sigma * rnd.nextGaussian();
                }
                double crb = c.breakStdDays(dates, dates.get(kb).toEpochDay(), -dv, sigma) / SlumpSeriesClassifier.YEAR;
                maxCrb = Math.max(maxCrb, crb);
                crb2 += crb * crb;
                pBound += withinOneAcquisition(crb);
                within1At += Math.abs((int) c.breakSearch(t, y, sin, cos, false)[5] - kb) <= 1 ? 1 : 0;
                SlumpSeriesClassifier.Result r = c.classify(dates, y);
                if (r.kind() != SlumpSeriesClassifier.Kind.ABRUPT_THAW) {
                    continue;
                }
                abrupt++;
                within1 += Math.abs(r.breakDate().toEpochDay() - dates.get(kb).toEpochDay()) <= 12 ? 1 : 0;
                double err = (r.breakDay() - dates.get(kb).toEpochDay()) / SlumpSeriesClassifier.YEAR;
                err2 += err * err;
                plugin += r.breakStdDays() / SlumpSeriesClassifier.YEAR / crb;
                covered += Math.abs(err) <= 1.96 * r.breakStdDays() / SlumpSeriesClassifier.YEAR ? 1 : 0;
            }
            double rmsCrb = Math.sqrt(crb2 / m), rms = Math.sqrt(err2 / abrupt);
            double shareAbrupt = abrupt / (double) m, share = within1 / (double) m, p = pBound / m;
            System.out.printf(Locale.ROOT, "%6.1f  %6.3f  %7.3f  %6.3f  %7.3f  %7.3f  %7.3f  %7.3f  %8.3f  %8.3f%n", ratio,
                    rmsCrb / DT, p, shareAbrupt, share, rms / DT, rms / rmsCrb, plugin / abrupt, covered / (double) abrupt,
                    within1At / (double) m);
            assertThat(share).as("share within one acquisition at |Δv|/σ = %s against the bound's %s", ratio, p)
                    .isGreaterThanOrEqualTo(p - 4 * Math.sqrt(p * (1 - p) / m) - 1.0 / m);
            if (maxCrb <= DT) {
                assertThat(rms / rmsCrb).as("RMS break error / Cramér–Rao bound at |Δv|/σ = %s", ratio)
                        .isBetween(0.85, 1.15);
                assertThat(plugin / abrupt).as("mean plug-in σ̂_τ / σ_τ at |Δv|/σ = %s", ratio).isBetween(0.9, 1.1);
            }
            if (ratio >= rStar) {
                asserted++;
                assertThat(shareAbrupt).as("classed abrupt at |Δv|/σ = %s ≥ R*", ratio).isGreaterThanOrEqualTo(0.95);
                assertThat(share).as("dated within one acquisition at |Δv|/σ = %s ≥ R*", ratio).isGreaterThanOrEqualTo(0.95);
            }
        }
        assertThat(asserted).as("|Δv|/σ values that meet the condition").isGreaterThanOrEqualTo(2);
    }

    /**
     * The continuum limit of the bound: σ_τ ≈ (2σ/|Δv|)·√(Δt·T/(L₁L₂)) with T = NΔt and L₁ = (k + ½)Δt before a break
     * on the k-th date (each date standing for Δt of the series), against the Fisher information of the 122 dates.
     */
    @Test
    void cramerRaoBoundMatchesItsClosedForm() {
        List<LocalDate> dates = sentinelDates();
        SlumpSeriesClassifier c = SlumpSeriesClassifier.millimetreDefaults();
        int nd = dates.size();
        for (int k : new int[] {25, 40, 61, 80, 97}) {
            for (double[] dvSigma : new double[][] {{-20, 2}, {-40, 1}, {-15, 5}}) {
                double l1 = (k + 0.5) * 12, l2 = (nd - k - 0.5) * 12;     // days
                double closed = 2 * dvSigma[1] / Math.abs(dvSigma[0]) * SlumpSeriesClassifier.YEAR
                        * Math.sqrt(12 * (l1 + l2) / (l1 * l2));
                double numeric = c.breakStdDays(dates, dates.get(k).toEpochDay(), dvSigma[0], dvSigma[1]);
                assertThat(numeric).as("k %d, Δv %s, σ %s", k, dvSigma[0], dvSigma[1])
                        .isCloseTo(closed, Offset.offset(0.03 * closed));
                double withAnnual = c.withAnnual(true).breakStdDays(dates, dates.get(k).toEpochDay(), dvSigma[0], dvSigma[1]);
                assertThat(withAnnual).as("the annual pair costs information").isGreaterThanOrEqualTo(numeric)
                        .isLessThan(1.15 * numeric);
            }
        }
        // 2Φ(1.5) − 1 at σ_τ = Δt, 2Φ(3) − 1 at σ_τ = Δt/2, 2Φ(0.5) − 1 for the acquisition itself (Φ tabulated)
        assertThat(SlumpSeriesClassifier.nearestAcquisitionWithin(1, 12, 12)).isCloseTo(0.866386, Offset.offset(1e-6));
        assertThat(SlumpSeriesClassifier.nearestAcquisitionWithin(1, 6, 12)).isCloseTo(0.997300, Offset.offset(1e-6));
        assertThat(SlumpSeriesClassifier.nearestAcquisitionWithin(0, 12, 12)).isCloseTo(0.382925, Offset.offset(1e-6));
        // a break before the first date is no break: the step and the hinge are the constant and the line
        assertThat(c.breakStdDays(dates, dates.get(0).toEpochDay() - 5, -20, 2)).isInfinite();
    }

    /**
     * Breaks between acquisitions (the onset of thaw is not timed to the satellite): the least-squares break time
     * searched between acquisitions against the one restricted to them, on the same series (annual term, |Δv|/σ = 25
     * and 40 /yr, 400 series each, seed {@value #SEED}): the continuous estimate's RMS error is within 15 % of the bound
     * and below the restricted one's.
     */
    @Test
    void breaksBetweenAcquisitionsAreTimedBetweenThem() {
        List<LocalDate> dates = sentinelDates();
        double[] t = years(dates);
        int nd = t.length;
        double[] sin = new double[nd], cos = new double[nd];
        for (int i = 0; i < nd; i++) {
            sin[i] = Math.sin(2 * Math.PI * t[i]);
            cos[i] = Math.cos(2 * Math.PI * t[i]);
        }
        SlumpSeriesClassifier c = SlumpSeriesClassifier.millimetreDefaults().withAnnual(true);
        for (double ratio : new double[] {25, 40}) {
            Random rnd = new Random(SEED);
            int m = 400;
            double crb2 = 0, between2 = 0, at2 = 0;
            for (int s = 0; s < m; s++) {
                double dv = 15 + 40 * rnd.nextDouble();
                double v1 = -35 + dv + (55 - dv) * rnd.nextDouble();
                double sigma = dv / ratio;
                double tb = t[nd - 1] * (0.2 + 0.6 * rnd.nextDouble());
                double amp = 5 + 10 * rnd.nextDouble(), phase = 2 * Math.PI * rnd.nextDouble();
                double[] y = new double[nd];
                for (int i = 0; i < nd; i++) {
                    y[i] = 5 + v1 * t[i] - dv * Math.max(0, t[i] - tb) + amp * Math.sin(2 * Math.PI * t[i] + phase)
                            + sigma * rnd.nextGaussian();
                }
                double crb = SlumpSeriesClassifier.breakStd(t, tb, dv, sigma, true);
                crb2 += crb * crb;
                double eb = c.breakSearch(t, y, sin, cos, true)[4] - tb;
                double ea = c.breakSearch(t, y, sin, cos, false)[4] - tb;
                between2 += eb * eb;
                at2 += ea * ea;
            }
            double rmsCrb = Math.sqrt(crb2 / m), rmsBetween = Math.sqrt(between2 / m), rmsAt = Math.sqrt(at2 / m);
            System.out.printf(Locale.ROOT, "breaks between acquisitions, |Δv|/σ = %.0f /yr: RMS error %.3f Δt searched "
                    + "between acquisitions, %.3f Δt at acquisitions only, bound %.3f Δt%n", ratio, rmsBetween / DT,
                    rmsAt / DT, rmsCrb / DT);
            assertThat(rmsBetween / rmsCrb).as("RMS / bound, between acquisitions").isBetween(0.85, 1.15);
            assertThat(rmsBetween).as("between acquisitions against at acquisitions only").isLessThan(0.95 * rmsAt);
        }
    }

    @Test
    void aNoiseFreeBrokenLineGivesItsBreakAndRatesExactly() {
        LocalDate start = LocalDate.of(2019, 1, 1);
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            dates.add(start.plusDays(12L * i));
        }
        double[] y = new double[100];
        double tb = (dates.get(60).toEpochDay() - start.toEpochDay()) / SlumpSeriesClassifier.YEAR;
        for (int i = 0; i < 100; i++) {
            double t = (dates.get(i).toEpochDay() - start.toEpochDay()) / SlumpSeriesClassifier.YEAR;
            y[i] = 1 + 2 * t - 30 * Math.max(0, t - tb) + (i % 2 == 0 ? 1e-3 : -1e-3);
        }
        y[7] = Double.NaN;
        SlumpSeriesClassifier.Result r = SlumpSeriesClassifier.millimetreDefaults().classify(dates, y);
        assertThat(r.kind()).isEqualTo(SlumpSeriesClassifier.Kind.ABRUPT_THAW);
        assertThat(r.breakDate()).isEqualTo(dates.get(60));
        assertThat(r.rateBefore()).isCloseTo(2, Offset.offset(0.01));
        assertThat(r.rateAfter()).isCloseTo(-28, Offset.offset(0.01));
        assertThat(SlumpSeriesClassifier.millimetreDefaults().classify(dates.subList(0, 9), new double[9]).kind())
                .isEqualTo(SlumpSeriesClassifier.Kind.TOO_SHORT);
    }

    /** A noise-free broken line whose break falls between two acquisitions: the break time to 10⁻⁶ day, both ways of time. */
    @Test
    void aBreakBetweenAcquisitionsIsFoundExactly() {
        List<LocalDate> dates = sentinelDates();
        double[] t = years(dates);
        for (boolean annual : new boolean[] {false, true}) {
            for (double offsetDays : new double[] {0.5, 3, 5.5, 6.5, 9.25, 11.5}) {
                double day = dates.get(70).toEpochDay() + offsetDays;
                double tb = (day - START.toEpochDay()) / SlumpSeriesClassifier.YEAR;
                double[] y = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    y[i] = 3 - 1.5 * t[i] - 25 * Math.max(0, t[i] - tb) + (annual ? 8 * Math.sin(2 * Math.PI * t[i] + 1) : 0);
                }
                SlumpSeriesClassifier.Result r = SlumpSeriesClassifier.millimetreDefaults().withAnnual(annual)
                        .classify(dates, y);
                assertThat(r.kind()).isEqualTo(SlumpSeriesClassifier.Kind.ABRUPT_THAW);
                assertThat(r.breakDay()).as("annual %s, %s days after", annual, offsetDays).isCloseTo(day, Offset.offset(1e-6));
                assertThat(r.breakDate()).isEqualTo(dates.get(offsetDays < 6 ? 70 : 71));
                assertThat(r.rateBefore()).isCloseTo(-1.5, Offset.offset(1e-9));
                assertThat(r.rateAfter()).isCloseTo(-26.5, Offset.offset(1e-9));
            }
        }
    }

    /**
     * The O(1)-per-candidate break search finds the brute-force refits' best break, coefficients and RSS: at the
     * acquisitions, against a refit at every one; between them, against refits on a grid of 50 times per interval
     * (its RSS no lower, its break within one grid step).
     */
    @Test
    void incrementalBreakSearchEqualsBruteForceRefits() {
        Random rnd = new Random(SEED + 1);
        for (boolean annual : new boolean[] {false, true}) {
            SlumpSeriesClassifier c = SlumpSeriesClassifier.millimetreDefaults().withAnnual(annual);
            for (int s = 0; s < 20; s++) {
                int n = 40 + rnd.nextInt(80);
                double[] t = new double[n];
                double[] y = new double[n];
                double[] sin = annual ? new double[n] : null;
                double[] cos = annual ? new double[n] : null;
                double tb = 1 + 2 * rnd.nextDouble(), v1 = 10 * rnd.nextGaussian(), dv = -20 * rnd.nextDouble();
                for (int i = 0; i < n; i++) {
                    t[i] = i * 4.0 / n + (i == 0 ? 0 : 0.01 * rnd.nextDouble());
                    y[i] = 50 + v1 * t[i] + dv * Math.max(0, t[i] - tb) + 8 * Math.sin(2 * Math.PI * t[i] + 1)
                            + 2 * rnd.nextGaussian();
                    if (annual) {
                        sin[i] = Math.sin(2 * Math.PI * t[i]);
                        cos[i] = Math.cos(2 * Math.PI * t[i]);
                    }
                }
                double bestRss = Double.POSITIVE_INFINITY;
                double[] brute = null;
                int bruteK = -1;
                for (int k = c.minSide(); k < n - c.minSide(); k++) {
                    double[] f = SlumpSeriesClassifier.fit(t, y, t[k], sin, cos);
                    if (f[3] < bestRss) {
                        bestRss = f[3];
                        brute = f;
                        bruteK = k;
                    }
                }
                double[] fast = c.breakSearch(t, y, sin, cos, false);
                assertThat((int) fast[5]).as("break index, annual " + annual).isEqualTo(bruteK);
                assertThat(fast[4]).isEqualTo(t[bruteK]);
                assertThat(fast[3]).isCloseTo(brute[3], Offset.offset(1e-9 * brute[3]));
                for (int j = 0; j < 3; j++) {
                    assertThat(fast[j]).isCloseTo(brute[j], Offset.offset(1e-8 * (1 + Math.abs(brute[j]))));
                }
                // between acquisitions: a scan of refits
                double scanRss = Double.POSITIVE_INFINITY, scanTau = Double.NaN, step = Double.NaN;
                for (int k = c.minSide(); k < n - c.minSide() - 1; k++) {
                    for (int j = 0; j < 50; j++) {
                        double tau = t[k] + (t[k + 1] - t[k]) * j / 50;
                        double rss = SlumpSeriesClassifier.fit(t, y, tau, sin, cos)[3];
                        if (rss < scanRss) {
                            scanRss = rss;
                            scanTau = tau;
                            step = (t[k + 1] - t[k]) / 50;
                        }
                    }
                }
                double[] between = c.breakSearch(t, y, sin, cos, true);
                assertThat(between[3]).as("RSS between acquisitions, annual " + annual)
                        .isLessThanOrEqualTo(scanRss * (1 + 1e-9)).isLessThanOrEqualTo(fast[3] * (1 + 1e-9));
                assertThat(between[3]).isCloseTo(SlumpSeriesClassifier.fit(t, y, between[4], sin, cos)[3],
                        Offset.offset(1e-9 * between[3]));
                assertThat(between[4]).isCloseTo(scanTau, Offset.offset(1.001 * step));
            }
        }
    }
}

package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the freeze–thaw calendar, degree-days and the PECM vertical truth from the scene's
 * daily LST with straightforward loops written here (no running sums, no simulator code), and
 * compares them with the simulator's truth. Also checks the 8-day composites against the daily
 * series.
 */
class SceneTruthRecomputationTest {
    private static SimulatedScene scene;

    @BeforeAll
    static void simulate() {
        scene = SceneSimulator.simulate(SceneSpec.tiny());
    }

    /** The independent reference: everything about one pixel, from its daily LST. */
    private static final class Reference {
        final int[] thaw;
        final int[] freeze;
        final double[] temp;
        final double[] ratio;

        Reference(int pixel, double kappa) {
            int n = scene.spec().size(), days = scene.dailyLstDays();
            LocalDate first = scene.dailyLstStart();
            temp = new double[days];
            for (int d = 0; d < days; d++) {
                temp[d] = scene.dailyLst()[d * n + pixel];
            }
            int years = LocalDate.ofEpochDay(first.toEpochDay() + days - 1).getYear() - first.getYear() + 1;
            thaw = new int[years];
            freeze = new int[years];
            ratio = new double[years];
            for (int k = 0; k < years; k++) {
                int y0 = (int) (LocalDate.of(first.getYear() + k, 1, 1).toEpochDay() - first.toEpochDay());
                int y1 = (int) (LocalDate.of(first.getYear() + k + 1, 1, 1).toEpochDay() - first.toEpochDay());
                thaw[k] = -1;
                for (int d = Math.max(1, y0); d < Math.min(y1, days) && thaw[k] < 0; d++) {
                    if (smooth(d - 1) < 0 && smooth(d) >= 0) {
                        thaw[k] = d;
                    }
                }
            }
            for (int k = 0; k < years; k++) {
                int end = k + 1 < years ? thaw[k + 1] - 1 : days - 1;
                freeze[k] = -1;
                for (int d = end; d > thaw[k] && freeze[k] < 0; d--) {
                    if (smooth(d - 1) >= 0 && smooth(d) < 0) {
                        freeze[k] = d;
                    }
                }
                ratio[k] = kappa;
                if (k + 1 < years) {
                    double addt = sumPositive(thaw[k], end, +1), addf = sumPositive(thaw[k], end, -1);
                    if (Math.sqrt(addt) - Math.sqrt(kappa * addf) > 0) {
                        ratio[k] = addt / addf;
                    }
                }
            }
        }

        double smooth(int d) {
            double s = 0;
            int count = 0;
            for (int j = d - 7; j <= d + 7; j++) {
                if (j >= 0 && j < temp.length) {
                    s += temp[j];
                    count++;
                }
            }
            return s / count;
        }

        double sumPositive(int from, int to, int sign) {
            double s = 0;
            for (int d = from; d <= to; d++) {
                s += Math.max(sign * temp[d], 0);
            }
            return s;
        }

        int year(int day) {
            int k = -1;
            for (int j = 0; j < thaw.length; j++) {
                if (thaw[j] <= day) {
                    k = j;
                }
            }
            return k;
        }

        double l(int day) {
            int k = year(day);
            return day >= freeze[k] ? k + 1 : k + (day - thaw[k]) / (double) (freeze[k] - thaw[k]);
        }

        double i(int day) {
            int k = year(day);
            double addt = sumPositive(thaw[k], day, +1), addf = sumPositive(thaw[k], day, -1);
            return Math.max(0, Math.sqrt(addt) - Math.sqrt(ratio[k]) * Math.sqrt(addf));
        }

        /** Chen et al. 2018: D = v·L + d·I. */
        double pecm(int day, double v, double dCoef) {
            return v * l(day) + dCoef * i(day);
        }
    }

    @Test
    void onsetsMatchIndependentLoop() {
        SceneTruth truth = scene.truth();
        int n = scene.spec().size();
        int years = truth.permafrostYears();
        for (int p = 0; p < n; p += 7) {
            Reference ref = new Reference(p, truth.kappaRatio()[p]);
            assertThat(ref.thaw.length).isEqualTo(years);
            double meanThawDoy = 0;
            for (int k = 0; k < years; k++) {
                assertThat(truth.thawOnsetDays()[k * n + p]).as("thaw, pixel %d year %d", p, k).isEqualTo(ref.thaw[k]);
                assertThat(truth.freezeOnsetDays()[k * n + p]).as("freeze, pixel %d year %d", p, k)
                        .isEqualTo(ref.freeze[k]);
                if (k < years - 1) {
                    meanThawDoy += scene.dailyLstStart().plusDays(ref.thaw[k]).getDayOfYear() / (double) (years - 1);
                }
            }
            assertThat(truth.thawOnsetDoy()[p]).isCloseTo((float) meanThawDoy, within(1e-3f));
            // physically plausible Tibetan calendar: thaw in spring, freeze in autumn
            assertThat(truth.thawOnsetDoy()[p]).isBetween(80f, 170f);
            assertThat(truth.freezeOnsetDoy()[p]).isBetween(250f, 340f);
        }
    }

    @Test
    void verticalTruthIsPecmOfTheDailyLst() {
        SceneTruth truth = scene.truth();
        int n = scene.spec().size();
        int checked = 0;
        for (SimulatedTrack track : scene.tracks()) {
            List<LocalDate> dates = track.dates();
            for (int p = 0; p < n; p += 5) {
                if (truth.regions()[p] == Region.LAKE.code()) {
                    assertThat(track.truthUpDisplacement()[3 * n + p]).isNaN();
                    continue;
                }
                Reference ref = new Reference(p, truth.kappaRatio()[p]);
                double v = truth.pecmV()[p], d = truth.pecmD()[p];
                double d0 = ref.pecm(scene.dayIndex(dates.get(0)), v, d);
                for (int t = 0; t < dates.size(); t += 3) {
                    double expected = ref.pecm(scene.dayIndex(dates.get(t)), v, d) - d0;
                    assertThat((double) track.truthUpDisplacement()[t * n + p])
                            .as("%s pixel %d date %s", track.name(), p, dates.get(t))
                            .isCloseTo(expected, within(1e-6));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void degreeDaysAndBasesAtAcquisitions() {
        SceneTruth truth = scene.truth();
        int n = scene.spec().size();
        SimulatedTrack track = scene.ascending();
        List<LocalDate> dates = track.dates();
        for (int p = 3; p < n; p += 13) {
            Reference ref = new Reference(p, truth.kappaRatio()[p]);
            for (int t = 0; t < dates.size(); t += 4) {
                int day = scene.dayIndex(dates.get(t)), k = ref.year(day), o = t * n + p;
                assertThat((double) track.truthAddt()[o]).isCloseTo(ref.sumPositive(ref.thaw[k], day, +1), within(1e-2));
                assertThat((double) track.truthAddf()[o]).isCloseTo(ref.sumPositive(ref.thaw[k], day, -1), within(1e-2));
                assertThat((double) track.truthPecmL()[o]).isCloseTo(ref.l(day), within(1e-6));
                assertThat((double) track.truthPecmI()[o]).isCloseTo(ref.i(day), within(1e-4));
            }
        }
    }

    @Test
    void seasonalAmplitudeIsMeanYearlyPeak() {
        SceneTruth truth = scene.truth();
        int n = scene.spec().size(), years = truth.permafrostYears();
        for (int p = 0; p < n; p += 11) {
            if (truth.regions()[p] == Region.LAKE.code()) {
                assertThat(truth.verticalSeasonalAmplitude()[p]).isNaN();
                continue;
            }
            Reference ref = new Reference(p, truth.kappaRatio()[p]);
            double sum = 0;
            for (int k = 0; k < years - 1; k++) {
                double max = 0;
                for (int day = ref.thaw[k]; day < ref.thaw[k + 1]; day++) {
                    max = Math.max(max, Math.abs(ref.pecm(day, 0, truth.pecmD()[p])));
                }
                sum += max;
            }
            assertThat((double) truth.verticalSeasonalAmplitude()[p]).isCloseTo(sum / (years - 1), within(1e-6));
            if (Region.of(truth.regions()[p]).isSeasonal()) {
                assertThat(truth.verticalSeasonalAmplitude()[p]).isBetween(0.01f, 0.10f);
            } else {
                assertThat(truth.verticalSeasonalAmplitude()[p]).isZero();
            }
        }
    }

    @Test
    void compositesAreEightDayMeansWithClouds() {
        int n = scene.spec().size();
        List<LocalDate> dates = scene.lstCompositeDates();
        float[] comp = scene.lstComposites();
        int nan = 0;
        for (int m = 0; m < dates.size(); m++) {
            LocalDate a = dates.get(m);
            assertThat((a.getDayOfYear() - 1) % 8).isZero();
            LocalDate b = a.plusDays(8);
            if (b.getYear() != a.getYear()) {
                b = LocalDate.of(a.getYear() + 1, 1, 1);
            }
            int d0 = scene.dayIndex(a), len = (int) (b.toEpochDay() - a.toEpochDay());
            int cloudy = 0;
            for (int p = 0; p < n; p++) {
                if (Float.isNaN(comp[m * n + p])) {
                    cloudy++;
                    continue;
                }
                double s = 0;
                for (int d = d0; d < d0 + len; d++) {
                    s += scene.dailyLst()[d * n + p];
                }
                assertThat((double) comp[m * n + p]).isCloseTo(s / len, within(1e-4));
            }
            assertThat(cloudy / (double) n).isBetween(0.08, 0.42);
            nan += cloudy;
        }
        double fraction = nan / (double) (dates.size() * n);
        assertThat(fraction).isBetween(0.2, 0.3);
    }
}

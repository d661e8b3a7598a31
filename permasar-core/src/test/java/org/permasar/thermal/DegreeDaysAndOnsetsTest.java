package org.permasar.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wudaoliang (continuous permafrost, 4612 m) ground-surface temperature 1980–2018: our onsets and
 * degree-days against a naive recomputation written differently here, and the station file's
 * MAGST/MAAT against the source repository's own raw/mgw.csv.
 */
class DegreeDaysAndOnsetsTest {

    private static WudaoliangSeries w;

    @BeforeAll
    static void load() throws IOException {
        w = WudaoliangSeries.load();
    }

    /** Naive centred mean: loop over the window, skip NaN, need >= half the window. */
    private static double naiveSmooth(double[] x, int i, int win) {
        double s = 0;
        int c = 0;
        for (int k = i - win / 2; k <= i + win / 2; k++) {
            if (k >= 0 && k < x.length && !Double.isNaN(x[k])) {
                s += x[k];
                c++;
            }
        }
        return c >= 0.5 * win ? s / c : Double.NaN;
    }

    @Test
    void onsetsMatchANaiveSearchAndArePlausibleForTheTibetanPlateau() {
        FreezeThawOnsets.Result r = FreezeThawOnsets.defaults().detect(w.start, w.tgs);
        int checked = 0;
        for (int year = 1981; year <= 2017; year++) {
            int k = year - r.firstYear();
            int i0 = w.index(LocalDate.of(year, 1, 1));
            int i1 = w.index(LocalDate.of(year, 12, 31));
            double[] s = new double[i1 - i0 + 1 + 365];
            for (int i = 0; i < s.length; i++) {
                s[i] = naiveSmooth(w.tgs, i0 + i, 31);
            }
            int peak = 0;
            for (int i = 0; i <= i1 - i0; i++) {
                if (s[i] > s[peak]) {
                    peak = i;
                }
            }
            // thaw: the smallest d such that every day of [d, peak] is >= 0
            int d = peak;
            for (int cand = peak; cand >= 0; cand--) {
                boolean allWarm = true;
                for (int i = cand; i <= peak; i++) {
                    allWarm &= s[i] >= 0;
                }
                if (allWarm) {
                    d = cand;
                }
            }
            int freeze = peak;
            while (s[freeze] >= 0) {
                freeze++;
            }
            assertThat(r.thawDoy()[k]).as("thaw %d", year).isEqualTo(d + 1.0);
            assertThat(r.freezeDoy()[k]).as("freeze %d", year).isEqualTo(freeze + 1.0);
            // QTP permafrost: surface thaw in March–June, freeze-up in September–November (seed 001 §2)
            assertThat(r.thawDoy()[k]).isBetween(60.0, 182.0);
            assertThat(r.freezeDoy()[k]).isBetween(244.0, 335.0);
            checked++;
        }
        assertThat(checked).isEqualTo(37);
        System.out.printf("Wudaoliang tgs mean thaw onset DOY %.1f, freeze onset DOY %.1f%n", r.meanThawDoy(), r.meanFreezeDoy());
    }

    @Test
    void degreeDaysPerPermafrostYearMatchANaiveCalendarLoop() {
        double thawDoy = FreezeThawOnsets.defaults().detect(w.start, w.tgs).meanThawDoy();
        double[][] rows = DegreeDays.perPermafrostYear(w.start, w.tgs, thawDoy);
        int checked = 0;
        for (double[] row : rows) {
            LocalDate a = LocalDate.ofEpochDay((long) row[0]);
            if (a.getYear() < 1981 || Double.isNaN(row[1])) {
                continue;
            }
            double addt = 0, addf = 0;
            // the permafrost year ends the day before next year's onset, same day of year
            LocalDate next = LocalDate.ofYearDay(a.getYear() + 1, (int) Math.round(thawDoy));
            for (LocalDate d = a; d.isBefore(next); d = d.plusDays(1)) {
                double v = w.tgs[w.index(d)];
                if (v > 0) {
                    addt += v;
                } else {
                    addf -= v;
                }
            }
            assertThat(row[1]).as("ADDT %s", a).isCloseTo(addt, within(1e-9));
            assertThat(row[2]).as("ADDF %s", a).isCloseTo(addf, within(1e-9));
            // thawing/freezing index of a QTP permafrost site: ~1000–3000 °C·day
            assertThat(addt).isBetween(800.0, 3500.0);
            assertThat(addf).isBetween(800.0, 3500.0);
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
        List<LocalDate> q = new ArrayList<>();
        LocalDate on2015 = DegreeDays.onsetDate(2015, thawDoy);
        q.add(on2015);                                 // first day of the year: just that day
        q.add(on2015.minusDays(1));                    // last day of the previous year: its total
        double[][] at = DegreeDays.accumulatedAt(w.start, w.tgs, thawDoy, q);
        double first = w.tgs[w.index(on2015)];
        assertThat(at[0][0]).isCloseTo(Math.max(first, 0), within(1e-12));
        double[] prev = DegreeDays.sum(w.start, w.tgs, DegreeDays.onsetDate(2014, thawDoy), on2015.minusDays(1));
        assertThat(at[0][1]).isCloseTo(prev[0], within(1e-9));
        assertThat(at[1][1]).isCloseTo(prev[1], within(1e-9));
    }

    @Test
    void meanAnnualTemperaturesMatchTheSourceRepositoryTable() throws IOException {
        // raw/mgw.csv: Σ(valid daily)/365 per calendar year (the source repository's convention)
        int checked = 0;
        for (String line : Files.readAllLines(WudaoliangSeries.shared().resolve("data/temperature/raw/mgw.csv"))) {
            String[] f = line.replace("\"", "").split(",");
            if (!f[2].equals("Wudaoliang") || f[0].equals("1956")) {
                continue;
            }
            int year = Integer.parseInt(f[0]);
            double[] x = f[3].equals("MAAT") ? w.tair : w.tgs;
            double s = 0;
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                double v = x[w.index(d)];
                s += Double.isNaN(v) ? 0 : v;
            }
            assertThat(s / 365).as("%s %d", f[3], year).isCloseTo(Double.parseDouble(f[1]), within(1e-6));
            checked++;
        }
        assertThat(checked).isEqualTo(62 + 39);
    }
}

package org.permasar.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Melt detection on simulated σ⁰ series with known melt periods: dry snow at −8 dB with 0.5 dB noise,
 * wet snow 8 dB lower on known days (2019: day of year 160 … 220, 2020: 150 … 200, 2021: none).
 */
class MeltDetectorTest {
    private static final long SEED = 20261207L;
    private static final int[][] MELT = {{2019, 160, 220}, {2020, 150, 200}};

    private static List<LocalDate> dates(int everyDays) {
        List<LocalDate> d = new ArrayList<>();
        for (LocalDate t = LocalDate.of(2018, 12, 1); !t.isAfter(LocalDate.of(2021, 12, 31)); t = t.plusDays(everyDays)) {
            d.add(t);
        }
        return d;
    }

    private static boolean melting(LocalDate t) {
        for (int[] m : MELT) {
            if (t.getYear() == m[0] && t.getDayOfYear() >= m[1] && t.getDayOfYear() <= m[2]) {
                return true;
            }
        }
        return false;
    }

    private static double[] series(List<LocalDate> d, double dropDb, Random rnd) {
        double[] s = new double[d.size()];
        for (int t = 0; t < s.length; t++) {
            s[t] = -8 + 0.5 * rnd.nextGaussian() - (melting(d.get(t)) ? dropDb : 0);
        }
        return s;
    }

    @Test
    void dailySeriesRecoversOnsetEndAndDays() {
        List<LocalDate> d = dates(1);
        MeltDetector m = new MeltDetector(d.toArray(new LocalDate[0]), MeltParameters.DEFAULTS);
        MeltDetector.Series r = m.pixel(series(d, 8, new Random(SEED)));
        assertEquals(List.of(2018, 2019, 2020, 2021), java.util.Arrays.stream(m.years()).boxed().toList());
        assertTrue(Double.isNaN(r.reference()[0]) && Double.isNaN(r.meltDays()[0]), "2018 has no winter before it");
        // linear-power mean of N(−8, 0.5²) dB: −8 + (ln 10 / 10)·0.25 / 2 = −7.971 dB; 90 winter days → ±0.06 dB
        for (int y = 1; y <= 3; y++) {
            assertEquals(-7.971, r.reference()[y], 0.15, "reference " + m.years()[y]);
        }
        assertEquals(160, r.onset()[1]);
        assertEquals(220, r.end()[1]);
        assertEquals(61, r.meltDays()[1], 1e-9);
        assertEquals(150, r.onset()[2]);
        assertEquals(200, r.end()[2]);
        assertEquals(51, r.meltDays()[2], 1e-9);
        assertTrue(Double.isNaN(r.onset()[3]));
        assertEquals(0, r.meltDays()[3]);
    }

    @Test
    void twelveDaySamplingWithinOneRevisit() {
        List<LocalDate> d = dates(12);
        MeltDetector m = new MeltDetector(d.toArray(new LocalDate[0]), MeltParameters.DEFAULTS);
        MeltDetector.Series r = m.pixel(series(d, 8, new Random(SEED + 1)));
        for (int k = 0; k < MELT.length; k++) {
            int y = MELT[k][0] - 2018;
            // truth of the sampled process: the first and last acquisitions inside the melt period
            int first = -1, last = -1;
            for (LocalDate t : d) {
                if (melting(t) && t.getYear() == MELT[k][0]) {
                    first = first < 0 ? t.getDayOfYear() : first;
                    last = t.getDayOfYear();
                }
            }
            assertEquals(first, r.onset()[y]);
            assertEquals(last, r.end()[y]);
            double trueDays = MELT[k][2] - MELT[k][1] + 1;
            assertEquals(trueDays, r.meltDays()[y], 12, "melt days " + MELT[k][0]);
        }
    }

    @Test
    void thresholdDecides() {
        List<LocalDate> d = dates(1);
        double[] s = series(d, 2.5, new Random(SEED + 2)); // a 2.5 dB drop: 1 σ of noise from 3 dB, 1 σ from 2 dB
        LocalDate[] a = d.toArray(new LocalDate[0]);
        MeltDetector.Series at3 = new MeltDetector(a, MeltParameters.DEFAULTS).pixel(s);
        MeltDetector.Series at15 = new MeltDetector(a, MeltParameters.DEFAULTS.withThreshold(1.5)).pixel(s);
        // at 3 dB only the days where noise pushes the drop past 3 dB: P(N(−2.5, 0.5) < −3.03) ≈ 14 %
        assertTrue(at3.meltDays()[1] < 0.3 * 61, "3 dB: " + at3.meltDays()[1]);
        // at 1.5 dB nearly all: P(N(−2.5, 0.5) < −1.53) ≈ 97 %
        assertTrue(at15.meltDays()[1] > 0.9 * 61 && at15.meltDays()[1] <= 61 + 1, "1.5 dB: " + at15.meltDays()[1]);
    }

    @Test
    void shortRunsDroppedWithMinRun() {
        List<LocalDate> d = dates(1);
        double[] s = new double[d.size()];
        java.util.Arrays.fill(s, -8);
        int spike = d.indexOf(LocalDate.of(2021, 7, 1));
        s[spike] = -14;
        s[spike + 5] = Double.NaN; // NaN acquisitions are skipped
        LocalDate[] a = d.toArray(new LocalDate[0]);
        assertEquals(1, new MeltDetector(a, MeltParameters.DEFAULTS).pixel(s).meltDays()[3], 1e-9);
        assertEquals(0, new MeltDetector(a, MeltParameters.DEFAULTS.withMinRun(3)).pixel(s).meltDays()[3]);
        // a 3-day run survives minRun 3; the NaN inside it neither breaks the run nor counts, its day goes half to each side
        s[spike + 4] = -14;
        s[spike + 6] = -14;
        s[spike + 7] = -14;
        MeltDetector.Series r = new MeltDetector(a, MeltParameters.DEFAULTS.withMinRun(3)).pixel(s);
        assertEquals(4, r.meltDays()[3], 1e-9);
        assertEquals(3, r.wetCount()[3]);
    }

    @Test
    void cubeMapsPerPixelAndYear() {
        List<LocalDate> d = dates(6);
        int nt = d.size(), px = 3;
        Random rnd = new Random(SEED + 3);
        double[] wet = series(d, 8, rnd), dry = series(d, 0, rnd);
        float[] cube = new float[nt * px];
        for (int t = 0; t < nt; t++) {
            cube[t * px] = (float) wet[t];
            cube[t * px + 1] = (float) dry[t];
            cube[t * px + 2] = Float.NaN;
        }
        MeltDetector.Maps m = new MeltDetector(d.toArray(new LocalDate[0]), MeltParameters.DEFAULTS).detect(cube, px);
        int y2019 = 1 * px;
        assertEquals(61, m.meltDays()[y2019], 6);
        assertEquals(0, m.meltDays()[y2019 + 1]);
        assertTrue(Float.isNaN(m.meltDays()[y2019 + 2]) && Float.isNaN(m.reference()[y2019 + 2]));
        assertTrue(Float.isNaN(m.onset()[y2019 + 1]));
    }
}

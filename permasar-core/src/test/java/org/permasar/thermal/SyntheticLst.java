package org.permasar.thermal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic synthetic 8-day LST composites for parity tests and timings of the thermal chain: MOD11A2
 * dating (46 composites a year, the first on 1 January, every 8 days, restarting each year), an annual
 * cycle with a weak second harmonic (means −6…+1 °C, amplitudes 12…20 °C, so about −20…+15 °C), noise of
 * 1–2 °C, cloud gaps (NaN) covering 20–40 % of a pixel's composites in runs of several, cloud-contaminated
 * composites 10–30 °C too cold, and a share of pixels with too few valid composites for HANTS.
 */
public final class SyntheticLst {

    private SyntheticLst() {
    }

    /** MOD11A2 composite dates: 46 a year from 1 January of {@code firstYear}, every 8 days. */
    public static List<LocalDate> dates(int firstYear, int years) {
        List<LocalDate> d = new ArrayList<>();
        for (int y = 0; y < years; y++) {
            LocalDate jan1 = LocalDate.of(firstYear + y, 1, 1);
            for (int k = 0; k < 46; k++) {
                d.add(jan1.plusDays(8L * k));
            }
        }
        return d;
    }

    /** Days from the first date to each date plus {@code centreOffsetDays}. */
    public static double[] times(List<LocalDate> dates, double centreOffsetDays) {
        double[] t = new double[dates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = dates.get(i).toEpochDay() - dates.get(0).toEpochDay() + centreOffsetDays;
        }
        return t;
    }

    /**
     * Composites {@code [date*npix + p]} (°C, NaN = cloud). About 3 % of the pixels get too few valid
     * composites (0–13, around the HANTS minimum of 12 with the LST defaults) and 2 % sit above it with
     * many outliers, so that rejection runs down to the minimum.
     *
     * @param outlierRate share of the valid composites that are cloud-contaminated (too cold)
     */
    public static float[] composites(double[] times, int npix, long seed, double outlierRate) {
        int n = times.length;
        Random rnd = new Random(seed);
        float[] v = new float[n * npix];
        boolean[] gap = new boolean[n];
        for (int p = 0; p < npix; p++) {
            double mean = -6 + 7 * rnd.nextDouble();
            double amp = 12 + 8 * rnd.nextDouble();
            double phase = 2 * Math.PI * (200 + 30 * rnd.nextGaussian()) / 365.25;   // warmest around mid-July
            double amp2 = 3 * rnd.nextDouble();
            double phase2 = 2 * Math.PI * rnd.nextDouble();
            double sigma = 1 + rnd.nextDouble();
            double u = rnd.nextDouble();
            double gapShare;
            double outliers = outlierRate;
            if (u < 0.03) {
                gapShare = 1 - rnd.nextInt(14) / (double) n;     // too few valid: 0..13 left
            } else if (u < 0.05) {
                gapShare = 1 - (14 + rnd.nextInt(20)) / (double) n;
                outliers = 0.4;
            } else {
                gapShare = 0.2 + 0.2 * rnd.nextDouble();
            }
            java.util.Arrays.fill(gap, false);
            int target = (int) Math.round(gapShare * n);
            int have = 0;
            while (have < target) {
                int start = rnd.nextInt(n);
                int len = 1 + (int) Math.min(12, -Math.log(1 - rnd.nextDouble()) * 3);   // runs of several
                for (int i = start; i < Math.min(n, start + len) && have < target; i++) {
                    if (!gap[i]) {
                        gap[i] = true;
                        have++;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (gap[i]) {
                    v[i * npix + p] = Float.NaN;
                    continue;
                }
                double w = 2 * Math.PI * times[i] / 365.25;
                double x = mean + amp * Math.cos(w - phase) + amp2 * Math.cos(2 * w - phase2) + sigma * rnd.nextGaussian();
                if (rnd.nextDouble() < outliers) {
                    x -= 10 + 20 * rnd.nextDouble();
                }
                v[i * npix + p] = (float) x;
            }
        }
        return v;
    }
}

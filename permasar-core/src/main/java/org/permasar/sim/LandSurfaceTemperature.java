package org.permasar.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated land-surface temperature: a daily series per pixel and MODIS-like 8-day composites
 * with cloud gaps. All temperatures in <b>degrees Celsius</b>.
 *
 * <p>Daily model: T(t) = T̄ − A·cos(2π(t − t_c)/365.25 d) + ε(t), with T̄ and A per pixel
 * (lapse rate −6 °C/km, {@link SceneLayout}), coldest day t_c = 20 January, and weather noise
 * ε = regional AR(1) anomaly (stationary std 1.5 °C, lag-1 correlation 0.7, the same for every
 * pixel on a day) + local white noise (std 0.7 °C). No noise when {@link SceneSpec#noise()} is false.
 *
 * <p>Composites follow MOD11A2's calendar: windows start on day-of-year 1, 9, 17, …, 361 of
 * each calendar year (the last window of a year is 5 or 6 days long); the composite is the mean
 * of the daily values in its window, dated by its first day. Clouds: per composite a fraction
 * f ~ U(0.1, 0.4) of the pixels (spatially correlated blobs of radius ≈ 3 px) is NaN.
 */
final class LandSurfaceTemperature {
    static final double AR_RHO = 0.7;
    static final double REGIONAL_STD = 1.5;
    static final double LOCAL_STD = 0.7;

    final LocalDate dailyStart;
    final int days;
    /** Day-major daily LST, {@code daily[d·size + pixel]}, °C. */
    final float[] daily;
    /** Day index of 1 January of each calendar year, plus {@code days} at the end. */
    final int[] yearStart;
    final List<LocalDate> compositeDates;
    /** Layer-major 8-day composites, °C, NaN under cloud. */
    final float[] composites;

    LandSurfaceTemperature(SceneSpec spec, SceneLayout layout, LocalDate firstDay, LocalDate lastDay,
                           SplittableRandom rng, RandomField field) {
        if (firstDay.getDayOfYear() != 1 || lastDay.getDayOfYear() != lastDay.lengthOfYear()) {
            throw new IllegalArgumentException("daily LST must span whole calendar years, got " + firstDay + " … "
                    + lastDay);
        }
        int n = spec.size();
        dailyStart = firstDay;
        days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
        int firstYear = firstDay.getYear(), nYears = lastDay.getYear() - firstYear + 1;
        yearStart = new int[nYears + 1];
        for (int k = 0; k < nYears; k++) {
            yearStart[k] = (int) (LocalDate.of(firstYear + k, 1, 1).toEpochDay() - firstDay.toEpochDay());
        }
        yearStart[nYears] = days;
        daily = new float[days * n];
        long coldest = LocalDate.of(firstYear, 1, 20).toEpochDay();
        double regional = 0;
        double innovation = REGIONAL_STD * Math.sqrt(1 - AR_RHO * AR_RHO);
        for (int d = 0; d < days; d++) {
            double phase = 2 * Math.PI * (firstDay.toEpochDay() + d - coldest) / 365.25;
            double seasonal = -Math.cos(phase);
            if (spec.noise()) {
                regional = d == 0 ? REGIONAL_STD * rng.nextGaussian()
                        : AR_RHO * regional + innovation * rng.nextGaussian();
            }
            int base = d * n;
            for (int i = 0; i < n; i++) {
                double eps = spec.noise() ? regional + LOCAL_STD * rng.nextGaussian() : 0.0;
                daily[base + i] = (float) (layout.lstMean[i] + layout.lstAmplitude[i] * seasonal + eps);
            }
        }
        // MOD11A2 8-day windows within each calendar year
        List<int[]> windows = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (int k = 0; k < nYears; k++) {
            for (int w0 = yearStart[k]; w0 < yearStart[k + 1]; w0 += 8) {
                windows.add(new int[] {w0, Math.min(w0 + 8, yearStart[k + 1])});
                dates.add(firstDay.plusDays(w0));
            }
        }
        compositeDates = List.copyOf(dates);
        composites = new float[windows.size() * n];
        float[] cloud = new float[n];
        float[] sorted = new float[n];
        for (int m = 0; m < windows.size(); m++) {
            int a = windows.get(m)[0], b = windows.get(m)[1];
            int out = m * n;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int d = a; d < b; d++) {
                    s += daily[d * n + i];
                }
                composites[out + i] = (float) (s / (b - a));
            }
            if (spec.noise()) {
                double fraction = 0.1 + 0.3 * rng.nextDouble();
                field.fill(rng, 3, cloud, 0);
                System.arraycopy(cloud, 0, sorted, 0, n);
                Arrays.sort(sorted);
                int cut = (int) Math.round((1 - fraction) * n);
                float threshold = cut >= n ? Float.POSITIVE_INFINITY : sorted[cut];
                for (int i = 0; i < n; i++) {
                    if (cloud[i] >= threshold) {
                        composites[out + i] = Float.NaN;
                    }
                }
            }
        }
    }
}

package org.permasar.thermal;

import java.time.LocalDate;

/**
 * Thaw and freeze onsets from a daily temperature series (seed 001 §3.2): the series is smoothed
 * by a centred moving average, and in every calendar year fully covered by the series
 * <ul>
 * <li>the thaw onset is the first day of the last upward 0 °C crossing before the annual maximum
 *     of the smoothed series (the day from which it stays ≥ 0 °C up to the maximum);</li>
 * <li>the freeze onset is the first day after the maximum on which the smoothed series is below
 *     0 °C (searched up to 365 days after the maximum, so it may fall in the next year).</li>
 * </ul>
 * Onsets are days of year (1 = 1 January of that year; a freeze onset in the next year is > 365).
 * Per seed 001 the onsets of a pixel are then averaged over the years. A year whose maximum is
 * below 0 °C has no thaw; a year that stays ≥ 0 °C from 1 January to the maximum, or after it, has
 * no thaw or no freeze respectively (NaN). Northern-hemisphere seasons are assumed.
 *
 * @param windowDays     moving-average window (odd, ≥ 1 days)
 * @param minValidFraction minimum fraction of valid days in a window for a smoothed value (0, 1]
 */
public record FreezeThawOnsets(int windowDays, double minValidFraction)
        implements java.io.Serializable {

    public FreezeThawOnsets {
        if (windowDays < 1 || windowDays % 2 == 0 || !(minValidFraction > 0) || minValidFraction > 1) {
            throw new IllegalArgumentException("windowDays must be odd >= 1 and minValidFraction in (0, 1], got "
                    + windowDays + ", " + minValidFraction);
        }
    }

    /** Pixels transposed together by {@link #detectBlock}. */
    private static final int TILE = 32;

    /** 31-day window, at least half of it valid. */
    public static FreezeThawOnsets defaults() {
        return new FreezeThawOnsets(31, 0.5);
    }

    /**
     * @param firstYear     calendar year of {@code thawDoy[0]}
     * @param thawDoy       thaw onset per year (day of year), NaN when none
     * @param freezeDoy     freeze onset per year (day of year of the thaw year), NaN when none
     * @param meanThawDoy   mean over the years with an onset (NaN when none)
     * @param meanFreezeDoy mean over the years with an onset (NaN when none)
     */
    public record Result(int firstYear, double[] thawDoy, double[] freezeDoy, double meanThawDoy, double meanFreezeDoy) {
    }

    /** Centred moving average ignoring NaN; NaN where too few valid values. */
    public double[] smooth(double[] daily) {
        int n = daily.length;
        double[] out = new double[n];
        smooth(daily, out, new double[n + 1], new int[n + 1]);
        return out;
    }

    /** {@link #smooth(double[])} into {@code out}, with workspaces of {@code n + 1} values. */
    private void smooth(double[] daily, double[] out, double[] sum, int[] cnt) {
        int n = daily.length;
        for (int i = 0; i < n; i++) {
            boolean v = !Double.isNaN(daily[i]);
            sum[i + 1] = sum[i] + (v ? daily[i] : 0);
            cnt[i + 1] = cnt[i] + (v ? 1 : 0);
        }
        int h = windowDays / 2;
        double need = minValidFraction * windowDays;
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - h);
            int b = Math.min(n, i + h + 1);
            int c = cnt[b] - cnt[a];
            out[i] = c >= need && c > 0 ? (sum[b] - sum[a]) / c : Double.NaN;
        }
    }

    /**
     * Onsets of one daily series.
     *
     * @param start date of {@code daily[0]}
     * @param daily daily mean temperature (°C), NaN = missing
     */
    public Result detect(LocalDate start, double[] daily) {
        return detectSmoothed(start, smooth(daily));
    }

    /** {@link #detect} of a series already smoothed by {@link #smooth}. */
    private Result detectSmoothed(LocalDate start, double[] s) {
        LocalDate end = start.plusDays(s.length - 1L);
        int y0 = start.getDayOfYear() == 1 ? start.getYear() : start.getYear() + 1;
        int y1 = end.getDayOfYear() == end.lengthOfYear() ? end.getYear() : end.getYear() - 1;
        int ny = Math.max(0, y1 - y0 + 1);
        double[] thaw = new double[ny];
        double[] freeze = new double[ny];
        double st = 0, sf = 0;
        int nt = 0, nf = 0;
        for (int k = 0; k < ny; k++) {
            LocalDate jan1 = LocalDate.of(y0 + k, 1, 1);
            int i0 = (int) (jan1.toEpochDay() - start.toEpochDay());
            int i1 = i0 + jan1.lengthOfYear() - 1;
            int peak = -1;
            for (int i = i0; i <= i1; i++) {
                if (!Double.isNaN(s[i]) && (peak < 0 || s[i] > s[peak])) {
                    peak = i;
                }
            }
            thaw[k] = Double.NaN;
            freeze[k] = Double.NaN;
            if (peak < 0 || s[peak] < 0) {
                continue;
            }
            int i = peak;
            while (i >= i0 && s[i] >= 0) {             // NaN stops the scan (comparison false)
                i--;
            }
            if (i >= i0 && !Double.isNaN(s[i])) {
                thaw[k] = i + 1 - i0 + 1;               // day after the last sub-zero day
                st += thaw[k];
                nt++;
            }
            int j = peak;
            int jMax = Math.min(s.length - 1, peak + 365);
            while (j <= jMax && s[j] >= 0) {
                j++;
            }
            if (j <= jMax && !Double.isNaN(s[j])) {
                freeze[k] = j - i0 + 1;
                sf += freeze[k];
                nf++;
            }
        }
        return new Result(y0, thaw, freeze, nt > 0 ? st / nt : Double.NaN, nf > 0 ? sf / nf : Double.NaN);
    }

    /**
     * Mean onsets of every pixel of a block of daily temperatures.
     *
     * @param start date of day 0
     * @param daily {@code daily[day*npix + p]} (°C), NaN = missing
     * @param ndays days in the block
     * @param npix  pixels in the block
     * @return {@code [0][p]} mean thaw onset, {@code [1][p]} mean freeze onset (day of year), NaN when none
     */
    public double[][] detectBlock(LocalDate start, float[] daily, int ndays, int npix) {
        if (daily.length != ndays * npix) {
            throw new IllegalArgumentException("expected " + ndays + "×" + npix + " values, got " + daily.length);
        }
        double[][] out = new double[2][npix];
        // pixels in tiles of TILE: each day's row of the block is read once per tile, not once per pixel
        double[][] series = new double[TILE][ndays];
        double[] smoothed = new double[ndays];
        double[] sum = new double[ndays + 1];
        int[] cnt = new int[ndays + 1];
        for (int p0 = 0; p0 < npix; p0 += TILE) {
            int m = Math.min(TILE, npix - p0);
            for (int k = 0; k < ndays; k++) {
                int o = k * npix + p0;
                for (int j = 0; j < m; j++) {
                    series[j][k] = daily[o + j];
                }
            }
            for (int j = 0; j < m; j++) {
                smooth(series[j], smoothed, sum, cnt);
                Result r = detectSmoothed(start, smoothed);
                out[0][p0 + j] = r.meanThawDoy();
                out[1][p0 + j] = r.meanFreezeDoy();
            }
        }
        return out;
    }
}

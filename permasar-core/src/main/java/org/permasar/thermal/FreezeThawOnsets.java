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

    /** Pixels walked together over the days by {@link #detectBlock}. */
    private static final int TILE = 256;

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

    /**
     * Onsets of one daily series: the pass of {@link #detectBlock} over a block of one pixel, with the onsets of
     * every year kept.
     *
     * @param start date of {@code daily[0]}
     * @param daily daily mean temperature (°C), NaN = missing
     */
    public Result detect(LocalDate start, double[] daily) {
        int ndays = daily.length;
        Years y = new Years(start, ndays);
        double[][] out = new double[2][1];
        Tile t = new Tile(1, y.count());
        if (ndays > 0) {
            t.run(null, daily, ndays, 1, 0, 1, y, out);
        } else {
            out[0][0] = Double.NaN;
            out[1][0] = Double.NaN;
        }
        return new Result(y.first(), java.util.Arrays.copyOf(t.thaw, y.count()),
                java.util.Arrays.copyOf(t.freeze, y.count()), out[0][0], out[1][0]);
    }

    /**
     * The calendar years a daily series from {@code start} covers fully: year k spans days {@code start[k]..end[k]};
     * {@code yearOfDay[i]} is the year of day i, −1 outside them.
     */
    private record Years(int first, int[] start, int[] end, int[] yearOfDay) {
        Years(LocalDate from, int ndays) {
            this(firstYear(from), new int[count(from, ndays)], new int[count(from, ndays)], new int[ndays]);
            java.util.Arrays.fill(yearOfDay, -1);
            for (int k = 0; k < start.length; k++) {
                LocalDate jan1 = LocalDate.of(first + k, 1, 1);
                start[k] = (int) (jan1.toEpochDay() - from.toEpochDay());
                end[k] = start[k] + jan1.lengthOfYear() - 1;
                java.util.Arrays.fill(yearOfDay, start[k], end[k] + 1, k);
            }
        }

        int count() {
            return start.length;
        }

        private static int firstYear(LocalDate from) {
            return from.getDayOfYear() == 1 ? from.getYear() : from.getYear() + 1;
        }

        private static int count(LocalDate from, int ndays) {
            if (ndays == 0) {
                return 0;
            }
            LocalDate last = from.plusDays(ndays - 1L);
            int y1 = last.getDayOfYear() == last.lengthOfYear() ? last.getYear() : last.getYear() - 1;
            return Math.max(0, y1 - firstYear(from) + 1);
        }
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
        if (ndays == 0) {
            java.util.Arrays.fill(out[0], Double.NaN);
            java.util.Arrays.fill(out[1], Double.NaN);
            return out;
        }
        Years y = new Years(start, ndays);
        Tile t = new Tile(Math.min(TILE, npix), y.count());
        for (int p0 = 0; p0 < npix; p0 += TILE) {
            t.run(daily, null, ndays, npix, p0, Math.min(TILE, npix - p0), y, out);
        }
        return out;
    }

    /**
     * One pass over the days for a tile of pixels, day-major (each day's row of the block read once, contiguous):
     * the centred moving average from prefix sums (a ring of the last window + 1; NaN days left out, NaN where fewer
     * than {@code minValidFraction} of the window is valid), and in every calendar year the series covers fully the
     * scans as running state — the first maximum of the year (below 0 °C: no thaw, no freeze), the last day before
     * it that is below 0 °C or missing (thaw onset: the day after it, none if it is missing or the year has none),
     * the first such day after it up to 365 days later, possibly in the next year (freeze onset, none if missing).
     */
    private final class Tile {
        private final int ring;
        private final double[][] sum;
        private final double[] row;                 // the smoothed values of one day
        private final int[][] cnt;
        private final double[] peakValue;
        private final int[] peak;
        private final int[] lastBad;                // last day of the year so far with !(s ≥ 0), −1 none
        private final boolean[] lastBadNaN;
        private final int[] thawBad;                // lastBad when the current peak was found
        private final boolean[] thawBadNaN;
        private final int[] freezeBad;              // first day after the current peak with !(s ≥ 0), −1 none yet
        private final boolean[] freezeBadNaN;
        private final int[] pendingYear;            // a year whose freeze scan runs on past its end, −1 none
        private final int[] pendingPeak;
        private final double[] thaw;                // per [pixel*years + year]
        private final double[] freeze;
        private final int years;

        Tile(int tile, int years) {
            this.years = years;
            ring = windowDays + 1;
            row = new double[tile];
            sum = new double[ring][tile];
            cnt = new int[ring][tile];
            peakValue = new double[tile];
            peak = new int[tile];
            lastBad = new int[tile];
            lastBadNaN = new boolean[tile];
            thawBad = new int[tile];
            thawBadNaN = new boolean[tile];
            freezeBad = new int[tile];
            freezeBadNaN = new boolean[tile];
            pendingYear = new int[tile];
            pendingPeak = new int[tile];
            thaw = new double[tile * Math.max(1, years)];
            freeze = new double[tile * Math.max(1, years)];
        }

        /** Pixels {@code p0..p0+m} of {@code daily}, or the one series {@code series} (then daily is null). */
        void run(float[] daily, double[] series, int ndays, int npix, int p0, int m, Years cal, double[][] out) {
            int[] yearOfDay = cal.yearOfDay(), yearStart = cal.start(), yearEnd = cal.end();
            int h = windowDays / 2;
            double need = minValidFraction * windowDays;
            java.util.Arrays.fill(sum[0], 0, m, 0.0);       // prefix index 0 in ring slot 0
            java.util.Arrays.fill(cnt[0], 0, m, 0);
            java.util.Arrays.fill(pendingYear, 0, m, -1);
            java.util.Arrays.fill(thaw, 0, m * Math.max(1, years), Double.NaN);
            java.util.Arrays.fill(freeze, 0, m * Math.max(1, years), Double.NaN);
            int done = 0;                                   // prefix sums known for indices 0..done
            double[][] sum = this.sum;
            int[][] cnt = this.cnt;
            double[] peakValue = this.peakValue, row = this.row;
            int[] peak = this.peak, lastBad = this.lastBad, freezeBad = this.freezeBad;
            int[] thawBad = this.thawBad, pendingYear = this.pendingYear;
            boolean[] lastBadNaN = this.lastBadNaN, thawBadNaN = this.thawBadNaN, freezeBadNaN = this.freezeBadNaN;
            int minCount = Math.max(1, (int) Math.ceil(need));  // c ≥ need and c > 0, c an integer
            boolean clean = daily != null;                  // no missing day in the tile: counts are b − a
            for (int k = 0; k < ndays && clean; k++) {
                int o = k * npix + p0;
                float acc = 0;
                for (int j = 0; j < m; j++) {
                    acc += daily[o + j] * 0f;               // NaN (or ±∞) anywhere makes it NaN
                }
                clean = acc == 0;
            }
            for (int i = 0; i < ndays; i++) {
                int b = Math.min(ndays, i + h + 1);
                int a = Math.max(0, i - h);
                for (; done < b; done++) {                  // prefix index done + 1 from day done
                    // one array per ring slot: the loops read and write different arrays at the same index
                    double[] from = sum[done % ring], to = sum[(done + 1) % ring];
                    int o = done * npix + p0;
                    if (clean) {
                        for (int j = 0; j < m; j++) {
                            to[j] = from[j] + daily[o + j];
                        }
                        continue;
                    }
                    int[] cFrom = cnt[done % ring], cTo = cnt[(done + 1) % ring];
                    if (series != null) {
                        double v = series[done];
                        boolean ok = v == v;
                        to[0] = from[0] + (ok ? v : 0);
                        cTo[0] = cFrom[0] + (ok ? 1 : 0);
                        continue;
                    }
                    for (int j = 0; j < m; j++) {
                        float v = daily[o + j];
                        boolean ok = v == v;
                        to[j] = from[j] + (ok ? v : 0);
                        cTo[j] = cFrom[j] + (ok ? 1 : 0);
                    }
                }
                double[] sa = sum[a % ring], sb = sum[b % ring];
                if (clean) {                                // the moving average of smooth(), same arithmetic
                    int c = b - a;
                    if (c >= minCount) {
                        double cd = c;
                        for (int j = 0; j < m; j++) {
                            row[j] = (sb[j] - sa[j]) / cd;
                        }
                    } else {
                        java.util.Arrays.fill(row, 0, m, Double.NaN);
                    }
                } else {
                    int[] ca = cnt[a % ring], cb = cnt[b % ring];
                    for (int j = 0; j < m; j++) {
                        int c = cb[j] - ca[j];
                        row[j] = c >= minCount ? (sb[j] - sa[j]) / c : Double.NaN;
                    }
                }
                int year = yearOfDay[i];
                boolean first = year >= 0 && i == yearStart[year];
                boolean last = year >= 0 && i == yearEnd[year];
                if (first) {
                    java.util.Arrays.fill(peak, 0, m, -1);
                    java.util.Arrays.fill(lastBad, 0, m, -1);
                    java.util.Arrays.fill(freezeBad, 0, m, -1);
                }
                for (int j = 0; j < m; j++) {
                    double sv = row[j];
                    boolean bad = !(sv >= 0);
                    int pend = pendingYear[j];
                    if (pend >= 0) {                        // the freeze scan of an earlier year, past its end
                        if (bad) {
                            if (sv == sv) {
                                freeze[j * years + pend] = i - yearStart[pend] + 1;
                            }
                            pendingYear[j] = -1;
                        } else if (i == pendingPeak[j] + 365) {
                            pendingYear[j] = -1;            // stays ≥ 0 for 365 days after the maximum: no freeze
                        }
                    }
                    if (year < 0) {
                        continue;
                    }
                    if (bad) {
                        if (peak[j] >= 0 && freezeBad[j] < 0) {
                            if (sv == sv && sv > peakValue[j]) {
                                // a new (negative) maximum: the scans start again from it
                                peak[j] = i;
                                peakValue[j] = sv;
                                thawBad[j] = lastBad[j];
                                thawBadNaN[j] = lastBadNaN[j];
                            } else {
                                freezeBad[j] = i;
                                freezeBadNaN[j] = sv != sv;
                            }
                        } else if (sv == sv && (peak[j] < 0 || sv > peakValue[j])) {
                            peak[j] = i;
                            peakValue[j] = sv;
                            thawBad[j] = lastBad[j];
                            thawBadNaN[j] = lastBadNaN[j];
                            freezeBad[j] = -1;
                        }
                        lastBad[j] = i;
                        lastBadNaN[j] = sv != sv;
                    } else if (peak[j] < 0 || sv > peakValue[j]) {   // the first maximum of the year
                        peak[j] = i;
                        peakValue[j] = sv;
                        thawBad[j] = lastBad[j];
                        thawBadNaN[j] = lastBadNaN[j];
                        freezeBad[j] = -1;
                    }
                    if (last) {
                        close(j, year, yearStart[year], i, ndays);
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                double st = 0, sf = 0;
                int nt = 0, nf = 0;
                for (int k = 0; k < years; k++) {
                    double tv = thaw[j * years + k], fv = freeze[j * years + k];
                    if (tv == tv) {
                        st += tv;
                        nt++;
                    }
                    if (fv == fv) {
                        sf += fv;
                        nf++;
                    }
                }
                out[0][p0 + j] = nt > 0 ? st / nt : Double.NaN;
                out[1][p0 + j] = nf > 0 ? sf / nf : Double.NaN;
            }
        }

        /** The onsets of pixel j's year {@code year} (days i0..i1), or its freeze scan left pending. */
        private void close(int j, int year, int i0, int i1, int ndays) {
            int pk = peak[j];
            if (pk < 0 || peakValue[j] < 0) {
                return;                                     // no maximum ≥ 0 °C: no thaw, no freeze
            }
            if (thawBad[j] >= 0 && !thawBadNaN[j]) {
                thaw[j * years + year] = thawBad[j] + 1 - i0 + 1;   // day after the last sub-zero day
            }
            if (freezeBad[j] >= 0) {
                if (freezeBad[j] <= Math.min(ndays - 1, pk + 365) && !freezeBadNaN[j]) {
                    freeze[j * years + year] = freezeBad[j] - i0 + 1;
                }
            } else if (i1 < Math.min(ndays - 1, pk + 365)) {
                pendingYear[j] = year;                      // scan on into the next days
                pendingPeak[j] = pk;
            }
        }
    }
}

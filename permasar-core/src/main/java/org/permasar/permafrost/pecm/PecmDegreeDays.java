package org.permasar.permafrost.pecm;

/**
 * The degree-day sums behind a {@link PecmForcing}, from which the seasonal regressor of any
 * κ_f/κ_t follows without another pass over the days (SCIENCE.md §2, seed 001 eq. 4):
 * <pre>
 *   I_r(τ) = max(0, √ADDT(τ) − √r_y·√ADDF(τ)),   r_y = ADDT_end,y / ADDF_end,y  if √ADDT_end,y − √r·√ADDF_end,y &gt; 0
 *                                                      (closure rule, complete years only), else r
 * </pre>
 * Layout {@code [date*pixels + p]} for {@code linear} (L, years), {@code rootThaw} (√ADDT),
 * {@code rootFreeze} (√ADDF) and {@code year} (the permafrost year of the date, 0 = that of the
 * first SAR date); {@code [year*pixels + p]} for the end-of-year sums {@code endThaw},
 * {@code endFreeze} (°C·day, NaN for an incomplete year or one with an LST gap). NaN and the
 * {@link PecmStatus} code where the pixel failed. {@code peaks} (null unless asked for, see
 * {@link PecmForcingBuilder#degreeDays(java.time.LocalDate, float[], int, int, double[], double[], java.util.List,
 * double[], boolean)}) holds the points that give the yearly
 * maximum of I_r for any r, per cell of the daily block the sums were made from, pixel p's being cell
 * {@code peakCell[p]} (−1: none). {@code checkpoints} (null when not made) holds the sums every few days per
 * cell of the daily block ({@link DailyCheckpoints}), with which the walk for the yearly maximum skips the days
 * that cannot raise it. Arrays are shared: read-only.
 */
public record PecmDegreeDays(int dates, int pixels, int years, float[] linear, float[] rootThaw, float[] rootFreeze,
                             byte[] year, float[] endThaw, float[] endFreeze, byte[] status, SeasonalPeaks peaks,
                             int[] peakCell, DailyCheckpoints checkpoints) {

    /** Without checkpoints. */
    public PecmDegreeDays(int dates, int pixels, int years, float[] linear, float[] rootThaw, float[] rootFreeze,
                          byte[] year, float[] endThaw, float[] endFreeze, byte[] status, SeasonalPeaks peaks,
                          int[] peakCell) {
        this(dates, pixels, years, linear, rootThaw, rootFreeze, year, endThaw, endFreeze, status, peaks, peakCell,
                null);
    }

    /**
     * The ratio year y of pixel p uses under the closure rule when the user's ratio is r.
     */
    public double ratio(int p, int y, double r) {
        float t = endThaw[y * pixels + p], f = endFreeze[y * pixels + p];
        if (t == t && f > 0 && Math.sqrt(t) - Math.sqrt(r) * Math.sqrt(f) > 0) {
            return t / (double) f;      // closure: I returns to 0 at the end of the year
        }
        return r;
    }

    /**
     * I_r at every date of pixel p into {@code out[date]} (NaN where the pixel has no forcing).
     *
     * @param sqrtRatioOfYear scratch of at least {@link #years()} values
     */
    public void seasonal(int p, double r, double[] out, double[] sqrtRatioOfYear) {
        for (int y = 0; y < years; y++) {
            sqrtRatioOfYear[y] = Math.sqrt(ratio(p, y, r));
        }
        for (int i = 0; i < dates; i++) {
            int o = i * pixels + p;
            float t = rootThaw[o];
            out[i] = t == t ? Math.max(0, t - sqrtRatioOfYear[year[o]] * rootFreeze[o]) : Double.NaN;
        }
    }

    /** Pixel q of the result is pixel {@code index[q]} of this one, or NaN with status {@code missing} where −1. */
    public PecmDegreeDays gather(int[] index, byte missing) {
        int m = index.length;
        int[] pc = new int[m];
        for (int q = 0; q < m; q++) {
            pc[q] = index[q] < 0 ? -1 : peakCell[index[q]];
        }
        return new PecmDegreeDays(dates, m, years, Gather.rows(linear, dates, pixels, index),
                Gather.rows(rootThaw, dates, pixels, index), Gather.rows(rootFreeze, dates, pixels, index),
                Gather.rows(year, dates, pixels, index, (byte) 0), Gather.rows(endThaw, years, pixels, index),
                Gather.rows(endFreeze, years, pixels, index), Gather.rows(status, 1, pixels, index, missing), peaks, pc,
                checkpoints);
    }
}

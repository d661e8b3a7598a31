package org.permasar.permafrost.pecm;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.permasar.thermal.DegreeDays;
import org.permasar.thermal.ExpectedDegreeDays;

/**
 * Builds the regressors of the piecewise elevation change model (PECM; Chen et al. 2018, as used in
 * seed 001 eq. 2–4, written out in SCIENCE.md §2) from a block of daily temperatures:
 * <pre>
 *   D(τ) = v·L(τ) + d·I(τ)
 *   L(τ) = T − 1 + (τ − τ_t)/(τ_f − τ_t)   for τ_t ≤ τ ≤ τ_f, and T after τ_f     (seed 001 eq. 3)
 *   I(τ) = max(0, √ADDT(τ) − √(κ_f/κ_t)·√ADDF(τ))                                 (seed 001 eq. 4)
 * </pre>
 * A permafrost year runs from one thaw onset τ_t (day of year {@code round(thawDoy)}) to the next;
 * T = 1 for the permafrost year of the first SAR date. ADDT/ADDF are accumulated from the onset up
 * to and including τ (°C·day). Closure rule (SCIENCE.md §2): when I at the end of a complete year is
 * still &gt; 0 with the user's κ_f/κ_t, that year uses κ_f/κ_t = ADDT_end/ADDF_end instead, so I
 * returns to 0; the last, incomplete year keeps the user's ratio. The per-year maximum of I is
 * exact: the maximum over the days of the year, either from one more walk over the days per unit (which skips the
 * 8-day runs that the sums kept by the degree-day pass, {@link DailyCheckpoints}, show cannot raise it, and stops a
 * year early where nothing can), or, when many units share a cell, from the upper convex hull of the days'
 * (√ADDF, √ADDT) ({@link SeasonalPeaks}), which the degree-day pass builds once per cell for every ratio.
 *
 * <p>Layout: {@code daily[day*npix + p]} (°C, NaN = missing) starting at {@code dailyStart};
 * onsets per pixel (day of year, NaN = none). Day-major loops over contiguous pixels, no per-pixel
 * allocation. Pixels that cannot be built get NaN and a {@link PecmStatus} code. Thread-safe.
 *
 * <p>Degree-day increments and the NaN rule are those of {@link DegreeDays} (a NaN day inside the
 * permafrost year up to a SAR date makes that date {@link PecmStatus#LST_GAP}); the sums run day by day from
 * each onset, as {@link DegreeDays#accumulatedAt} does.
 */
public final class PecmForcingBuilder {

    private PecmForcingBuilder() {
    }

    /**
     * @param dailyStart date of day 0 of {@code daily}
     * @param daily      daily mean temperature, {@code ndays × npix}, °C
     * @param ndays      days in the block
     * @param npix       pixels in the block
     * @param thawDoy    mean thaw onset per pixel (day of year, 1..366), NaN = none
     * @param freezeDoy  mean freeze onset per pixel (day of year of the thaw year, may exceed 365), NaN = none
     * @param sarDates   SAR dates, strictly increasing
     * @param kappaRatio κ_f/κ_t (frozen over thawed conductivity), finite, &gt; 0, for every pixel
     */
    public static PecmForcing build(LocalDate dailyStart, float[] daily, int ndays, int npix, double[] thawDoy,
                                    double[] freezeDoy, List<LocalDate> sarDates, double kappaRatio) {
        if (!(kappaRatio > 0) || Double.isInfinite(kappaRatio)) {
            throw new IllegalArgumentException("kappaRatio must be finite and > 0, got " + kappaRatio);
        }
        double[] k = new double[npix];
        Arrays.fill(k, kappaRatio);
        return build(dailyStart, daily, ndays, npix, thawDoy, freezeDoy, sarDates, k);
    }

    /**
     * As {@link #build(LocalDate, float[], int, int, double[], double[], List, double)} with a
     * per-pixel κ_f/κ_t (e.g. from {@link org.permasar.thermal.JohansenConductivity} maps of the frozen
     * and thawed conductivity); a NaN or non-positive ratio makes that pixel fail with
     * {@link PecmStatus#NO_FREEZE}.
     */
    public static PecmForcing build(LocalDate dailyStart, float[] daily, int ndays, int npix, double[] thawDoy,
                                    double[] freezeDoy, List<LocalDate> sarDates, double[] kappaRatio) {
        return build(dailyStart, daily, ndays, npix, thawDoy, freezeDoy, sarDates, kappaRatio, null);
    }

    /**
     * As {@link #build(LocalDate, float[], int, int, double[], double[], List, double[])} with
     * {@code daily} read as a smooth curve μ(t) around which the real daily temperature scatters with
     * standard deviation {@code dailyStd[p]} (°C): ADDT/ADDF accumulate the expected positive and
     * negative parts {@link ExpectedDegreeDays} (Thom 1954) instead of clipping μ, which removes the
     * Jensen bias of degree-days from smoothed temperatures. A pixel with σ = 0 (or {@code dailyStd}
     * null) is clipped directly; NaN σ counts as 0.
     */
    public static PecmForcing build(LocalDate dailyStart, float[] daily, int ndays, int npix, double[] thawDoy,
                                    double[] freezeDoy, List<LocalDate> sarDates, double[] kappaRatio,
                                    double[] dailyStd) {
        return buildWithDegreeDays(dailyStart, daily, ndays, npix, thawDoy, freezeDoy, sarDates, kappaRatio, dailyStd)
                .forcing();
    }

    /** The forcing and the degree-day sums it was made from (for {@link PecmKappaProfile}). */
    public record Built(PecmForcing forcing, PecmDegreeDays degreeDays) {
    }

    /**
     * As {@link #build(LocalDate, float[], int, int, double[], double[], List, double[], double[])}, also
     * returning √ADDT, √ADDF at the SAR dates and the end-of-year sums, from which I(τ) of any other
     * κ_f/κ_t follows without another pass over the days ({@link PecmDegreeDays#seasonal}).
     */
    public static Built buildWithDegreeDays(LocalDate dailyStart, float[] daily, int ndays, int npix, double[] thawDoy,
                                            double[] freezeDoy, List<LocalDate> sarDates, double[] kappaRatio,
                                            double[] dailyStd) {
        if (kappaRatio.length != npix) {
            throw new IllegalArgumentException("expected " + npix + " ratios, got " + kappaRatio.length);
        }
        PecmDegreeDays dd = degreeDays(dailyStart, daily, ndays, npix, thawDoy, freezeDoy, sarDates, dailyStd);
        int[] identity = new int[npix];
        Arrays.setAll(identity, q -> q);
        return new Built(forcing(dd, kappaRatio, dailyStart, daily, ndays, npix, identity, thawDoy, dailyStd, sarDates),
                dd);
    }

    /**
     * The first of the two passes over the days: ADDT/ADDF since each thaw onset at the SAR dates and
     * at the end of every complete permafrost year, L(τ), and the status of each pixel — everything of
     * the forcing that does not depend on κ_f/κ_t. One evaluation of the degree-day increments per
     * pixel and day. Arguments as {@link #build(LocalDate, float[], int, int, double[], double[], List,
     * double[], double[])} without the ratio.
     */
    public static PecmDegreeDays degreeDays(LocalDate dailyStart, float[] daily, int ndays, int npix, double[] thawDoy,
                                            double[] freezeDoy, List<LocalDate> sarDates, double[] dailyStd) {
        return degreeDays(dailyStart, daily, ndays, npix, thawDoy, freezeDoy, sarDates, dailyStd, false);
    }

    /**
     * As {@link #degreeDays(LocalDate, float[], int, int, double[], double[], List, double[])}, with
     * {@code peaks} true also the hulls of {@link SeasonalPeaks} (the yearly maximum of I for any ratio
     * without another pass over the days: worth it when many units share a cell, as pixels share a coarse LST
     * cell; with one unit per cell the pass of {@link #forcing} over the days costs less than the hulls).
     */
    public static PecmDegreeDays degreeDays(LocalDate dailyStart, float[] daily, int ndays, int npix, double[] thawDoy,
                                            double[] freezeDoy, List<LocalDate> sarDates, double[] dailyStd,
                                            boolean peaks) {
        if (dailyStd != null && dailyStd.length != npix) {
            throw new IllegalArgumentException("expected " + npix + " daily standard deviations, got " + dailyStd.length);
        }
        if (daily.length != ndays * npix || thawDoy.length != npix || freezeDoy.length != npix) {
            throw new IllegalArgumentException("expected daily " + ndays + "×" + npix + " and onsets of " + npix
                    + " pixels, got " + daily.length + ", " + thawDoy.length + ", " + freezeDoy.length);
        }
        int[] sk = sarDays(dailyStart, ndays, sarDates);
        int n = sk.length;
        boolean outside = sk[0] < 0;
        byte[] status = new byte[npix];
        int[] th = new int[npix];
        int[] len = new int[npix];
        for (int p = 0; p < npix; p++) {
            th[p] = -1;
            if (outside) {
                status[p] = PecmStatus.DATES_OUTSIDE_LST;
            } else if (Double.isNaN(thawDoy[p])) {
                status[p] = PecmStatus.NO_THAW;
            } else if (Double.isNaN(freezeDoy[p]) || Math.round(freezeDoy[p]) <= Math.round(thawDoy[p])) {
                status[p] = PecmStatus.NO_FREEZE;
            } else {
                th[p] = thawDay(thawDoy[p]);
                len[p] = (int) Math.round(freezeDoy[p]) - th[p];
            }
        }
        int maxYears = ndays / 365 + 2;
        double[] endT = new double[maxYears * npix];
        double[] endF = new double[maxYears * npix];
        Arrays.fill(endT, Double.NaN);
        Arrays.fill(endF, Double.NaN);
        int[] yr = new int[npix];
        int[] yRef = new int[npix];
        int[] yLast = new int[npix];
        int[] invalid = new int[npix];
        int[] onsetK = new int[npix];
        double[] cumT = new double[npix];
        double[] cumF = new double[npix];
        boolean[] bad = new boolean[npix];
        byte[] late = new byte[npix];                   // first failure at a SAR date (outside the span, LST gap)
        float[] lin = new float[n * npix];
        float[] rootT = new float[n * npix];
        float[] rootF = new float[n * npix];
        byte[] yearOf = new byte[n * npix];
        SeasonalPeaks.Builder hulls = peaks ? new SeasonalPeaks.Builder(npix, maxYears, TILE) : null;
        Arrays.fill(yr, -1);
        int kEnd = outside ? 0 : ndays;
        // without hulls, the sums every CHUNK days (DailyCheckpoints): the yearly-maximum walk skips what they bound
        int runs = peaks ? 0 : DailyCheckpoints.runs(kEnd);
        double[] cpT = new double[runs * npix];
        double[] cpF = new double[runs * npix];
        short[] cpYear = new short[runs * npix];
        int[] dayOfYear = daysOfYear(dailyStart, kEnd);
        // with hulls, pixels in tiles of TILE, each walked over all days before the next: the hull stacks of one
        // tile stay in cache while the days stream past; without, tiles of DAY_TILE (long contiguous row pieces)
        int tile = hulls != null ? TILE : Math.max(1, Math.min(npix, DAY_TILE));
        double[] sigma = new double[npix];                  // σ of the daily scatter, 0 (clip) where none or NaN
        for (int p = 0; p < npix && dailyStd != null; p++) {
            sigma[p] = dailyStd[p] > 0 ? dailyStd[p] : 0;
        }
        for (int p0 = 0; p0 < npix; p0 += tile) {
            int p1 = Math.min(npix, p0 + tile);
            int next = 0;
            for (int k = 0; k < kEnd; k++) {
                int doy = dayOfYear[k];
                int off = k * npix;
                if (hulls != null) {
                    for (int p = p0; p < p1; p++) {
                        if (doy == th[p]) {
                            hulls.close(p, yr[p]);          // the year that this onset ends
                        }
                    }
                }
                sumDay(daily, off, doy, p0, p1, th, yr, maxYears, npix, endT, endF, bad, cumT, cumF, onsetK, k, invalid,
                        sigma);
                for (int p = p0; p < p1 && hulls != null; p++) {
                    // a day on which I may peak: with expected degree-days every valid day (both sums grow); clipped,
                    // I only rises on warm days, so it peaks on a last warm day before a cold one
                    float v = daily[off + p];
                    boolean candidate = sigma[p] > 0 ? v == v
                            : v > 0 && (k + 1 == kEnd || !(daily[off + npix + p] > 0));
                    if (candidate && yr[p] >= 0 && !bad[p]) {
                        hulls.add(p, Math.sqrt(cumF[p]), Math.sqrt(cumT[p]));   // a point of I's yearly maximum
                    }
                }
                if (runs > 0 && (k % DailyCheckpoints.CHUNK == DailyCheckpoints.CHUNK - 1 || k == kEnd - 1)) {
                    int base = k / DailyCheckpoints.CHUNK * npix;
                    for (int p = p0; p < p1; p++) {
                        boolean ok = yr[p] >= 0 && !bad[p];
                        cpT[base + p] = ok ? cumT[p] : Double.NaN;
                        cpF[base + p] = ok ? cumF[p] : Double.NaN;
                        cpYear[base + p] = (short) Math.min(yr[p], Short.MAX_VALUE);
                    }
                }
                if (next < n && k == sk[next]) {
                    if (next == 0) {
                        System.arraycopy(yr, p0, yRef, p0, p1 - p0);
                    }
                    if (next == n - 1) {
                        System.arraycopy(yr, p0, yLast, p0, p1 - p0);
                    }
                    int base = next * npix;
                    for (int p = p0; p < p1; p++) {
                        if (th[p] < 0 || late[p] != PecmStatus.OK) {
                            continue;
                        }
                        int yRel = yr[p] - yRef[p];
                        if (yr[p] < 0 || yRel < 0) {
                            late[p] = PecmStatus.DATES_OUTSIDE_LST;
                        } else if (bad[p]) {
                            late[p] = PecmStatus.LST_GAP;
                        } else {
                            int o = base + p;
                            // seed 001 eq. 3: L = T − 1 + (τ − τ_t)/(τ_f − τ_t) in the thaw season, T after it
                            lin[o] = (float) (yRel + Math.min((double) (k - onsetK[p]) / len[p], 1.0));
                            rootT[o] = (float) Math.sqrt(cumT[p]);
                            rootF[o] = (float) Math.sqrt(cumF[p]);
                            yearOf[o] = (byte) yRel;
                        }
                    }
                    next++;
                }
            }
            for (int p = p0; p < p1 && hulls != null; p++) {
                hulls.close(p, yr[p]);                      // the last, incomplete year
            }
        }
        int years = 1;
        for (int p = 0; p < npix; p++) {
            if (status[p] != PecmStatus.OK) {
                continue;
            }
            if (invalid[p] == kEnd) {
                status[p] = PecmStatus.NO_VALID_LST;
            } else if (yRef[p] < 0) {
                status[p] = PecmStatus.DATES_OUTSIDE_LST;
            } else {
                years = Math.max(years, yLast[p] - yRef[p] + 1);
            }
        }
        // end-of-year sums per year relative to the first SAR date's year (NaN: incomplete or gap); a
        // complete year with thaw but no freezing at all cannot close (SCIENCE.md §2)
        float[] yearT = new float[years * npix];
        float[] yearF = new float[years * npix];
        for (int p = 0; p < npix; p++) {
            for (int y = 0; y < years; y++) {
                int ya = yRef[p] + y;
                boolean ok = status[p] == PecmStatus.OK && ya >= 0 && ya < maxYears;
                double t = ok ? endT[ya * npix + p] : Double.NaN;
                double f = ok ? endF[ya * npix + p] : Double.NaN;
                if (ok && ya <= yLast[p] && t > 0 && f == 0) {
                    status[p] = PecmStatus.NO_FREEZE;   // a whole year without freezing
                }
                yearT[y * npix + p] = (float) t;
                yearF[y * npix + p] = (float) f;
            }
            if (status[p] == PecmStatus.OK) {
                status[p] = late[p];
            }
        }
        for (int p = 0; p < npix; p++) {
            if (status[p] == PecmStatus.OK) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                lin[i * npix + p] = Float.NaN;
                rootT[i * npix + p] = Float.NaN;
                rootF[i * npix + p] = Float.NaN;
                yearOf[i * npix + p] = 0;
            }
            for (int y = 0; y < years; y++) {
                yearT[y * npix + p] = Float.NaN;
                yearF[y * npix + p] = Float.NaN;
            }
        }
        int[] identity = new int[npix];
        Arrays.setAll(identity, q -> q);
        DailyCheckpoints checkpoints = null;
        if (runs > 0) {
            for (int j = 0; j < runs; j++) {                // absolute years → relative to the first SAR date's
                int base = j * npix;
                for (int p = 0; p < npix; p++) {
                    int y = cpYear[base + p];
                    boolean ok = status[p] == PecmStatus.OK && y >= 0 && y - yRef[p] >= 0 && y - yRef[p] < years;
                    cpYear[base + p] = ok ? (short) (y - yRef[p]) : Short.MIN_VALUE;
                }
            }
            checkpoints = new DailyCheckpoints(npix, runs, cpT, cpF, cpYear);
        }
        return new PecmDegreeDays(n, npix, years, lin, rootT, rootF, yearOf, yearT, yearF, status,
                hulls == null ? null : hulls.build(years, yRef, status), identity, checkpoints);
    }

    /**
     * One day of the degree-day pass for pixels {@code p0..p1}: a thaw onset closes the year and restarts the sums;
     * a missing day marks the year; otherwise the day's increments are added, expected (σ &gt; 0) or clipped.
     */
    private static void sumDay(float[] daily, int off, int doy, int p0, int p1, int[] th, int[] yr, int maxYears,
                               int npix, double[] endT, double[] endF, boolean[] bad, double[] cumT, double[] cumF,
                               int[] onsetK, int k, int[] invalid, double[] sigma) {
        for (int p = p0; p < p1; p++) {
            if (doy == th[p]) {                             // th = −1 for failed pixels
                if (yr[p] >= 0 && yr[p] < maxYears) {
                    endT[yr[p] * npix + p] = bad[p] ? Double.NaN : cumT[p];
                    endF[yr[p] * npix + p] = bad[p] ? Double.NaN : cumF[p];
                }
                yr[p]++;
                cumT[p] = 0;
                cumF[p] = 0;
                bad[p] = false;
                onsetK[p] = k;
            }
            float v = daily[off + p];
            double s = sigma[p];
            if (v != v) {
                bad[p] = true;
                invalid[p]++;
            } else if (s > 0) {
                double t = ExpectedDegreeDays.positivePart(v, s);  // Thom (1954): E[max(T, 0)]
                cumT[p] += t;
                cumF[p] += t - v;                           // E[max(−T, 0)] = E[max(T, 0)] − μ
            } else if (v > 0) {
                cumT[p] += DegreeDays.thawPart(v);          // ADDT = Σ max(T, 0)
            } else {
                cumF[p] += DegreeDays.freezePart(v);        // ADDF = Σ max(−T, 0)
            }
        }
    }

    /**
     * The forcing of κ_f/κ_t {@code kappaRatio[u]} for every unit u of {@code dd} (its pixels, or, through
     * {@link PecmDegreeDays#gather}, any number of units sharing the sums of one cell, unit u's daily
     * temperatures being column {@code columnOf[u]} of {@code daily}): I at the SAR dates and the per-year
     * ratios follow from the sums at the SAR dates and year ends; the per-year maximum of I from
     * {@link PecmDegreeDays#peaks()} when {@code dd} has them, else from one more walk over the days per
     * unit. A non-positive, NaN or infinite ratio makes the unit fail with {@link PecmStatus#NO_FREEZE}.
     *
     * @param daily    the block {@code dd} was made from, {@code daily[day*columns + c]} (read without peaks)
     * @param thawDoy  thaw onset per column (as given to {@link #degreeDays})
     * @param dailyStd σ of the daily scatter per column, or null
     */
    public static PecmForcing forcing(PecmDegreeDays dd, double[] kappaRatio, LocalDate dailyStart, float[] daily,
                                      int ndays, int columns, int[] columnOf, double[] thawDoy, double[] dailyStd,
                                      List<LocalDate> sarDates) {
        int nu = dd.pixels(), n = dd.dates(), years = dd.years();
        if (kappaRatio.length != nu || columnOf.length != nu || daily.length != ndays * columns
                || thawDoy.length != columns || (dailyStd != null && dailyStd.length != columns)) {
            throw new IllegalArgumentException("expected " + nu + " ratios and columns, daily " + ndays + "×" + columns
                    + ", onsets of " + columns + " columns; got " + kappaRatio.length + ", " + columnOf.length + ", "
                    + daily.length + ", " + thawDoy.length);
        }
        int[] sk = sarDays(dailyStart, ndays, sarDates);
        byte[] status = dd.status().clone();
        float[] ratio = new float[years * nu];
        double[] sqrtR = new double[years * nu];
        for (int u = 0; u < nu; u++) {
            double r = kappaRatio[u];
            boolean before = sk[0] < 0 || status[u] == PecmStatus.NO_THAW || status[u] == PecmStatus.NO_FREEZE;
            if (!before && (!(r > 0) || Double.isInfinite(r))) {      // a ratio the onsets would have refused
                status[u] = PecmStatus.NO_FREEZE;
            }
            for (int y = 0; y < years; y++) {
                // closure rule per year: κ_f/κ_t = ADDT_end/ADDF_end where I_end > 0 (SCIENCE.md §2)
                double ry = status[u] == PecmStatus.OK ? dd.ratio(u, y, r) : r;
                ratio[y * nu + u] = (float) ry;
                sqrtR[y * nu + u] = Math.sqrt((float) ry);
            }
        }
        float[] lin = new float[n * nu];
        float[] sea = new float[n * nu];
        float[] rt = dd.rootThaw(), rf = dd.rootFreeze(), dl = dd.linear();
        byte[] yearOf = dd.year();
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < nu; u++) {
                int o = i * nu + u;
                if (status[u] != PecmStatus.OK) {
                    lin[o] = Float.NaN;
                    sea[o] = Float.NaN;
                } else {
                    lin[o] = dl[o];
                    // seed 001 eq. 4 (SCIENCE.md §2 sign): I = √ADDT − √(κf/κt)·√ADDF, clipped at 0
                    sea[o] = (float) Math.max(0, rt[o] - sqrtR[yearOf[o] * nu + u] * rf[o]);
                }
            }
        }
        if (dd.peaks() == null) {
            float[] smax = seasonalMax(dd, status, sqrtR, sk, dailyStart, daily, ndays, columns, columnOf, thawDoy,
                    dailyStd);
            return new PecmForcing(n, nu, years, lin, sea, smax, ratio, status);
        }
        // per-year maximum of I: over the hull vertices of the days' (√ADDF, √ADDT) (SeasonalPeaks)
        float[] smax = new float[years * nu];
        Arrays.fill(smax, Float.NaN);
        SeasonalPeaks peaks = dd.peaks();
        int[] cellOf = dd.peakCell();
        for (int u = 0; u < nu; u++) {
            if (status[u] != PecmStatus.OK || cellOf[u] < 0) {
                continue;
            }
            for (int y = 0; y < years; y++) {
                smax[y * nu + u] = (float) peaks.max(cellOf[u], y, sqrtR[y * nu + u]);
            }
        }
        return new PecmForcing(n, nu, years, lin, sea, smax, ratio, status);
    }

    /**
     * Per-year maximum of I (NaN for failed units and for years whose onset the daily series does not
     * hold). I only rises on days with T ≥ 0 when the temperature is clipped, so there it is evaluated on
     * the last warm day before a cold or missing one; with expected degree-days both sums grow every
     * day and every valid day is a candidate. Days after an LST gap in a year are skipped up to the next
     * onset (their sums are incomplete). With checkpoints ({@link DailyCheckpoints}, made from this {@code daily}):
     * each year starts from the largest I at its checkpoints (expected degree-days: a value of a candidate day, so
     * a lower bound of the maximum), and an 8-day run without an onset is skipped when √ADDT at its end − √r·√ADDF
     * now (a bound of I on each of its days, both sums only growing) does not exceed the maximum so far; the sums
     * jump to the checkpoint's. The maxima are those of the walk over every day, bit for bit (SeasonalPeaksTest).
     */
    private static float[] seasonalMax(PecmDegreeDays dd, byte[] status, double[] sqrtR, int[] sk,
                                       LocalDate dailyStart, float[] daily, int ndays, int columns, int[] columnOf,
                                       double[] thawDoy, double[] dailyStd) {
        int nu = dd.pixels(), years = dd.years();
        float[] smax = new float[years * nu];
        Arrays.fill(smax, Float.NaN);
        int[] th = new int[nu];
        int[] yRel = new int[nu];
        double[] sd = new double[nu];
        // before day 0 the year relative to that of the first SAR date is −(onsets on days 0..sk[0])
        int[] onsetsBefore = new int[367];
        LocalDate d0 = dailyStart;
        for (int k = 0; k <= sk[0] && k < ndays; k++, d0 = d0.plusDays(1)) {
            onsetsBefore[d0.getDayOfYear()]++;
        }
        for (int u = 0; u < nu; u++) {
            int c = columnOf[u];
            th[u] = status[u] == PecmStatus.OK ? thawDay(thawDoy[c]) : -1;
            sd[u] = dailyStd == null ? 0 : dailyStd[c];
            yRel[u] = th[u] < 0 ? Integer.MIN_VALUE : -onsetsBefore[th[u]];
        }
        double[] cumT = new double[nu];
        double[] cumF = new double[nu];
        boolean[] live = new boolean[nu];
        float[] endThaw = dd.endThaw();
        DailyCheckpoints cp = dd.checkpoints();
        boolean skip = cp != null && cp.cells() == columns && cp.runs() == DailyCheckpoints.runs(ndays);
        // with expected degree-days every valid day is a candidate, so I at a checkpoint is a lower bound of its
        // year's maximum: the walk starts each year from it and skips the runs that cannot exceed it
        float[] start = new float[years * nu];
        int runs = DailyCheckpoints.runs(ndays);
        if (skip) {
            for (int j = 0; j < runs; j++) {
                int base = j * columns;
                for (int u = 0; u < nu; u++) {
                    int o = base + columnOf[u];
                    int y = cp.year()[o];
                    double t = cp.thaw()[o];
                    // √ADDT ≤ the bound so far cannot raise it (exact: the bound is a float, its square a double)
                    if (th[u] >= 0 && sd[u] > 0 && y >= 0 && t > (double) start[y * nu + u] * start[y * nu + u]) {
                        double iv = Math.sqrt(t) - sqrtR[y * nu + u] * Math.sqrt(cp.freeze()[o]);
                        if (iv > start[y * nu + u]) {
                            start[y * nu + u] = (float) iv;
                        }
                    }
                }
            }
        }
        int[] doyOf = daysOfYear(dailyStart, ndays);
        // the days of each day of year, and per unit the run of its next onset (a unit with nothing to do skips to it)
        int[][] daysOfDoy = new int[367][];
        int[] perDoy = new int[367];
        for (int k = 0; k < ndays; k++) {
            perDoy[doyOf[k]]++;
        }
        for (int d = 0; d < 367; d++) {
            daysOfDoy[d] = new int[perDoy[d]];
            perDoy[d] = 0;
        }
        for (int k = 0; k < ndays; k++) {
            daysOfDoy[doyOf[k]][perDoy[doyOf[k]]++] = k;
        }
        int[] onsetsSeen = new int[nu];
        int[] nextOnsetRun = new int[nu];
        for (int u = 0; u < nu; u++) {
            nextOnsetRun[u] = th[u] < 0 ? Integer.MAX_VALUE : nextRun(daysOfDoy[th[u]], 0);
        }
        // runs of CHUNK days in order; within a run each unit walks its days (or skips them all)
        for (int j = 0; j < runs; j++) {
            int k0 = j * DailyCheckpoints.CHUNK;
            int k1 = Math.min(ndays, k0 + DailyCheckpoints.CHUNK) - 1;
            for (int u = 0; u < nu; u++) {
                if (th[u] < 0) {
                    continue;
                }
                int c = columnOf[u];
                boolean onset = nextOnsetRun[u] == j;
                if (!live[u] && !onset) {
                    continue;                               // nothing to do before the next onset
                }
                if (skip && live[u]) {
                    // the run's days cannot raise the maximum: I ≤ √ADDT(run end) − √r·√ADDF(now) on each of them
                    int o = j * columns + c;
                    double t = cp.thaw()[o];
                    int y = yRel[u] * nu + u;
                    if (t == t && cp.year()[o] == yRel[u]
                            && Math.sqrt(t) - sqrtR[y] * Math.sqrt(cumF[u]) + RUN_SLACK <= smax[y] && !onset) {
                        cumT[u] = t;
                        cumF[u] = cp.freeze()[o];
                        continue;
                    }
                }
                for (int k = k0; k <= k1; k++) {
                    if (doyOf[k] == th[u]) {
                        nextOnsetRun[u] = nextRun(daysOfDoy[th[u]], ++onsetsSeen[u]);
                        yRel[u]++;
                        cumT[u] = 0;
                        cumF[u] = 0;
                        live[u] = yRel[u] >= 0 && yRel[u] < years;
                        if (live[u]) {
                            smax[yRel[u] * nu + u] = start[yRel[u] * nu + u];
                        }
                    }
                    if (!live[u]) {
                        continue;
                    }
                    float v = daily[k * columns + c];
                    boolean candidate;
                    if (v != v) {
                        live[u] = false;                    // gap: the sums of this year are incomplete
                        continue;
                    } else if (sd[u] > 0) {
                        double t = ExpectedDegreeDays.positivePart(v, sd[u]);  // Thom (1954)
                        cumT[u] += t;
                        cumF[u] += t - v;
                        candidate = true;                   // both sums grow every day: I may peak on any day
                    } else if (v >= 0) {
                        cumT[u] += DegreeDays.thawPart(v);
                        // I rises only on warm days: its maxima are on the last warm day before a cold (or missing) one
                        candidate = k + 1 == ndays || !(daily[(k + 1) * columns + c] >= 0);
                    } else {
                        cumF[u] += DegreeDays.freezePart(v);
                        candidate = false;
                    }
                    int o = yRel[u] * nu + u;
                    if (candidate) {
                        double iv = Math.max(0, Math.sqrt(cumT[u]) - sqrtR[o] * Math.sqrt(cumF[u]));
                        if (!(smax[o] >= iv)) {
                            smax[o] = (float) iv;
                        }
                    }
                    // exact early exit: for τ' ≥ τ of a complete year I(τ') ≤ √ADDT_end − √r·√ADDF(τ), since
                    // ADDT only grows to ADDT_end and ADDF only grows; once that bound is below the maximum so
                    // far, the rest of the year cannot raise it
                    float endT = endThaw[o];
                    if (endT == endT && (sd[u] > 0 || v < 0)
                            && Math.sqrt(endT * END_SLACK) - sqrtR[o] * Math.sqrt(cumF[u]) <= smax[o]) {
                        live[u] = false;
                    }
                }
            }
        }
        for (int u = 0; u < nu; u++) {
            if (status[u] != PecmStatus.OK) {
                for (int y = 0; y < years; y++) {
                    smax[y * nu + u] = Float.NaN;
                }
            }
        }
        return smax;
    }

    /** Day of year (1..366) of each of {@code ndays} days from {@code start}. */
    private static int[] daysOfYear(LocalDate start, int ndays) {
        int[] doy = new int[ndays];
        LocalDate day = start;
        for (int k = 0; k < ndays; k++, day = day.plusDays(1)) {
            doy[k] = day.getDayOfYear();
        }
        return doy;
    }

    /** The run of the {@code i}-th of {@code days} (ascending day indices), or {@link Integer#MAX_VALUE} past the last. */
    private static int nextRun(int[] days, int i) {
        return i < days.length ? days[i] / DailyCheckpoints.CHUNK : Integer.MAX_VALUE;
    }

    /**
     * Margin of the run bound (√(°C·day)): the table of the expected positive part may make a sum fall by
     * rounding-sized amounts; far above those, far below any change of I that a float can show.
     */
    private static final double RUN_SLACK = 1e-9;

    /** ADDT_end is stored as float: a relative margin far above its rounding keeps the bound safe. */
    private static final double END_SLACK = 1 + 1e-5;

    /**
     * Pixels walked together over the days by the degree-day pass without hulls: their state (sums, years, flags:
     * ~17 KB) stays in the core's L1 cache while each day's row of 2 KB streams past (measured against 2 048 and
     * the whole block: 27–31 against 63–69 µs of CPU per pixel at 20 000 px, ThermalKernelTiming).
     */
    private static final int DAY_TILE = 512;

    /** Pixels walked together over the days by the degree-day pass. */
    private static final int TILE = 64;

    /** Bytes the degree-day pass holds per cell beyond its inputs and outputs (the hull stacks of {@link SeasonalPeaks}). */
    public static long peaksBytesPerCell() {
        return SeasonalPeaks.Builder.bytesPerCell();
    }

    /** Day of year of a thaw onset, as a day index 1..365. */
    private static int thawDay(double thawDoy) {
        return (int) Math.min(365, Math.max(1, Math.round(thawDoy)));
    }

    /** Day index of each SAR date in the daily series; the first is −1 when any date lies outside it. */
    private static int[] sarDays(LocalDate dailyStart, int ndays, List<LocalDate> sarDates) {
        int n = sarDates.size();
        if (n == 0) {
            throw new IllegalArgumentException("no SAR dates");
        }
        int[] sk = new int[n];
        boolean outside = false;
        for (int i = 0; i < n; i++) {
            sk[i] = (int) (sarDates.get(i).toEpochDay() - dailyStart.toEpochDay());
            if (i > 0 && sk[i] <= sk[i - 1]) {
                throw new IllegalArgumentException("SAR dates must increase strictly: " + sarDates.get(i - 1)
                        + " then " + sarDates.get(i));
            }
            outside |= sk[i] < 0 || sk[i] >= ndays;
        }
        if (outside) {
            sk[0] = -1;
        }
        return sk;
    }
}

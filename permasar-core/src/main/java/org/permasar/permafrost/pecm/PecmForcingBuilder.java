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
 * exact: I only rises on days with T ≥ 0, so it is evaluated on the last warm day before a cold day.
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
        if (dailyStd != null && dailyStd.length != npix) {
            throw new IllegalArgumentException("expected " + npix + " daily standard deviations, got " + dailyStd.length);
        }
        if (daily.length != ndays * npix || thawDoy.length != npix || freezeDoy.length != npix
                || kappaRatio.length != npix) {
            throw new IllegalArgumentException("expected daily " + ndays + "×" + npix + " and onsets/ratios of " + npix
                    + " pixels, got " + daily.length + ", " + thawDoy.length + ", " + freezeDoy.length + ", "
                    + kappaRatio.length);
        }
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
        byte[] status = new byte[npix];
        int[] th = new int[npix];
        int[] len = new int[npix];
        for (int p = 0; p < npix; p++) {
            th[p] = -1;
            if (outside) {
                status[p] = PecmStatus.DATES_OUTSIDE_LST;
            } else if (Double.isNaN(thawDoy[p])) {
                status[p] = PecmStatus.NO_THAW;
            } else if (Double.isNaN(freezeDoy[p]) || Math.round(freezeDoy[p]) <= Math.round(thawDoy[p])
                    || !(kappaRatio[p] > 0) || Double.isInfinite(kappaRatio[p])) {
                status[p] = PecmStatus.NO_FREEZE;
            } else {
                th[p] = (int) Math.min(365, Math.max(1, Math.round(thawDoy[p])));
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
        double[] cumT = new double[npix];
        double[] cumF = new double[npix];
        boolean[] bad = new boolean[npix];
        Arrays.fill(yr, -1);
        // pass 1: end-of-year ADDT/ADDF of every complete permafrost year
        LocalDate day = dailyStart;
        int kEnd = outside ? 0 : ndays;
        for (int k = 0; k < kEnd; k++, day = day.plusDays(1)) {
            int doy = day.getDayOfYear();
            int off = k * npix;
            for (int p = 0; p < npix; p++) {
                if (doy == th[p]) {
                    if (yr[p] >= 0 && yr[p] < maxYears) {
                        endT[yr[p] * npix + p] = bad[p] ? Double.NaN : cumT[p];
                        endF[yr[p] * npix + p] = bad[p] ? Double.NaN : cumF[p];
                    }
                    yr[p]++;
                    cumT[p] = 0;
                    cumF[p] = 0;
                    bad[p] = false;
                }
                float v = daily[off + p];
                if (v != v) {
                    bad[p] = true;
                    invalid[p]++;
                } else if (dailyStd != null && dailyStd[p] > 0) {
                    double t = ExpectedDegreeDays.positivePart(v, dailyStd[p]);  // Thom (1954): E[max(T, 0)]
                    cumT[p] += t;
                    cumF[p] += t - v;                   // E[max(−T, 0)] = E[max(T, 0)] − μ
                } else if (v > 0) {
                    cumT[p] += DegreeDays.thawPart(v);      // ADDT = Σ max(T, 0)
                } else {
                    cumF[p] += DegreeDays.freezePart(v);    // ADDF = Σ max(−T, 0)
                }
            }
            if (k == sk[0]) {
                System.arraycopy(yr, 0, yRef, 0, npix);
            }
            if (k == sk[n - 1]) {
                System.arraycopy(yr, 0, yLast, 0, npix);
            }
        }
        int years = 1;
        for (int p = 0; p < npix; p++) {
            if (status[p] == PecmStatus.OK) {
                if (invalid[p] == kEnd) {
                    status[p] = PecmStatus.NO_VALID_LST;
                } else if (yRef[p] < 0) {
                    status[p] = PecmStatus.DATES_OUTSIDE_LST;
                } else {
                    years = Math.max(years, yLast[p] - yRef[p] + 1);
                }
            }
        }
        // closure rule per year: κ_f/κ_t = ADDT_end/ADDF_end where I_end > 0 (SCIENCE.md §2)
        float[] ratio = new float[years * npix];
        for (int y = 0; y < years; y++) {
            for (int p = 0; p < npix; p++) {
                double r = kappaRatio[p];
                double sqrtK = Math.sqrt(r);
                int ya = yRef[p] + y;
                if (status[p] == PecmStatus.OK && ya >= 0 && ya < maxYears) {
                    double t = endT[ya * npix + p];
                    double f = endF[ya * npix + p];
                    if (!Double.isNaN(t) && Math.sqrt(t) - sqrtK * Math.sqrt(f) > 0) {
                        if (f > 0) {
                            r = t / f;
                        } else if (ya <= yLast[p]) {
                            status[p] = PecmStatus.NO_FREEZE;  // a whole year without freezing
                        }
                    }
                }
                ratio[y * npix + p] = (float) r;
            }
        }
        for (int p = 0; p < npix; p++) {
            if (status[p] != PecmStatus.OK) {
                th[p] = -1;
            }
        }
        // pass 2: L and I at the SAR dates, per-year maximum of I
        float[] lin = new float[n * npix];
        float[] sea = new float[n * npix];
        float[] rootT = new float[n * npix];
        float[] rootF = new float[n * npix];
        byte[] yearOf = new byte[n * npix];
        float[] smax = new float[years * npix];
        Arrays.fill(smax, Float.NaN);
        int[] onsetK = new int[npix];
        Arrays.fill(yr, -1);
        Arrays.fill(cumT, 0);
        Arrays.fill(cumF, 0);
        Arrays.fill(bad, false);
        day = dailyStart;
        int next = 0;
        int kStop = outside ? 0 : ndays;
        for (int k = 0; k < kStop; k++, day = day.plusDays(1)) {
            int doy = day.getDayOfYear();
            int off = k * npix;
            boolean sar = next < n && sk[next] == k;
            boolean last = k + 1 == ndays;
            for (int p = 0; p < npix; p++) {
                if (doy == th[p]) {                     // th = −1 for failed pixels
                    yr[p]++;
                    cumT[p] = 0;
                    cumF[p] = 0;
                    bad[p] = false;
                    onsetK[p] = k;
                    int yRel = yr[p] - yRef[p];
                    if (yRel >= 0 && yRel < years) {
                        smax[yRel * npix + p] = 0;
                    }
                }
                float v = daily[off + p];
                boolean candidate = false;
                if (v == v && dailyStd != null && dailyStd[p] > 0) {
                    double t = ExpectedDegreeDays.positivePart(v, dailyStd[p]);  // Thom (1954)
                    cumT[p] += t;
                    cumF[p] += t - v;
                    candidate = true;                   // both sums grow every day: I may peak on any day
                } else if (v >= 0) {
                    cumT[p] += DegreeDays.thawPart(v);
                    // I rises only on warm days: its maxima are on the last warm day before a cold (or missing) one
                    candidate = last || !(daily[off + npix + p] >= 0);
                } else if (v < 0) {
                    cumF[p] += DegreeDays.freezePart(v);
                } else if (v != v) {
                    bad[p] = true;
                }
                if (!candidate && !sar) {
                    continue;
                }
                int yRel = yr[p] - yRef[p];
                boolean inSpan = yr[p] >= 0 && yRel >= 0 && yRel < years && status[p] == PecmStatus.OK;
                if (candidate && inSpan && !bad[p]) {
                    double r = ratio[yRel * npix + p];
                    double iv = Math.max(0, Math.sqrt(cumT[p]) - Math.sqrt(r) * Math.sqrt(cumF[p]));
                    int o = yRel * npix + p;
                    if (!(smax[o] >= iv)) {
                        smax[o] = (float) iv;
                    }
                }
                if (sar && status[p] == PecmStatus.OK) {
                    int o = next * npix + p;
                    if (!inSpan) {
                        status[p] = PecmStatus.DATES_OUTSIDE_LST;
                    } else if (bad[p]) {
                        status[p] = PecmStatus.LST_GAP;
                    } else {
                        // seed 001 eq. 3: L = T − 1 + (τ − τ_t)/(τ_f − τ_t) in the thaw season, T after it
                        lin[o] = (float) (yRel + Math.min((double) (k - onsetK[p]) / len[p], 1.0));
                        // seed 001 eq. 4 (SCIENCE.md §2 sign): I = √ADDT − √(κf/κt)·√ADDF, clipped at 0
                        double r = ratio[yRel * npix + p];
                        sea[o] = (float) Math.max(0, Math.sqrt(cumT[p]) - Math.sqrt(r) * Math.sqrt(cumF[p]));
                        rootT[o] = (float) Math.sqrt(cumT[p]);
                        rootF[o] = (float) Math.sqrt(cumF[p]);
                        yearOf[o] = (byte) yRel;
                    }
                }
            }
            if (sar) {
                next++;
            }
        }
        // end-of-year sums per year relative to the first SAR date's year (NaN: incomplete or gap)
        float[] yearT = new float[years * npix];
        float[] yearF = new float[years * npix];
        for (int p = 0; p < npix; p++) {
            boolean ok = status[p] == PecmStatus.OK;
            for (int i = 0; i < n; i++) {
                if (!ok) {
                    lin[i * npix + p] = Float.NaN;
                    sea[i * npix + p] = Float.NaN;
                    rootT[i * npix + p] = Float.NaN;
                    rootF[i * npix + p] = Float.NaN;
                }
            }
            for (int y = 0; y < years; y++) {
                int ya = yRef[p] + y;
                boolean complete = ok && ya >= 0 && ya < maxYears;
                yearT[y * npix + p] = complete ? (float) endT[ya * npix + p] : Float.NaN;
                yearF[y * npix + p] = complete ? (float) endF[ya * npix + p] : Float.NaN;
                if (!ok) {
                    smax[y * npix + p] = Float.NaN;
                }
            }
        }
        PecmForcing forcing = new PecmForcing(n, npix, years, lin, sea, smax, ratio, status);
        return new Built(forcing, new PecmDegreeDays(n, npix, years, lin, rootT, rootF, yearOf, yearT, yearF, status));
    }
}

package org.permasar.permafrost.pecm;

import java.time.LocalDate;
import java.util.List;
import org.permasar.thermal.FreezeThawOnsets;

/**
 * One-call PECM step for a block (seed 001 §3.1–3.6): daily temperature → per-pixel mean thaw and
 * freeze onsets ({@link FreezeThawOnsets}) → L(τ), I(τ) ({@link PecmForcingBuilder}) → v, d
 * ({@link PecmFit}). Gap filling of 8-day LST (HANTS) and the daily-mean regression come before
 * this step. Thread-safe.
 */
public final class PecmChain {

    private PecmChain() {
    }

    /**
     * @param dailyStart   date of day 0 of {@code daily}
     * @param daily        {@code daily[day*npix + p]}, °C
     * @param ndays        days
     * @param npix         pixels
     * @param onsets       onset detector settings
     * @param sarDates     SAR dates of {@code displacement}, strictly increasing
     * @param displacement {@code [date*npix + p]}, m, relative to {@code sarDates.get(refIndex)}
     * @param refIndex     reference date index
     * @param kappaRatio   κ_f/κ_t
     */
    public static PecmFit.Result run(LocalDate dailyStart, float[] daily, int ndays, int npix, FreezeThawOnsets onsets,
                                     List<LocalDate> sarDates, float[] displacement, int refIndex, double kappaRatio) {
        double[][] on = onsets.detectBlock(dailyStart, daily, ndays, npix);
        PecmForcing f = PecmForcingBuilder.build(dailyStart, daily, ndays, npix, on[0], on[1], sarDates, kappaRatio);
        return PecmFit.fit(f, displacement, refIndex);
    }
}

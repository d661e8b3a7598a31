package org.permasar.pipeline.fit;

import java.time.LocalDate;
import java.util.List;
import org.permasar.thermal.DailyInterpolation;
import org.permasar.thermal.Hants;
import org.permasar.thermal.HantsParameters;

/**
 * The LST part of the thermal chain for one block (seed 001 §3.1; SCIENCE.md §3): gap-fill the
 * composites of every pixel with HANTS (Roerink et al. 2000), then interpolate the filled series
 * linearly to one value per day ({@link DailyInterpolation}).
 *
 * <p>Dating: a composite is the mean of the days of its window, so it is placed at the window's
 * centre, {@code date + centreOffsetDays} (MOD11A2: 8-day windows, offset 3.5 days). With offset 0
 * the composite is placed on its first day (the file's nominal date).
 *
 * <p>Output layout {@code daily[day*npix + p]} in °C from {@link #start()} for {@link #days()} days
 * (from the first composite's date to the last one's), NaN where a pixel has no HANTS solution
 * (too few valid composites: status {@link Hants#TOO_FEW_VALID}) or outside the composite period.
 * Not thread-safe (one HANTS workspace); one instance per worker thread.
 */
public final class LstDaily {
    private final List<LocalDate> dates;
    private final double[] times;
    private final double[] query;
    private final Hants hants;
    private final int hantsUnknowns;

    /**
     * @param lstDates         composite dates (strictly increasing)
     * @param params           HANTS settings
     * @param centreOffsetDays days from a composite's nominal date to the centre of its window, ≥ 0
     */
    public LstDaily(List<LocalDate> lstDates, HantsParameters params, double centreOffsetDays) {
        if (!(centreOffsetDays >= 0) || centreOffsetDays > 31) {
            throw new IllegalArgumentException("composite centre offset must be in 0..31 days, got " + centreOffsetDays);
        }
        if (lstDates.size() < params.unknowns() + params.overdetermination()) {
            throw new IllegalArgumentException("HANTS with " + params.frequencies() + " harmonics needs at least "
                    + (params.unknowns() + params.overdetermination()) + " LST dates, got " + lstDates.size());
        }
        this.dates = List.copyOf(lstDates);
        LocalDate origin = dates.get(0);
        times = new double[dates.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = dates.get(i).toEpochDay() - origin.toEpochDay() + centreOffsetDays;
        }
        int ndays = (int) (dates.get(dates.size() - 1).toEpochDay() - origin.toEpochDay()) + 1;
        query = new double[ndays];
        for (int k = 0; k < ndays; k++) {
            query[k] = k;
        }
        hants = new Hants(params, times);
        hantsUnknowns = params.unknowns();
    }

    /** Date of day 0 of the daily series. */
    public LocalDate start() {
        return dates.get(0);
    }

    /** Days in the daily series. */
    public int days() {
        return query.length;
    }

    /** Composite dates. */
    public List<LocalDate> dates() {
        return dates;
    }

    /**
     * Daily series of a block (gap-filled composites interpolated), the smooth HANTS curve interpolated
     * to days ({@code smooth}, same layout), the HANTS status of each pixel, and the standard deviation
     * of the accepted composites around the HANTS curve per pixel ({@code compositeStd}, °C, with
     * n − p degrees of freedom, p the HANTS unknowns; NaN when unsolved) and the lag-1 correlation of
     * those residuals over consecutive composites ({@code compositeLag1}, NaN when unsolved).
     */
    public record Block(float[] daily, float[] smooth, byte[] hantsStatus, double[] compositeStd, double[] compositeLag1) {
    }

    /**
     * @param celsius composites {@code [date*npix + p]}, °C, NaN = cloud / fill
     * @param npix    pixels
     */
    public Block daily(float[] celsius, int npix) {
        return daily(celsius, npix, true);
    }

    /**
     * As {@link #daily(float[], int)}; with {@code withSmooth} false {@link Block#smooth()} is null (its daily
     * interpolation, as large as the daily series, is skipped: only expected degree-days read it).
     */
    public Block daily(float[] celsius, int npix, boolean withSmooth) {
        Hants.Result h = hants.fill(celsius, npix);
        // linear interpolation between composite centres (seed 001 §3.1: 8-day → daily)
        float[] d = DailyInterpolation.interpolateBlock(times, h.filled(), npix, query);
        float[] smooth = withSmooth ? DailyInterpolation.interpolateBlock(times, h.reconstructed(), npix, query) : null;
        double[] ss = new double[npix];
        int[] cnt = new int[npix];
        double[] lag = new double[npix];
        double[] prev = new double[npix];
        java.util.Arrays.fill(prev, Double.NaN);
        float[] rec = h.reconstructed(), filled = h.filled();
        for (int i = 0; i < times.length; i++) {
            int o = i * npix;
            for (int q = 0; q < npix; q++) {
                float v = celsius[o + q];
                if (v == v && filled[o + q] == v) {     // accepted observation (kept by HANTS)
                    double r = v - rec[o + q];
                    ss[q] += r * r;
                    cnt[q]++;
                    if (prev[q] == prev[q]) {
                        lag[q] += prev[q] * r;
                    }
                    prev[q] = r;
                } else {
                    prev[q] = Double.NaN;             // only consecutive composites count for lag 1
                }
            }
        }
        int dof = hantsUnknowns;
        for (int q = 0; q < npix; q++) {
            boolean ok = h.status()[q] == Hants.OK && cnt[q] > dof;
            lag[q] = ok && ss[q] > 0 ? lag[q] / ss[q] : Double.NaN;
            ss[q] = ok ? Math.sqrt(ss[q] / (cnt[q] - dof)) : Double.NaN;
        }
        return new Block(d, smooth, h.status(), ss, lag);
    }
}

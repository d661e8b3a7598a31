package org.permasar.permafrost.pecm;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.permasar.thermal.FreezeThawOnsets;

/**
 * A simulated PECM scene for comparing implementations: {@code cells} LST cells of 8 years of daily
 * temperature (annual cycle of random mean, amplitude and phase, AR(1) weather, some cells with a gap of
 * missing days, some always warm or always cold), their onsets and degree-day sums, and {@code npix}
 * pixels spread over the cells (a few outside every cell), each with its own series at 150 SAR dates
 * every 12 days: {@code y = v·L + d·I_r + noise} for a κ_f/κ_t of its own (white plus random-walk noise,
 * referenced to zero at {@code refIndex}), with NaN dates, pixels without seasonal term (d = 0), pixels
 * NaN at the reference date and pixels NaN at every date. Seeded: the same arguments give the same scene.
 */
final class PecmScene {
    static final LocalDate START = LocalDate.of(2015, 1, 1);
    static final int DATES = 150;

    final int cells;
    final int npix;
    final int ndays;
    final int refIndex;
    final float[] daily;
    final double[] thaw;
    final double[] freeze;
    final double[] dailyStd;
    final List<LocalDate> dates = new ArrayList<>();
    final PecmDegreeDays ddCells;
    /** The degree-day sums of every pixel (gathered from its cell). */
    final PecmDegreeDays dd;
    final int[] cellOf;
    final double[] kappaTrue;
    final float[] y;

    /**
     * @param expected true: expected degree-days (Thom) with a daily scatter σ on half of the cells
     */
    PecmScene(int cells, int npix, int refIndex, boolean expected, long seed) {
        this.cells = cells;
        this.npix = npix;
        this.refIndex = refIndex;
        Random rnd = new Random(seed);
        ndays = (int) (START.plusYears(8).toEpochDay() - START.toEpochDay());
        daily = new float[ndays * cells];
        double[] ar = new double[cells];
        double[] mean = new double[cells], amp = new double[cells], phase = new double[cells];
        for (int c = 0; c < cells; c++) {
            double u = rnd.nextDouble();
            mean[c] = u < 0.02 ? 25 : u < 0.04 ? -30 : -8 + 9 * rnd.nextDouble();  // a few never freeze / thaw
            amp[c] = 8 + 12 * rnd.nextDouble();
            phase[c] = 105 + 20 * rnd.nextDouble();                              // crossing of the mean in spring
        }
        for (int k = 0; k < ndays; k++) {
            int doy = START.plusDays(k).getDayOfYear();
            for (int c = 0; c < cells; c++) {
                ar[c] = 0.7 * ar[c] + Math.sqrt(1 - 0.49) * 3 * rnd.nextGaussian();
                double t = mean[c] + amp[c] * Math.sin(2 * Math.PI * (doy - phase[c]) / 365.25) + ar[c];
                daily[k * cells + c] = (float) t;
            }
        }
        for (int c = 0; c < cells; c++) {
            if (rnd.nextDouble() < 0.03) {                      // a run of missing days in one year
                int k0 = 365 * (1 + rnd.nextInt(6)) + rnd.nextInt(300);
                for (int k = k0; k < Math.min(ndays, k0 + 5 + rnd.nextInt(40)); k++) {
                    daily[k * cells + c] = Float.NaN;
                }
            }
        }
        double[][] on = FreezeThawOnsets.defaults().detectBlock(START, daily, ndays, cells);
        thaw = on[0];
        freeze = on[1];
        if (expected) {
            dailyStd = new double[cells];
            for (int c = 0; c < cells; c++) {
                dailyStd[c] = rnd.nextBoolean() ? 0 : 1 + 3 * rnd.nextDouble();
            }
        } else {
            dailyStd = null;
        }
        LocalDate d = LocalDate.of(2016, 5, 3);
        for (int i = 0; i < DATES; i++, d = d.plusDays(12)) {
            dates.add(d);
        }
        ddCells = PecmForcingBuilder.degreeDays(START, daily, ndays, cells, thaw, freeze, dates, dailyStd);
        cellOf = new int[npix];
        for (int q = 0; q < npix; q++) {
            cellOf[q] = rnd.nextDouble() < 0.005 ? -1 : rnd.nextInt(cells);
        }
        dd = ddCells.gather(cellOf, PecmStatus.NO_VALID_LST);
        kappaTrue = new double[npix];
        y = new float[DATES * npix];
        double[] sea = new double[DATES];
        double[] scratch = new double[dd.years()];
        for (int q = 0; q < npix; q++) {
            double r = 0.25 * Math.pow(12, rnd.nextDouble());              // 0.25 … 3, log-uniform
            kappaTrue[q] = r;
            dd.seasonal(q, r, sea, scratch);
            double v = -0.02 + 0.025 * rnd.nextDouble();
            double dc = rnd.nextDouble() < 0.2 ? 0 : -(0.0003 + 0.0017 * rnd.nextDouble());
            double white = 0.001 + 0.005 * rnd.nextDouble(), walk = 0.0015 * rnd.nextDouble();
            double nanRate = rnd.nextDouble() < 0.3 ? 0 : 0.1 * rnd.nextDouble();
            boolean allNaN = rnd.nextDouble() < 0.01, noRef = rnd.nextDouble() < 0.02;
            double rw = 0;
            double[] s = new double[DATES];
            for (int i = 0; i < DATES; i++) {
                rw += walk * rnd.nextGaussian();
                float l = dd.linear()[i * npix + q];
                double iv = sea[i];
                // where the pixel has no forcing, a plain series (the fit skips it anyway)
                s[i] = (l == l ? v * l : 0) + (iv == iv ? dc * iv : 0) + white * rnd.nextGaussian() + rw;
            }
            double ref = s[refIndex];
            for (int i = 0; i < DATES; i++) {
                boolean nan = allNaN || (i == refIndex ? noRef : rnd.nextDouble() < nanRate);
                y[i * npix + q] = nan ? Float.NaN : (float) (s[i] - ref);
            }
        }
    }

    /** The forcing of every pixel at the ratio {@code kappa[q]} (as the pipeline builds it). */
    PecmForcing forcing(double[] kappa) {
        return PecmForcingBuilder.forcing(dd, kappa, START, daily, ndays, cells, cellOfOrZero(), thaw, dailyStd,
                dates);
    }

    private int[] cellOfOrZero() {
        int[] c = cellOf.clone();
        for (int q = 0; q < c.length; q++) {
            c[q] = Math.max(0, c[q]);   // outside pixels have failed already (status NO_VALID_LST)
        }
        return c;
    }

    /** Ratios to build the forcing with: the estimate where there is one, else 1.2. */
    static double[] kappaOr(double[] estimate, double fallback) {
        double[] k = Arrays.copyOf(estimate, estimate.length);
        for (int q = 0; q < k.length; q++) {
            k[q] = Double.isNaN(k[q]) ? fallback : k[q];
        }
        return k;
    }
}

package org.permasar.permafrost.pecm;

/**
 * The two regressors of the piecewise elevation change model at the SAR dates of a block
 * (see {@link PecmForcingBuilder}): {@code linear[date*npix + p]} = L(τ) (years) and
 * {@code seasonal[date*npix + p]} = I(τ) (√(°C·day)), the per-year maximum of I
 * {@code seasonalMax[year*npix + p]} (year 0 = the permafrost year of the first SAR date), the
 * κ_f/κ_t ratio used in each year {@code ratio[year*npix + p]}, and a {@link PecmStatus} per pixel.
 * Arrays are shared, not copied: treat as read-only.
 */
public record PecmForcing(int dates, int pixels, int years, float[] linear, float[] seasonal,
                          float[] seasonalMax, float[] ratio, byte[] status) {

    /**
     * The forcing of other pixels that share this one's: pixel q of the result is pixel
     * {@code index[q]} of this forcing (e.g. every InSAR pixel inside one LST cell), or, where
     * {@code index[q] < 0}, NaN with status {@code missing}.
     */
    public PecmForcing gather(int[] index, byte missing) {
        return new PecmForcing(dates, index.length, years, Gather.rows(linear, dates, pixels, index),
                Gather.rows(seasonal, dates, pixels, index), Gather.rows(seasonalMax, years, pixels, index),
                Gather.rows(ratio, years, pixels, index), Gather.rows(status, 1, pixels, index, missing));
    }
}

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
        int m = index.length;
        float[] lin = new float[dates * m], sea = new float[dates * m];
        float[] smax = new float[years * m], rat = new float[years * m];
        byte[] st = new byte[m];
        for (int q = 0; q < m; q++) {
            int p = index[q];
            st[q] = p < 0 ? missing : status[p];
        }
        // row by row: the rows of the result written in order, each row of this one read where it is needed
        for (int i = 0; i < dates; i++) {
            int o = i * m, src = i * pixels;
            for (int q = 0; q < m; q++) {
                int p = index[q];
                lin[o + q] = p < 0 ? Float.NaN : linear[src + p];
                sea[o + q] = p < 0 ? Float.NaN : seasonal[src + p];
            }
        }
        for (int y = 0; y < years; y++) {
            int o = y * m, src = y * pixels;
            for (int q = 0; q < m; q++) {
                int p = index[q];
                smax[o + q] = p < 0 ? Float.NaN : seasonalMax[src + p];
                rat[o + q] = p < 0 ? Float.NaN : ratio[src + p];
            }
        }
        return new PecmForcing(dates, m, years, lin, sea, smax, rat, st);
    }
}

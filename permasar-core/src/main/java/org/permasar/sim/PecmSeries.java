package org.permasar.sim;

/**
 * PECM inputs and output of one track at its acquisition dates, dates × pixels, layer-major:
 * ADDT and ADDF (°C·day, within the permafrost year), L (permafrost years), I (√(°C·day)) and
 * the vertical displacement D − D(t₀) (metres). Lake pixels: L, I, ADDT, ADDF are defined (they
 * come from the LST), the displacement is NaN. Package-private carrier.
 */
final class PecmSeries {
    final float[] addt;
    final float[] addf;
    final float[] l;
    final float[] i;
    final float[] up;

    PecmSeries(int dates, int pixels) {
        Math.multiplyExact(dates, pixels); // no silent int overflow of a cube index
        addt = new float[dates * pixels];
        addf = new float[dates * pixels];
        l = new float[dates * pixels];
        i = new float[dates * pixels];
        up = new float[dates * pixels];
    }
}

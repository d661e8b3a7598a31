package org.permasar.permafrost.alt;

import java.util.Arrays;

/**
 * Lower-bound envelope of ALT as a function of the seasonal vertical amplitude (seed 002 §4.2, Fig. 8:
 * "the ALT will be no less than ~1 m when … the seasonal amplitude of vertical displacement reaches 55 mm").
 *
 * <p><b>Definition used here</b> (the paper draws the line without defining it): the pairs (δ, H) with both
 * values finite are sorted by δ and cut into {@code bins} groups of equal count; in each group the point
 * (median δ, τ-quantile of H) is taken (quantiles by linear interpolation between order statistics,
 * Hyndman &amp; Fan 1996 type 7); the envelope is the ordinary least-squares line through these points,
 * H_low(δ) = intercept + slope·δ.
 *
 * <p>Why this and not the lower convex hull or a full quantile regression: the hull follows the single
 * lowest points, so one mis-measured site moves it; a binned low quantile ignores a fraction τ of each
 * bin (robust), is simple to state and reproduce, and for data spread uniformly above a line it recovers
 * that line shifted by the τ-quantile of the spread (tested). Defaults: 10 bins, τ = 0.05.
 */
public final class LowerBoundEnvelope {
    /**
     * @param bins number of equal-count bins, ≥ 2
     * @param tau  quantile in (0, 0.5]
     */
    public record Parameters(int bins, double tau) {
        public static final Parameters DEFAULT = new Parameters(10, 0.05);

        public Parameters {
            if (bins < 2 || !(tau > 0 && tau <= 0.5)) {
                throw new IllegalArgumentException("need bins >= 2 and tau in (0, 0.5], got " + bins + ", " + tau);
            }
        }
    }

    /**
     * The fitted envelope.
     *
     * @param intercept H at δ = 0, m
     * @param slope     dH/dδ, m of ALT per m of amplitude
     * @param binAmplitude median δ per bin, m
     * @param binQuantile  τ-quantile of H per bin, m
     * @param pairs     number of finite (δ, H) pairs used
     */
    public record Envelope(double intercept, double slope, double[] binAmplitude, double[] binQuantile, int pairs) {
        /** H_low(δ), m. */
        public double altAt(double amplitude) {
            return intercept + slope * amplitude;
        }

        /** The amplitude (m) from which the envelope exceeds {@code alt} (m); NaN for a non-positive slope. */
        public double amplitudeFor(double alt) {
            return slope > 0 ? (alt - intercept) / slope : Double.NaN;
        }
    }

    private LowerBoundEnvelope() {
    }

    /**
     * @param amplitude δ per point (e.g. per pixel), m
     * @param alt       H per point, m
     * @throws IllegalArgumentException lengths differ or fewer than 2 points per bin
     */
    public static Envelope fit(float[] amplitude, float[] alt, Parameters p) {
        if (amplitude.length != alt.length) {
            throw new IllegalArgumentException("amplitude and ALT lengths differ: " + amplitude.length + " vs " + alt.length);
        }
        int n = 0;
        long[] keys = new long[amplitude.length];
        for (int k = 0; k < amplitude.length; k++) {
            if (!Float.isNaN(amplitude[k]) && !Float.isNaN(alt[k])) {
                keys[n++] = k;
            }
        }
        if (n < 2 * p.bins()) {
            throw new IllegalArgumentException("need at least " + (2 * p.bins()) + " finite (amplitude, ALT) pairs for "
                    + p.bins() + " bins, found " + n);
        }
        double[] d = new double[n], h = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            d[i] = amplitude[(int) keys[i]];
            h[i] = alt[(int) keys[i]];
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
        double[] bx = new double[p.bins()], by = new double[p.bins()];
        for (int b = 0; b < p.bins(); b++) {
            int from = (int) ((long) n * b / p.bins()), to = (int) ((long) n * (b + 1) / p.bins());
            double[] xs = new double[to - from], ys = new double[to - from];
            for (int i = from; i < to; i++) {
                xs[i - from] = d[order[i]];
                ys[i - from] = h[order[i]];
            }
            Arrays.sort(ys);
            bx[b] = quantile(xs, 0.5); // xs already sorted
            by[b] = quantile(ys, p.tau());
        }
        // ordinary least squares through the bin points
        double mx = 0, my = 0;
        for (int b = 0; b < bx.length; b++) {
            mx += bx[b] / bx.length;
            my += by[b] / bx.length;
        }
        double sxy = 0, sxx = 0;
        for (int b = 0; b < bx.length; b++) {
            sxy += (bx[b] - mx) * (by[b] - my);
            sxx += (bx[b] - mx) * (bx[b] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : Double.NaN;
        return new Envelope(my - slope * mx, slope, bx, by, n);
    }

    /** Type-7 quantile of sorted values: linear interpolation at position q·(m − 1). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}

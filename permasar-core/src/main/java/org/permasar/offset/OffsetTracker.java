package org.permasar.offset;

import java.util.stream.IntStream;

/**
 * Dense offset tracking by normalised cross-correlation (NCC) of image chips on a regular grid, the
 * cross sums computed directly or by FFT ({@link CorrelationMethod}, {@link FftCorrelator}), with
 * running-sum normalisation of the search image (Lewis 1995,
 * "Fast normalized cross-correlation", Vision Interface, eqs. 2 and 10: the secondary chip's sum and
 * sum of squares come from integral images, so each shift costs one dot product of C² terms).
 *
 * <p>For each grid node (r, c) the reference chip of side C centred at (r, c) (rows r − C/2 …
 * r + C/2 − 1) is compared with the secondary chips displaced by every integer shift (i, j) in
 * [−S, S]² around the a-priori offset:
 * <pre>  ρ(i, j) = Σ (a − ā)(b_ij − b̄_ij) / √(Σ (a − ā)² · Σ (b_ij − b̄_ij)²)</pre>
 * The integer peak is refined to sub-pixel by {@link PeakFit} (Gaussian three-point fit by
 * default, separately in rows and columns), then refined {@link OffsetParameters#refine} times by
 * resampling the secondary chip at the estimate (bicubic) and fitting again about zero. Quality per match: the peak ρ and the signal-to-noise
 * ratio SNR = ρ_peak / mean |ρ| over the search surface (the measure autoRIFT and COSI-Corr report in
 * spirit; ours is this ratio exactly). Then {@link MedianOffsetFilter} removes outliers.
 *
 * <p>Sign convention: a feature at (r, c) in the reference found at (r + dr, c + dc) in the
 * secondary has offsets (dr, dc). Units are pixels of the inputs (no georeferencing is needed).
 *
 * <p>NaN policy: a chip or search window holding a NaN pixel, a flat chip (zero variance), a peak on
 * the border of the search window (the true peak may lie outside), or a peak below the thresholds gives
 * NaN offsets. Shifts that would put the secondary chip off the image are not tried.
 *
 * <p>Stateless and thread-safe; each call allocates its own workspaces (one per grid row).
 */
public final class OffsetTracker {
    private final OffsetParameters p;
    private final boolean parallel;

    public OffsetTracker(OffsetParameters parameters, boolean parallel) {
        this.p = java.util.Objects.requireNonNull(parameters, "parameters");
        this.parallel = parallel;
    }

    /** Tracks with {@code parameters}, no a-priori offset, on all cores. */
    public static OffsetField track(float[] reference, float[] secondary, int rows, int cols, OffsetParameters parameters) {
        return new OffsetTracker(parameters, true).track(reference, secondary, rows, cols, null, null);
    }

    /**
     * Reference row (or column) of the first grid node: C/2 + S, the first centre whose chip and whole
     * search window (without a-priori offset) lie on the image.
     */
    public static int first(OffsetParameters p) {
        return p.chip() / 2 + p.search();
    }

    /** Number of grid nodes along an axis of {@code size} pixels: chips whose search window fits in the image. */
    public static int nodes(int size, OffsetParameters p) {
        int span = p.chip() + 2 * p.search();
        return size < span ? 0 : (size - span) / p.step() + 1;
    }

    /**
     * Tracks offsets.
     *
     * @param reference row-major rows × cols image (amplitude, dB or optical; NaN = missing)
     * @param secondary row-major rows × cols image of the same size
     * @param priorDr   a-priori row offsets per grid node ({@link #nodes} rows × cols), pixels, or null
     *                  for none; rounded to whole pixels to centre the search; NaN counts as 0
     * @param priorDc   a-priori column offsets per grid node, or null
     */
    public OffsetField track(float[] reference, float[] secondary, int rows, int cols, float[] priorDr, float[] priorDc) {
        if (rows < 1 || cols < 1 || reference.length != rows * cols || secondary.length != rows * cols) {
            throw new IllegalArgumentException("reference and secondary must both hold " + rows + "×" + cols + " = "
                    + (long) rows * cols + " pixels, got " + reference.length + " and " + secondary.length);
        }
        int gr = nodes(rows, p), gc = nodes(cols, p);
        if (gr == 0 || gc == 0) {
            throw new IllegalArgumentException("image " + rows + "×" + cols + " is smaller than one chip of " + p.chip()
                    + " px plus the search radius " + p.search() + " px on both sides");
        }
        int n = gr * gc;
        if ((priorDr != null && priorDr.length != n) || (priorDc != null && priorDc.length != n)) {
            throw new IllegalArgumentException("a-priori offsets must hold one value per grid node, " + gr + "×" + gc + " = " + n);
        }
        Integrals sec = new Integrals(secondary, rows, cols);
        float[] dr = new float[n], dc = new float[n], peak = new float[n], snr = new float[n];
        IntStream is = IntStream.range(0, gr);
        (parallel ? is.parallel() : is).forEach(i -> {
            Workspace w = new Workspace(p);
            for (int j = 0; j < gc; j++) {
                int k = i * gc + j;
                int pr = prior(priorDr, k), pc = prior(priorDc, k);
                match(reference, sec, rows, cols, first(p) + i * p.step(), first(p) + j * p.step(), pr, pc, w);
                dr[k] = w.dr;
                dc[k] = w.dc;
                peak[k] = w.peak;
                snr[k] = w.snr;
            }
        });
        int rejected = p.filterOn() ? MedianOffsetFilter.apply(dr, dc, gr, gc, p.filterThreshold()) : 0;
        return new OffsetField(gr, gc, first(p), first(p), p.step(), dr, dc, peak, snr, rejected);
    }

    /**
     * The normalised-correlation surface of the node centred at reference pixel (r, c), no a-priori
     * offset: ρ at shifts (i, j) ∈ [−S, S]², row-major (2S + 1)², NaN where undefined; for tests that
     * compare methods. Allocates.
     */
    double[] surface(float[] reference, float[] secondary, int rows, int cols, int r, int c) {
        Workspace w = new Workspace(p);
        match(reference, new Integrals(secondary, rows, cols), rows, cols, r, c, 0, 0, w);
        int s = 2 * p.search() + 1;
        if (w.ni != s || w.nj != s) {
            throw new IllegalArgumentException("node (" + r + ", " + c + ") has no full search window");
        }
        return java.util.Arrays.copyOf(w.surface, s * s);
    }

    private static int prior(float[] a, int k) {
        if (a == null || Float.isNaN(a[k])) {
            return 0;
        }
        return Math.round(a[k]);
    }

    /** Matches one chip centred at (r, c); results into {@code w.dr, w.dc, w.peak, w.snr}. */
    private void match(float[] ref, Integrals sec, int rows, int cols, int r, int c, int pr, int pc, Workspace w) {
        w.dr = w.dc = w.peak = w.snr = Float.NaN;
        int C = p.chip(), S = p.search();
        int r0 = r - C / 2, c0 = c - C / 2;
        // reference chip, mean removed: a − ā
        double sum = 0;
        for (int u = 0; u < C; u++) {
            int base = (r0 + u) * cols + c0;
            for (int v = 0; v < C; v++) {
                float a = ref[base + v];
                if (Float.isNaN(a)) {
                    return;
                }
                w.chip[u * C + v] = a;
                sum += a;
            }
        }
        double mean = sum / (C * C), ss = 0;
        for (int q = 0; q < C * C; q++) {
            double d = w.chip[q] - mean;
            w.chip[q] = d;
            ss += d * d;
        }
        if (!(ss > 0)) {
            return;
        }
        // allowed shifts: the secondary chip must lie on the image
        int iLo = Math.max(-S, -(r0 + pr)), iHi = Math.min(S, rows - C - (r0 + pr));
        int jLo = Math.max(-S, -(c0 + pc)), jHi = Math.min(S, cols - C - (c0 + pc));
        if (iLo > iHi || jLo > jHi) {
            return;
        }
        int sr = r0 + pr + iLo, sc = c0 + pc + jLo, h = iHi - iLo + C, wd = jHi - jLo + C;
        if (sec.nanCount(sr, sc, h, wd) > 0) {
            return;
        }
        int ni = iHi - iLo + 1, nj = jHi - jLo + 1;
        double[] surf = w.surface;
        float[] b = sec.centred;
        int rs = r0 + pr + iLo, cs = c0 + pc + jLo;
        if (w.fft != null) {
            // Σ (a − ā) b for every shift at once, by FFT (FftCorrelator)
            w.fft.cross(w.chip, C, b, cols, rs, cs, h, wd, surf);
        } else {
            for (int i = 0; i < ni; i++) {
                for (int j = 0; j < nj; j++) {
                    // Σ (a − ā) b  (equals Σ (a − ā)(b − b̄) because Σ (a − ā) = 0)
                    double cross = 0;
                    for (int u = 0; u < C; u++) {
                        int bb = (rs + i + u) * cols + cs + j, aa = u * C;
                        for (int v = 0; v < C; v++) {
                            cross += w.chip[aa + v] * b[bb + v];
                        }
                    }
                    surf[i * nj + j] = cross;
                }
            }
        }
        double nPix = C * C, best = Double.NEGATIVE_INFINITY, absSum = 0;
        int bi = -1, bj = -1, valid = 0;
        for (int i = 0; i < ni; i++) {
            for (int j = 0; j < nj; j++) {
                double s1 = sec.sum(rs + i, cs + j, C, C), s2 = sec.sumSq(rs + i, cs + j, C, C);
                double varB = s2 - s1 * s1 / nPix; // Σ (b − b̄)²  (Lewis 1995, eq. 10)
                double rho = varB > 1e-12 * s2 ? surf[i * nj + j] / Math.sqrt(ss * varB) : Double.NaN;
                surf[i * nj + j] = rho;
                if (!Double.isNaN(rho)) {
                    absSum += Math.abs(rho);
                    valid++;
                    if (rho > best) {
                        best = rho;
                        bi = i;
                        bj = j;
                    }
                }
            }
        }
        w.ni = ni;
        w.nj = nj;
        if (bi < 0) {
            return;
        }
        w.peak = (float) best;
        w.snr = (float) (best / (absSum / valid));
        if (bi == 0 || bj == 0 || bi == ni - 1 || bj == nj - 1 || best < p.minCorrelation() || w.snr < p.minSnr()) {
            return;
        }
        double up = surf[(bi - 1) * nj + bj], dn = surf[(bi + 1) * nj + bj];
        double lf = surf[bi * nj + bj - 1], rt = surf[bi * nj + bj + 1];
        if (Double.isNaN(up) || Double.isNaN(dn) || Double.isNaN(lf) || Double.isNaN(rt)) {
            return;
        }
        double er = pr + iLo + bi + p.peakFit().delta(up, best, dn);
        double ec = pc + jLo + bj + p.peakFit().delta(lf, best, rt);
        for (int it = 0; it < p.refine(); it++) {
            if (!refine(b, rows, cols, r0, c0, er, ec, ss, w)) {
                break;
            }
            er += w.refDr;
            ec += w.refDc;
        }
        w.dr = (float) er;
        w.dc = (float) ec;
    }

    /**
     * One refinement: resamples the secondary at (r0 + er + u, c0 + ec + v), u, v = −1 … C, by bicubic
     * convolution (Keys 1981, IEEE TASSP 29, eq. 15, a = −1/2), correlates the reference chip with it at
     * the five shifts (0, 0), (±1, 0), (0, ±1) and fits the peak again; the correction goes into
     * {@code w.refDr, w.refDc}. False (no correction) when the resampling window leaves the image or the
     * centre is not a maximum.
     */
    private boolean refine(float[] b, int rows, int cols, int r0, int c0, double er, double ec, double ss, Workspace w) {
        int C = p.chip(), M = C + 2;
        double y0 = r0 + er - 1, x0 = c0 + ec - 1;
        int iy = (int) Math.floor(y0), ix = (int) Math.floor(x0);
        if (iy - 1 < 0 || ix - 1 < 0 || iy + M + 2 > rows || ix + M + 2 > cols) {
            return false;
        }
        double fy = y0 - iy, fx = x0 - ix;
        double[] wy = w.wy, wx = w.wx;
        keys(fy, wy);
        keys(fx, wx);
        double[] g = w.resampled;
        for (int u = 0; u < M; u++) {
            for (int v = 0; v < M; v++) {
                // Σ_m Σ_n w_y(m) w_x(n) b[iy + u − 1 + m, ix + v − 1 + n]
                double s = 0;
                for (int m = 0; m < 4; m++) {
                    int base = (iy + u - 1 + m) * cols + ix + v - 1;
                    s += wy[m] * (wx[0] * b[base] + wx[1] * b[base + 1] + wx[2] * b[base + 2] + wx[3] * b[base + 3]);
                }
                g[u * M + v] = s;
            }
        }
        double c0v = ncc(g, M, 1, 1, ss, w), up = ncc(g, M, 0, 1, ss, w), dn = ncc(g, M, 2, 1, ss, w);
        double lf = ncc(g, M, 1, 0, ss, w), rt = ncc(g, M, 1, 2, ss, w);
        if (!(c0v >= up && c0v >= dn && c0v >= lf && c0v >= rt)) {
            return false;
        }
        w.refDr = p.peakFit().delta(up, c0v, dn);
        w.refDc = p.peakFit().delta(lf, c0v, rt);
        return true;
    }

    /** ρ of the (mean-removed) reference chip with the C × C window of g (side M) starting at (u0, v0). */
    private double ncc(double[] g, int M, int u0, int v0, double ss, Workspace w) {
        int C = p.chip();
        double cross = 0, s1 = 0, s2 = 0;
        for (int u = 0; u < C; u++) {
            int gb = (u0 + u) * M + v0, ab = u * C;
            for (int v = 0; v < C; v++) {
                double x = g[gb + v];
                cross += w.chip[ab + v] * x;
                s1 += x;
                s2 += x * x;
            }
        }
        double var = s2 - s1 * s1 / (C * C);
        return var > 0 ? cross / Math.sqrt(ss * var) : Double.NaN;
    }

    /** Keys (1981) cubic convolution weights, a = −1/2, for samples at −1, 0, 1, 2 and fraction t ∈ [0, 1). */
    static void keys(double t, double[] out) {
        double t2 = t * t, t3 = t2 * t;
        out[0] = -0.5 * t3 + t2 - 0.5 * t;
        out[1] = 1.5 * t3 - 2.5 * t2 + 1;
        out[2] = -1.5 * t3 + 2 * t2 + 0.5 * t;
        out[3] = 0.5 * t3 - 0.5 * t2;
    }

    /** Mutable per-thread workspace; never shared across threads. */
    private static final class Workspace {
        final double[] chip;
        final double[] surface;
        final double[] resampled;
        final double[] wy = new double[4], wx = new double[4];
        float dr, dc, peak, snr;
        double refDr, refDc;

        int ni, nj;
        final FftCorrelator fft;

        Workspace(OffsetParameters p) {
            chip = new double[p.chip() * p.chip()];
            fft = p.method().resolve(p.chip(), p.search()) == CorrelationMethod.FFT
                    ? new FftCorrelator(p.chip() + 2 * p.search()) : null;
            resampled = new double[(p.chip() + 2) * (p.chip() + 2)];
            int s = 2 * p.search() + 1;
            surface = new double[s * s];
        }
    }

    /**
     * Summed-area tables of an image with its global mean removed (so the sums of squares do not
     * cancel for images with a large mean), NaN counted apart and read as 0. Immutable once built.
     */
    static final class Integrals {
        final float[] centred;
        private final double[] s1, s2;
        private final int[] nan;
        private final int w;

        Integrals(float[] img, int rows, int cols) {
            double m = 0;
            long cnt = 0;
            for (float v : img) {
                if (!Float.isNaN(v)) {
                    m += v;
                    cnt++;
                }
            }
            m = cnt > 0 ? m / cnt : 0;
            w = cols + 1;
            centred = new float[img.length];
            s1 = new double[(rows + 1) * w];
            s2 = new double[(rows + 1) * w];
            nan = new int[(rows + 1) * w];
            for (int r = 0; r < rows; r++) {
                double a1 = 0, a2 = 0;
                int an = 0;
                for (int c = 0; c < cols; c++) {
                    float v = img[r * cols + c];
                    double d = Float.isNaN(v) ? 0 : v - m;
                    centred[r * cols + c] = (float) d;
                    a1 += d;
                    a2 += d * d;
                    an += Float.isNaN(v) ? 1 : 0;
                    int k = (r + 1) * w + c + 1;
                    s1[k] = s1[k - w] + a1;
                    s2[k] = s2[k - w] + a2;
                    nan[k] = nan[k - w] + an;
                }
            }
        }

        double sum(int r, int c, int h, int wd) {
            return box(s1, r, c, h, wd);
        }

        double sumSq(int r, int c, int h, int wd) {
            return box(s2, r, c, h, wd);
        }

        int nanCount(int r, int c, int h, int wd) {
            int a = r * w + c, b = (r + h) * w + c;
            return nan[b + wd] - nan[b] - nan[a + wd] + nan[a];
        }

        private double box(double[] t, int r, int c, int h, int wd) {
            int a = r * w + c, b = (r + h) * w + c;
            return t[b + wd] - t[b] - t[a + wd] + t[a];
        }
    }
}

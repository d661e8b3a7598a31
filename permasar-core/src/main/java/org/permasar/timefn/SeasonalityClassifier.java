package org.permasar.timefn;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Per-pixel seasonality test of Zhang et al. (seed 002, §2.3): remove the linear trend, fit three
 * sinusoids (annual, semi-annual and one-third-year harmonics), sample the fitted curve daily from
 * the first to the last date, count its peaks and troughs; a pixel is seasonal when the count lies
 * within {@code 2·Y ± tolerance}, Y = years covered (span in days / 365.25). The paper uses 16 ± 2
 * for 2014–2022.
 *
 * <p>Optional extensions, all off in {@link #PAPER}:
 * <ul>
 * <li>{@code prominence} &gt; 0: an extremum counts only when the curve has moved by more than
 * {@code prominence × (max − min)} of the daily curve since the previous one (a zig-zag filter).
 * Permafrost seasonal subsidence is not sinusoidal (a √ADDT rise in summer, a flat frozen winter);
 * three harmonics of such a curve ripple in winter and add small extrema that the paper's count
 * takes for extra seasons (measured on the simulated PECM scene: 7–8 extrema in 2 years instead of
 * 4, so 0–3 % of seasonal pixels pass the paper's count, 100 % with prominence 0.2).</li>
 * <li>{@code minPeakToTrough} &gt; 0 (m): the peak-to-trough amplitude 2|A| of a trend + annual fit
 * must reach it (e.g. 1 mm, below InSAR's detection limit).</li>
 * <li>{@code minAnnualSnr} &gt; 0: |A| ≥ minAnnualSnr · σ_|A| for the annual term of a trend +
 * annual fit, which rejects pure noise whose fitted harmonics happen to peak once a year.</li>
 * </ul>
 *
 * <p>Input layout {@code data[date*npix + pixel]} (m), NaN = missing. Pixels that cannot be fitted
 * are not seasonal (count −1). Thread-safe.
 *
 * @param tolerance       allowed |count − 2Y|, ≥ 0 (paper: 2)
 * @param minAnnualSnr    0 = off; else the amplitude-significance gate
 * @param prominence      fraction of the curve's range an extremum must stand out, in [0, 1) (0 = the paper's count)
 * @param minPeakToTrough amplitude floor in m, ≥ 0 (0 = off)
 */
public record SeasonalityClassifier(double tolerance, double minAnnualSnr, double prominence, double minPeakToTrough)
        implements java.io.Serializable {

    /** Days per block of the tiled extremum count (see ExtremaCounter). */
    static final int BLOCK = 8;

    /** The paper's classifier (tolerance 2, no extension). */
    public static final SeasonalityClassifier PAPER = new SeasonalityClassifier(2, 0);

    public SeasonalityClassifier {
        if (!(tolerance >= 0) || !(minAnnualSnr >= 0) || Double.isInfinite(minAnnualSnr) || Double.isInfinite(tolerance)
                || !(prominence >= 0 && prominence < 1) || !(minPeakToTrough >= 0) || Double.isInfinite(minPeakToTrough)) {
            throw new IllegalArgumentException("need finite tolerance >= 0, minAnnualSnr >= 0, 0 <= prominence < 1, "
                    + "minPeakToTrough >= 0, got " + tolerance + ", " + minAnnualSnr + ", " + prominence + ", " + minPeakToTrough);
        }
    }

    /** The paper's count with an optional amplitude-significance gate. */
    public SeasonalityClassifier(double tolerance, double minAnnualSnr) {
        this(tolerance, minAnnualSnr, 0, 0);
    }

    /** PermaSAR's default for permafrost: the paper's test with prominence 0.2 and a 1 mm floor. */
    public static SeasonalityClassifier permafrost(double tolerance, double prominence, double minPeakToTrough) {
        return new SeasonalityClassifier(tolerance, 0, prominence, minPeakToTrough);
    }

    /**
     * @param extremaCount peaks + troughs of the daily-sampled harmonic fit, −1 when not fitted
     * @param years        Y, the years covered
     * @param seasonal     the classification
     */
    public record Result(int[] extremaCount, double years, boolean[] seasonal) {
    }

    /** Classifies a block. */
    public Result classify(List<LocalDate> dates, float[] data, int npix) {
        return classify(dates, data, npix, null);
    }

    /**
     * Classifies a block whose trend + annual fit the caller has already made: {@code annualFit}, when not null,
     * must be {@link TimeFunctionFit#fit} of {@link TimeFunctionModel#linearAnnual()} to these dates and data (at
     * any time of day: that model's design does not depend on it); the amplitude gates ({@code minAnnualSnr},
     * {@code minPeakToTrough}) then read it instead of fitting it again. The result is the same.
     *
     * @param annualFit the caller's trend + annual fit of {@code data}, or null
     */
    public Result classify(List<LocalDate> dates, float[] data, int npix, TimeFunctionFit.Result annualFit) {
        int n = dates.size();
        if (n < 8) {
            throw new IllegalArgumentException("seasonality test needs >= 8 dates, got " + n);
        }
        if (annualFit != null && (!annualFit.model().equals(TimeFunctionModel.linearAnnual())
                || annualFit.pixels() != npix)) {
            throw new IllegalArgumentException("annualFit must be a linear + annual fit of the " + npix
                    + " pixels, got " + annualFit.model() + " of " + annualFit.pixels());
        }
        double[] t = new double[n];
        double t0 = TimeFunctionModel.mintpyYears(dates.get(0));
        for (int i = 0; i < n; i++) {
            t[i] = TimeFunctionModel.mintpyYears(dates.get(i)) - t0;
        }
        // 1. linear trend (parameters only: no σ is needed here)
        double[] lin = new double[n * 2];
        for (int i = 0; i < n; i++) {
            lin[2 * i] = 1;
            lin[2 * i + 1] = t[i];
        }
        LinearBatchFit.Result trend = new LinearBatchFit(lin, n, 2).fit(data, npix, false);
        double[] tp = trend.params();
        float[] detrended = new float[n * npix];
        for (int i = 0; i < n; i++) {
            int o = i * npix;
            double ti = t[i];
            for (int q = 0; q < npix; q++) {
                detrended[o + q] = (float) (data[o + q] - tp[q] - ti * tp[npix + q]);
            }
        }
        // 2. offset + annual, semi-annual, one-third-year harmonics
        TimeFunctionModel harm = new TimeFunctionModel(0, new double[] {1, 0.5, 1.0 / 3}, List.of());
        LinearBatchFit.Result h = new LinearBatchFit(harm.designMatrix(dates), n, 7).fit(detrended, npix, false);
        // 3. daily samples of the harmonic part
        int days = (int) ChronoUnit.DAYS.between(dates.get(0), dates.get(n - 1)) + 1;
        double years = (days - 1) / TimeFunctionModel.DAYS_PER_YEAR;
        double[] basis = dailyBasis(dates.get(0), days);
        boolean[] gate = null;
        if (minAnnualSnr > 0 || minPeakToTrough > 0) {
            TimeFunctionFit.Result fa = annualFit != null ? annualFit
                    : TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), dates, data, npix);
            gate = new boolean[npix];
            for (int q = 0; q < npix; q++) {
                gate[q] = fa.annualAmplitude()[q] >= minAnnualSnr * fa.annualAmplitudeStd()[q]
                        && fa.seasonalAmplitude()[q] >= minPeakToTrough;
            }
        }
        int[] count = new int[npix];
        boolean[] seasonal = new boolean[npix];
        boolean[] fitted = new boolean[npix];
        for (int q = 0; q < npix; q++) {
            fitted[q] = h.status()[q] == LinearBatchFit.OK && trend.status()[q] == LinearBatchFit.OK;
        }
        new ExtremaCounter(basis, days, prominence, Math.min(npix, ExtremaCounter.TILE))
                .count(h.params(), npix, fitted, count);
        for (int q = 0; q < npix; q++) {
            if (!fitted[q]) {
                count[q] = -1;
                continue;
            }
            seasonal[q] = Math.abs(count[q] - 2 * years) <= tolerance && (gate == null || gate[q]);
        }
        return new Result(count, years, seasonal);
    }

    /** The last daily basis built, reused while blocks share their first date and span (immutable). */
    private static volatile DailyBasis lastBasis;

    private record DailyBasis(LocalDate first, int days, double[] values) {
    }

    /**
     * cos and sin of the three harmonics for each day from {@code first} on, {@code b[k*6 + 2m]} = cos and
     * {@code b[k*6 + 2m + 1]} = sin of 2π(m+1)·t_k, t_k in MintPy years since {@code first}; shared, not to be
     * written.
     */
    static double[] dailyBasis(LocalDate first, int days) {
        DailyBasis c = lastBasis;
        if (c != null && c.first().equals(first) && c.days() == days) {
            return c.values();
        }
        double t0 = TimeFunctionModel.mintpyYears(first);
        double[] basis = new double[days * 6];
        for (int k = 0; k < days; k++) {
            double tk = TimeFunctionModel.mintpyYears(first.plusDays(k)) - t0;
            for (int m = 0; m < 3; m++) {
                double w = 2 * Math.PI * (m + 1) * tk;
                basis[k * 6 + 2 * m] = Math.cos(w);
                basis[k * 6 + 2 * m + 1] = Math.sin(w);
            }
        }
        lastBasis = new DailyBasis(first, days, basis);
        return basis;
    }

    /**
     * The extremum counts of {@link #countExtrema} and {@link #countProminentExtrema}, the same numbers, for tiles of
     * pixels.
     *
     * <p>The daily curves of a tile are evaluated day-major, a chunk of days at a time: a day's basis values
     * broadcast over contiguous pixel arrays, loops that C2 vectorises; each value by the same operations in the same
     * order as the per-pixel loops, hence the same doubles. Each curve is then reduced, without changing either
     * count, to its turning points: the first value, every value where the curve turns, the last value. A
     * <em>monotone stretch</em> (consecutive values all non-decreasing, or all non-increasing) changes neither count
     * except through its end value: the sign count sees one more sign, or none if flat; the zig-zag filter's running
     * extremum, direction and count after the stretch are those after its end value alone (a threshold that the
     * stretch crosses somewhere, its end crosses too, and nothing inside it can trigger the opposite direction), and
     * the range max − min of the curve is attained at turning points or ends. Equal successive values change nothing.
     * So a value that continues the direction of the last kept stretch replaces the last kept value; a value that
     * turns is appended.
     *
     * <p>Most of the curve needs no look at its values: a block of {@link #BLOCK} days is skipped when it is
     * monotone the way of e, the last day-to-day difference before it, e ≠ 0. After any block the direction of the
     * last kept stretch is that of the block's last difference when that is not 0 (the block's last value moved that
     * way; a skipped block is monotone that way), so a skipped block only moves the last kept value on, to its own
     * last day, which the next block passed on picks up. The test, vectorised over the pixels: with σ = e/|e| = ±1
     * exactly, Σ(|d| − σ·d) over the block's differences d (the one from the previous block's last day included) is
     * 0 exactly when every σ·d ≥ 0, since a floating-point sum of non-negative terms is 0 only when every term is
     * (NaN, for e = 0, is not 0). The blocks passed on, where the curve turns, are few: a block's are listed
     * (branch-free) and merged value by value while its values are in L1. This needs finite values: pixels with a non-finite or
     * huge (≥ 1e300) coefficient take the per-pixel loops instead.
     *
     * <p>Not thread-safe: one instance per call.
     */
    static final class ExtremaCounter {

        /** Pixels per tile. */
        static final int TILE = 256;
        /** Blocks of {@link #BLOCK} days per chunk: a chunk's curve values of a tile stay in L2. */
        static final int CHUNK_BLOCKS = 8;
        private static final int B = BLOCK;

        private final double[] basis;
        private final int days;
        private final double prominence;
        private final int tile;
        private final double[][] c = new double[6][];
        private final double[][] f;               // f[day in chunk][pixel]
        private final double[] prev;              // the previous chunk's last day
        private final double[] sigma;             // the sign of the last difference before the block: ±1, NaN if 0
        private final double[][] turn;            // turn[block][pixel] = Σ(|d| − σ·d): 0 iff skipped
        private final int[] events;               // the pixels whose block at hand is passed on
        private final int[] dir;                  // direction of the last kept stretch: +1, −1, 0 none yet
        private final int[] kept;
        private final double[][] seq;
        private final boolean[] plain;
        private final double[] scratch;

        ExtremaCounter(double[] basis, int days, double prominence, int tile) {
            this.basis = basis;
            this.days = days;
            this.prominence = prominence;
            this.tile = Math.max(1, tile);
            for (int j = 0; j < 6; j++) {
                c[j] = new double[this.tile];
            }
            f = new double[CHUNK_BLOCKS * B][this.tile];
            prev = new double[this.tile];
            sigma = new double[this.tile];
            turn = new double[CHUNK_BLOCKS][this.tile];
            events = new int[this.tile];
            dir = new int[this.tile];
            kept = new int[this.tile];
            seq = new double[this.tile][];
            plain = new boolean[this.tile];
            scratch = new double[days];
        }

        /** Counts of the pixels with {@code fitted} true into {@code count}, harmonic coefficients in rows 1 … 6 of {@code params}. */
        void count(double[] params, int npix, boolean[] fitted, int[] count) {
            for (int q0 = 0; q0 < npix; q0 += tile) {
                int len = Math.min(tile, npix - q0);
                countTile(params, npix, q0, len, fitted, count);
            }
        }

        private void countTile(double[] params, int npix, int q0, int len, boolean[] fitted, int[] count) {
            for (int q = 0; q < len; q++) {
                boolean finite = fitted[q0 + q];
                for (int j = 0; j < 6 && finite; j++) {
                    finite = Math.abs(params[(j + 1) * npix + q0 + q]) < 1e300;     // false for NaN too
                }
                plain[q] = fitted[q0 + q] && !finite;
                for (int j = 0; j < 6; j++) {
                    c[j][q] = finite ? params[(j + 1) * npix + q0 + q] : 0;
                }
                if (seq[q] == null) {
                    seq[q] = new double[Math.min(days, 64)];
                }
            }
            int chunkDays = CHUNK_BLOCKS * B;
            for (int k0 = 0; k0 < days; k0 += chunkDays) {
                int rows = Math.min(chunkDays, days - k0);
                int full = rows / B;                              // complete blocks of the chunk
                if (k0 > 0) {
                    System.arraycopy(f[chunkDays - 1], 0, prev, 0, len);   // the previous chunk's last day
                }
                curve(k0, rows, len);
                int b0 = 0;
                if (k0 == 0) {                                    // the curve's first block: every value
                    int r1 = Math.min(B, rows);
                    for (int q = 0; q < len; q++) {
                        seq[q][0] = f[0][q];
                        kept[q] = 1;
                        dir[q] = 0;
                        merge(q, 1, r1, f[0][q]);
                    }
                    if (r1 == B) {
                        lastDifference(B - 1, len);
                    }
                    b0 = 1;
                }
                for (int b = b0; b < full; b++) {
                    turnSums(b, len);
                    double[] tb = turn[b];
                    int ne = 0;
                    for (int q = 0; q < len; q++) {               // branch-free: most blocks are skipped
                        long bits = Double.doubleToRawLongBits(tb[q]);
                        events[ne] = q;
                        ne += (int) ((bits | -bits) >>> 63);      // 1 unless +0.0
                    }
                    int r0 = b * B;
                    double[] fp = r0 > 0 ? f[r0 - 1] : prev;
                    for (int k = 0; k < ne; k++) {                // while the block's values are in L1
                        int q = events[k];
                        merge(q, r0, r0 + B, fp[q]);
                    }
                }
                int tail = Math.max(full, b0) * B;
                if (tail < rows) {                                // the incomplete last block: every value
                    for (int q = 0; q < len; q++) {
                        merge(q, tail, rows, tail > 0 ? f[tail - 1][q] : prev[q]);
                    }
                }
                if (k0 + rows == days) {
                    double[] fl = f[rows - 1];
                    for (int q = 0; q < len; q++) {
                        seq[q][kept[q] - 1] = fl[q];                // the last stretch went on to the last day
                    }
                }
            }
            for (int q = 0; q < len; q++) {
                if (!fitted[q0 + q]) {
                    continue;
                }
                if (plain[q]) {
                    double[] cq = new double[6];
                    for (int j = 0; j < 6; j++) {
                        cq[j] = params[(j + 1) * npix + q0 + q];
                    }
                    count[q0 + q] = prominence > 0 ? countProminentExtrema(basis, days, cq, prominence, scratch)
                            : countExtrema(basis, days, cq);
                } else {
                    count[q0 + q] = prominence > 0 ? zigZag(seq[q], kept[q], prominence) : signChanges(seq[q], kept[q]);
                }
            }
        }

        /** f[r][q] for the days k0 … k0+rows−1: c0·b0 + c1·b1 + … + c5·b5 summed left to right, in two passes. */
        private void curve(int k0, int rows, int len) {
            double[] c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];
            for (int r = 0; r < rows; r++) {
                int o = (k0 + r) * 6;
                double b0 = basis[o], b1 = basis[o + 1], b2 = basis[o + 2];
                double b3 = basis[o + 3], b4 = basis[o + 4], b5 = basis[o + 5];
                double[] fr = f[r];
                for (int q = 0; q < len; q++) {
                    fr[q] = c0[q] * b0 + c1[q] * b1 + c2[q] * b2;
                }
                for (int q = 0; q < len; q++) {
                    fr[q] = fr[q] + c3[q] * b3 + c4[q] * b4 + c5[q] * b5;
                }
            }
        }

        /** σ = d/|d| (±1 exactly, NaN for 0) of d = f[r] − f[r − 1]. */
        private void lastDifference(int r, int len) {
            double[] fr = f[r], fp = f[r - 1];
            for (int q = 0; q < len; q++) {
                double d = fr[q] - fp[q];
                sigma[q] = d / Math.abs(d);
            }
        }

        /**
         * turn[b] = Σ(|d| − σ·d) over block b's day-to-day differences d, the first one from the day before
         * (prev for block 0), σ the sign of the last difference before the block; then σ of the block's own last.
         */
        private void turnSums(int b, int len) {
            int r0 = b * B;
            double[] t = turn[b];
            double[] fp = r0 > 0 ? f[r0 - 1] : prev, f0 = f[r0];
            for (int q = 0; q < len; q++) {
                double d = f0[q] - fp[q];
                t[q] = Math.abs(d) - sigma[q] * d;
            }
            for (int r = r0 + 1; r < r0 + B; r++) {
                double[] fr = f[r], fq = f[r - 1];
                for (int q = 0; q < len; q++) {
                    double d = fr[q] - fq[q];
                    t[q] += Math.abs(d) - sigma[q] * d;
                }
            }
            lastDifference(r0 + B - 1, len);
        }

        /**
         * Merges f[from … to−1][q] into pixel q's kept sequence, whose last value is {@code last} (the day before
         * {@code from}): a value that continues the direction of the last kept stretch replaces it, a turn (a move
         * the other way, or the first move) appends it. Branch-free: the last value is stored at every step, and
         * the count moves on at a turn.
         */
        private void merge(int q, int from, int to, double last) {
            double[] s = seq[q];
            int k = kept[q];
            int dq = dir[q];
            while (k + (to - from) > s.length) {
                s = grow(q);
            }
            for (int r = from; r < to; r++) {
                double v = f[r][q];
                long bits = Double.doubleToRawLongBits(v - last);
                long mag = bits & Long.MAX_VALUE;
                int moved = (int) ((mag | -mag) >>> 63);            // 1 unless v − last = ±0
                int sg = moved - 2 * (moved & (int) (bits >>> 63)); // +1, −1 or 0
                int x = sg ^ dq;
                s[k - 1] = last;
                k += moved & ((x | -x) >>> 31);                     // a move other than dq's way: a turn
                dq = (sg & -moved) | (dq & (moved - 1));
                last = v;
            }
            s[k - 1] = last;
            kept[q] = k;
            dir[q] = dq;
        }

        private double[] grow(int q) {
            seq[q] = java.util.Arrays.copyOf(seq[q], 2 * seq[q].length);
            return seq[q];
        }
    }

    /** The zig-zag count of {@link #countProminentExtrema} on a sequence of finite values. */
    static int zigZag(double[] v, int len, double prominence) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) {
            lo = Math.min(lo, v[k]);
            hi = Math.max(hi, v[k]);
        }
        return zigZagCount(v, len, prominence * (hi - lo));
    }

    /** The sign-change count of {@link #countExtrema} on a sequence of values. */
    static int signChanges(double[] v, int len) {
        int count = 0;
        int lastSign = 0;
        double prev = v[0];
        for (int k = 1; k < len; k++) {
            double x = v[k];
            double df = x - prev;
            prev = x;
            int sign = df > 0 ? 1 : df < 0 ? -1 : 0;
            if (sign != 0) {
                if (lastSign != 0 && sign != lastSign) {
                    count++;
                }
                lastSign = sign;
            }
        }
        return count;
    }

    /** Number of sign changes of the day-to-day difference of Σ c_k·basis_k (peaks + troughs). */
    static int countExtrema(double[] basis, int days, double[] c) {
        int count = 0;
        int lastSign = 0;
        double prev = 0;
        for (int k = 0; k < days; k++) {
            int o = k * 6;
            double f = c[0] * basis[o] + c[1] * basis[o + 1] + c[2] * basis[o + 2]
                    + c[3] * basis[o + 3] + c[4] * basis[o + 4] + c[5] * basis[o + 5];
            if (k > 0) {
                double df = f - prev;
                int sign = df > 0 ? 1 : df < 0 ? -1 : 0;
                if (sign != 0) {
                    if (lastSign != 0 && sign != lastSign) {
                        count++;
                    }
                    lastSign = sign;
                }
            }
            prev = f;
        }
        return count;
    }

    /**
     * Peaks + troughs of {@code f_k = Σ c_j·basis[k*6 + j]} that rise or fall by more than
     * {@code prominence·(max f − min f)} from the previous extremum (zig-zag filter).
     *
     * @param curve scratch of {@code days} values
     */
    static int countProminentExtrema(double[] basis, int days, double[] c, double prominence, double[] curve) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < days; k++) {
            int o = k * 6;
            double f = c[0] * basis[o] + c[1] * basis[o + 1] + c[2] * basis[o + 2]
                    + c[3] * basis[o + 3] + c[4] * basis[o + 4] + c[5] * basis[o + 5];
            curve[k] = f;
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        return zigZagCount(curve, days, prominence * (hi - lo));
    }

    /** Peaks + troughs of {@code curve[0 … days−1]} that rise or fall by more than h from the previous extremum. */
    static int zigZagCount(double[] curve, int days, double h) {
        int count = 0;
        int dir = 0;                       // +1 rising, −1 falling, 0 not yet known
        double ext = curve[0], runLo = curve[0], runHi = curve[0];
        for (int k = 1; k < days; k++) {
            double f = curve[k];
            if (dir == 0) {
                runLo = Math.min(runLo, f);
                runHi = Math.max(runHi, f);
                if (f - runLo > h) {
                    dir = 1;
                    ext = f;
                } else if (runHi - f > h) {
                    dir = -1;
                    ext = f;
                }
            } else if (dir > 0) {
                if (f > ext) {
                    ext = f;
                } else if (ext - f > h) {   // a peak at ext
                    count++;
                    dir = -1;
                    ext = f;
                }
            } else {
                if (f < ext) {
                    ext = f;
                } else if (f - ext > h) {   // a trough at ext
                    count++;
                    dir = 1;
                    ext = f;
                }
            }
        }
        return count;
    }

    /**
     * Copy of a fit whose seasonal amplitude/timing (and annual amplitude/phase) are NaN where the
     * pixel is not seasonal (SCIENCE.md §2: only seasonal pixels get amplitude and timing).
     */
    public static TimeFunctionFit.Result maskNonSeasonal(TimeFunctionFit.Result r, boolean[] seasonal) {
        if (seasonal.length != r.pixels()) {
            throw new IllegalArgumentException("mask has " + seasonal.length + " pixels, fit has " + r.pixels());
        }
        double[][] arrays = {r.annualAmplitude().clone(), r.annualPhase().clone(), r.annualAmplitudeStd().clone(),
            r.annualPhaseStd().clone(), r.seasonalAmplitude().clone(), r.seasonalAmplitudeStd().clone(),
            r.seasonalTiming().clone(), r.seasonalTimingStd().clone()};
        for (int q = 0; q < seasonal.length; q++) {
            if (!seasonal[q]) {
                for (double[] a : arrays) {
                    a[q] = Double.NaN;
                }
            }
        }
        return new TimeFunctionFit.Result(r.model(), r.pixels(), r.params(), r.paramStd(), r.residualRms(),
                r.validCount(), r.status(), arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5],
                arrays[6], arrays[7]);
    }
}

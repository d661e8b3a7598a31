package org.permasar.permafrost.pecm;

/**
 * κ_f/κ_t of each pixel estimated from its own series when no conductivity maps are given
 * (SCIENCE.md §2: "for each ratio r on a grid, build I_r(τ) with the closure rule and solve v, d
 * linearly; keep the r of least residual (profile least squares) and report r with its
 * uncertainty"). For every r of a geometric grid the offset, v and d of
 * {@code D = c + v·L + d·I_r} are solved in closed form (centred 2×2 system, as {@link PecmFit});
 * the residual sum of squares RSS(r) is the profile. Its minimum is refined by a parabola through
 * the grid minimum and its two neighbours in u = ln r, and the standard deviation follows from the
 * profile likelihood: RSS(u) − RSS_min = σ̂² at one σ, σ̂² = RSS_min/(m − 4) (four unknowns with r),
 * so σ_u = √(σ̂²/a) for the parabola RSS ≈ a(u − u*)² + RSS_min, and σ_r = r*·σ_u.
 *
 * <p>Where the ratio cannot be told from the data — no significant seasonal term at the best ratio
 * (|d| &lt; 2σ_d: I_r then barely matters), a profile without a minimum inside the grid (the
 * minimum on its first or last value), or a flat profile — the ratio is NaN and the caller uses
 * its fallback. Thread-safe (allocates per call).
 */
public final class PecmKappaProfile {
    /** Grid: 0.2 … 3.2 in 16 geometric steps (× 1.2026), covering frozen/thawed conductivity ratios of soils. */
    private static final double[] GRID = grid(0.2, 3.2, 16);

    /** {@link Profile#lookup} of the default grid, made once. */
    private static final int[] GRID_LOOKUP = Profile.lookup(Profile.roots(GRID));

    /** Pixels gathered together from the date-major block (one cache line of floats). */
    private static final int TILE = 16;

    private PecmKappaProfile() {
    }

    /**
     * @param ratio    estimated κ_f/κ_t per pixel, NaN where not estimable
     * @param ratioStd its standard deviation from the profile, NaN where not estimable
     */
    public record Result(double[] ratio, double[] ratioStd) {
    }

    /** The default grid of ratios. */
    public static double[] defaultGrid() {
        return GRID.clone();
    }

    /** Geometric grid of {@code count} ratios from {@code lo} to {@code hi}. */
    static double[] grid(double lo, double hi, int count) {
        double[] g = new double[count];
        for (int k = 0; k < count; k++) {
            g[k] = lo * Math.pow(hi / lo, k / (double) (count - 1));
        }
        return g;
    }

    /**
     * @param dd           degree-day sums of the pixels ({@link PecmForcingBuilder#buildWithDegreeDays})
     * @param displacement {@code [date*pixels + p]}, metres, NaN = missing
     * @param refIndex     reference date (the series must be finite there)
     */
    public static Result estimate(PecmDegreeDays dd, float[] displacement, int refIndex) {
        return estimate(dd, displacement, refIndex, GRID);
    }

    /**
     * As {@link #estimate(PecmDegreeDays, float[], int)} on a given increasing grid of ratios (≥ 3 values).
     *
     * <p>The sums of the profile over the dates are made once per pixel, not once per ratio ({@link Profile}):
     * O(dates + grid) per pixel instead of O(dates·grid), the same estimator (its sums differ from the
     * direct ones by rounding; ratios whose I_r are the same at every date get the same profile value, to the
     * bit, as in the direct sums).
     */
    public static Result estimate(PecmDegreeDays dd, float[] displacement, int refIndex, double[] grid) {
        int n = dd.dates(), npix = dd.pixels(), g = grid.length;
        if (displacement.length != n * npix || g < 3) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " displacements and ≥ 3 ratios, got "
                    + displacement.length + " and " + g);
        }
        double[] ratio = new double[npix], std = new double[npix];
        java.util.Arrays.fill(ratio, Double.NaN);
        java.util.Arrays.fill(std, Double.NaN);
        Profile work = new Profile(dd, grid);
        float[] lin = dd.linear(), rt = dd.rootThaw(), rf = dd.rootFreeze();
        byte[] yearOf = dd.year(), status = dd.status();
        // the valid dates of a tile of pixels gathered contiguously per pixel (every cache line of the
        // date-major block is read once), with the sums of L and D over them
        double[] tl = new double[TILE * n], ty = new double[TILE * n], tt = new double[TILE * n], tf = new double[TILE * n];
        byte[] tyr = new byte[TILE * n];
        int[] count = new int[TILE];
        double[] sumL = new double[TILE], sumD = new double[TILE];
        int ro = refIndex * npix;
        for (int p0 = 0; p0 < npix; p0 += TILE) {
            int w = Math.min(TILE, npix - p0);
            java.util.Arrays.fill(count, 0);
            java.util.Arrays.fill(sumL, 0);
            java.util.Arrays.fill(sumD, 0);
            for (int i = 0; i < n; i++) {
                int o = i * npix + p0;
                for (int q = 0; q < w; q++) {
                    float y = displacement[o + q], l = lin[o + q], r = rt[o + q];
                    if (y == y && l == l && r == r) {   // I_r is finite exactly where √ADDT is
                        int t = q * n + count[q]++;
                        tl[t] = l;
                        ty[t] = y;
                        tt[t] = r;
                        tf[t] = rf[o + q];
                        tyr[t] = yearOf[o + q];
                        sumL[q] += l;
                        sumD[q] += y;
                    }
                }
            }
            for (int q = 0; q < w; q++) {
                int p = p0 + q;
                if (status[p] != PecmStatus.OK || Float.isNaN(displacement[ro + p]) || count[q] < 5) {
                    continue;
                }
                if (work.solve(p, q * n, count[q], sumL[q], sumD[q], tl, ty, tt, tf, tyr)) {
                    ratio[p] = work.ratio;
                    std[p] = work.ratioStd;
                }
            }
        }
        return new Result(ratio, std);
    }

    /** Coefficients of a date: √T, √F, T, √(TF), F, L̃√T, L̃√F, D̃√T, D̃√F. */
    private static final int SUMS = 9;

    /**
     * The profile of one pixel at a time (scratch reused from pixel to pixel): ΣI_r, ΣI_r², ΣL̃·I_r and ΣD̃·I_r
     * for every ratio r_k of the grid without a pass over the dates per ratio. At a date of year y,
     * I_r = max(0, √T − s·√F) with s = √r_y, and by the closure rule r_y = ADDT_end/ADDF_end (s = c_y) for
     * the first k0_y ratios of the grid (those with √ADDT_end − √r·√ADDF_end &gt; 0) and r_y = r (s = √r_k) from
     * there on. So:
     * <ul>
     * <li>for k ≥ k0_y the date is unclipped (√T − √r_k·√F &gt; 0, the test of the direct sum) on a prefix
     *     [k0_y, K) of those ratios (K looked up from √T/√F, {@link #unclipped}), and there its terms are
     *     linear in s = √r_k with coefficients of the date alone (I = √T − s√F, I² = T − 2s√(TF) + s²F,
     *     L̃·I = L̃√T − s·L̃√F, …), the same s for every year. The coefficients of the dates unclipped at
     *     ratio k are those with K &gt; k (sums by K, accumulated from the top) less those whose range starts
     *     above k (sums by k0, likewise);</li>
     * <li>for k &lt; k0_y every ratio gives the date the same I = max(0, √T − c_y·√F): the year's sums of I,
     *     I², L̃·I, D̃·I at c_y, made once, apply to every k &lt; k0_y. They follow from the coefficients of its
     *     dates unclipped from k0_y on (c_y ≤ √r_k0, so those are unclipped at c_y too) and the direct sums
     *     of the few dates unclipped at c_y only.</li>
     * </ul>
     * Where I_r is the same at every date for two neighbouring ratios (all years closing, or √ADDF = 0, or
     * clipped at both) the direct sums give the same profile value to the bit, and so a tie, which picks the
     * first ratio; here the dates whose I changes at k are counted ({@link #changes}) and such a ratio copies
     * its neighbour's value, so that ties, and with them the estimate, stay those of the direct sums.
     * O(dates + grid) per pixel instead of O(dates·grid); the same sums up to rounding. A grid that does
     * not increase is summed directly.
     */
    static final class Profile {
        final int npix;
        final int years;
        final int g;
        final double[] grid;
        final float[] endT;
        final float[] endF;
        final double[] rootGrid;
        /** The grid increases strictly (else the direct sums). */
        final boolean increasing;
        /** {@link #lookup} of the grid, or null. */
        final int[] table;

        /** Per year: the number of grid ratios that close (k0), and the closure's √(ADDT_end/ADDF_end). */
        final int[] closing;
        final double[] closure;
        /** Coefficient sums of the dates by the end K of their unclipped range, {@code [K*SUMS + s]}. */
        final double[] byEnd;
        /** Coefficient sums of the dates by the start k0 of that range. */
        final double[] byStart;
        /** Sums of I, I², L̃·I, D̃·I at the closure ratio by k0 of the year (they apply to k &lt; k0). */
        final double[] byClosing;
        final boolean[] endFilled;
        final boolean[] startFilled;
        /** Dates whose I changes between ratio k − 1 and k, as differences: {@code [k]} += 1 from k, −1 after. */
        final int[] changes;
        final double[] sI;
        final double[] sI2;
        final double[] sLI;
        final double[] sID;
        final double[] rootRatio;
        final double[] rss;
        final double[] dCoef;
        final double[] dVar;
        double ratio;
        double ratioStd;

        Profile(PecmDegreeDays dd, double[] grid) {
            npix = dd.pixels();
            years = dd.years();
            g = grid.length;
            this.grid = grid;
            endT = dd.endThaw();
            endF = dd.endFreeze();
            rootGrid = roots(grid);
            boolean up = true;
            for (int k = 1; k < g; k++) {
                up &= rootGrid[k] > rootGrid[k - 1];
            }
            increasing = up;
            table = grid == GRID ? GRID_LOOKUP : lookup(rootGrid);
            closing = new int[years];
            closure = new double[years];
            byEnd = new double[(g + 1) * SUMS];
            byStart = new double[(g + 1) * SUMS];
            byClosing = new double[(g + 1) * 4];
            endFilled = new boolean[g + 1];
            startFilled = new boolean[g + 1];
            changes = new int[g + 1];
            sI = new double[g];
            sI2 = new double[g];
            sLI = new double[g];
            sID = new double[g];
            rootRatio = new double[years];
            rss = new double[g];
            dCoef = new double[g];
            dVar = new double[g];
        }

        /**
         * Pixel p, its m valid dates at {@code base} of the gathered arrays (L, D, √ADDT, √ADDF, year; in
         * order of date) with the sums of L and D over them: true with {@link #ratio}, {@link #ratioStd} set
         * where estimable.
         */
        boolean solve(int p, int base, int m, double sL, double sD, double[] tl, double[] ty, double[] tt, double[] tf,
                      byte[] tyr) {
            double mL = sL / m, mD = sD / m;
            double sLL, sLD, sDD;
            if (increasing) {
                closing(p);
                double[] c = sums(base, m, mL, mD, tl, ty, tt, tf, tyr);
                if (c == null) {
                    return false;                                   // a NaN √ADDF: I NaN at every ratio
                }
                sLL = c[0];
                sLD = c[1];
                sDD = c[2];
            } else {
                sLL = 0;
                sLD = 0;
                sDD = 0;
                for (int j = base, end = base + m; j < end; j++) {
                    double l = tl[j] - mL, d = ty[j] - mD;
                    sLL += l * l;
                    sLD += l * d;
                    sDD += d * d;
                }
                direct(p, base, m, mL, mD, tl, ty, tt, tf, tyr);
            }
            int changing = 0;
            for (int k = 0; k < g; k++) {
                changing += changes[k];
                changes[k] = 0;
                if (increasing && k > 0 && changing == 0) {
                    // I_r the same at every date as for the previous ratio: the same profile value, to the bit
                    // as in the direct sums (a plateau of ties resolves to its first ratio either way)
                    rss[k] = rss[k - 1];
                    dCoef[k] = dCoef[k - 1];
                    dVar[k] = dVar[k - 1];
                    continue;
                }
                // centred 2×2 least squares of D = c + v·L + d·I (as PecmFit): L and D are centred, so
                // Σ L̃·Ĩ = Σ L̃·I and Σ D̃·Ĩ = Σ D̃·I; Σ Ĩ² = Σ I² − m·Ī²
                double sII = Math.max(0, sI2[k] - sI[k] * sI[k] / m);
                double det = sLL * sII - sLI[k] * sLI[k];
                if (!(det > 1e-12 * sLL * sII)) {
                    rss[k] = Double.NaN;
                    continue;
                }
                double v = (sII * sLD - sLI[k] * sID[k]) / det, d = (sLL * sID[k] - sLI[k] * sLD) / det;
                rss[k] = Math.max(0, sDD - v * sLD - d * sID[k]);   // RSS = ỹᵀỹ − β̂ᵀFᵀỹ
                dCoef[k] = d;
                dVar[k] = sLL / det;                                 // × σ̂² below
            }
            int best = -1;
            for (int k = 0; k < g; k++) {
                if (rss[k] == rss[k] && (best < 0 || rss[k] < rss[best])) {
                    best = k;
                }
            }
            if (best <= 0 || best >= g - 1 || Double.isNaN(rss[best - 1]) || Double.isNaN(rss[best + 1])) {
                return false;                                        // no minimum inside the grid
            }
            double s2 = rss[best] / (m - 4);
            if (!(Math.abs(dCoef[best]) >= 2 * Math.sqrt(s2 * dVar[best]))) {
                return false;                                        // no significant seasonal term: r not identifiable
            }
            // parabola through (u_{k-1}, u_k, u_{k+1}), u = ln r
            double u0 = Math.log(grid[best - 1]), u1 = Math.log(grid[best]), u2 = Math.log(grid[best + 1]);
            double f0 = rss[best - 1], f1 = rss[best], f2 = rss[best + 1];
            double a = ((f2 - f1) / (u2 - u1) - (f1 - f0) / (u1 - u0)) / (u2 - u0);
            if (!(a > 0) || !(s2 > 0)) {
                return false;                                        // flat profile
            }
            double b = (f1 - f0) / (u1 - u0) - a * (u0 + u1);        // f ≈ a·u² + b·u + c
            double uStar = Math.max(u0, Math.min(u2, -b / (2 * a)));
            ratio = Math.exp(uStar);
            ratioStd = ratio * Math.sqrt(s2 / a);                    // ΔRSS = σ̂² at 1σ (profile likelihood)
            return true;
        }

        /** k0 and c of every year of pixel p: PecmDegreeDays.ratio(p, y, r) for the ratios of the grid. */
        private void closing(int p) {
            for (int y = 0; y < years; y++) {
                float t = endT[y * npix + p], f = endF[y * npix + p];
                int k0 = 0;
                if (t == t && f > 0) {
                    // the test of PecmDegreeDays.ratio, √ADDT_end − √r·√ADDF_end > 0: true on a prefix of the grid
                    k0 = unclipped(Math.sqrt(t), Math.sqrt(f));
                    closure[y] = k0 > 0 ? Math.sqrt(t / (double) f) : 0;
                }
                closing[y] = k0;
            }
        }

        /** Mantissa bits of q per bucket of {@link #lookup}. */
        private static final int BUCKET_BITS = 8;
        /** Relative margin, far above the rounding of q = √T/√F to float, that makes "surely" sure. */
        private static final double MARGIN = 1e-6;

        /** √r as PecmDegreeDays.ratio takes it. */
        static double[] roots(double[] grid) {
            double[] root = new double[grid.length];
            for (int k = 0; k < grid.length; k++) {
                root[k] = Math.sqrt(grid[k]);
            }
            return root;
        }

        /**
         * The number of grid ratios r_k with √r_k·√F &lt; √T at a date by q = √T/√F ({@link #unclipped}): per
         * bucket of the float bits of q (2^{@value #BUCKET_BITS} per octave), the number of √r_k surely below
         * the bucket's values, plus 0x10000 for one √r_k that may lie in it (decided by the exact test); the
         * float bits of the first bucket's q, shifted, at [0]. Null where the grid does not increase, or is
         * too fine for that (bisection then).
         */
        static int[] lookup(double[] root) {
            int g = root.length;
            for (int k = 1; k < g; k++) {
                if (!(root[k] > root[k - 1])) {
                    return null;
                }
            }
            if (!(root[0] > 0) || !(root[g - 1] < Float.MAX_VALUE / 4)) {
                return null;
            }
            int shift = 23 - BUCKET_BITS;
            int lo = Float.floatToRawIntBits((float) (root[0] / 4)) >>> shift;
            int hi = Float.floatToRawIntBits((float) (root[g - 1] * 4)) >>> shift;
            int[] t = new int[hi - lo + 2];
            t[0] = lo;
            for (int b = 0; b <= hi - lo; b++) {
                // q of the bucket (the first: any q down to 0; the last: any q up to +∞)
                double qLo = b == 0 ? 0 : Float.intBitsToFloat((lo + b) << shift);
                double qHi = b == hi - lo ? Double.POSITIVE_INFINITY : Float.intBitsToFloat((lo + b + 1) << shift);
                int below = 0, maybe = 0;
                for (int k = 0; k < g; k++) {
                    if (root[k] < qLo * (1 - MARGIN)) {
                        below++;                                    // √r·√F < √T for every q of the bucket
                    } else if (!(root[k] > qHi * (1 + MARGIN))) {
                        maybe++;
                    }
                }
                if (maybe > 1) {
                    return null;
                }
                t[b + 1] = below | maybe << 16;
            }
            return t;
        }

        /**
         * The number of grid ratios for which I = max(0, t − √r·f) is not clipped (t − √r·f &gt; 0, a prefix of an
         * increasing grid), for t = √ADDT ≥ 0 and f = √ADDF ≥ 0.
         */
        int unclipped(double t, double f) {
            if (table != null) {
                int bits = t > 0 ? Float.floatToRawIntBits((float) (t / f)) : 0;  // (t = 0: clipped at every ratio)
                int b = Math.min(table.length - 1, Math.max(1, (bits >>> (23 - BUCKET_BITS)) - table[0] + 1));
                int e = table[b], k = e & 0xffff;
                return e > 0xffff && t - rootGrid[k] * f > 0 ? k + 1 : k;
            }
            int k = 0, hi = g;
            while (k < hi) {
                int mid = (k + hi) >>> 1;
                if (t - rootGrid[mid] * f > 0) {
                    k = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return k;
        }

        private final double[] centred = new double[3];
        /**
         * One pass over the dates: Σ L̃², Σ L̃·D̃, Σ D̃² (returned) and {@link #sI} … {@link #sID} of every
         * ratio; null where a √ADDF is NaN.
         */
        private double[] sums(int base, int m, double mL, double mD, double[] tl, double[] ty, double[] tt, double[] tf,
                              byte[] tyr) {
            double sLL = 0, sLD = 0, sDD = 0;
            boolean finite = true;
            for (int j = base, end = base + m; j < end; ) {
                // the dates of one year: closure (s = c) for the ratios k < k0, s = √r_k from k0 on
                int y = tyr[j], k0 = closing[y];
                double c = closure[y];
                boolean above = k0 > 0 && k0 < g && c > rootGrid[k0];
                // where a date's I changes first with k: at k0 (from c), or k0 + 1 where c is √r_k0 itself
                int lo = Math.max(1, k0 > 0 && k0 < g && c == rootGrid[k0] ? k0 + 1 : k0);
                // direct sums of I at c over the dates unclipped at c but not at √r_k0 (all of them where c > √r_k0)
                boolean extra = false;
                double xI = 0, xI2 = 0, xLI = 0, xDI = 0;
                // coefficients of the dates unclipped at every ratio from k0 on (K = g), and of those with k0 < K < g
                boolean full = false;
                double aT = 0, aF = 0, aTT = 0, aTF = 0, aFF = 0, aLT = 0, aLF = 0, aDT = 0, aDF = 0;
                double bT = 0, bF = 0, bTT = 0, bTF = 0, bFF = 0, bLT = 0, bLF = 0, bDT = 0, bDF = 0;
                for (; j < end && tyr[j] == y; j++) {
                    double l = tl[j] - mL, d = ty[j] - mD;
                    sLL += l * l;
                    sLD += l * d;
                    sDD += d * d;
                    double t = tt[j], f = tf[j];
                    finite &= f == f;
                    // K: the ratios for which I is not clipped here are those before K (a prefix of the grid);
                    // most dates are unclipped at every ratio or clipped from k0 on, tested first
                    int k = t - rootGrid[g - 1] * f > 0 ? g
                            : k0 == g || !(t - rootGrid[k0] * f > 0) ? k0 : unclipped(t, f);
                    boolean inRun = k > k0;
                    if (k0 > 0 && (above || !inRun)) {
                        double i = t - c * f;                       // I at every ratio k < k0
                        if (i > 0) {
                            extra |= !inRun;
                            xI += i;
                            xI2 += i * i;
                            xLI += l * i;
                            xDI += d * i;
                        }
                    }
                    if (!inRun) {
                        continue;
                    }
                    // unclipped for the ratios k0 … K − 1 (s = √r_k): the coefficients of I in s
                    double tt2 = t * t, tf2 = t * f, ff2 = f * f, lt = l * t, lf = l * f, dt = d * t, df = d * f;
                    if (k == g) {
                        full = true;
                        aT += t;
                        aF += f;
                        aTT += tt2;
                        aTF += tf2;
                        aFF += ff2;
                        aLT += lt;
                        aLF += lf;
                        aDT += dt;
                        aDF += df;
                    } else {
                        bT += t;
                        bF += f;
                        bTT += tt2;
                        bTF += tf2;
                        bFF += ff2;
                        bLT += lt;
                        bLF += lf;
                        bDT += dt;
                        bDF += df;
                        int o = k * SUMS;
                        byEnd[o] += t;
                        byEnd[o + 1] += f;
                        byEnd[o + 2] += tt2;
                        byEnd[o + 3] += tf2;
                        byEnd[o + 4] += ff2;
                        byEnd[o + 5] += lt;
                        byEnd[o + 6] += lf;
                        byEnd[o + 7] += dt;
                        byEnd[o + 8] += df;
                        endFilled[k] = true;
                        changes[lo]++;                              // I changes from lo to K (then 0; √ADDF > 0 here)
                        changes[k + 1]--;
                    }
                }
                if (full) {
                    int o = g * SUMS;
                    byEnd[o] += aT;
                    byEnd[o + 1] += aF;
                    byEnd[o + 2] += aTT;
                    byEnd[o + 3] += aTF;
                    byEnd[o + 4] += aFF;
                    byEnd[o + 5] += aLT;
                    byEnd[o + 6] += aLF;
                    byEnd[o + 7] += aDT;
                    byEnd[o + 8] += aDF;
                    endFilled[g] = true;
                    if (aF != 0 && lo < g) {
                        changes[lo]++;                              // I changes from lo on, unless every √ADDF is 0
                        changes[g]--;
                    }
                }
                if (k0 > 0) {
                    // by k0: the coefficients of the year's dates unclipped from k0 on, and its sums at c (k < k0),
                    // from those coefficients (a date unclipped at √r_k0 ≥ c is at c) and the direct sums of the
                    // others, or all direct where c > √r_k0 (rounding)
                    double[] st = byStart;
                    int o = k0 * SUMS, q = k0 * 4;
                    st[o] += aT + bT;
                    st[o + 1] += aF + bF;
                    st[o + 2] += aTT + bTT;
                    st[o + 3] += aTF + bTF;
                    st[o + 4] += aFF + bFF;
                    st[o + 5] += aLT + bLT;
                    st[o + 6] += aLF + bLF;
                    st[o + 7] += aDT + bDT;
                    st[o + 8] += aDF + bDF;
                    startFilled[k0] = true;
                    if (above) {
                        byClosing[q] += xI;
                        byClosing[q + 1] += xI2;
                        byClosing[q + 2] += xLI;
                        byClosing[q + 3] += xDI;
                    } else {
                        double zT = aT + bT, zF = aF + bF;
                        byClosing[q] += (zT - c * zF) + xI;
                        byClosing[q + 1] += ((aTT + bTT) - c * (2 * (aTF + bTF) - c * (aFF + bFF))) + xI2;
                        byClosing[q + 2] += ((aLT + bLT) - c * (aLF + bLF)) + xLI;
                        byClosing[q + 3] += ((aDT + bDT) - c * (aDF + bDF)) + xDI;
                    }
                    if (extra && k0 < g) {
                        changes[k0]++;                              // I > 0 up to k0 − 1, 0 from k0 on
                        changes[k0 + 1]--;
                    }
                }
            }
            combine();
            if (!finite) {
                java.util.Arrays.fill(changes, 0);
                return null;
            }
            centred[0] = sLL;
            centred[1] = sLD;
            centred[2] = sDD;
            return centred;
        }

        /**
         * ΣI … of ratio k: the coefficients of the dates with K &gt; k less those with k0 &gt; k (s = √r_k), and the
         * sums at c of the years with k0 &gt; k.
         */
        private void combine() {
            double eT = 0, eF = 0, eTT = 0, eTF = 0, eFF = 0, eLT = 0, eLF = 0, eDT = 0, eDF = 0;
            double bT = 0, bF = 0, bTT = 0, bTF = 0, bFF = 0, bLT = 0, bLF = 0, bDT = 0, bDF = 0;
            double qI = 0, qI2 = 0, qLI = 0, qDI = 0;
            for (int k = g - 1; k >= 0; k--) {
                int e = k + 1;
                if (endFilled[e]) {
                    int o = e * SUMS;
                    eT += byEnd[o];
                    eF += byEnd[o + 1];
                    eTT += byEnd[o + 2];
                    eTF += byEnd[o + 3];
                    eFF += byEnd[o + 4];
                    eLT += byEnd[o + 5];
                    eLF += byEnd[o + 6];
                    eDT += byEnd[o + 7];
                    eDF += byEnd[o + 8];
                    for (int z = o; z < o + SUMS; z++) {
                        byEnd[z] = 0;
                    }
                    endFilled[e] = false;
                }
                if (startFilled[e]) {
                    int o = e * SUMS;
                    bT += byStart[o];
                    bF += byStart[o + 1];
                    bTT += byStart[o + 2];
                    bTF += byStart[o + 3];
                    bFF += byStart[o + 4];
                    bLT += byStart[o + 5];
                    bLF += byStart[o + 6];
                    bDT += byStart[o + 7];
                    bDF += byStart[o + 8];
                    int q = e * 4;
                    qI += byClosing[q];
                    qI2 += byClosing[q + 1];
                    qLI += byClosing[q + 2];
                    qDI += byClosing[q + 3];
                    for (int z = o; z < o + SUMS; z++) {
                        byStart[z] = 0;
                    }
                    for (int z = q; z < q + 4; z++) {
                        byClosing[z] = 0;
                    }
                    startFilled[e] = false;
                }
                double s = rootGrid[k];
                double xT = eT - bT, xF = eF - bF, xTT = eTT - bTT, xTF = eTF - bTF, xFF = eFF - bFF;
                sI[k] = qI + (xT - s * xF);
                sI2[k] = qI2 + (xTT - s * (2 * xTF - s * xFF));
                sLI[k] = qLI + ((eLT - bLT) - s * (eLF - bLF));
                sID[k] = qDI + ((eDT - bDT) - s * (eDF - bDF));
            }
        }

        /** The direct sums (a grid that does not increase): I_r at every date for every ratio. */
        private void direct(int p, int base, int m, double mL, double mD, double[] tl, double[] ty, double[] tt,
                            double[] tf, byte[] tyr) {
            java.util.Arrays.fill(sI, 0);
            java.util.Arrays.fill(sI2, 0);
            java.util.Arrays.fill(sLI, 0);
            java.util.Arrays.fill(sID, 0);
            for (int k = 0; k < g; k++) {
                for (int y = 0; y < years; y++) {
                    float t = endT[y * npix + p], f = endF[y * npix + p];
                    boolean closes = t == t && f > 0 && Math.sqrt(t) - rootGrid[k] * Math.sqrt(f) > 0;
                    rootRatio[y] = closes ? Math.sqrt(t / (double) f) : rootGrid[k];
                }
                for (int j = base, end = base + m; j < end; j++) {
                    double c = Math.max(0, tt[j] - rootRatio[tyr[j]] * tf[j]);
                    sI[k] += c;
                    sI2[k] += c * c;
                    sLI[k] += (tl[j] - mL) * c;
                    sID[k] += (ty[j] - mD) * c;
                }
            }
        }
    }
}

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

    /** Pixels gathered together from the date-major block. */
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

    /** As {@link #estimate(PecmDegreeDays, float[], int)} on a given increasing grid of ratios (≥ 3 values). */
    public static Result estimate(PecmDegreeDays dd, float[] displacement, int refIndex, double[] grid) {
        int n = dd.dates(), npix = dd.pixels();
        if (displacement.length != n * npix || grid.length < 3) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " displacements and ≥ 3 ratios, got "
                    + displacement.length + " and " + grid.length);
        }
        double[] ratio = new double[npix], std = new double[npix];
        java.util.Arrays.fill(ratio, Double.NaN);
        java.util.Arrays.fill(std, Double.NaN);
        double[] sqrtRatioOfYear = new double[dd.years()];
        double[] rss = new double[grid.length], dCoef = new double[grid.length], dVar = new double[grid.length];
        float[] lin = dd.linear(), rt = dd.rootThaw(), rf = dd.rootFreeze();
        byte[] yearOf = dd.year();
        // each pixel's valid dates gathered contiguously (a tile of pixels at a time, so that every cache
        // line of the date-major block is read once), then centred L and D
        double[] cl = new double[n], cy = new double[n], ct = new double[n], cf = new double[n];
        int[] cyr = new int[n];
        float[] tl = new float[TILE * n], ty = new float[TILE * n], tt = new float[TILE * n], tf = new float[TILE * n];
        byte[] tyr = new byte[TILE * n];
        for (int p = 0; p < npix; p++) {
            int slot = p % TILE;
            if (slot == 0) {
                int p1 = Math.min(npix, p + TILE);
                for (int i = 0; i < n; i++) {
                    int o = i * npix;
                    for (int q = p; q < p1; q++) {
                        int t = (q - p) * n + i;
                        tl[t] = lin[o + q];
                        ty[t] = displacement[o + q];
                        tt[t] = rt[o + q];
                        tf[t] = rf[o + q];
                        tyr[t] = yearOf[o + q];
                    }
                }
            }
            if (dd.status()[p] != PecmStatus.OK || Float.isNaN(displacement[refIndex * npix + p])) {
                continue;
            }
            int m = 0;
            double sL = 0, sD = 0;
            for (int i = 0, t = slot * n; i < n; i++, t++) {
                double y = ty[t], l = tl[t], r = tt[t];
                if (y == y && l == l && r == r) {   // I_r is finite exactly where √ADDT is
                    cl[m] = l;
                    cy[m] = y;
                    ct[m] = r;
                    cf[m] = tf[t];
                    cyr[m] = tyr[t];
                    sL += l;
                    sD += y;
                    m++;
                }
            }
            if (m < 5) {
                continue;
            }
            double mL = sL / m, mD = sD / m;
            double sLL = 0, sLD = 0, sDD = 0;
            for (int j = 0; j < m; j++) {
                cl[j] -= mL;
                cy[j] -= mD;
                sLL += cl[j] * cl[j];
                sLD += cl[j] * cy[j];
                sDD += cy[j] * cy[j];
            }
            for (int k = 0; k < grid.length; k++) {
                for (int y = 0; y < sqrtRatioOfYear.length; y++) {
                    sqrtRatioOfYear[y] = Math.sqrt(dd.ratio(p, y, grid[k]));
                }
                // centred 2×2 least squares of D = c + v·L + d·I (as PecmFit), I = max(0, √ADDT − √r·√ADDF)
                // one pass: L and D are centred, so Σ L̃·Ĩ = Σ L̃·I and Σ D̃·Ĩ = Σ D̃·I; Σ Ĩ² = Σ I² − m·Ī²
                double sI = 0, sI2 = 0, sLI = 0, sID = 0;
                for (int j = 0; j < m; j++) {
                    double c = Math.max(0, ct[j] - sqrtRatioOfYear[cyr[j]] * cf[j]);
                    sI += c;
                    sI2 += c * c;
                    sLI += cl[j] * c;
                    sID += cy[j] * c;
                }
                double sII = Math.max(0, sI2 - sI * sI / m);
                double det = sLL * sII - sLI * sLI;
                if (!(det > 1e-12 * sLL * sII)) {
                    rss[k] = Double.NaN;
                    continue;
                }
                double v = (sII * sLD - sLI * sID) / det, d = (sLL * sID - sLI * sLD) / det;
                rss[k] = Math.max(0, sDD - v * sLD - d * sID);      // RSS = ỹᵀỹ − β̂ᵀFᵀỹ
                dCoef[k] = d;
                dVar[k] = sLL / det;                                 // × σ̂² below
            }
            int best = -1;
            for (int k = 0; k < grid.length; k++) {
                if (rss[k] == rss[k] && (best < 0 || rss[k] < rss[best])) {
                    best = k;
                }
            }
            if (best <= 0 || best >= grid.length - 1 || Double.isNaN(rss[best - 1]) || Double.isNaN(rss[best + 1])) {
                continue;                                            // no minimum inside the grid
            }
            double s2 = rss[best] / (m - 4);
            if (!(Math.abs(dCoef[best]) >= 2 * Math.sqrt(s2 * dVar[best]))) {
                continue;                                            // no significant seasonal term: r not identifiable
            }
            // parabola through (u_{k-1}, u_k, u_{k+1}), u = ln r
            double u0 = Math.log(grid[best - 1]), u1 = Math.log(grid[best]), u2 = Math.log(grid[best + 1]);
            double f0 = rss[best - 1], f1 = rss[best], f2 = rss[best + 1];
            double a = ((f2 - f1) / (u2 - u1) - (f1 - f0) / (u1 - u0)) / (u2 - u0);
            if (!(a > 0) || !(s2 > 0)) {
                continue;                                            // flat profile
            }
            double b = (f1 - f0) / (u1 - u0) - a * (u0 + u1);        // f ≈ a·u² + b·u + c
            double uStar = Math.max(u0, Math.min(u2, -b / (2 * a)));
            ratio[p] = Math.exp(uStar);
            std[p] = ratio[p] * Math.sqrt(s2 / a);                   // ΔRSS = σ̂² at 1σ (profile likelihood)
        }
        return new Result(ratio, std);
    }
}

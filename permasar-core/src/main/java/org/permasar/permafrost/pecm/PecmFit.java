package org.permasar.permafrost.pecm;

import java.util.Arrays;

/**
 * Per-pixel least squares of the piecewise elevation change model {@code D(τ) = c + v·L(τ) + d·I(τ)}
 * (Chen et al. 2018; seed 001 eq. 2; SCIENCE.md §2) with a free offset c. An SBAS time series is
 * relative to its reference date (0 there), and that date carries its own noise — the atmosphere and
 * decorrelation of one acquisition, shared by every later date through the referencing. Fitting the
 * differences {@code D_i − D_ref} forces the model through that one noisy value, which biases v and d
 * for every pixel alike (measured: +3.8 mm/yr on motionless bedrock of the simulated asc track, where
 * the sinusoid with an intercept was off by 1.0 mm/yr LOS); the offset c absorbs it, as the intercept of
 * MintPy's time functions does. Solved on regressors centred over the pixel's valid dates
 * ({@code L̃ = L − mean L}, same for I and D), which eliminates c exactly:
 * <pre>
 *   [ΣL̃²   ΣL̃Ĩ] [v]   [ΣL̃D̃]
 *   [ΣL̃Ĩ   ΣĨ² ] [d] = [ΣĨD̃]
 * </pre>
 * with {@code cov = σ̂²·N⁻¹}, {@code σ̂² = Σr²/(n_e − 3)}, m the valid dates (the reference date
 * included) and n_e ≤ m their effective number given the lag-1 autocorrelation of the residuals
 * (Santer et al. 2000, {@link #effectiveCount}; n_e = m for white residuals). Noise that looks like the
 * model itself (a random-walk drift is partly a trend) cannot be seen in residuals: on SBAS series the
 * σ of v stays optimistic (about 3× on the simulated scene, see the permasar-cli acceptance tests); the
 * a-priori covariance from the interferograms ({@link #estimatorRows} with
 * {@link org.permasar.inversion.PhaseCovariance}) covers that part. A pixel whose series is NaN at the
 * reference date is not referenced and gets {@link PecmStatus#NO_REFERENCE}.
 * Units: v in m/yr (L counts years), d in m/√(°C·day), residual RMS {@code √(Σr²/m)} in m, and the
 * modelled peak-to-trough seasonal displacement of each permafrost year {@code |d|·max I} in m.
 * NaN displacements are skipped; unsolvable pixels are NaN with a {@link PecmStatus} code.
 * Thread-safe (allocates its outputs per call).
 */
public final class PecmFit {
    /** Unknowns: offset, rate, seasonal coefficient. */
    private static final int UNKNOWNS = 3;

    private PecmFit() {
    }

    /** Per-pixel results ({@code peakToTrough[year*npix + p]}). */
    public record Result(double[] rate, double[] seasonalCoefficient, double[] rateStd, double[] seasonalStd,
                         double[] covariance, double[] residualRms, int[] validCount, byte[] status,
                         int years, double[] peakToTrough) {
    }

    /**
     * @param forcing      regressors at the same dates as {@code displacement}
     * @param displacement {@code [date*npix + p]}, metres, NaN = missing
     * @param refIndex     index of the reference date (the series must be finite there)
     */
    public static Result fit(PecmForcing forcing, float[] displacement, int refIndex) {
        int n = forcing.dates();
        int npix = forcing.pixels();
        if (displacement.length != n * npix || refIndex < 0 || refIndex >= n) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " displacements and 0 <= refIndex < " + n
                    + ", got " + displacement.length + " and " + refIndex);
        }
        float[] lin = forcing.linear();
        float[] sea = forcing.seasonal();
        float[] smax = forcing.seasonalMax();
        int years = forcing.years();
        byte[] status = forcing.status().clone();
        int[] m = new int[npix];
        double[] v = new double[npix], d = new double[npix];
        double[] vStd = new double[npix], dStd = new double[npix], cov = new double[npix], rms = new double[npix];
        double[] ptt = new double[years * npix];
        // a tile of pixels at a time: each pixel's valid dates gathered contiguously (every cache line of the
        // date-major block read once) with the sums of pass 1, then the passes over them per pixel with the
        // sums in registers. The same arithmetic in the same order as pass by pass over the whole block.
        double[] tl = new double[TILE * n], ts = new double[TILE * n], ty = new double[TILE * n];
        double[] sumL = new double[TILE], sumI = new double[TILE], sumD = new double[TILE];
        int ro = refIndex * npix;
        for (int p0 = 0; p0 < npix; p0 += TILE) {
            int w = Math.min(TILE, npix - p0);
            Arrays.fill(sumL, 0);
            Arrays.fill(sumI, 0);
            Arrays.fill(sumD, 0);
            // pass 1: the valid dates and their sums (centring eliminates the offset c)
            for (int i = 0; i < n; i++) {
                int o = i * npix + p0;
                for (int q = 0; q < w; q++) {
                    float l = lin[o + q], s = sea[o + q], y = displacement[o + q];
                    if (y == y && l == l && s == s) {
                        int t = q * n + m[p0 + q]++;
                        tl[t] = l;
                        ts[t] = s;
                        ty[t] = y;
                        sumL[q] += l;
                        sumI[q] += s;
                        sumD[q] += y;
                    }
                }
            }
            for (int q = 0; q < w; q++) {
                int p = p0 + q, c = m[p];
                if (status[p] != PecmStatus.OK) {
                    continue;
                } else if (Float.isNaN(displacement[ro + p])) {
                    status[p] = PecmStatus.NO_REFERENCE;
                    continue;
                } else if (c < UNKNOWNS + 1) {
                    status[p] = PecmStatus.TOO_SHORT;
                    continue;
                }
                int base = q * n, end = base + c;
                double mL = sumL[q], mI = sumI[q], mD = sumD[q];
                if (c > 0) {
                    mL /= c;
                    mI /= c;
                    mD /= c;
                }
                // pass 2: normal equations of the centred regressors
                double sLL = 0, sLI = 0, sII = 0, sLD = 0, sID = 0;
                for (int j = base; j < end; j++) {
                    double dl = tl[j] - mL;
                    double di = ts[j] - mI;
                    double dd = ty[j] - mD;
                    if (dd == dd && dl == dl && di == di) {
                        sLL += dl * dl;
                        sLI += dl * di;
                        sII += di * di;
                        sLD += dl * dd;
                        sID += di * dd;
                    }
                }
                double det = sLL * sII - sLI * sLI;
                if (!(det > 1e-12 * sLL * sII)) {
                    status[p] = PecmStatus.SINGULAR;
                    continue;
                }
                double vp = (sII * sLD - sLI * sID) / det;   // Cramer's rule on the 2×2 system
                double dp = (sLL * sID - sLI * sLD) / det;
                // pass 3: residuals, Σ r_k·r_(k+1) over consecutive valid dates
                double rss = 0, lag1 = 0, prev = Double.NaN;
                for (int j = base; j < end; j++) {
                    double r = (ty[j] - mD) - vp * (tl[j] - mL) - dp * (ts[j] - mI);
                    if (r == r) {
                        rss += r * r;
                        if (prev == prev) {
                            lag1 += prev * r;
                        }
                        prev = r;
                    }
                }
                double s2 = rss / (effectiveCount(c, rss > 0 ? lag1 / rss : 0) - UNKNOWNS);
                v[p] = vp;
                d[p] = dp;
                vStd[p] = Math.sqrt(s2 * sII / det);
                dStd[p] = Math.sqrt(s2 * sLL / det);
                cov[p] = -s2 * sLI / det;
                rms[p] = Math.sqrt(rss / c);
                for (int y = 0; y < years; y++) {
                    ptt[y * npix + p] = Math.abs(dp) * smax[y * npix + p];
                }
            }
        }
        for (int p = 0; p < npix; p++) {
            if (status[p] != PecmStatus.OK) {
                v[p] = d[p] = vStd[p] = dStd[p] = cov[p] = rms[p] = Double.NaN;
                for (int y = 0; y < years; y++) {
                    ptt[y * npix + p] = Double.NaN;
                }
            }
        }
        return new Result(v, d, vStd, dStd, cov, rms, m, status, years, ptt);
    }

    /** Pixels gathered together from the date-major block by {@link #fit}. */
    private static final int TILE = 16;

    /**
     * The rows of the linear PECM estimator of pixel p as functionals of its displacement series:
     * (v̂, d̂) = Σ_i (h_v[i], h_d[i])·D_i, so that for any displacement covariance C,
     * Cov(v̂, d̂) = H·C·Hᵀ (used with {@link org.permasar.inversion.PhaseCovariance}). With
     * F̃ = [L̃, Ĩ] the regressors centred over the valid dates (the offset eliminated) and
     * G = (F̃ᵀF̃)⁻¹F̃ᵀ (least squares, e.g. Koch 1999 §3.2), h[i] = G_i on valid dates and 0 elsewhere;
     * Σ_i h[i] = 0, so a constant added to the series (the reference date's noise) does not move v̂, d̂.
     * Units: h_v in 1/yr, h_d in 1/√(°C·day).
     *
     * @param hv out, length = dates
     * @param hd out, length = dates
     * @return false (rows zero) when the system of the pixel is singular, it has fewer than 4 valid dates,
     *         or its reference date is NaN
     */
    public static boolean estimatorRows(PecmForcing forcing, float[] displacement, int refIndex, int p,
                                        double[] hv, double[] hd) {
        int n = forcing.dates();
        int npix = forcing.pixels();
        float[] lin = forcing.linear();
        float[] sea = forcing.seasonal();
        Arrays.fill(hv, 0, n, 0);
        Arrays.fill(hd, 0, n, 0);
        if (Float.isNaN(displacement[refIndex * npix + p])) {
            return false;
        }
        double mL = 0, mI = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            int o = i * npix + p;
            if (displacement[o] == displacement[o] && lin[o] == lin[o] && sea[o] == sea[o]) {
                mL += lin[o];
                mI += sea[o];
                m++;
            }
        }
        if (m < UNKNOWNS + 1) {
            return false;
        }
        mL /= m;
        mI /= m;
        double sLL = 0, sLI = 0, sII = 0;
        for (int i = 0; i < n; i++) {
            int o = i * npix + p;
            if (displacement[o] == displacement[o] && lin[o] == lin[o] && sea[o] == sea[o]) {
                double dl = lin[o] - mL, di = sea[o] - mI;
                sLL += dl * dl;
                sLI += dl * di;
                sII += di * di;
            }
        }
        double det = sLL * sII - sLI * sLI;
        if (!(det > 1e-12 * sLL * sII)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int o = i * npix + p;
            if (displacement[o] == displacement[o] && lin[o] == lin[o] && sea[o] == sea[o]) {
                double dl = lin[o] - mL, di = sea[o] - mI;
                hv[i] = (sII * dl - sLI * di) / det;    // row 1 of (F̃ᵀF̃)⁻¹F̃ᵀ
                hd[i] = (sLL * di - sLI * dl) / det;    // row 2
            }
        }
        return true;
    }

    /**
     * Effective number of independent residuals for a lag-1 autocorrelation {@code r1}: Santer et al.
     * (2000, JGR 105(D6), eq. 6) {@code n_e = n·(1 − r1)/(1 + r1)}, with r1 clipped to [0, 1) (negative
     * autocorrelation is not used to shrink the uncertainty) and n_e floored at 4 (at least one degree of
     * freedom for the three parameters). SBAS time series are not white in time: each date is tied to its
     * neighbours through the short-baseline pairs, so their noise wanders like a random walk and the
     * residuals of a smooth model are strongly correlated; with σ̂² = Σr²/(n_e − 3) the covariance
     * σ̂²·N⁻¹ reflects that. For white residuals r1 ≈ 0 and this is the ordinary Σr²/(n − 3).
     */
    static double effectiveCount(int n, double r1) {
        double r = Math.max(0, Math.min(r1, 0.999));
        return Math.max(UNKNOWNS + 1, n * (1 - r) / (1 + r)); // Santer et al. 2000, eq. 6
    }

    /** Convenience: a copy of the status codes as readable strings (for reports). */
    public static String[] describe(byte[] status) {
        String[] s = new String[status.length];
        Arrays.setAll(s, i -> PecmStatus.describe(status[i]));
        return s;
    }
}

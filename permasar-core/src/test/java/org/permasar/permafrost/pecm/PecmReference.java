package org.permasar.permafrost.pecm;

import java.util.Arrays;

/**
 * The implementations of {@link PecmKappaProfile#estimate}, {@link PecmFit#fit} and {@link PecmForcing#gather}
 * as they were before their per-year sums and tiles (commit 5a6dae5), kept as the reference the new code must
 * reproduce ({@link PecmFastPathTest}).
 */
final class PecmReference {
    private static final int TILE = 16;

    private PecmReference() {
    }

    static PecmKappaProfile.Result estimate(PecmDegreeDays dd, float[] displacement, int refIndex) {
        return estimate(dd, displacement, refIndex, PecmKappaProfile.defaultGrid());
    }

    static PecmKappaProfile.Result estimate(PecmDegreeDays dd, float[] displacement, int refIndex, double[] grid) {
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
        return new PecmKappaProfile.Result(ratio, std);
    }

    static PecmFit.Result fit(PecmForcing forcing, float[] displacement, int refIndex) {
        int n = forcing.dates();
        int npix = forcing.pixels();
        if (displacement.length != n * npix || refIndex < 0 || refIndex >= n) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " displacements and 0 <= refIndex < " + n
                    + ", got " + displacement.length + " and " + refIndex);
        }
        float[] lin = forcing.linear();
        float[] sea = forcing.seasonal();
        // pass 1: means over the valid dates (centring eliminates the offset c)
        double[] mL = new double[npix], mI = new double[npix], mD = new double[npix];
        int[] m = new int[npix];
        for (int i = 0; i < n; i++) {
            int o = i * npix;
            for (int p = 0; p < npix; p++) {
                float l = lin[o + p], s = sea[o + p], y = displacement[o + p];
                if (y == y && l == l && s == s) {
                    mL[p] += l;
                    mI[p] += s;
                    mD[p] += y;
                    m[p]++;
                }
            }
        }
        for (int p = 0; p < npix; p++) {
            if (m[p] > 0) {
                mL[p] /= m[p];
                mI[p] /= m[p];
                mD[p] /= m[p];
            }
        }
        // pass 2: normal equations of the centred regressors
        double[] sLL = new double[npix], sLI = new double[npix], sII = new double[npix];
        double[] sLD = new double[npix], sID = new double[npix];
        for (int i = 0; i < n; i++) {
            int o = i * npix;
            for (int p = 0; p < npix; p++) {
                double dl = lin[o + p] - mL[p];
                double di = sea[o + p] - mI[p];
                double dd = displacement[o + p] - mD[p];
                if (dd == dd && dl == dl && di == di) {
                    sLL[p] += dl * dl;
                    sLI[p] += dl * di;
                    sII[p] += di * di;
                    sLD[p] += dl * dd;
                    sID[p] += di * dd;
                }
            }
        }
        int ro = refIndex * npix;
        double[] v = new double[npix], d = new double[npix], det = new double[npix];
        byte[] status = forcing.status().clone();
        for (int p = 0; p < npix; p++) {
            if (status[p] == PecmStatus.OK) {
                if (Float.isNaN(displacement[ro + p])) {
                    status[p] = PecmStatus.NO_REFERENCE;
                } else if (m[p] < 3 + 1) {
                    status[p] = PecmStatus.TOO_SHORT;
                } else {
                    double dt = sLL[p] * sII[p] - sLI[p] * sLI[p];
                    if (!(dt > 1e-12 * sLL[p] * sII[p])) {
                        status[p] = PecmStatus.SINGULAR;
                    } else {
                        det[p] = dt;
                        v[p] = (sII[p] * sLD[p] - sLI[p] * sID[p]) / dt;   // Cramer's rule on the 2×2 system
                        d[p] = (sLL[p] * sID[p] - sLI[p] * sLD[p]) / dt;
                    }
                }
            }
        }
        double[] rss = new double[npix];
        double[] lag1 = new double[npix];   // Σ r_k·r_(k+1) over consecutive valid dates
        double[] prev = new double[npix];
        Arrays.fill(prev, Double.NaN);
        for (int i = 0; i < n; i++) {
            int o = i * npix;
            for (int p = 0; p < npix; p++) {
                double r = (displacement[o + p] - mD[p]) - v[p] * (lin[o + p] - mL[p]) - d[p] * (sea[o + p] - mI[p]);
                if (r == r) {
                    rss[p] += r * r;
                    if (prev[p] == prev[p]) {
                        lag1[p] += prev[p] * r;
                    }
                    prev[p] = r;
                }
            }
        }
        double[] vStd = new double[npix], dStd = new double[npix], cov = new double[npix], rms = new double[npix];
        int years = forcing.years();
        double[] ptt = new double[years * npix];
        float[] smax = forcing.seasonalMax();
        for (int p = 0; p < npix; p++) {
            if (status[p] != PecmStatus.OK) {
                v[p] = d[p] = vStd[p] = dStd[p] = cov[p] = rms[p] = Double.NaN;
                for (int y = 0; y < years; y++) {
                    ptt[y * npix + p] = Double.NaN;
                }
                continue;
            }
            double s2 = rss[p] / (PecmFit.effectiveCount(m[p], rss[p] > 0 ? lag1[p] / rss[p] : 0) - 3);
            vStd[p] = Math.sqrt(s2 * sII[p] / det[p]);
            dStd[p] = Math.sqrt(s2 * sLL[p] / det[p]);
            cov[p] = -s2 * sLI[p] / det[p];
            rms[p] = Math.sqrt(rss[p] / m[p]);
            for (int y = 0; y < years; y++) {
                ptt[y * npix + p] = Math.abs(d[p]) * smax[y * npix + p];
            }
        }
        return new PecmFit.Result(v, d, vStd, dStd, cov, rms, m, status, years, ptt);
    }

    static PecmForcing gather(PecmForcing fc, int[] index, byte missing) {
        int m = index.length;
        float[] lin = new float[fc.dates() * m], sea = new float[fc.dates() * m];
        float[] smax = new float[fc.years() * m], rat = new float[fc.years() * m];
        byte[] st = new byte[m];
        for (int q = 0; q < m; q++) {
            int p = index[q];
            st[q] = p < 0 ? missing : fc.status()[p];
            for (int i = 0; i < fc.dates(); i++) {
                lin[i * m + q] = p < 0 ? Float.NaN : fc.linear()[i * fc.pixels() + p];
                sea[i * m + q] = p < 0 ? Float.NaN : fc.seasonal()[i * fc.pixels() + p];
            }
            for (int y = 0; y < fc.years(); y++) {
                smax[y * m + q] = p < 0 ? Float.NaN : fc.seasonalMax()[y * fc.pixels() + p];
                rat[y * m + q] = p < 0 ? Float.NaN : fc.ratio()[y * fc.pixels() + p];
            }
        }
        return new PecmForcing(fc.dates(), m, fc.years(), lin, sea, smax, rat, st);
    }
}

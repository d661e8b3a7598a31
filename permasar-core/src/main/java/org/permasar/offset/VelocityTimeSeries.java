package org.permasar.offset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.permasar.linalg.CholeskyKernel;
import org.permasar.stats.Medians;

/**
 * Velocity time series from many offset pairs of two sensors (SCIENCE.md §7, seed 004: Li et al. 2023,
 * "Monitoring ice flow velocity of Petermann glacier combined with Sentinel-1 and -2 imagery", JAG 121,
 * 103378): a two-step least squares on the network of pairs, solved per connected component, after the
 * optical detector-mosaicking offsets are estimated on stable ice and removed.
 *
 * <p><b>Model, per pixel and per displacement component</b> (x and y, metres): a pair (t₁, t₂) measures
 * D(t₂) − D(t₁) + c_p + e, with D the cumulative displacement, c_p the pair's mosaicking offset (zero for
 * pairs that are not mosaicked, e.g. Sentinel-1) and e noise. The dates linked by valid pairs form
 * connected components (union–find); within each, D of its first date is 0 and the others are the
 * unknowns, so each component's normal matrix (its graph Laplacian with one node removed) is positive
 * definite — the rank deficiency a design over all dates would have after gross errors are removed does
 * not arise (the seed's point). Step 1 solves robustly (least absolute deviations of the residual vector
 * by iteratively reweighted least squares, 10 rounds — our choice: a plain least-squares first step smears
 * a gross error over its neighbours and the test then misses it or removes good pairs); pairs whose
 * residual exceeds max(k·σ, floor) in x or y, σ = 1.4826·median |r| (biased low because the L1 fit is
 * exact on as many pairs as it has unknowns, so the floor — an a-priori bound on the offsets' noise in
 * metres, e.g. 3–4 × their σ — is the working threshold on a well-connected network), are gross errors and removed; step 2 rebuilds the
 * components and solves by least squares. Two pairs that disagree at a date with no other pair (the
 * first date of a sensor) split the L1 residual and are both dropped: the date drops out and its
 * intervals take the neighbouring dates' velocity, or NaN. A date with two gross errors among three
 * pairs is beyond it: the majority is wrong. Velocity between consecutive dates of a component is ΔD/Δt (m/day).
 *
 * <p><b>Output time axis</b>: the elementary intervals between consecutive distinct dates of all pairs.
 * An elementary interval takes the velocity of every component interval that spans it (the mean when
 * components of the two sensors overlap); none → NaN.
 *
 * <p><b>Mosaicking offsets</b> ({@link #mosaicOffsets}): pixels whose speed — the median of |d|/Δt over the
 * pixel's non-mosaicked pairs (over all pairs when it has none) — is below {@code stableSpeed} (m/yr),
 * or a given mask, are stable ice of constant velocity v̄ (the seed: < 40 m/yr, "presume its velocity does
 * not change"). Alternating: v̄ = median_p (d_p − c_p)/Δt_p per stable pixel, then c_p = median over stable
 * pixels of d_p − v̄·Δt_p per mosaicked pair; 10 rounds. Non-mosaicked pairs anchor v̄; without any, a
 * c_p ∝ Δt_p cannot be told apart from a common stable velocity.
 *
 * <p>NaN policy: a pair whose x or y is NaN at a pixel is not used there; intervals no component spans
 * are NaN. Stateless; per-thread workspaces.
 */
public final class VelocityTimeSeries {

    /** One offset pair: dates as day numbers (e.g. epoch days), t₂ &gt; t₁; mosaicked = optical pair whose offsets carry a per-pair constant. */
    public record Pair(int day1, int day2, boolean mosaicked) {
        public Pair {
            if (day2 <= day1) {
                throw new IllegalArgumentException("pair dates must increase, got day " + day1 + " → " + day2);
            }
        }

        public int days() {
            return day2 - day1;
        }
    }

    /**
     * Settings.
     *
     * @param grossK      gross-error threshold in robust standard deviations (1.4826·median |residual| of the
     *                    robust first step), &gt; 0
     * @param grossFloor  residuals below this many metres are never gross, ≥ 0: set it to 3–4 × the offsets'
     *                    noise (e.g. 0.2 px × pixel size); the default 2 m suits 10 m pixels
     * @param stableSpeed speed below which ice counts as stable for the mosaicking offsets, m/yr, &gt; 0 (seed: 40)
     */
    public record Settings(double grossK, double grossFloor, double stableSpeed) {
        /** k = 3, floor 2 m, stable below 40 m/yr. */
        public static final Settings DEFAULTS = new Settings(3, 2, 40);

        public Settings {
            if (!(grossK > 0)) {
                throw new IllegalArgumentException("gross-error threshold k must be > 0, got " + grossK);
            }
            if (!(grossFloor >= 0)) {
                throw new IllegalArgumentException("gross-error floor must be ≥ 0 m, got " + grossFloor);
            }
            if (!(stableSpeed > 0)) {
                throw new IllegalArgumentException("stable-ice speed must be > 0 m/yr, got " + stableSpeed);
            }
        }
    }

    /**
     * The solution.
     *
     * @param dates       distinct dates of all pairs, ascending, day numbers; interval k is dates[k] → dates[k+1]
     * @param vx          velocity east (or along columns), m/day, interval-major: [k · pixels + pixel]
     * @param vy          velocity north (or up the image), m/day, same layout
     * @param offsetX     mosaicking offset per pair (input order), metres, 0 for pairs not mosaicked
     * @param offsetY     same for y
     * @param grossErrors pairs removed as gross errors, per pixel
     * @param stable      pixels used as stable ice
     */
    public record Result(int[] dates, float[] vx, float[] vy, double[] offsetX, double[] offsetY, int[] grossErrors,
                         int stable) {
        public int intervals() {
            return dates.length - 1;
        }
    }

    /** Reweighting rounds of the robust first step. */
    private static final int IRLS_ROUNDS = 10;

    private VelocityTimeSeries() {
    }

    /**
     * Estimates the mosaicking offsets and solves the series.
     *
     * @param pairs  the pairs, in the order of the rows of dx and dy
     * @param dx     dx[p][pixel], displacement of pair p east (or along columns), metres; NaN = missing
     * @param dy     dy[p][pixel], north (or up the image), metres
     * @param stable stable-ice mask (true = stable) or null to select by speed
     */
    public static Result solve(List<Pair> pairs, float[][] dx, float[][] dy, boolean[] stable, Settings s) {
        int np = check(pairs, dx, dy);
        int n = dx[0].length;
        double[][] c = mosaicOffsets(pairs, dx, dy, stable, s);
        int[] dates = pairs.stream().flatMapToInt(p -> IntStream.of(p.day1(), p.day2())).distinct().sorted().toArray();
        int[] a = new int[np], b = new int[np];
        for (int p = 0; p < np; p++) {
            a[p] = Arrays.binarySearch(dates, pairs.get(p).day1());
            b[p] = Arrays.binarySearch(dates, pairs.get(p).day2());
        }
        int nt = dates.length;
        float[] vx = new float[(nt - 1) * n], vy = new float[(nt - 1) * n];
        int[] gross = new int[n];
        int chunk = 256;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(q -> {
            Workspace w = new Workspace(np, nt);
            for (int px = q * chunk; px < Math.min(n, (q + 1) * chunk); px++) {
                for (int p = 0; p < np; p++) {
                    w.x[p] = dx[p][px] - c[0][p];
                    w.y[p] = dy[p][px] - c[1][p];
                    w.use[p] = !Float.isNaN(dx[p][px]) && !Float.isNaN(dy[p][px]);
                }
                gross[px] = pixel(a, b, dates, s, w);
                for (int k = 0; k < nt - 1; k++) {
                    vx[k * n + px] = w.cnt[k] > 0 ? (float) (w.sx[k] / w.cnt[k]) : Float.NaN;
                    vy[k * n + px] = w.cnt[k] > 0 ? (float) (w.sy[k] / w.cnt[k]) : Float.NaN;
                }
            }
        });
        return new Result(dates, vx, vy, c[0], c[1], gross, c[2].length == 0 ? 0 : (int) c[2][0]);
    }

    /**
     * Mosaicking offset per pair, metres: {offsetX[], offsetY[], {stable pixel count}}; zero for pairs not
     * mosaicked and when no pixel is stable.
     */
    public static double[][] mosaicOffsets(List<Pair> pairs, float[][] dx, float[][] dy, boolean[] stable, Settings s) {
        int np = check(pairs, dx, dy);
        int n = dx[0].length;
        if (stable != null && stable.length != n) {
            throw new IllegalArgumentException("stable mask holds " + stable.length + " pixels, offsets " + n);
        }
        double[] cx = new double[np], cy = new double[np];
        boolean any = pairs.stream().anyMatch(Pair::mosaicked);
        // stable pixels: the mask, or median speed below the threshold
        int[] st = new int[n];
        int ns = 0;
        double[] t = new double[np];
        for (int px = 0; px < n; px++) {
            boolean in;
            if (stable != null) {
                in = stable[px];
            } else {
                int m = 0;
                for (int pass = 0; pass < 2 && m == 0; pass++) {
                    for (int p = 0; p < np; p++) {
                        Pair q = pairs.get(p);
                        if ((pass == 1 || !q.mosaicked()) && !Float.isNaN(dx[p][px]) && !Float.isNaN(dy[p][px])) {
                            t[m++] = Math.hypot(dx[p][px], dy[p][px]) / q.days() * 365.25; // m/yr
                        }
                    }
                }
                in = m > 0 && median(t, m) < s.stableSpeed();
            }
            if (in) {
                st[ns++] = px;
            }
        }
        if (!any || ns == 0) {
            return new double[][] {cx, cy, {ns}};
        }
        double[] vbx = new double[ns], vby = new double[ns], u = new double[Math.max(ns, np)];
        for (int round = 0; round < 10; round++) {
            // v̄ per stable pixel: median over its pairs of (d − c)/Δt
            for (int comp = 0; comp < 2; comp++) {
                float[][] d = comp == 0 ? dx : dy;
                double[] c = comp == 0 ? cx : cy, vb = comp == 0 ? vbx : vby;
                for (int i = 0; i < ns; i++) {
                    int m = 0;
                    for (int p = 0; p < np; p++) {
                        float v = d[p][st[i]];
                        if (!Float.isNaN(v)) {
                            u[m++] = (v - c[p]) / pairs.get(p).days();
                        }
                    }
                    vb[i] = m > 0 ? median(u, m) : Double.NaN;
                }
                // c_p per mosaicked pair: median over stable pixels of d − v̄·Δt
                for (int p = 0; p < np; p++) {
                    if (!pairs.get(p).mosaicked()) {
                        continue;
                    }
                    int m = 0;
                    for (int i = 0; i < ns; i++) {
                        float v = d[p][st[i]];
                        if (!Float.isNaN(v) && !Double.isNaN(vb[i])) {
                            u[m++] = v - vb[i] * pairs.get(p).days();
                        }
                    }
                    c[p] = m > 0 ? median(u, m) : 0;
                }
            }
        }
        return new double[][] {cx, cy, {ns}};
    }

    private static int check(List<Pair> pairs, float[][] dx, float[][] dy) {
        Objects.requireNonNull(pairs, "pairs");
        int np = pairs.size();
        if (np == 0 || dx.length != np || dy.length != np) {
            throw new IllegalArgumentException("need one row of x and y displacements per pair: " + np + " pairs, " + dx.length
                    + " and " + dy.length + " rows");
        }
        for (int p = 0; p < np; p++) {
            if (dx[p].length != dx[0].length || dy[p].length != dx[0].length) {
                throw new IllegalArgumentException("pair " + p + " holds " + dx[p].length + " / " + dy[p].length
                        + " pixels, pair 0 " + dx[0].length);
            }
        }
        return np;
    }

    /** Two-step solve of one pixel from {@code w.x, w.y, w.use}; velocities into {@code w.sx, w.sy, w.cnt}; returns gross errors removed. */
    private static int pixel(int[] a, int[] b, int[] dates, Settings s, Workspace w) {
        int np = a.length;
        // step 1: least absolute deviations by iteratively reweighted least squares (weights 1/|r|), so that a
        // gross error is not smeared over its neighbours' residuals before the test
        Arrays.fill(w.wt, 1);
        solveComponents(a, b, w);
        double delta = Math.max(0.05 * s.grossFloor(), 1e-6);
        for (int it = 0; it < IRLS_ROUNDS; it++) {
            for (int p = 0; p < np; p++) {
                if (w.use[p]) {
                    double r = Math.hypot(w.x[p] - (w.d[2 * b[p]] - w.d[2 * a[p]]), w.y[p] - (w.d[2 * b[p] + 1] - w.d[2 * a[p] + 1]));
                    w.wt[p] = 1 / Math.max(r, delta);
                }
            }
            solveComponents(a, b, w);
        }
        // gross errors: |r| > max(k · σ, floor) in x or y, σ = 1.4826 · median |r| over the pairs used. The L1 fit
        // passes exactly through as many pairs as it has unknowns, so σ is biased low: the floor (an a-priori
        // bound on the offsets' noise, metres) is the working threshold on well-connected networks, k · σ on
        // noisy ones
        int mx = 0;
        for (int p = 0; p < np; p++) {
            if (w.use[p]) {
                w.rx[mx] = Math.abs(w.x[p] - (w.d[2 * b[p]] - w.d[2 * a[p]]));
                w.ry[mx] = Math.abs(w.y[p] - (w.d[2 * b[p] + 1] - w.d[2 * a[p] + 1]));
                mx++;
            }
        }
        int removed = 0;
        if (mx > 0) {
            double tx = Math.max(s.grossK() * 1.4826 * median(w.rx, mx), s.grossFloor());
            double ty = Math.max(s.grossK() * 1.4826 * median(w.ry, mx), s.grossFloor());
            for (int p = 0; p < np; p++) {
                if (w.use[p] && (Math.abs(w.x[p] - (w.d[2 * b[p]] - w.d[2 * a[p]])) > tx
                        || Math.abs(w.y[p] - (w.d[2 * b[p] + 1] - w.d[2 * a[p] + 1])) > ty)) {
                    w.use[p] = false;
                    removed++;
                }
            }
        }
        // step 2: least squares on the pairs kept, per (rebuilt) connected component
        Arrays.fill(w.wt, 1);
        solveComponents(a, b, w);
        // velocities on the elementary intervals
        int nt = dates.length;
        Arrays.fill(w.sx, 0);
        Arrays.fill(w.sy, 0);
        Arrays.fill(w.cnt, 0);
        for (int i = 0; i < nt; i++) {
            if (w.comp[i] < 0 || w.next[i] < 0) {
                continue;
            }
            int j = w.next[i];
            double dt = dates[j] - dates[i];
            double vx = (w.d[2 * j] - w.d[2 * i]) / dt, vy = (w.d[2 * j + 1] - w.d[2 * i + 1]) / dt;
            for (int k = i; k < j; k++) {
                w.sx[k] += vx;
                w.sy[k] += vy;
                w.cnt[k]++;
            }
        }
        return removed;
    }

    /**
     * Connected components of the dates over the used pairs; least squares per component with its first
     * date fixed at 0. Fills {@code w.d} (x, y per date), {@code w.comp} (root or −1 for dates in no used
     * pair) and {@code w.next} (the next date of the same component or −1).
     */
    private static void solveComponents(int[] a, int[] b, Workspace w) {
        int nt = w.comp.length, np = a.length;
        for (int i = 0; i < nt; i++) {
            w.parent[i] = i;
            w.comp[i] = -1;
            w.next[i] = -1;
        }
        for (int p = 0; p < np; p++) {
            if (w.use[p]) {
                int ra = find(w.parent, a[p]), rb = find(w.parent, b[p]);
                if (ra != rb) {
                    w.parent[Math.max(ra, rb)] = Math.min(ra, rb);
                }
                w.comp[a[p]] = 0;
                w.comp[b[p]] = 0;
            }
        }
        int[] last = w.tmpIdx; // last date seen per root
        Arrays.fill(last, -1);
        for (int i = 0; i < nt; i++) {
            if (w.comp[i] < 0) {
                continue;
            }
            int r = find(w.parent, i);
            w.comp[i] = r;
            if (last[r] >= 0) {
                w.next[last[r]] = i;
            }
            last[r] = i;
        }
        Arrays.fill(w.d, 0);
        for (int r = 0; r < nt; r++) {
            if (w.comp[r] != r) {
                continue; // r is the first (smallest) date of its component: the root
            }
            // unknowns: the component's dates after r, numbered in date order
            int m = 0;
            for (int i = w.next[r]; i >= 0; i = w.next[i]) {
                w.col[i] = m++;
            }
            if (m == 0) {
                continue;
            }
            double[] nm = w.normal, rhs = w.rhs;
            Arrays.fill(nm, 0, m * m, 0);
            Arrays.fill(rhs, 0, 2 * m, 0);
            for (int p = 0; p < np; p++) {
                if (!w.use[p] || w.comp[a[p]] != r) {
                    continue;
                }
                // row: +1 at D(t₂), −1 at D(t₁); D(root) = 0 is not an unknown
                int ca = a[p] == r ? -1 : w.col[a[p]], cb = b[p] == r ? -1 : w.col[b[p]];
                double q = w.wt[p];
                if (cb >= 0) {
                    nm[cb * m + cb] += q;
                    rhs[2 * cb] += q * w.x[p];
                    rhs[2 * cb + 1] += q * w.y[p];
                }
                if (ca >= 0) {
                    nm[ca * m + ca] += q;
                    rhs[2 * ca] -= q * w.x[p];
                    rhs[2 * ca + 1] -= q * w.y[p];
                }
                if (ca >= 0 && cb >= 0) {
                    nm[ca * m + cb] -= q;
                    nm[cb * m + ca] -= q;
                }
            }
            cholesky(nm, m, rhs);
            for (int i = w.next[r]; i >= 0; i = w.next[i]) {
                w.d[2 * i] = rhs[2 * w.col[i]];
                w.d[2 * i + 1] = rhs[2 * w.col[i] + 1];
            }
        }
    }

    /**
     * Solves N·X = R in place (N m × m symmetric positive definite, R m × 2 interleaved) with the project's
     * Cholesky ({@link CholeskyKernel}, pivots accepted when &gt; 0).
     */
    static void cholesky(double[] nm, int m, double[] r) {
        if (!CholeskyKernel.decompose(nm, m, 0)) {
            throw new IllegalStateException("normal matrix of a connected component not positive definite");
        }
        double[] col = new double[m];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < m; i++) {
                col[i] = r[2 * i + c];
            }
            CholeskyKernel.solve(nm, m, col);
            for (int i = 0; i < m; i++) {
                r[2 * i + c] = col[i];
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Median of v[0 … m), reordering v. */
    static double median(double[] v, int m) {
        return Medians.sortInPlace(v, m);
    }

    /** Mutable per-thread workspace; never shared. */
    private static final class Workspace {
        final double[] x, y, rx, ry, tmp, d, normal, rhs, sx, sy, wt;
        final boolean[] use;
        final int[] parent, comp, next, col, tmpIdx, cnt;

        Workspace(int np, int nt) {
            x = new double[np];
            y = new double[np];
            rx = new double[np];
            ry = new double[np];
            tmp = new double[np];
            wt = new double[np];
            use = new boolean[np];
            d = new double[2 * nt];
            normal = new double[nt * nt];
            rhs = new double[2 * nt];
            parent = new int[nt];
            comp = new int[nt];
            next = new int[nt];
            col = new int[nt];
            tmpIdx = new int[nt];
            sx = new double[nt];
            sy = new double[nt];
            cnt = new int[nt];
        }
    }
}

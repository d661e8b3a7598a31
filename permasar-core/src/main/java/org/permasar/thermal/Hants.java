package org.permasar.thermal;

import java.util.Arrays;
import org.permasar.linalg.CholeskyKernel;

/**
 * HANTS, Harmonic ANalysis of Time Series (Roerink, Menenti &amp; Verhoef 2000): per pixel,
 * least-squares fit of {@code y(t) = a0 + Σ_k [a_k cos(2πkt/P) + b_k sin(2πkt/P)]} to the valid
 * observations, then iteratively reject the observation that deviates most from the curve (on the
 * configured side) while that deviation exceeds the fit error tolerance and more than
 * {@code 2·frequencies + 1 + DOD} points remain; refit after each rejection.
 *
 * <p>Layout: {@code values[obs*npix + pixel]} (°C; NaN = missing); {@code timesDays[obs]} in days
 * from any origin. Outputs: the reconstructed curve at every time, and the filled series (accepted
 * observations kept, missing/rejected ones replaced by the curve). A pixel with too few valid points
 * gets NaN in both and status {@link #TOO_FEW_VALID}. Not thread-safe: one instance per thread.
 *
 * <p>Computation. Every number is that of the textbook loop (per pixel: AᵀA and Aᵀy of the valid
 * observations, AᵀA as that of all times less the invalid rows when those are the fewer; Cholesky solve
 * ({@link CholeskyKernel}); deviations at every accepted observation; reject the worst; downdate AᵀA and Aᵀy by
 * its row; solve again), bit for bit: each number is computed with the same operations in the same order. What
 * differs is the order in which pixels and observations are visited:
 * <ul>
 * <li>Pixels go in tiles. AᵀA, Aᵀy and the output curves are computed for a tile at once, date by date, in
 * loops over the tile's pixels; a row that does not count for a pixel is added times 0 (adding ±0 leaves a
 * sum unchanged), a downdated one times −1. Validity and the choice between observation and curve in the
 * filled series are computed without branches (cloud gaps are unpredictable).</li>
 * <li>The rejection loops of a tile's pixels run in lockstep: each round, every pixel still rejecting finds
 * and removes its worst observation, then the normal equations of all of them are solved together, the
 * Cholesky factorisations and substitutions running across pixels (one pixel at a time they are a chain of
 * dependent divisions and square roots).</li>
 * <li>The search for the worst observation does not evaluate the curve at every accepted observation each
 * round. It does so now and then (a <em>refresh</em>), and in between only at the <em>candidates</em>: the
 * observations whose deviation at the last refresh was within a margin of the fit error tolerance. With
 * coefficients c now and c₀ at the refresh, the curve has moved at any time by at most
 * {@code |Δa0| + Σ_k √(Δa_k² + Δb_k²)} (a harmonic contributes {@code cos·Δa + sin·Δb}), so an observation
 * that is not a candidate cannot exceed the tolerance while that bound, plus an allowance for rounding, stays
 * below the margin; once it does not, the search is a refresh. The deviations looked at are computed as in a
 * full pass, so the same observation is rejected.</li>
 * </ul>
 * A curve value is {@code Σ_j basis_j·coef_j} summed from 0 in the order of j; the sums run over p rounded up to
 * a multiple of 4 with zero basis and coefficients beyond p (adding +0 leaves a sum that started from +0
 * unchanged), four terms per pass.
 */
public final class Hants {

    /** Status: solved. */
    public static final byte OK = 0;
    /** Status: fewer valid observations than 2·frequencies + 1 + DOD. */
    public static final byte TOO_FEW_VALID = 1;

    /** Margin below the fit error tolerance of the candidates of a refresh, as a share of the tolerance. */
    private static final double CANDIDATE_MARGIN = 0.5;
    private static final int LOW = 0;
    private static final int HIGH = 1;
    private static final int BOTH = 2;

    private final HantsParameters par;
    private final int n;
    private final int p;
    /** p rounded up to a multiple of 4 (curve sums, four terms per pass). */
    private final int pp;
    /** Entries of a packed lower triangle of p×p, {@code idx(j,k) = j(j+1)/2 + k} for k ≤ j. */
    private final int tri;
    private final int tile;
    private final int rule;
    private final boolean rejecting;
    private final int minKeep;
    private final double fet;
    /** Deviation threshold of the candidates of a refresh. */
    private final double candidateThreshold;
    /** Largest curve movement bound under which the candidates of the last refresh are enough. */
    private final double movementAllowed;
    /**
     * Validity as integer keys of the float observations ({@link #sortKey}): valid when {@code kLo ≤ key ≤ kHi},
     * as {@code validLow ≤ y ≤ validHigh} for y the observation in double; NaN keys lie outside.
     */
    private final int kLo;
    private final int kHi;
    /** Bound on the magnitude of a valid observation (rounding allowance of the candidates). */
    private final double yAbsMax;
    /** Basis row by row, {@code [i*pp + j]}, and by columns, {@code cols[j][i]}; zero for j ≥ p. */
    private final double[] basis;
    private final double[][] cols;
    /** AᵀA over every observation time, packed lower triangle. */
    private final double[] allNormal;

    // per pixel of the tile (index in the tile)
    /** Observations by pixel then time, NaN where not (or no longer) accepted. */
    private final double[][] y;
    private final int[] nValid;
    private final int[] iter;
    private final boolean[] mustRefresh;
    private final double[][] refCoef;
    /** Candidates of the last refresh: time index, basis columns ({@code [j][k]}), observation (NaN once rejected). */
    private final int[][] candIndex;
    private final double[][][] candCols;
    private final double[][] candY;
    private final int[] nCand;
    /** Final coefficients by coefficient then pixel of the tile; NaN for an unsolved pixel, 0 for j ≥ p. */
    private final double[][] coefOut;
    private final boolean[] solved;
    /** First AᵀA as that of all times less the invalid rows (1), else summed over the valid ones (0). */
    private final int[] down;

    // date-major over the tile's pixels
    /** Accepted observation (1, else 0), {@code [obs][pixel]}. */
    private final int[][] accepted;
    /** Row weights of the first AᵀA (+1 summed, −1 removed from AᵀA of all times, 0 not counted) and y or 0. */
    private final double[][] rowWeight;
    private final double[][] yOrZero;
    private final double[][] firstNormal;
    private final double[][] firstAty;

    // normal equations of the pixels still rejecting, by slot (0..active-1), packed triangle then slot
    private final double[][] normal;
    private final double[][] aty;
    private final double[][] coef;
    private final double[][] factor;
    private final boolean[] pivotFailed;
    private final int[] pixelOf;
    private int active;

    private final double[] cur;
    /** n zeros (the start of a curve sum: 0.0 + …). */
    private final double[] zeros;
    private final double[] products;
    /** Coefficients of the pixel being searched, zero beyond p. */
    private final double[] c;
    private final double[] out;
    /** Row references of {@link #subtractProducts}. */
    private final double[][] rowsA;
    private final double[][] rowsB;

    /** Fit result of one block; arrays are {@code [obs*npix + pixel]} except status and rejected. */
    public record Result(float[] reconstructed, float[] filled, byte[] status, int[] rejected) {
    }

    /**
     * @param params    settings
     * @param timesDays observation times (days), at least {@code params.unknowns()} of them
     */
    public Hants(HantsParameters params, double[] timesDays) {
        this.par = params;
        double[] t = timesDays.clone();
        this.n = t.length;
        this.p = params.unknowns();
        if (n < p) {
            throw new IllegalArgumentException("HANTS with " + params.frequencies() + " frequencies needs >= " + p
                    + " observation times, got " + n);
        }
        pp = (p + 3) & ~3;
        tri = p * (p + 1) / 2;
        tile = Math.max(8, Math.min(64, (1 << 16) / tri)) & ~7;
        rule = switch (params.rejection()) {
            case LOW -> LOW;
            case HIGH -> HIGH;
            case BOTH, NONE -> BOTH;        // NONE never searches
        };
        rejecting = params.rejection() != HantsParameters.Rejection.NONE;
        minKeep = p + params.overdetermination();
        fet = params.fitErrorTolerance();
        candidateThreshold = fet - CANDIDATE_MARGIN * fet;
        movementAllowed = (fet - candidateThreshold) * (1 - 1e-6);
        float lo = (float) params.validLow();
        if (lo < params.validLow()) {
            lo = Math.nextUp(lo);
        }
        float hi = (float) params.validHigh();
        if (hi > params.validHigh()) {
            hi = Math.nextDown(hi);
        }
        kLo = lo == 0 ? sortKey(-0.0f) : sortKey(lo);
        kHi = hi == 0 ? sortKey(0.0f) : sortKey(hi);
        yAbsMax = Math.min(Math.max(Math.abs(params.validLow()), Math.abs(params.validHigh())), Float.MAX_VALUE);
        basis = new double[n * pp];
        cols = new double[pp][n];
        for (int i = 0; i < n; i++) {
            int o = i * pp;
            basis[o] = 1;
            for (int k = 1; k <= params.frequencies(); k++) {
                double w = 2 * Math.PI * k * t[i] / params.basePeriodDays();
                basis[o + 2 * k - 1] = Math.cos(w);
                basis[o + 2 * k] = Math.sin(w);
            }
            for (int j = 0; j < p; j++) {
                cols[j][i] = basis[o + j];
            }
        }
        allNormal = new double[tri];
        for (int i = 0; i < n; i++) {
            int o = i * pp;
            for (int j = 0, jk = 0; j < p; j++) {
                double bj = basis[o + j];
                for (int k = 0; k <= j; k++, jk++) {
                    allNormal[jk] += bj * basis[o + k];
                }
            }
        }
        int tl = tile;
        y = new double[tl][n];
        nValid = new int[tl];
        iter = new int[tl];
        mustRefresh = new boolean[tl];
        refCoef = new double[tl][p];
        candIndex = new int[tl][0];
        candCols = new double[tl][pp][0];
        candY = new double[tl][0];
        nCand = new int[tl];
        coefOut = new double[pp][tl];
        solved = new boolean[tl];
        down = new int[tl];
        accepted = new int[n][tl];
        rowWeight = new double[n][tl];
        yOrZero = new double[n][tl];
        firstNormal = new double[tri][tl];
        firstAty = new double[p][tl];
        normal = new double[tri][tl];
        aty = new double[p][tl];
        coef = new double[p][tl];
        factor = new double[tri][tl];
        pivotFailed = new boolean[tl];
        pixelOf = new int[tl];
        cur = new double[n];
        zeros = new double[n];
        products = new double[tri];
        c = new double[pp];
        out = new double[tl];
        rowsA = new double[p][];
        rowsB = new double[p][];
    }

    /** Fills every pixel of a block. */
    public Result fill(float[] values, int npix) {
        if (values.length != n * npix) {
            throw new IllegalArgumentException("expected " + n + "×" + npix + " values, got " + values.length);
        }
        float[] rec = new float[n * npix];
        float[] filled = new float[n * npix];
        byte[] status = new byte[npix];
        int[] rejected = new int[npix];
        for (int q0 = 0; q0 < npix; q0 += tile) {
            int tn = Math.min(tile, npix - q0);
            load(values, npix, q0, tn);
            firstFit(tn);
            while (active > 0) {
                rejectRound(rejected, q0);
                solveActive();
                for (int s = active - 1; s >= 0; s--) {
                    int q = pixelOf[s];
                    if (pivotFailed[s]) {
                        finish(s, false);
                    } else if (!(iter[q] < par.maxIterations() && nValid[q] > minKeep)) {
                        finish(s, true);
                    }
                }
            }
            write(values, npix, q0, tn, rec, filled, status);
        }
        return new Result(rec, filled, status, rejected);
    }

    /**
     * Key of a float whose signed-integer order is the float order (−0 just below +0); NaN keys lie below
     * that of −∞ or above that of +∞.
     */
    private static int sortKey(float f) {
        int b = Float.floatToRawIntBits(f);
        return b ^ ((b >> 31) & 0x7fffffff);
    }

    /** Observations of the tile's pixels, validity, counts. */
    private void load(float[] values, int npix, int q0, int tn) {
        Arrays.fill(nValid, 0);
        Arrays.fill(iter, 0);
        int[] cnt = nValid;
        for (int i = 0; i < n; i++) {
            int b = i * npix + q0;
            int[] acc = accepted[i];
            double[] yz = yOrZero[i];
            for (int q = 0; q < tn; q++) {
                int bits = Float.floatToRawIntBits(values[b + q]);
                int key = bits ^ ((bits >> 31) & 0x7fffffff);
                int f = (int) (((((long) key - kLo) | ((long) kHi - key)) >>> 63) ^ 1);    // validLow ≤ y ≤ validHigh
                acc[q] = f;
                cnt[q] += f;
                yz[q] = Float.intBitsToFloat(bits & -f);                           // y, or +0
                y[q][i] = Float.intBitsToFloat((bits & -f) | (0x7fc00000 & (f - 1)));  // y, or NaN (+)
            }
        }
    }

    /**
     * AᵀA and Aᵀy of the valid observations of the tile's pixels, date by date over the pixels; the first
     * solve; the pixels that go on rejecting keep their slots.
     */
    private void firstFit(int tn) {
        for (int q = 0; q < tn; q++) {
            down[q] = n - nValid[q] < nValid[q] ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            int[] acc = accepted[i];
            double[] w = rowWeight[i];
            for (int q = 0; q < tn; q++) {
                w[q] = acc[q] - down[q];         // summed: 1 valid, 0 not; downdated: 0 valid, −1 not
            }
        }
        for (int jk = 0; jk < tri; jk++) {
            double[] m = firstNormal[jk];
            double a = allNormal[jk];
            for (int q = 0; q < tn; q++) {
                m[q] = down[q] == 1 ? a : 0.0;
            }
        }
        for (int j = 0; j < p; j++) {
            Arrays.fill(firstAty[j], 0, tn, 0.0);
        }
        double[] prod = products;
        for (int i = 0; i < n; i++) {
            int o = i * pp;
            for (int j = 0, jk = 0; j < p; j++) {
                double bj = basis[o + j];
                for (int k = 0; k <= j; k++, jk++) {
                    prod[jk] = bj * basis[o + k];
                }
            }
            // AᵀA += w·aᵢaᵢᵀ (w = −1: (−bj)·bk as a downdate; w = 0: ±0 added), four entries per pass
            double[] w = rowWeight[i];
            int jk = 0;
            for (; jk + 3 < tri; jk += 4) {
                double p0 = prod[jk], p1 = prod[jk + 1], p2 = prod[jk + 2], p3 = prod[jk + 3];
                double[] m0 = firstNormal[jk], m1 = firstNormal[jk + 1], m2 = firstNormal[jk + 2], m3 = firstNormal[jk + 3];
                for (int q = 0; q < tn; q++) {
                    double x = w[q];
                    m0[q] += p0 * x;
                    m1[q] += p1 * x;
                    m2[q] += p2 * x;
                    m3[q] += p3 * x;
                }
            }
            for (; jk < tri; jk++) {
                double p0 = prod[jk];
                double[] m0 = firstNormal[jk];
                for (int q = 0; q < tn; q++) {
                    m0[q] += p0 * w[q];
                }
            }
            // Aᵀy += aᵢ·y (+0 where not valid)
            double[] yz = yOrZero[i];
            int j = 0;
            for (; j + 3 < p; j += 4) {
                double b0 = basis[o + j], b1 = basis[o + j + 1], b2 = basis[o + j + 2], b3 = basis[o + j + 3];
                double[] a0 = firstAty[j], a1 = firstAty[j + 1], a2 = firstAty[j + 2], a3 = firstAty[j + 3];
                for (int q = 0; q < tn; q++) {
                    double x = yz[q];
                    a0[q] += b0 * x;
                    a1[q] += b1 * x;
                    a2[q] += b2 * x;
                    a3[q] += b3 * x;
                }
            }
            for (; j < p; j++) {
                double b0 = basis[o + j];
                double[] a0 = firstAty[j];
                for (int q = 0; q < tn; q++) {
                    a0[q] += b0 * yz[q];
                }
            }
        }
        active = 0;
        for (int q = 0; q < tn; q++) {
            solved[q] = false;
            if (nValid[q] >= minKeep) {
                int s = active++;
                pixelOf[s] = q;
                for (int jk = 0; jk < tri; jk++) {
                    normal[jk][s] = firstNormal[jk][q];
                }
                for (int j = 0; j < p; j++) {
                    aty[j][s] = firstAty[j][q];
                }
            }
        }
        solveActive();
        for (int s = active - 1; s >= 0; s--) {
            int q = pixelOf[s];
            mustRefresh[q] = true;
            if (pivotFailed[s]) {
                finish(s, false);
            } else if (!(rejecting && nValid[q] > minKeep && par.maxIterations() > 0)) {
                finish(s, true);
            }
        }
    }

    /** Each active pixel rejects its worst observation, or finishes when none exceeds the tolerance. */
    private void rejectRound(int[] rejected, int q0) {
        for (int s = active - 1; s >= 0; s--) {
            int q = pixelOf[s];
            for (int j = 0; j < p; j++) {
                c[j] = coef[j][s];
            }
            boolean refresh = mustRefresh[q] || !(movementBound(refCoef[q]) <= movementAllowed);
            mustRefresh[q] = false;
            int k = refresh ? searchAll(q) : searchCandidates(q);
            if (k < 0) {
                finish(s, true);                        // every accepted point within FET
                continue;
            }
            int worst = candIndex[q][k];
            candY[q][k] = Double.NaN;
            double yi = y[q][worst];
            y[q][worst] = Double.NaN;
            accepted[worst][q] = 0;
            nValid[q]--;
            rejected[q0 + q]++;
            iter[q]++;
            // downdate AᵀA and Aᵀy by the rejected row
            int o = worst * pp;
            for (int j = 0, jk = 0; j < p; j++) {
                double bj = -1.0 * basis[o + j];
                for (int kk = 0; kk <= j; kk++, jk++) {
                    normal[jk][s] += bj * basis[o + kk];
                }
                aty[j][s] -= basis[o + j] * yi;
            }
        }
    }

    /** Ends the rejections of the pixel in slot s; its slot goes to the last active one. */
    private void finish(int s, boolean ok) {
        int q = pixelOf[s];
        solved[q] = ok;
        for (int j = 0; j < p; j++) {
            coefOut[j][q] = coef[j][s];
        }
        int last = --active;
        if (s != last) {
            pixelOf[s] = pixelOf[last];
            pivotFailed[s] = pivotFailed[last];
            for (int jk = 0; jk < tri; jk++) {
                normal[jk][s] = normal[jk][last];
            }
            for (int j = 0; j < p; j++) {
                aty[j][s] = aty[j][last];
                coef[j][s] = coef[j][last];
            }
        }
    }

    /**
     * Bound on how far the curve of the coefficients {@link #c} can lie from that of {@code ref} at any time,
     * plus an allowance for the rounding of the two curve evaluations and deviations (whose errors are below
     * 1e-14 of the coefficient and observation magnitudes).
     */
    private double movementBound(double[] ref) {
        double b = Math.abs(c[0] - ref[0]);
        double loose = b;
        double size = Math.abs(c[0]) + Math.abs(ref[0]);
        for (int j = 1; j + 1 < p; j += 2) {
            double dc = Math.abs(c[j] - ref[j]);
            double ds = Math.abs(c[j + 1] - ref[j + 1]);
            loose += dc + ds;
            size += Math.abs(c[j]) + Math.abs(ref[j]) + Math.abs(c[j + 1]) + Math.abs(ref[j + 1]);
        }
        double allowance = 1e-12 * (size + yAbsMax);
        if (loose * (1 + 1e-9) + allowance <= movementAllowed) {
            return loose * (1 + 1e-9) + allowance;     // |Δa| + |Δb| ≥ √(Δa² + Δb²): no square roots needed
        }
        for (int j = 1; j + 1 < p; j += 2) {
            double dc = c[j] - ref[j];
            double ds = c[j + 1] - ref[j + 1];
            b += Math.sqrt(dc * dc + ds * ds);
        }
        return b * (1 + 1e-9) + allowance;
    }

    /**
     * Deviations {@code dev[k]} of observations {@code obs[k]} from the curve of {@link #c}, k &lt; m, the curve
     * being {@code Σ_j columns[j][k]·c[j]} summed from 0 in the order of j (over pp terms, zero beyond p), four
     * terms per pass, the deviation taken in the last pass. LOW: {@code curve − obs}, which is
     * {@code −(obs − curve)} exactly. NaN for a NaN observation.
     */
    private void deviations(double[][] columns, double[] obs, int m, double[] dev) {
        for (int j = 0; j < pp; j += 4) {
            double c0 = c[j], c1 = c[j + 1], c2 = c[j + 2], c3 = c[j + 3];
            double[] a0 = columns[j], a1 = columns[j + 1], a2 = columns[j + 2], a3 = columns[j + 3];
            boolean first = j == 0;
            if (j + 4 < pp) {
                if (first) {
                    for (int k = 0; k < m; k++) {
                        dev[k] = 0.0 + a0[k] * c0 + a1[k] * c1 + a2[k] * c2 + a3[k] * c3;
                    }
                } else {
                    for (int k = 0; k < m; k++) {
                        dev[k] = dev[k] + a0[k] * c0 + a1[k] * c1 + a2[k] * c2 + a3[k] * c3;
                    }
                }
                continue;
            }
            double[] start = first ? zeros : dev;     // the last pass: curve, then the deviation
            switch (rule) {
                case LOW -> {
                    for (int k = 0; k < m; k++) {
                        dev[k] = (start[k] + a0[k] * c0 + a1[k] * c1 + a2[k] * c2 + a3[k] * c3) - obs[k];
                    }
                }
                case HIGH -> {
                    for (int k = 0; k < m; k++) {
                        dev[k] = obs[k] - (start[k] + a0[k] * c0 + a1[k] * c1 + a2[k] * c2 + a3[k] * c3);
                    }
                }
                default -> {
                    for (int k = 0; k < m; k++) {
                        dev[k] = Math.abs(obs[k] - (start[k] + a0[k] * c0 + a1[k] * c1 + a2[k] * c2 + a3[k] * c3));
                    }
                }
            }
        }
    }

    /**
     * Deviations of pixel q at every accepted observation: the worst above the tolerance, and the new candidates.
     *
     * @return the candidate slot of the worst observation, −1 when none exceeds the tolerance
     */
    private int searchAll(int q) {
        double[] yq = y[q];
        double[] dev = cur;
        deviations(cols, yq, n, dev);
        System.arraycopy(c, 0, refCoef[q], 0, p);
        int[] cand = candIndex[q];
        if (cand.length < n) {
            cand = new int[n];
            candIndex[q] = cand;
        }
        int m = 0;
        double thr = candidateThreshold;
        for (int i = 0; i < n; i++) {
            cand[m] = i;
            // dev > thr, without a branch: the sign of thr − dev (NaN for an observation not accepted, whose
            // sign bit is clear: an accepted y is finite and a NaN y is the canonical one)
            m += (int) (Double.doubleToRawLongBits(thr - dev[i]) >>> 63);
        }
        nCand[q] = m;
        int worst = -1;
        double worstDev = fet;
        for (int k = 0; k < m; k++) {
            double d = dev[cand[k]];
            if (d > worstDev) {
                worstDev = d;
                worst = k;
            }
        }
        if (candY[q].length < m) {
            int cap = Math.min(n, Math.max(64, 2 * m));
            candY[q] = new double[cap];
            for (int j = 0; j < pp; j++) {
                candCols[q][j] = new double[cap];
            }
        }
        double[] cy = candY[q];
        double[][] cc = candCols[q];
        for (int k = 0; k < m; k++) {
            cy[k] = yq[cand[k]];
        }
        for (int j = 0; j < p; j++) {
            double[] src = cols[j];
            double[] dst = cc[j];
            for (int k = 0; k < m; k++) {
                dst[k] = src[cand[k]];
            }
        }
        return worst;
    }

    /** As {@link #searchAll} over the candidates of the last refresh only. */
    private int searchCandidates(int q) {
        int m = nCand[q];
        double[] dev = cur;
        deviations(candCols[q], candY[q], m, dev);     // NaN once rejected
        int worst = -1;
        double worstDev = fet;
        for (int k = 0; k < m; k++) {
            if (dev[k] > worstDev) {
                worstDev = dev[k];
                worst = k;
            }
        }
        return worst;
    }

    /**
     * Solves the normal equations of the active slots, {@link CholeskyKernel#decompose} and
     * {@link CholeskyKernel#solve} operation by operation, across the slots; coefficients to {@link #coef},
     * a rejected pivot to {@link #pivotFailed}.
     */
    private void solveActive() {
        if (active == 0) {
            return;
        }
        int a = (active + 7) & ~7;           // whole vectors: lanes beyond the active ones compute garbage, unread
        double[] s = out;
        double[][] xs = rowsA;
        double[][] ys = rowsB;
        for (int jk = 0; jk < tri; jk++) {
            System.arraycopy(normal[jk], 0, factor[jk], 0, a);
        }
        Arrays.fill(pivotFailed, 0, a, false);
        for (int j = 0; j < p; j++) {
            int jb = j * (j + 1) / 2;
            double[] ljj = factor[jb + j];
            System.arraycopy(ljj, 0, s, 0, a);
            for (int k = 0; k < j; k++) {
                xs[k] = factor[jb + k];
            }
            subtractProducts(s, xs, xs, j, a);          // N_jj − Σ_k L_jk²
            for (int l = 0; l < a; l++) {
                if (!CholeskyKernel.acceptsPivot(s[l], ljj[l], CholeskyKernel.DEFAULT_REL_TOL)) {
                    pivotFailed[l] = true;
                }
            }
            for (int l = 0; l < a; l++) {
                ljj[l] = Math.sqrt(s[l]);
            }
            for (int i = j + 1; i < p; i++) {
                int ib = i * (i + 1) / 2;
                double[] lij = factor[ib + j];
                for (int k = 0; k < j; k++) {
                    ys[k] = factor[ib + k];
                }
                subtractProducts(lij, ys, xs, j, a);    // N_ij − Σ_k L_ik·L_jk
                for (int l = 0; l < a; l++) {
                    lij[l] = lij[l] / ljj[l];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            int ib = i * (i + 1) / 2;
            double[] x = coef[i];
            System.arraycopy(aty[i], 0, x, 0, a);
            for (int k = 0; k < i; k++) {
                xs[k] = factor[ib + k];
                ys[k] = coef[k];
            }
            subtractProducts(x, xs, ys, i, a);
            double[] lii = factor[ib + i];
            for (int l = 0; l < a; l++) {
                x[l] = x[l] / lii[l];
            }
        }
        for (int i = p - 1; i >= 0; i--) {
            double[] x = coef[i];
            int cnt = 0;
            for (int k = i + 1; k < p; k++, cnt++) {
                xs[cnt] = factor[k * (k + 1) / 2 + i];
                ys[cnt] = coef[k];
            }
            subtractProducts(x, xs, ys, cnt, a);
            double[] lii = factor[i * (i + 1) / 2 + i];
            for (int l = 0; l < a; l++) {
                x[l] = x[l] / lii[l];
            }
        }
    }

    /** {@code t[l] −= xs[k][l]·ys[k][l]} for k = 0 … cnt−1 in that order, l &lt; a; four k per pass. */
    private static void subtractProducts(double[] t, double[][] xs, double[][] ys, int cnt, int a) {
        int k = 0;
        for (; k + 3 < cnt; k += 4) {
            double[] x0 = xs[k], x1 = xs[k + 1], x2 = xs[k + 2], x3 = xs[k + 3];
            double[] y0 = ys[k], y1 = ys[k + 1], y2 = ys[k + 2], y3 = ys[k + 3];
            for (int l = 0; l < a; l++) {
                t[l] = t[l] - x0[l] * y0[l] - x1[l] * y1[l] - x2[l] * y2[l] - x3[l] * y3[l];
            }
        }
        for (; k + 1 < cnt; k += 2) {
            double[] x0 = xs[k], x1 = xs[k + 1];
            double[] y0 = ys[k], y1 = ys[k + 1];
            for (int l = 0; l < a; l++) {
                t[l] = t[l] - x0[l] * y0[l] - x1[l] * y1[l];
            }
        }
        if (k < cnt) {
            double[] x0 = xs[k];
            double[] y0 = ys[k];
            for (int l = 0; l < a; l++) {
                t[l] = t[l] - x0[l] * y0[l];
            }
        }
    }

    /** Reconstructed and filled series of the tile's pixels, date by date; status. */
    private void write(float[] values, int npix, int q0, int tn, float[] rec, float[] filled, byte[] status) {
        for (int q = 0; q < tn; q++) {
            if (!solved[q]) {
                status[q0 + q] = TOO_FEW_VALID;
                for (int j = 0; j < p; j++) {
                    coefOut[j][q] = Double.NaN;
                }
            }
        }
        double[] s = out;
        for (int i = 0; i < n; i++) {
            int o = i * pp;
            for (int j = 0; j < pp; j += 4) {
                double b0 = basis[o + j], b1 = basis[o + j + 1], b2 = basis[o + j + 2], b3 = basis[o + j + 3];
                double[] c0 = coefOut[j], c1 = coefOut[j + 1], c2 = coefOut[j + 2], c3 = coefOut[j + 3];
                if (j == 0) {
                    for (int q = 0; q < tn; q++) {
                        s[q] = 0.0 + b0 * c0[q] + b1 * c1[q] + b2 * c2[q] + b3 * c3[q];
                    }
                } else {
                    for (int q = 0; q < tn; q++) {
                        s[q] = s[q] + b0 * c0[q] + b1 * c1[q] + b2 * c2[q] + b3 * c3[q];
                    }
                }
            }
            int b = i * npix + q0;
            int[] acc = accepted[i];
            for (int q = 0; q < tn; q++) {
                float cv = (float) s[q];
                rec[b + q] = cv;
                int f = acc[q];                          // accepted: the observation, else the curve
                int bits = (Float.floatToRawIntBits(values[b + q]) & -f) | (Float.floatToRawIntBits(cv) & (f - 1));
                filled[b + q] = Float.intBitsToFloat(bits);
            }
        }
        for (int q = 0; q < tn; q++) {
            if (!solved[q]) {
                for (int i = 0; i < n; i++) {
                    rec[i * npix + q0 + q] = Float.NaN;
                    filled[i * npix + q0 + q] = Float.NaN;
                }
            }
        }
    }
}

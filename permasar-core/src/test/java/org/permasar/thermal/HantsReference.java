package org.permasar.thermal;

import java.util.Arrays;
import org.permasar.linalg.CholeskyKernel;

/**
 * The HANTS implementation before the tiled / bounded rewrite of {@link Hants}, kept verbatim (class name aside) as
 * the reference of {@code HantsParityTest} and of the timings. Its original documentation follows.
 *
 * <p>HANTS, Harmonic ANalysis of Time Series (Roerink, Menenti &amp; Verhoef 2000): per pixel,
 * least-squares fit of {@code y(t) = a0 + Σ_k [a_k cos(2πkt/P) + b_k sin(2πkt/P)]} to the valid
 * observations, then iteratively reject the observation that deviates most from the curve (on the
 * configured side) while that deviation exceeds the fit error tolerance and more than
 * {@code 2·frequencies + 1 + DOD} points remain; refit after each rejection.
 *
 * <p>Layout: {@code values[obs*npix + pixel]} (°C; NaN = missing); {@code timesDays[obs]} in days
 * from any origin. Outputs: the reconstructed curve at every time, and the filled series (accepted
 * observations kept, missing/rejected ones replaced by the curve). A pixel with too few valid points
 * gets NaN in both and status {@link #TOO_FEW_VALID}. Not thread-safe: one instance per thread.
 */
public final class HantsReference {

    /** Status: solved. */
    public static final byte OK = Hants.OK;
    /** Status: fewer valid observations than 2·frequencies + 1 + DOD. */
    public static final byte TOO_FEW_VALID = Hants.TOO_FEW_VALID;

    private final HantsParameters par;
    private final double[] t;
    private final int n;
    private final int p;
    private final double[] basis;   // n×p
    private final double[] ws;
    private final double[] rhs;
    private final double[] y;
    private final boolean[] ok;
    /** AᵀA over every observation time (lower triangle), from which a pixel's rows are removed. */
    private final double[] allNormal;
    /** AᵀA and Aᵀy over the accepted observations of the current pixel (lower triangle of the matrix). */
    private final double[] normal;
    private final double[] aty;

    /** Fit result of one block; arrays are {@code [obs*npix + pixel]} except status and rejected. */
    public record Result(float[] reconstructed, float[] filled, byte[] status, int[] rejected) {
    }

    /**
     * @param params    settings
     * @param timesDays observation times (days), at least {@code params.unknowns()} of them
     */
    public HantsReference(HantsParameters params, double[] timesDays) {
        this.par = params;
        this.t = timesDays.clone();
        this.n = t.length;
        this.p = params.unknowns();
        if (n < p) {
            throw new IllegalArgumentException("HANTS with " + params.frequencies() + " frequencies needs >= " + p
                    + " observation times, got " + n);
        }
        basis = new double[n * p];
        for (int i = 0; i < n; i++) {
            basis[i * p] = 1;
            for (int k = 1; k <= params.frequencies(); k++) {
                double w = 2 * Math.PI * k * t[i] / params.basePeriodDays();
                basis[i * p + 2 * k - 1] = Math.cos(w);
                basis[i * p + 2 * k] = Math.sin(w);
            }
        }
        ws = new double[p * p];
        rhs = new double[p];
        y = new double[n];
        ok = new boolean[n];
        normal = new double[p * p];
        aty = new double[p];
        allNormal = new double[p * p];
        for (int i = 0; i < n; i++) {
            addRow(allNormal, i, 1);
        }
    }

    /** Adds {@code sign}·aᵢaᵢᵀ to the lower triangle of {@code m}. */
    private void addRow(double[] m, int i, double sign) {
        int o = i * p;
        for (int j = 0; j < p; j++) {
            double bj = sign * basis[o + j];
            for (int k = 0; k <= j; k++) {
                m[j * p + k] += bj * basis[o + k];
            }
        }
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
        int minKeep = p + par.overdetermination();
        for (int q = 0; q < npix; q++) {
            int nValid = 0;
            for (int i = 0; i < n; i++) {
                y[i] = values[i * npix + q];
                ok[i] = y[i] >= par.validLow() && y[i] <= par.validHigh();   // NaN fails both
                nValid += ok[i] ? 1 : 0;
            }
            boolean solved = nValid >= minKeep && fitFirst(nValid);
            int iter = 0;
            while (solved && iter < par.maxIterations() && nValid > minKeep && par.rejection() != HantsParameters.Rejection.NONE) {
                int worst = -1;
                double worstDev = par.fitErrorTolerance();
                for (int i = 0; i < n; i++) {
                    if (!ok[i]) {
                        continue;
                    }
                    double dev = deviation(y[i] - curve(i));
                    if (dev > worstDev) {
                        worstDev = dev;
                        worst = i;
                    }
                }
                if (worst < 0) {
                    break;                          // every accepted point within FET
                }
                ok[worst] = false;
                nValid--;
                rejected[q]++;
                removeRow(worst);                   // downdate AᵀA and Aᵀy by the rejected row, then solve
                solved = solve();
                iter++;
            }
            if (!solved) {
                status[q] = TOO_FEW_VALID;
                for (int i = 0; i < n; i++) {
                    rec[i * npix + q] = Float.NaN;
                    filled[i * npix + q] = Float.NaN;
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                float c = (float) curve(i);
                rec[i * npix + q] = c;
                filled[i * npix + q] = ok[i] ? (float) y[i] : c;
            }
        }
        return new Result(rec, filled, status, rejected);
    }

    /** Signed deviation as seen by the rejection rule (observation − curve). */
    private double deviation(double r) {
        return switch (par.rejection()) {
            case LOW -> -r;        // observation below the curve (e.g. cloud-cooled LST)
            case HIGH -> r;
            case BOTH -> Math.abs(r);
            case NONE -> Double.NEGATIVE_INFINITY;
        };
    }

    /** Value of the current coefficients (in {@link #rhs}) at observation i. */
    private double curve(int i) {
        double s = 0;
        int o = i * p;
        for (int j = 0; j < p; j++) {
            s += basis[o + j] * rhs[j];
        }
        return s;
    }

    /**
     * Least squares on the accepted points of a new pixel; coefficients left in {@link #rhs}. AᵀA is that
     * of all times less the rows not accepted when those are the fewer, else summed over the accepted ones.
     */
    private boolean fitFirst(int nValid) {
        Arrays.fill(aty, 0.0);
        if (n - nValid < nValid) {
            System.arraycopy(allNormal, 0, normal, 0, p * p);
            for (int i = 0; i < n; i++) {
                if (!ok[i]) {
                    addRow(normal, i, -1);
                }
            }
        } else {
            Arrays.fill(normal, 0.0);
            for (int i = 0; i < n; i++) {
                if (ok[i]) {
                    addRow(normal, i, 1);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (ok[i]) {
                int o = i * p;
                for (int j = 0; j < p; j++) {
                    aty[j] += basis[o + j] * y[i];
                }
            }
        }
        return solve();
    }

    /** Removes observation i from AᵀA and Aᵀy. */
    private void removeRow(int i) {
        addRow(normal, i, -1);
        int o = i * p;
        for (int j = 0; j < p; j++) {
            aty[j] -= basis[o + j] * y[i];
        }
    }

    /** Solves the current normal equations (Cholesky); coefficients left in {@link #rhs}. */
    private boolean solve() {
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                ws[j * p + k] = normal[j * p + k];
                ws[k * p + j] = normal[j * p + k];
            }
        }
        System.arraycopy(aty, 0, rhs, 0, p);
        if (!CholeskyKernel.decompose(ws, p)) {
            return false;
        }
        CholeskyKernel.solve(ws, p, rhs);
        return true;
    }
}

package org.permasar.backscatter;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.permasar.backscatter.IncidenceSlopeModel.Term;

/**
 * Incidence-angle normalisation of σ⁰ (dB) from near-simultaneous ascending and descending images
 * (Chen, Li, Chen, Ju &amp; Cheng 2022, "Incidence Angle Normalization of Dual-Polarized Sentinel-1
 * Backscatter Data on Greenland Ice Sheet", Remote Sensing 14(21) 5534; seed 004). Over a surface that
 * did not change between the two passes (within a day), the difference of the backscatter is linear in the
 * difference of the incidence angles:
 * <pre>  σ⁰_a − σ⁰_d = dσ⁰/dθ · (θ_a − θ_d) + r   [dB]</pre>
 * with the slope dσ⁰/dθ depending on the surface, modelled by {@link IncidenceSlopeModel} as a linear
 * function of x, y (lon, lat), height and an annual harmonic of the day of year. The β's (and, with
 * {@link NormalizationParameters#pairOffsets}, one constant r̄ per pair: a calibration or surface change
 * between the passes) are found by linear least squares over every pixel of every pair where all inputs
 * are finite: the design row is (Δθ·f₁, …, Δθ·f_m, e_pair). Then every image is brought to one angle θ_ref:
 * <pre>  σ⁰(θ_ref) = σ⁰ − dσ⁰/dθ · (θ − θ_ref)</pre>
 * Fit each polarisation (HH, HV) on its own: the slopes differ.
 *
 * <p>Terms: CONSTANT always; X, Y when they vary over the observations; HEIGHT when heights are given
 * and vary; COS_DOY, SIN_DOY when {@link NormalizationParameters#seasonal} and the pairs fall on at least
 * three distinct days of year (fewer cannot separate an annual harmonic from the constant).
 *
 * <p>NaN policy: a pixel with any NaN input is left out of the fit and is NaN in the normalised image.
 * Stateless and thread-safe.
 */
public final class IncidenceNormalization {
    private IncidenceNormalization() {
    }

    /**
     * One ascending / descending pair on one grid (arrays of equal length, row-major pixels; shared, not
     * copied).
     *
     * @param sigmaAsc  σ⁰ of the ascending pass, dB
     * @param thetaAsc  its local incidence angle, degrees
     * @param sigmaDesc σ⁰ of the descending pass, dB
     * @param thetaDesc its incidence angle, degrees
     * @param x         map x per pixel (longitude, degrees, on a geographic grid)
     * @param y         map y per pixel (latitude)
     * @param height    height per pixel, metres, or null
     * @param dayOfYear day of year of the pair, 1 … 366
     */
    public record Pair(float[] sigmaAsc, float[] thetaAsc, float[] sigmaDesc, float[] thetaDesc, float[] x, float[] y,
                       float[] height, int dayOfYear) {
        public Pair {
            int n = sigmaAsc.length;
            if (thetaAsc.length != n || sigmaDesc.length != n || thetaDesc.length != n || x.length != n || y.length != n
                    || (height != null && height.length != n)) {
                throw new IllegalArgumentException("all arrays of a pair must hold " + n + " pixels");
            }
            if (dayOfYear < 1 || dayOfYear > 366) {
                throw new IllegalArgumentException("day of year must be in 1 … 366, got " + dayOfYear);
            }
        }

        boolean valid(int k) {
            return Float.isFinite(sigmaAsc[k]) && Float.isFinite(sigmaDesc[k]) && Float.isFinite(thetaAsc[k])
                    && Float.isFinite(thetaDesc[k]) && Float.isFinite(x[k]) && Float.isFinite(y[k])
                    && (height == null || Float.isFinite(height[k]));
        }
    }

    /**
     * Fits the slope model to the pairs by least squares.
     *
     * @throws IllegalArgumentException when there are no pairs, too few valid pixels, or the system is
     *                                  singular (e.g. θ_a − θ_d constant while pair offsets are fitted)
     */
    public static IncidenceSlopeModel fit(List<Pair> pairs, NormalizationParameters p) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("need at least one ascending/descending pair");
        }
        // pass 1: means and spreads of the regressors over the valid pixels
        double sx = 0, sy = 0, sh = 0, sxx = 0, syy = 0, shh = 0;
        long n = 0;
        boolean heights = true;
        java.util.Set<Integer> days = new java.util.TreeSet<>();
        for (Pair q : pairs) {
            heights &= q.height() != null;
            for (int k = 0; k < q.sigmaAsc().length; k++) {
                if (q.valid(k)) {
                    double x = q.x()[k], y = q.y()[k], h = q.height() == null ? 0 : q.height()[k];
                    sx += x;
                    sy += y;
                    sh += h;
                    sxx += x * x;
                    syy += y * y;
                    shh += h * h;
                    n++;
                    days.add(q.dayOfYear());
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no pixel has finite σ⁰ and incidence in both passes");
        }
        double xm = sx / n, ym = sy / n, hm = heights ? sh / n : 0;
        List<Term> terms = new ArrayList<>(List.of(Term.CONSTANT));
        if (sxx / n - xm * xm > 1e-12 * (1 + xm * xm)) {
            terms.add(Term.X);
        }
        if (syy / n - ym * ym > 1e-12 * (1 + ym * ym)) {
            terms.add(Term.Y);
        }
        if (heights && shh / n - hm * hm > 1e-6) {
            terms.add(Term.HEIGHT);
        }
        if (p.seasonal() && days.size() >= 3) {
            terms.add(Term.COS_DOY);
            terms.add(Term.SIN_DOY);
        }
        int mt = terms.size(), np = p.pairOffsets() ? pairs.size() : 0, m = mt + np;
        if (n <= m) {
            throw new IllegalArgumentException(n + " valid pixels cannot determine " + m + " unknowns");
        }
        // pass 2: normal equations AᵀA β = Aᵀy, row a = (Δθ·f_1 … Δθ·f_mt, e_pair)
        double[] ata = new double[m * m], aty = new double[m], a = new double[m];
        for (int pi = 0; pi < pairs.size(); pi++) {
            Pair q = pairs.get(pi);
            for (int k = 0; k < q.sigmaAsc().length; k++) {
                if (!q.valid(k)) {
                    continue;
                }
                row(q, k, pi, terms, xm, ym, hm, np, a);
                double obs = q.sigmaAsc()[k] - q.sigmaDesc()[k]; // σ⁰_a − σ⁰_d
                for (int i = 0; i < m; i++) {
                    double ai = a[i];
                    if (ai == 0) {
                        continue;
                    }
                    aty[i] += ai * obs;
                    for (int j = i; j < m; j++) {
                        ata[i * m + j] += ai * a[j];
                    }
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                ata[i * m + j] = ata[j * m + i];
            }
        }
        DMatrixRMaj inv = new DMatrixRMaj(m, m, true, ata);
        DMatrixRMaj copy = inv.copy();
        if (!CommonOps_DDRM.invert(inv) || !(Math.abs(CommonOps_DDRM.det(copy)) > 0) || conditionBad(copy, inv)) {
            throw new IllegalArgumentException("the normal equations are singular: the incidence-angle difference θa − θd"
                    + " must vary over the pixels (and between the terms " + terms + ")");
        }
        double[] beta = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                beta[i] += inv.get(i, j) * aty[j];
            }
        }
        // pass 3: residuals
        double ss = 0;
        for (int pi = 0; pi < pairs.size(); pi++) {
            Pair q = pairs.get(pi);
            for (int k = 0; k < q.sigmaAsc().length; k++) {
                if (q.valid(k)) {
                    row(q, k, pi, terms, xm, ym, hm, np, a);
                    double r = q.sigmaAsc()[k] - q.sigmaDesc()[k];
                    for (int i = 0; i < m; i++) {
                        r -= a[i] * beta[i];
                    }
                    ss += r * r;
                }
            }
        }
        double s2 = ss / (n - m);
        double[] coef = new double[mt], se = new double[mt], off = new double[pairs.size()];
        for (int i = 0; i < mt; i++) {
            coef[i] = beta[i];
            se[i] = Math.sqrt(s2 * inv.get(i, i));
        }
        for (int i = 0; i < np; i++) {
            off[i] = beta[mt + i];
        }
        return new IncidenceSlopeModel(terms, coef, se, xm, ym, hm, off, Math.sqrt(ss / n), n);
    }

    /** True when the inverse is numerically meaningless (‖A‖₁·‖A⁻¹‖₁ above 1e13). */
    private static boolean conditionBad(DMatrixRMaj a, DMatrixRMaj inv) {
        double c = org.ejml.dense.row.NormOps_DDRM.normP1(a) * org.ejml.dense.row.NormOps_DDRM.normP1(inv);
        return !(c < 1e13);
    }

    private static void row(Pair q, int k, int pi, List<Term> terms, double xm, double ym, double hm, int np, double[] a) {
        double dth = q.thetaAsc()[k] - q.thetaDesc()[k];
        double dh = q.height() == null ? 0 : (q.height()[k] - hm) / 1000;
        int mt = terms.size();
        for (int i = 0; i < mt; i++) {
            a[i] = dth * IncidenceSlopeModel.feature(terms.get(i), q.x()[k] - xm, q.y()[k] - ym, dh, q.dayOfYear());
        }
        for (int i = 0; i < np; i++) {
            a[mt + i] = i == pi ? 1 : 0;
        }
    }

    /**
     * Normalises one image to the reference angle: σ⁰(θ_ref) = σ⁰ − dσ⁰/dθ(x, y, h, d)·(θ − θ_ref).
     *
     * @param sigma  σ⁰, dB
     * @param theta  incidence angle, degrees
     * @param x      map x per pixel
     * @param y      map y per pixel
     * @param height height per pixel, metres, or null (then h̄ is used)
     * @param dayOfYear acquisition day of year
     * @param refAngle  θ_ref, degrees
     * @return a new array, dB; NaN where an input is NaN
     */
    public static float[] normalize(float[] sigma, float[] theta, float[] x, float[] y, float[] height, int dayOfYear,
            IncidenceSlopeModel model, double refAngle) {
        int n = sigma.length;
        if (theta.length != n || x.length != n || y.length != n || (height != null && height.length != n)) {
            throw new IllegalArgumentException("σ⁰, θ, x, y (and height) must all hold " + n + " pixels");
        }
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            double h = height == null ? Double.NaN : height[k];
            if (height != null && Float.isNaN(height[k])) {
                out[k] = Float.NaN;
                continue;
            }
            out[k] = (float) (sigma[k] - model.slope(x[k], y[k], h, dayOfYear) * (theta[k] - refAngle));
        }
        return out;
    }
}

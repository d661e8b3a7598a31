package org.permasar.timefn;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.RealMatrix;

/**
 * Joins displacement series of several sensors (e.g. C- and L-band stacks of different periods,
 * each relative to its own reference date) into one (SCIENCE.md §6, seed 003): every observation of
 * sensor s is modelled as
 * <pre>  d = o_s + v·(t − t0) + c·cos(2π(t − t0)) + s·sin(2π(t − t0)) + e,   e ~ N(0, σ_s²)</pre>
 * with t in years (days / 365.25 from {@code t0}), one offset o_s per sensor and a common rate v and
 * annual term. There is no separate intercept: the offsets carry it, so they are identifiable even
 * when the sensors' periods do not overlap (the common model bridges the gap). Weighted least
 * squares with weights 1/σ_s²; a σ_s that is not given (NaN) is estimated by iterating
 * σ_s² = Σ_s r² / (n_s − Σ_s h), h the leverages (a variance-component estimate, Förstner 1979 /
 * Koch 1999 §3.6), to a relative change below 1e-6 or 100 iterations. Standard deviations come from
 * the weighted normal matrix with the final σ. Units follow the input (metres in, metres out; v in
 * metres per year). Stateless, thread-safe.
 */
public final class MultiSensorJoin {
    private MultiSensorJoin() {
    }

    /**
     * One sensor's series.
     *
     * @param name  label
     * @param dates observation dates (any order)
     * @param d     displacement, any linear unit (metres in PermaSAR), NaN skipped
     * @param sigma noise standard deviation in that unit, or NaN to estimate it
     */
    public record Sensor(String name, LocalDate[] dates, double[] d, double sigma) {
        public Sensor {
            if (dates.length != d.length) {
                throw new IllegalArgumentException(name + ": " + dates.length + " dates but " + d.length + " values");
            }
            if (!(Double.isNaN(sigma) || sigma > 0)) {
                throw new IllegalArgumentException(name + ": σ must be > 0 or NaN (estimate), got " + sigma);
            }
            dates = dates.clone();
            d = d.clone();
        }
    }

    /**
     * The joined model.
     *
     * @param names       sensors in input order
     * @param offsets     o_s
     * @param offsetStd   σ(o_s)
     * @param rate        v per year
     * @param rateStd     σ(v)
     * @param cos         c
     * @param sin         s
     * @param amplitude   half peak-to-trough √(c² + s²) (MintPy's annualAmplitude convention; the seasonal
     *                    peak-to-trough is twice this)
     * @param amplitudeStd σ of the amplitude (first-order propagation)
     * @param sigma       σ_s used (given or estimated)
     * @param n           observations per sensor
     * @param iterations  variance-component iterations (1 when every σ was given)
     * @param t0          reference date of t
     */
    public record Result(List<String> names, double[] offsets, double[] offsetStd, double rate, double rateStd, double cos,
            double sin, double amplitude, double amplitudeStd, double[] sigma, int[] n, int iterations, LocalDate t0) {

        /** Model value without the offset (the common signal) at {@code date}. */
        public double common(LocalDate date) {
            double t = (date.toEpochDay() - t0.toEpochDay()) / 365.25;
            return rate * t + cos * Math.cos(2 * Math.PI * t) + sin * Math.sin(2 * Math.PI * t);
        }
    }

    /** Fits the model; t0 is the earliest date of all sensors. Needs ≥ 1 value per sensor and 4 + S values in all. */
    public static Result fit(List<Sensor> sensors) {
        int m = sensors.size();
        if (m == 0) {
            throw new IllegalArgumentException("no sensors");
        }
        LocalDate t0 = null;
        int total = 0;
        int[] n = new int[m];
        for (int s = 0; s < m; s++) {
            Sensor x = sensors.get(s);
            for (int k = 0; k < x.d().length; k++) {
                if (Double.isFinite(x.d()[k])) {
                    n[s]++;
                    t0 = t0 == null || x.dates()[k].isBefore(t0) ? x.dates()[k] : t0;
                }
            }
            if (n[s] == 0) {
                throw new IllegalArgumentException(x.name() + ": no finite value");
            }
            total += n[s];
        }
        int p = m + 3;
        if (total < p + 1) {
            throw new IllegalArgumentException("need more than " + p + " values for " + m + " offsets + rate + annual term, got "
                    + total);
        }
        // design rows: [e_s | t | cos | sin]
        double[][] a = new double[total][];
        double[] y = new double[total];
        int[] owner = new int[total];
        int r = 0;
        for (int s = 0; s < m; s++) {
            Sensor x = sensors.get(s);
            for (int k = 0; k < x.d().length; k++) {
                if (!Double.isFinite(x.d()[k])) {
                    continue;
                }
                double t = (x.dates()[k].toEpochDay() - t0.toEpochDay()) / 365.25;
                double[] row = new double[p];
                row[s] = 1;
                row[m] = t;
                row[m + 1] = Math.cos(2 * Math.PI * t);
                row[m + 2] = Math.sin(2 * Math.PI * t);
                a[r] = row;
                y[r] = x.d()[k];
                owner[r++] = s;
            }
        }
        double[] sigma = new double[m];
        boolean estimate = false;
        for (int s = 0; s < m; s++) {
            sigma[s] = sensors.get(s).sigma();
            if (Double.isNaN(sigma[s])) {
                sigma[s] = 1;
                estimate = true;
            }
        }
        double[] beta = null;
        RealMatrix inv = null;
        int it = 0;
        while (true) {
            it++;
            double[][] nm = new double[p][p];
            double[] rhs = new double[p];
            for (int i = 0; i < total; i++) {
                double w = 1 / (sigma[owner[i]] * sigma[owner[i]]);
                for (int j = 0; j < p; j++) {
                    rhs[j] += w * a[i][j] * y[i];
                    for (int l = j; l < p; l++) {
                        nm[j][l] += w * a[i][j] * a[i][l];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < j; l++) {
                    nm[j][l] = nm[l][j]; // exactly symmetric (Cholesky checks it)
                }
            }
            DecompositionSolver solver;
            try {
                solver = new CholeskyDecomposition(new Array2DRowRealMatrix(nm, false), 1e-12, 1e-14).getSolver();
            } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
                throw new IllegalArgumentException("the dates of " + sensors.stream().map(Sensor::name).toList()
                        + " cannot separate the offsets, the rate and the annual term (" + total + " values): " + e.getMessage());
            }
            inv = solver.getInverse();
            beta = inv.operate(rhs);
            if (!estimate || it >= 100) {
                break;
            }
            double[] rss = new double[m], red = new double[m];
            Arrays.fill(red, 0);
            for (int i = 0; i < total; i++) {
                int s = owner[i];
                double f = 0;
                for (int j = 0; j < p; j++) {
                    f += a[i][j] * beta[j];
                }
                rss[s] += (y[i] - f) * (y[i] - f);
                // leverage h_i = w_i a_iᵀ N⁻¹ a_i
                double h = 0;
                for (int j = 0; j < p; j++) {
                    double q = 0;
                    for (int l = 0; l < p; l++) {
                        q += inv.getEntry(j, l) * a[i][l];
                    }
                    h += a[i][j] * q;
                }
                red[s] += h / (sigma[s] * sigma[s]);
            }
            double change = 0;
            for (int s = 0; s < m; s++) {
                if (Double.isNaN(sensors.get(s).sigma())) {
                    double dof = n[s] - red[s];
                    double next = dof > 0 ? Math.sqrt(rss[s] / dof) : sigma[s];
                    next = Math.max(next, 1e-12);
                    change = Math.max(change, Math.abs(next - sigma[s]) / sigma[s]);
                    sigma[s] = next;
                }
            }
            if (change < 1e-6) {
                break;
            }
        }
        double[] off = Arrays.copyOf(beta, m), offStd = new double[m];
        for (int s = 0; s < m; s++) {
            offStd[s] = Math.sqrt(inv.getEntry(s, s));
        }
        double c = beta[m + 1], sn = beta[m + 2];
        double amp = Math.hypot(c, sn);
        // σ(A)² = gᵀ C g, g = (c, s)/A
        double ampStd = amp > 0 ? Math.sqrt((c * c * inv.getEntry(m + 1, m + 1) + 2 * c * sn * inv.getEntry(m + 1, m + 2)
                + sn * sn * inv.getEntry(m + 2, m + 2)) / (amp * amp)) : Double.NaN;
        List<String> names = sensors.stream().map(Sensor::name).toList();
        return new Result(names, off, offStd, beta[m], Math.sqrt(inv.getEntry(m, m)), c, sn, amp, ampStd, sigma, n, it, t0);
    }
}

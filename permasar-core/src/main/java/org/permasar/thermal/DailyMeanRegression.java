package org.permasar.thermal;

import java.util.Arrays;

/**
 * Daily mean land-surface temperature from instantaneous MODIS observations by multi-linear
 * regression (Zou et al. 2014, as used in seed 001 §3.1):
 * {@code T_mean = c0 + Σ_k c_k·T_k}, where T_k are e.g. Terra day, Terra night, Aqua day, Aqua night
 * LST (°C). The coefficients are user inputs (they are fitted regionally against station data).
 *
 * @param intercept    c0 (°C)
 * @param coefficients c_k (dimensionless), one per input observation, at least one, all finite
 */
public record DailyMeanRegression(double intercept, double[] coefficients) {

    public DailyMeanRegression {
        if (coefficients == null || coefficients.length == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("need a finite intercept and >= 1 coefficient, got " + intercept
                    + ", " + Arrays.toString(coefficients));
        }
        coefficients = coefficients.clone();
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("coefficients must be finite: " + Arrays.toString(coefficients));
            }
        }
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Applies the regression element-wise. NaN in any input gives NaN (no partial regression).
     *
     * @param inputs one array per coefficient, same length (°C)
     * @return daily mean (°C)
     */
    public float[] apply(float[]... inputs) {
        if (inputs.length != coefficients.length) {
            throw new IllegalArgumentException("expected " + coefficients.length + " input arrays, got " + inputs.length);
        }
        int len = inputs[0].length;
        for (float[] in : inputs) {
            if (in.length != len) {
                throw new IllegalArgumentException("input arrays differ in length: " + len + " vs " + in.length);
            }
        }
        float[] out = new float[len];
        for (int i = 0; i < len; i++) {
            double s = intercept;                          // Zou et al. (2014): T = c0 + Σ c_k T_k
            for (int k = 0; k < coefficients.length; k++) {
                s += coefficients[k] * inputs[k][i];
            }
            out[i] = (float) s;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailyMeanRegression r && r.intercept == intercept && Arrays.equals(r.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(intercept) * 31 + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "DailyMeanRegression[intercept=" + intercept + ", coefficients=" + Arrays.toString(coefficients) + "]";
    }
}

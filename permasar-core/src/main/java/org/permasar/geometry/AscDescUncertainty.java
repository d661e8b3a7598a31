package org.permasar.geometry;

/**
 * One-sigma of the east + up decomposition of {@link AscDescDecomposition} by linear error
 * propagation. The per-pixel solve is {@code x = A⁻¹·d} with {@code d = (d_asc, d_desc)} and
 * {@code A = [[a11, a12], [a21, a22]]}, {@code a_i1 = sin(inc_i)·cos(az_i + 90°)},
 * {@code a_i2 = cos(inc_i)} (MintPy 1.5.1 {@code get_design_matrix4horz_vert}, horz_az_angle = −90°).
 * The two tracks are independent, so {@code Cov(x) = A⁻¹·diag(σ_a², σ_d²)·A⁻ᵀ}; with
 * {@code A⁻¹ = [[a22, −a12], [−a21, a11]] / det}:
 * <pre>
 *   σ_E² = (a22²·σ_a² + a12²·σ_d²) / det²
 *   σ_U² = (a21²·σ_a² + a11²·σ_d²) / det²
 * </pre>
 * (the east–up covariance {@code −(a22·a21·σ_a² + a12·a11·σ_d²)/det²} is not reported). Standard
 * deviations carry the unit of the inputs (m/yr for velocityStd). Angles in degrees.
 *
 * <p>NaN policy: a NaN σ or angle, or a near-singular geometry (|det| &lt; 1e-6, as the solve), gives
 * NaN. Stateless and thread-safe.
 */
public final class AscDescUncertainty {
    private static final double MIN_DET = 1e-6;

    private AscDescUncertainty() {
    }

    /**
     * One pixel: writes σ_E into {@code out[0]} and σ_U into {@code out[1]}.
     *
     * @param sAsc  one-sigma of the ascending LOS value (≥ 0)
     * @param sDesc one-sigma of the descending LOS value (≥ 0)
     */
    public static void propagate(double sAsc, double incAsc, double azAsc, double sDesc, double incDesc, double azDesc,
                                 double[] out) {
        double a11 = Math.sin(Math.toRadians(incAsc)) * Math.cos(Math.toRadians(azAsc + 90.0));
        double a12 = Math.cos(Math.toRadians(incAsc));
        double a21 = Math.sin(Math.toRadians(incDesc)) * Math.cos(Math.toRadians(azDesc + 90.0));
        double a22 = Math.cos(Math.toRadians(incDesc));
        double det = a11 * a22 - a12 * a21;
        if (Double.isNaN(sAsc + sDesc + det) || Math.abs(det) < MIN_DET) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        double va = sAsc * sAsc, vd = sDesc * sDesc;
        out[0] = Math.sqrt(a22 * a22 * va + a12 * a12 * vd) / Math.abs(det);   // σ_E² = (a22²σ_a² + a12²σ_d²)/det²
        out[1] = Math.sqrt(a21 * a21 * va + a11 * a11 * vd) / Math.abs(det);   // σ_U² = (a21²σ_a² + a11²σ_d²)/det²
    }

    /**
     * Whole raster (all arrays on one grid).
     *
     * @return {@code [0]} σ_E, {@code [1]} σ_U per pixel
     */
    public static float[][] propagate(float[] sAsc, float[] incAsc, float[] azAsc,
                                      float[] sDesc, float[] incDesc, float[] azDesc) {
        int n = sAsc.length;
        for (float[] a : new float[][] {incAsc, azAsc, sDesc, incDesc, azDesc}) {
            if (a.length != n) {
                throw new IllegalArgumentException("array lengths differ: expected " + n + " but found " + a.length);
            }
        }
        float[][] out = new float[2][n];
        double[] o = new double[2];
        for (int k = 0; k < n; k++) {
            propagate(sAsc[k], incAsc[k], azAsc[k], sDesc[k], incDesc[k], azDesc[k], o);
            out[0][k] = (float) o[0];
            out[1][k] = (float) o[1];
        }
        return out;
    }
}

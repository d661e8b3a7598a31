package org.permasar.sim;

import java.util.random.RandomGenerator;

/**
 * The static part of a simulated scene: terrain, land-cover regions and the per-pixel true
 * deformation parameters. Arrays are row-major, {@code a[r·cols + c]}. Built once by
 * {@link SceneSimulator}; immutable after construction (arrays are not handed out unguarded
 * except through {@link SceneTruth}).
 *
 * <p>Geometry, in fractional coordinates u = (c+0.5)/cols (west → east), w = (r+0.5)/rows
 * (north → south): a lake ellipse centred at (u, w) = (0.25, 0.75); a bedrock ridge in the
 * north-east (u ≥ 0.8, w ≤ 0.4); a west-facing hillside creeping west next to it
 * (0.55 ≤ u &lt; 0.8, w ≤ 0.4); two Gaussian thaw-subsidence patches at (0.3, 0.3) and (0.68, 0.72);
 * seasonal permafrost elsewhere.
 */
final class SceneLayout {
    /** Long-term PECM rate of ordinary permafrost, m per permafrost year (negative: subsidence). */
    static final double BASE_V = -0.004;
    /** Extra PECM rate at a subsidence patch centre, m per permafrost year. */
    static final double PATCH_V = -0.025;
    /** Peak westward creep of the hillside, m/yr (east velocity −0.02). */
    static final double SLOPE_EAST = -0.020;

    final int rows;
    final int cols;
    /** Terrain height above the ellipsoid, metres. */
    final float[] height;
    /** {@link Region#code()} per pixel. */
    final int[] region;
    /** PECM long-term rate v, metres per permafrost year (NaN on the lake). */
    final float[] pecmV;
    /** PECM seasonal coefficient d, metres per √(°C·day) (negative: thaw subsidence; NaN on the lake). */
    final float[] pecmD;
    /** Base κ_f/κ_t ratio of frozen to thawed thermal conductivity, before the PECM closure rule. */
    final float[] kappaRatio;
    /** Horizontal east velocity, m/yr (NaN on the lake). */
    final float[] eastVelocity;
    /** Coherence at zero temporal baseline, 0–1. */
    final float[] coherence0;
    /** Mean annual land-surface temperature, °C. */
    final float[] lstMean;
    /** Annual LST half-range (amplitude of the sinusoid), °C. */
    final float[] lstAmplitude;

    SceneLayout(SceneSpec spec, RandomGenerator rng, RandomField field) {
        rows = spec.rows();
        cols = spec.cols();
        int n = rows * cols;
        height = new float[n];
        region = new int[n];
        pecmV = new float[n];
        pecmD = new float[n];
        kappaRatio = new float[n];
        eastVelocity = new float[n];
        coherence0 = new float[n];
        lstMean = new float[n];
        lstAmplitude = new float[n];
        float[] hills = new float[n];
        float[] smoothA = new float[n];
        float[] smoothB = new float[n];
        int radius = Math.max(2, Math.min(rows, cols) / 6);
        field.fill(rng, radius, hills, 0);
        field.fill(rng, radius, smoothA, 0);
        field.fill(rng, radius, smoothB, 0);
        for (int r = 0; r < rows; r++) {
            double w = (r + 0.5) / rows;
            for (int c = 0; c < cols; c++) {
                double u = (c + 0.5) / cols;
                int i = r * cols + c;
                Region reg = classify(u, w);
                region[i] = reg.code();
                // terrain: 4650 m plain rising 120 m to the east and 60 m to the north, ±25 m hills
                double h = 4650 + 120 * u + 60 * (1 - w) + 25 * hills[i];
                if (reg == Region.NON_SEASONAL) {
                    h += 150;
                } else if (reg == Region.SLOPE) {
                    h += 150 * (u - 0.55) / 0.25; // west-facing hillside climbing to the ridge
                } else if (reg == Region.LAKE) {
                    h = 4650 + 120 * 0.25 + 60 * 0.25 - 5; // flat water surface
                }
                height[i] = (float) h;
                double a = clamp01(0.5 + 0.25 * smoothA[i]);
                double b = clamp01(0.5 + 0.25 * smoothB[i]);
                kappaRatio[i] = (float) (1.2 + 0.4 * b);
                switch (reg) {
                    case SEASONAL, SUBSIDENCE_PATCH -> {
                        double patch = patchShape(u, w);
                        pecmV[i] = (float) (BASE_V * (0.5 + a) + PATCH_V * patch);
                        pecmD[i] = (float) (-(1.0e-3 + 1.0e-3 * b));
                        eastVelocity[i] = 0f;
                        coherence0[i] = (float) (0.85 - 0.1 * patch);
                    }
                    case NON_SEASONAL -> {
                        coherence0[i] = 0.95f;
                    }
                    case SLOPE -> {
                        // creep fastest mid-slope, tapering to zero at the foot and at the ridge
                        eastVelocity[i] = (float) (SLOPE_EAST * Math.sin(Math.PI * (u - 0.55) / 0.25));
                        coherence0[i] = 0.75f;
                    }
                    case LAKE -> {
                        pecmV[i] = Float.NaN;
                        pecmD[i] = Float.NaN;
                        eastVelocity[i] = Float.NaN;
                        coherence0[i] = 0.1f;
                    }
                    default -> throw new IllegalStateException("unhandled region " + reg);
                }
                // climate: lapse rate 6 °C/km around −2.5 °C at 4700 m; amplitude 13 ± 1 °C
                lstMean[i] = (float) (-2.5 - 0.006 * (h - 4700) + 0.4 * smoothA[i]);
                lstAmplitude[i] = (float) (13.0 + 0.004 * (h - 4700));
            }
        }
    }

    static Region classify(double u, double w) {
        double du = (u - 0.25) / 0.14, dw = (w - 0.75) / 0.12;
        if (du * du + dw * dw <= 1) {
            return Region.LAKE;
        }
        if (w <= 0.4 && u >= 0.8) {
            return Region.NON_SEASONAL;
        }
        if (w <= 0.4 && u >= 0.55) {
            return Region.SLOPE;
        }
        return patchShape(u, w) > 0.2 ? Region.SUBSIDENCE_PATCH : Region.SEASONAL;
    }

    /** Sum of two Gaussian bumps (0 … 1) marking the thaw-subsidence patches. */
    static double patchShape(double u, double w) {
        return bump(u, w, 0.30, 0.30, 0.07) + bump(u, w, 0.68, 0.72, 0.06);
    }

    private static double bump(double u, double w, double u0, double w0, double sigma) {
        double du = u - u0, dw = w - w0;
        return Math.exp(-(du * du + dw * dw) / (2 * sigma * sigma));
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }
}

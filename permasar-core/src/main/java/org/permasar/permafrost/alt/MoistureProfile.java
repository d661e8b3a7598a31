package org.permasar.permafrost.alt;

import java.util.Arrays;

/**
 * Volumetric soil-moisture profile W(h) (m³/m³) as a function of depth h (m, positive down), with its
 * cumulative water column C(H) = ∫₀^H W(h) dh (m) and the inverse depth for a given column.
 * Implementations are immutable records validated at construction.
 */
public sealed interface MoistureProfile {

    /** W(h), m³/m³, for h ≥ 0 m. */
    double moisture(double depth);

    /** C(H) = ∫₀^H W(h) dh, metres of water, for H ≥ 0; increasing in H. */
    double column(double depth);

    /**
     * The depth H ≥ 0 with C(H) = {@code column}, m; NaN when no finite depth reaches it (or column &lt; 0 / NaN).
     * The default solves by bracketing (expand the upper bound by doubling, then bisection to 1e-10 m),
     * valid because C is continuous and increasing.
     */
    default double depthForColumn(double column) {
        if (!(column >= 0)) {
            return Double.NaN;
        }
        if (column == 0) {
            return 0;
        }
        double lo = 0, hi = 1;
        while (column(hi) < column) {
            lo = hi;
            hi *= 2;
            if (hi > MAX_DEPTH) {
                return Double.NaN;
            }
        }
        for (int it = 0; it < 200 && hi - lo > 1e-10; it++) {
            double mid = 0.5 * (lo + hi);
            if (column(mid) < column) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Deepest thaw depth searched by the bracketing solver, m. */
    double MAX_DEPTH = 1000;

    /** Constant moisture W (Liu et al. 2012's uniform case): C(H) = W·H, H = C/W in closed form. */
    record Constant(double water) implements MoistureProfile {
        public Constant {
            if (!(water > 0 && water <= 1)) {
                throw new IllegalArgumentException("moisture must be in (0, 1] m³/m³, got " + water);
            }
        }

        @Override public double moisture(double depth) {
            return water;
        }

        @Override public double column(double depth) {
            return water * depth;
        }

        @Override public double depthForColumn(double column) {
            return column >= 0 ? column / water : Double.NaN;
        }
    }

    /**
     * Layered moisture: layer k spans [bottoms[k−1], bottoms[k]) (bottoms[−1] = 0) with moisture water[k];
     * below the last bottom the last layer's moisture continues. Closed-form inverse by walking the layers.
     */
    record Layered(double[] bottoms, double[] water) implements MoistureProfile {
        public Layered {
            if (bottoms.length == 0 || bottoms.length != water.length) {
                throw new IllegalArgumentException("need as many layer bottoms as moistures, got "
                        + bottoms.length + " and " + water.length);
            }
            bottoms = bottoms.clone();
            water = water.clone();
            double prev = 0;
            for (int k = 0; k < bottoms.length; k++) {
                if (!(bottoms[k] > prev)) {
                    throw new IllegalArgumentException("layer bottoms must increase from 0 m: " + Arrays.toString(bottoms));
                }
                if (!(water[k] > 0 && water[k] <= 1)) {
                    throw new IllegalArgumentException("layer " + k + " moisture must be in (0, 1], got " + water[k]);
                }
                prev = bottoms[k];
            }
        }

        @Override public double[] bottoms() {
            return bottoms.clone();
        }

        @Override public double[] water() {
            return water.clone();
        }

        @Override public double moisture(double depth) {
            for (int k = 0; k < bottoms.length; k++) {
                if (depth < bottoms[k]) {
                    return water[k];
                }
            }
            return water[water.length - 1];
        }

        @Override public double column(double depth) {
            double c = 0, top = 0;
            for (int k = 0; k < bottoms.length; k++) {
                double bottom = k == bottoms.length - 1 ? Double.POSITIVE_INFINITY : bottoms[k];
                if (depth <= bottom) {
                    return c + water[k] * (depth - top);
                }
                c += water[k] * (bottom - top);
                top = bottom;
            }
            return c; // unreachable: the last layer is unbounded
        }

        @Override public double depthForColumn(double column) {
            if (!(column >= 0)) {
                return Double.NaN;
            }
            double c = 0, top = 0;
            for (int k = 0; k < bottoms.length; k++) {
                double layer = k == bottoms.length - 1 ? Double.POSITIVE_INFINITY : water[k] * (bottoms[k] - top);
                if (column <= c + layer) {
                    return top + (column - c) / water[k];
                }
                c += layer;
                top = bottoms[k];
            }
            return Double.NaN; // unreachable
        }
    }

    /**
     * Exponential moisture W(h) = W∞ + (W₀ − W∞)·exp(−h/λ), so
     * C(H) = W∞·H + (W₀ − W∞)·λ·(1 − exp(−H/λ)). Closed-form inverse when W∞ = 0,
     * H = −λ·ln(1 − C/(W₀λ)) (NaN when C ≥ W₀λ: the profile holds too little water); bracketing otherwise.
     *
     * @param surface W₀, m³/m³; @param deep W∞ ≥ 0, m³/m³; @param scale λ &gt; 0, m
     */
    record Exponential(double surface, double deep, double scale) implements MoistureProfile {
        public Exponential {
            if (!(surface > 0 && surface <= 1) || !(deep >= 0 && deep <= 1) || !(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("need W0 in (0,1], Winf in [0,1], scale > 0; got W0 " + surface
                        + ", Winf " + deep + ", scale " + scale + " m");
            }
        }

        @Override public double moisture(double depth) {
            return deep + (surface - deep) * Math.exp(-depth / scale);
        }

        @Override public double column(double depth) {
            return deep * depth + (surface - deep) * scale * -Math.expm1(-depth / scale);
        }

        @Override public double depthForColumn(double column) {
            if (deep == 0) {
                if (!(column >= 0)) {
                    return Double.NaN;
                }
                double x = column / (surface * scale);
                return x < 1 ? -scale * Math.log1p(-x) : Double.NaN;
            }
            return MoistureProfile.super.depthForColumn(column);
        }
    }
}

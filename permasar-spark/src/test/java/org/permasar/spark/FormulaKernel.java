package org.permasar.spark;

import java.util.Map;
import org.permasar.grid.Window;
import org.permasar.pipeline.block.BlockKernel;

/**
 * A kernel whose outputs are closed forms of the pixel: layer k of cube at (r, c) is
 * {@code sin(0.37·r + 0.11·c·(k+1)) · 10^k}, NaN where {@code (r + 2c + k) % 17 == 0}; the plane is
 * {@code r − c}. Float values with many significant bits, so any reordering or conversion shows.
 */
record FormulaKernel(int layers) implements BlockKernel {

    static float cube(int k, int r, int c) {
        return (r + 2 * c + k) % 17 == 0 ? Float.NaN : (float) (Math.sin(0.37 * r + 0.11 * c * (k + 1)) * Math.pow(10, k));
    }

    @Override
    public Worker open() {
        return new Worker() {
            @Override
            public Map<String, float[]> compute(Window w) {
                float[] cube = new float[layers * w.size()];
                float[] plane = new float[w.size()];
                for (int r = 0; r < w.rows(); r++) {
                    for (int c = 0; c < w.cols(); c++) {
                        int p = r * w.cols() + c;
                        for (int k = 0; k < layers; k++) {
                            cube[k * w.size() + p] = cube(k, w.row0() + r, w.col0() + c);
                        }
                        plane[p] = (w.row0() + r) - (w.col0() + c);
                    }
                }
                return Map.of("cube", cube, "plane", plane);
            }

            @Override
            public void close() {
            }
        };
    }
}

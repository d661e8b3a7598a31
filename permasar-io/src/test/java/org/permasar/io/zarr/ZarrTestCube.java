package org.permasar.io.zarr;

import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * The synthetic cube every Zarr test writes and checks: value(l, r, c) = 1000·l + r/2 − c/4,
 * exact in float32 for r, c &lt; 2^13, NaN where (r + c + l) is a multiple of 17. The same
 * formula is evaluated independently in the Python referee scripts.
 */
final class ZarrTestCube {
    private ZarrTestCube() {
    }

    static float value(int l, int r, int c) {
        if ((r + c + l) % 17 == 0) {
            return Float.NaN;
        }
        return (float) (1000.0 * l + r * 0.5 - c * 0.25);
    }

    /** Block of {@code layers} layers over {@code w}, layer-major. */
    static float[] block(Window w, int layers) {
        float[] out = new float[layers * w.size()];
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    out[l * w.size() + r * w.cols() + c] = value(l, w.row0() + r, w.col0() + c);
                }
            }
        }
        return out;
    }

    /** Worst deviation of a block read over {@code w} from the formula; NaN must match NaN (else +∞). */
    static double maxError(Window w, int layers, float[] got) {
        double worst = 0;
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    float e = value(l, w.row0() + r, w.col0() + c);
                    float g = got[l * w.size() + r * w.cols() + c];
                    if (Float.isNaN(e) != Float.isNaN(g)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    if (!Float.isNaN(e)) {
                        worst = Math.max(worst, Math.abs(e - g));
                    }
                }
            }
        }
        return worst;
    }

    /** A geographic 5″ grid near Mexico City (like the PyRate cropA sample). */
    static GridGeometry grid(int rows, int cols) {
        return GridGeometry.geocoded(rows, cols, GeoTransform.northUp(-99.19107, 0.0013888889, 19.45129, -0.0013888889),
                4326, Double.NaN);
    }
}

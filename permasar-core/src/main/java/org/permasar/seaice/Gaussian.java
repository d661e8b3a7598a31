package org.permasar.seaice;

/**
 * Separable Gaussian smoothing of a row-major image, kernel radius ⌈3σ⌉, edges clamped. NaN pixels are
 * read as the mean of the finite pixels (so one missing pixel does not spread NaN) and stay NaN in the
 * output. Stateless.
 */
final class Gaussian {
    private Gaussian() {
    }

    static float[] smooth(float[] img, int rows, int cols, double sigma) {
        int rad = (int) Math.ceil(3 * sigma);
        double[] w = new double[2 * rad + 1];
        double sw = 0;
        for (int i = -rad; i <= rad; i++) {
            w[i + rad] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sw += w[i + rad];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sw;
        }
        double mean = 0;
        long cnt = 0;
        for (float v : img) {
            if (!Float.isNaN(v)) {
                mean += v;
                cnt++;
            }
        }
        float fill = (float) (cnt > 0 ? mean / cnt : 0);
        float[] tmp = new float[img.length], out = new float[img.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int i = -rad; i <= rad; i++) {
                    int cc = Math.min(cols - 1, Math.max(0, c + i));
                    float v = img[base + cc];
                    s += w[i + rad] * (Float.isNaN(v) ? fill : v);
                }
                tmp[base + c] = (float) s;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int i = -rad; i <= rad; i++) {
                    int rr = Math.min(rows - 1, Math.max(0, r + i));
                    s += w[i + rad] * tmp[rr * cols + c];
                }
                out[r * cols + c] = Float.isNaN(img[r * cols + c]) ? Float.NaN : (float) s;
            }
        }
        return out;
    }
}

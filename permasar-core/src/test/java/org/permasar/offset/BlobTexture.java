package org.permasar.offset;

import java.util.Random;

/**
 * A smooth random texture known in closed form at any real position: Gaussian blobs of width σ,
 * one per cell of a jittered lattice, random amplitudes. Warping an image is then exact (no
 * resampling): {@code sec(y, x) = f(g(y, x))} for any inverse map g. Test helper; immutable.
 */
final class BlobTexture {
    private final double sigma;
    private final double cell;
    private final int nr, nc, margin;
    private final double[] by, bx, amp;

    BlobTexture(int rows, int cols, double sigma, double cell, long seed) {
        this.sigma = sigma;
        this.cell = cell;
        margin = 40;
        nr = (int) Math.ceil((rows + 2 * margin) / cell);
        nc = (int) Math.ceil((cols + 2 * margin) / cell);
        Random rnd = new Random(seed);
        by = new double[nr * nc];
        bx = new double[nr * nc];
        amp = new double[nr * nc];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nc; j++) {
                int k = i * nc + j;
                by[k] = (i + rnd.nextDouble()) * cell - margin;
                bx[k] = (j + rnd.nextDouble()) * cell - margin;
                amp[k] = rnd.nextGaussian();
            }
        }
    }

    /** f(y, x): the texture at a real position (row y, column x). */
    double at(double y, double x) {
        int reach = (int) Math.ceil(4 * sigma / cell) + 1;
        int ci = (int) Math.floor((y + margin) / cell), cj = (int) Math.floor((x + margin) / cell);
        double s = 0, k2 = 1 / (2 * sigma * sigma);
        for (int i = Math.max(0, ci - reach); i <= Math.min(nr - 1, ci + reach); i++) {
            for (int j = Math.max(0, cj - reach); j <= Math.min(nc - 1, cj + reach); j++) {
                int k = i * nc + j;
                double dy = y - by[k], dx = x - bx[k];
                s += amp[k] * Math.exp(-(dy * dy + dx * dx) * k2);
            }
        }
        return s;
    }

    /** The image shifted by (dr, dc): a feature at (r, c) here appears at (r + dr, c + dc). */
    float[] shifted(int rows, int cols, double dr, double dc) {
        float[] img = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                img[r * cols + c] = (float) at(r - dr, c - dc);
            }
        }
        return img;
    }

    /**
     * The image rotated by {@code angle} radians about (y0, x0): a feature at q appears at
     * R(q − x₀) + x₀, so sec(p) = f(R⁻¹(p − x₀) + x₀).
     */
    float[] rotated(int rows, int cols, double angle, double y0, double x0) {
        float[] img = new float[rows * cols];
        double co = Math.cos(angle), si = Math.sin(angle);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double y = r - y0, x = c - x0;
                // R⁻¹ = Rᵀ with R = [[cos, −sin], [sin, cos]] acting on (x, y)
                double xs = co * x + si * y, ys = -si * x + co * y;
                img[r * cols + c] = (float) at(ys + y0, xs + x0);
            }
        }
        return img;
    }
}

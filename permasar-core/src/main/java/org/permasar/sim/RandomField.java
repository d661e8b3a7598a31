package org.permasar.sim;

import java.util.random.RandomGenerator;

/**
 * Spatially correlated Gaussian random fields on a rows × cols grid: white Gaussian noise
 * smoothed by three passes of a separable box filter of half-width r (which approximates a
 * Gaussian kernel of variance 3·((2r+1)²−1)/12 = r(r+1) px², i.e. σ ≈ r pixels; Wells 1986,
 * "Efficient synthesis of Gaussian filters by cascaded uniform filters"), then rescaled to zero mean and unit sample
 * standard deviation. Used for turbulent atmosphere, cloud masks and smooth parameter maps.
 *
 * <p>Mutable workspace: holds scratch buffers reused between calls; not thread-safe.
 */
final class RandomField {
    private final int rows;
    private final int cols;
    private final double[] work;
    private final double[] line;

    RandomField(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.work = new double[rows * cols];
        this.line = new double[Math.max(rows, cols)];
    }

    /**
     * Fills {@code dest[offset … offset+rows·cols)} with a unit-variance field of correlation
     * length ≈ {@code radius} pixels drawn from {@code rng}.
     *
     * @param radius box half-width in pixels, ≥ 0 (0: white noise)
     */
    void fill(RandomGenerator rng, int radius, float[] dest, int offset) {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            work[i] = rng.nextGaussian();
        }
        for (int pass = 0; pass < 3 && radius > 0; pass++) {
            for (int r = 0; r < rows; r++) {
                boxLine(work, r * cols, 1, cols, radius);
            }
            for (int c = 0; c < cols; c++) {
                boxLine(work, c, cols, rows, radius);
            }
        }
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++) {
            sum += work[i];
        }
        double mean = sum / n;
        for (int i = 0; i < n; i++) {
            double e = work[i] - mean;
            sum2 += e * e;
        }
        double sd = Math.sqrt(sum2 / n);
        double scale = sd > 0 ? 1.0 / sd : 0.0;
        for (int i = 0; i < n; i++) {
            dest[offset + i] = (float) ((work[i] - mean) * scale);
        }
    }

    /** Running mean of half-width {@code radius} along one line, window clipped at the edges. */
    private void boxLine(double[] a, int start, int stride, int len, int radius) {
        for (int i = 0; i < len; i++) {
            line[i] = a[start + i * stride];
        }
        double acc = 0;
        int lo = 0, hi = -1;
        for (int i = 0; i < len; i++) {
            int wantLo = Math.max(0, i - radius), wantHi = Math.min(len - 1, i + radius);
            while (hi < wantHi) {
                acc += line[++hi];
            }
            while (lo < wantLo) {
                acc -= line[lo++];
            }
            a[start + i * stride] = acc / (hi - lo + 1);
        }
    }
}

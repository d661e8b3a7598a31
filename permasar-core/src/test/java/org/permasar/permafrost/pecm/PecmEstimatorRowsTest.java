package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PecmFit#estimatorRows}: the rows are a left inverse of the design and ignore the datum. */
class PecmEstimatorRowsTest {

    /**
     * For D_i = c + v·L_i + d·I_i (any offset c) the rows return exactly (v, d): G·F = I and Σh = 0;
     * a NaN date gets a zero coefficient.
     */
    @Test
    void rowsInvertTheDesign() {
        long seed = 7L;
        System.out.println("PecmEstimatorRowsTest seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 30, ref = 4;
        float[] lin = new float[n], sea = new float[n], disp = new float[n];
        double v = 0.012, d = -0.0021, c = 0.37;
        for (int i = 0; i < n; i++) {
            lin[i] = (float) (i / 10.0 + 0.05 * rng.nextDouble());
            sea[i] = (float) (20 * Math.abs(Math.sin(i / 4.0)));
            disp[i] = (float) (c + v * lin[i] + d * sea[i]);
        }
        disp[9] = Float.NaN;
        PecmForcing f = new PecmForcing(n, 1, 1, lin, sea, new float[] {20}, new float[] {1}, new byte[] {PecmStatus.OK});
        double[] hv = new double[n], hd = new double[n];
        assertThat(PecmFit.estimatorRows(f, disp, ref, 0, hv, hd)).isTrue();
        double ev = 0, ed = 0, sv = 0, sd = 0;
        for (int i = 0; i < n; i++) {
            if (i != 9) {
                ev += hv[i] * disp[i];
                ed += hd[i] * disp[i];
            }
            sv += hv[i];
            sd += hd[i];
        }
        assertThat(hv[9]).isZero();
        assertThat(hd[9]).isZero();
        assertThat(ev).isCloseTo(v, within(1e-6));
        assertThat(ed).isCloseTo(d, within(1e-7));
        assertThat(sv).isCloseTo(0, within(1e-9));
        assertThat(sd).isCloseTo(0, within(1e-9));
        PecmFit.Result r = PecmFit.fit(f, disp, ref);
        assertThat(r.rate()[0]).isCloseTo(v, within(1e-6));
    }

    @Test
    void singularPixelHasNoRows() {
        int n = 5;
        float[] lin = {0, 1, 2, 3, 4}, sea = {0, 2, 4, 6, 8}, disp = new float[n];   // I ∝ L: singular
        PecmForcing f = new PecmForcing(n, 1, 1, lin, sea, new float[] {8}, new float[] {1}, new byte[] {PecmStatus.OK});
        assertThat(PecmFit.estimatorRows(f, disp, 0, 0, new double[n], new double[n])).isFalse();
    }
}

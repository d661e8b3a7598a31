package org.permasar.unwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Bridging of connected components on planes with known shifts (cycles, regions, masks). */
class ComponentBridgingTest {

    /**
     * A 60 × 80 plane of a smooth phase ramp plus noise; label 1 on the left (reference), label 2 on
     * the right shifted by +2 cycles, a block beyond a masked strip labelled 1 again (a separate
     * region) shifted by −1 cycle, and a 3 × 3 island (below the 0.3 % area threshold) shifted by +1.
     */
    @Test
    void shiftsEachRegionBackByItsWholeCycles() {
        int rows = 60, cols = 80, n = rows * cols;
        Random rnd = new Random(11L);
        float[] ph = new float[n];
        float[] lab = new float[n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int p = r * cols + c;
                ph[p] = (float) (0.04 * c + 0.02 * r + 0.3 * rnd.nextGaussian());
                if (r >= 40 && c < 40) {
                    lab[p] = r == 40 || r == 41 ? 0f : 1f; // masked strip, then a second region of label 1
                    if (r > 41) {
                        ph[p] -= (float) (2 * Math.PI);
                    }
                } else {
                    lab[p] = c < 40 ? 1f : 2f;
                    if (c >= 40) {
                        ph[p] += (float) (4 * Math.PI);
                    }
                }
            }
        }
        int island = 10 * cols + 60;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                lab[island + r * cols + c] = 7f;
                ph[island + r * cols + c] += (float) (2 * Math.PI);
            }
        }
        ph[5 * cols + 5] = Float.NaN;
        ComponentBridging.Bridged b = ComponentBridging.bridge(ph, lab, rows, cols, 5 * cols + 6, 2500, 50);
        assertThat(b.regionCycles()).hasSize(3);
        assertThat(b.cyclesAt(5 * cols + 6)).isZero();       // reference region
        assertThat(b.cyclesAt(20 * cols + 70)).isEqualTo(-2); // label 2
        assertThat(b.cyclesAt(50 * cols + 10)).isEqualTo(1);  // label 1 beyond the gap
        assertThat(b.cyclesAt(40 * cols + 10)).isZero();      // masked
        assertThat(b.cyclesAt(island + cols + 1)).isZero();   // too small: left alone
        assertThat(b.region()[island + cols + 1]).isEqualTo(-1);
    }

    @Test
    void oneRegionNeedsNoBridge() {
        float[] ph = new float[100];
        float[] lab = new float[100];
        java.util.Arrays.fill(lab, 1f);
        ComponentBridging.Bridged b = ComponentBridging.bridge(ph, lab, 10, 10, -1, 2500, 50);
        assertThat(b.regionCycles()).containsExactly(0);
    }
}

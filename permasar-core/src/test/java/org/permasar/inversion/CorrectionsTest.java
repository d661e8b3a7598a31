package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Corrections against closed forms: planted ramps, slopes and delays are removed exactly. */
class CorrectionsTest {
    private static final int ROWS = 7, COLS = 9, NPIX = ROWS * COLS;

    @Test
    void quadraticRampIsRemovedExactly() {
        float[] d = new float[2 * NPIX];
        for (int p = 0; p < NPIX; p++) {
            double x = 2.0 * (p % COLS) / (COLS - 1) - 1, y = 2.0 * (p / COLS) / (ROWS - 1) - 1;
            d[p] = (float) (0.3 + 1.5 * x - 0.7 * y);
            d[NPIX + p] = (float) (1 - x + 2 * y + 0.5 * x * x - 0.25 * y * y + 0.8 * x * y);
        }
        d[5] = Float.NaN;
        double[] lin = RampRemoval.remove(d.clone(), ROWS, COLS, null, RampRemoval.Ramp.LINEAR);
        assertThat(lin[0]).isCloseTo(0.3, within(1e-6));
        assertThat(lin[1]).isCloseTo(1.5, within(1e-6));
        assertThat(lin[2]).isCloseTo(-0.7, within(1e-6));
        double[] q = RampRemoval.remove(d, ROWS, COLS, null, RampRemoval.Ramp.QUADRATIC);
        assertThat(q[6 + 5]).isCloseTo(0.8, within(1e-6));
        for (int i = 0; i < d.length; i++) {
            if (i != 5) {
                assertThat(d[i]).isCloseTo(0f, within(1e-5f));
            }
        }
        assertThat(d[5]).isNaN();
    }

    @Test
    void elevationSlopeIsRecovered() {
        Random rnd = new Random(3L);
        float[] h = new float[NPIX];
        float[] ts = new float[NPIX];
        for (int p = 0; p < NPIX; p++) {
            h[p] = 1000 + 2000 * rnd.nextFloat();
            ts[p] = (float) (0.5 + 2e-3 * h[p]);
        }
        double[] k = DelayCorrection.removeElevationCorrelation(ts, h, null, NPIX);
        assertThat(k[0]).isCloseTo(2e-3, within(1e-8));
        double mean = 0;
        for (float v : ts) {
            mean += v / NPIX;
        }
        for (float v : ts) {
            assertThat((double) v).isCloseTo(mean, within(1e-3));
        }
    }

    @Test
    void delayStackAndReferenceDate() {
        float[] ts = {0, 0, 1, 2, 3, 5};   // 3 dates × 2 pixels
        float[] dl = {0.1f, 0.2f, 0.6f, 0.2f, 0.1f, 1.2f};
        DelayCorrection.subtractDelayStack(ts, dl, 2, 0);
        assertThat(ts).containsExactly(new float[] {0, 0, 0.5f, 2, 3, 4}, within(1e-6f));
        DelayCorrection.referenceToDate(ts, 2, 1);
        assertThat(ts).containsExactly(new float[] {-0.5f, -2, 0, 0, 2.5f, 2}, within(1e-6f));
    }

    @Test
    void referencePointAndMetres() {
        float[] d = {1, 2, 3, 0, 4, 5}; // 2 layers × 3 pixels
        float[] ref = ReferencePoint.subtractPixel(d.clone(), 3, 1, false);
        assertThat(ref).containsExactly(2f, 4f);
        float[] mp = d.clone();
        ReferencePoint.subtractPixel(mp, 3, 1, true);   // MintPy: zeros are no-data, the reference becomes NaN
        assertThat(mp).containsExactly(-1f, Float.NaN, 1f, Float.NaN, Float.NaN, 1f);
        float[] w = d.clone();
        ReferencePoint.subtractWindowMedian(w, 1, 3, 0, 1, 0, 3);
        assertThat(w).containsExactly(-1f, 0f, 1f, -4f, 0f, 1f);
        float[] m = {(float) Math.PI};
        PhaseConversion.toMetres(m, 0.056);
        assertThat((double) m[0]).isCloseTo(-0.014, within(1e-9)); // −λ/(4π)·π = −λ/4
    }
}

package org.permasar.permafrost.alt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LowerBoundEnvelopeTest {
    @Test
    void recoversTheShiftedLowerLineOfUniformScatter() {
        long seed = 8675309L;
        System.out.println("LowerBoundEnvelopeTest seed " + seed);
        Random rnd = new Random(seed);
        int n = 40000;
        float[] d = new float[n + 2], h = new float[n + 2];
        for (int k = 0; k < n; k++) {
            d[k] = (float) (0.01 + 0.07 * rnd.nextDouble());
            // truth: H = 0.5 + 20 δ + U(0, 2); its 5 % quantile line is 0.5 + 0.1 + 20 δ
            h[k] = (float) (0.5 + 20 * d[k] + 2 * rnd.nextDouble());
        }
        d[n] = Float.NaN;
        h[n + 1] = Float.NaN;
        LowerBoundEnvelope.Envelope e = LowerBoundEnvelope.fit(d, h, LowerBoundEnvelope.Parameters.DEFAULT);
        assertThat(e.pairs()).isEqualTo(n);
        assertThat(e.slope()).isCloseTo(20, within(1.0));
        assertThat(e.intercept()).isCloseTo(0.6, within(0.05));
        assertThat(e.amplitudeFor(1.0)).isCloseTo(0.02, within(0.003));
    }

    @Test
    void quantileType7() {
        // R: quantile(c(1,2,3,4,5), 0.1, type=7) = 1.4
        assertThat(LowerBoundEnvelope.quantile(new double[] {1, 2, 3, 4, 5}, 0.1)).isCloseTo(1.4, within(1e-12));
    }
}

package org.permasar.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ReplayableRandom draws exactly what java.util.SplittableRandom draws, and replays from a state. */
class ReplayableRandomTest {

    /** The same mixed sequence of every kind of draw the simulator uses, from both generators. */
    private static void checkSameStream(long seed, int splits) {
        SplittableRandom jdk = new SplittableRandom(seed);
        ReplayableRandom ours = new ReplayableRandom(seed);
        for (int s = 0; s < splits; s++) {
            jdk = jdk.split();
            ours = ours.split();
        }
        for (int k = 0; k < 200_000; k++) {
            switch (k % 6) {
                case 0 -> assertThat(ours.nextGaussian()).as("seed %d draw %d", seed, k).isEqualTo(jdk.nextGaussian());
                case 1 -> assertThat(ours.nextDouble()).as("seed %d draw %d", seed, k).isEqualTo(jdk.nextDouble());
                case 2 -> assertThat(ours.nextInt(1 + k % 977)).as("seed %d draw %d", seed, k)
                        .isEqualTo(jdk.nextInt(1 + k % 977));
                case 3 -> assertThat(ours.nextBoolean()).as("seed %d draw %d", seed, k).isEqualTo(jdk.nextBoolean());
                case 4 -> assertThat(ours.nextLong()).as("seed %d draw %d", seed, k).isEqualTo(jdk.nextLong());
                default -> assertThat(ours.nextInt()).as("seed %d draw %d", seed, k).isEqualTo(jdk.nextInt());
            }
        }
    }

    @Test
    void drawsWhatSplittableRandomDraws() {
        checkSameStream(20170104L, 0);
        checkSameStream(20170104L, 1);
        checkSameStream(42L, 3);
        checkSameStream(-7L, 5);
    }

    @Test
    void replaysFromARecordedState() {
        ReplayableRandom r = new ReplayableRandom(99L).split();
        for (int k = 0; k < 1000; k++) {
            r.nextGaussian();
        }
        long mark = r.state();
        double[] first = new double[500];
        for (int k = 0; k < first.length; k++) {
            first[k] = r.nextGaussian();
        }
        r.reset(mark);
        for (double v : first) {
            assertThat(r.nextGaussian()).isEqualTo(v);
        }
        ReplayableRandom c = r.copy();
        assertThat(c.nextLong()).isEqualTo(r.nextLong());
    }
}

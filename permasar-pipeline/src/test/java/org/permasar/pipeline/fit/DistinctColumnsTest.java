package org.permasar.pipeline.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Identical LST series are grouped into one cell, any difference (one bit, one NaN) keeps them apart. */
class DistinctColumnsTest {

    @Test
    void groupsBitIdenticalColumnsOnly() {
        int layers = 50, npix = 12;
        SplittableRandom rng = new SplittableRandom(7);
        float[] v = new float[layers * npix];
        // columns 0, 3, 7 identical; 1 and 5 identical with NaNs; 2 differs from 0 in one ulp at one layer
        int[] source = {0, 1, 2, 0, 4, 1, 6, 0, 8, 9, 10, 11};
        for (int i = 0; i < layers; i++) {
            for (int q = 0; q < npix; q++) {
                v[i * npix + q] = source[q] == q ? (float) rng.nextGaussian() : v[i * npix + source[q]];
            }
            v[i * npix + 1] = i % 5 == 0 ? Float.NaN : v[i * npix + 1];
            v[i * npix + 5] = v[i * npix + 1];
            v[i * npix + 2] = v[i * npix];
        }
        v[17 * npix + 2] = Math.nextUp(v[17 * npix]);
        int[] cellOf = new int[npix];
        int cells = FitKernel.distinctColumns(v, npix, cellOf);
        assertThat(cells).isEqualTo(9);
        assertThat(cellOf).containsExactly(0, 1, 2, 0, 3, 1, 4, 0, 5, 6, 7, 8);
    }
}

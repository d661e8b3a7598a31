package org.permasar.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

class GridResamplerTest {
    /** Source: 10 x 10 grid of 1-unit pixels with upper-left corner (0, 10); value = 2x + 3y at pixel centres. */
    private static final GridGeometry SRC = GridGeometry.geocoded(10, 10, GeoTransform.northUp(0, 1, 10, -1), 32633, Double.NaN);

    private static float[] plane() {
        float[] v = new float[100];
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                v[r * 10 + c] = (float) (2 * (c + 0.5) + 3 * (10 - (r + 0.5)));
            }
        }
        return v;
    }

    @Test
    void bilinearReproducesAPlaneOnAShiftedGrid() {
        // target grid shifted by a quarter pixel and half the pixel size
        GridGeometry dst = GridGeometry.geocoded(8, 8, GeoTransform.northUp(1.25, 0.5, 8.75, -0.5), 32633, Double.NaN);
        float[] out = GridResampler.resample(plane(), SRC, dst, GridResampler.Method.BILINEAR);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                double x = 1.25 + 0.5 * (c + 0.5), y = 8.75 - 0.5 * (r + 0.5);
                assertThat((double) out[r * 8 + c]).isCloseTo(2 * x + 3 * y, within(1e-4));
            }
        }
    }

    @Test
    void nearestPicksTheContainingPixelAndNaNOutside() {
        GridGeometry dst = GridGeometry.geocoded(2, 2, GeoTransform.northUp(9.2, 1, 10, -1), 32633, Double.NaN);
        float[] out = GridResampler.resample(plane(), SRC, dst, GridResampler.Method.NEAREST);
        // target centre (9.7, 9.5) lies in source pixel (row 0, col 9): value 2*9.5 + 3*9.5
        assertThat(out[0]).isEqualTo((float) (2 * 9.5 + 3 * 9.5));
        assertThat(out[1]).isNaN(); // centre x = 10.7 is outside
    }

    @Test
    void nodataPropagatesAsNaNAndCrsMismatchIsRejected() {
        float[] v = plane();
        v[0] = -9999f;
        GridGeometry src = SRC.withNodata(-9999);
        float[] out = GridResampler.resample(v, src, src, GridResampler.Method.NEAREST);
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(v[1]);
        GridGeometry other = GridGeometry.geocoded(10, 10, GeoTransform.northUp(0, 1, 10, -1), 4326, Double.NaN);
        assertThatThrownBy(() -> GridResampler.resample(v, SRC, other, GridResampler.Method.NEAREST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4326");
    }
}

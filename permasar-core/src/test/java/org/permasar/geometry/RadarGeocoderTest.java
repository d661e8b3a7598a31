package org.permasar.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A slanted radar grid (rows 15° off north, as an ascending track's azimuth) over 35° N whose lookup
 * is known in closed form: every filled cell must take the radar pixel a brute-force search finds
 * nearest to its centre (same metric), every cell inside the swath must be filled, and the corners of
 * the bounding box outside the slanted swath must stay empty.
 */
class RadarGeocoderTest {
    static final int ROWS = 40, COLS = 30;

    static float[][] lookup() {
        float[] lat = new float[ROWS * COLS], lon = new float[ROWS * COLS];
        double a = Math.toRadians(15), cos35 = Math.cos(Math.toRadians(35));
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                double north = -r * 0.0009, east = c * 0.0011;        // degrees of latitude-equivalent
                double dn = north * Math.cos(a) - east * Math.sin(a), de = north * Math.sin(a) + east * Math.cos(a);
                lat[r * COLS + c] = (float) (35 + dn);
                lon[r * COLS + c] = (float) (93 + de / cos35);
            }
        }
        return new float[][] {lat, lon};
    }

    @Test
    void everyCellTakesItsNearestRadarPixelAndTheSwathEdgesStayEmpty() {
        float[][] ll = lookup();
        float[] lat = ll[0], lon = ll[1];
        RadarGeocoder.Plan p = RadarGeocoder.plan(lat, lon, ROWS, COLS, Double.NaN, Double.NaN);
        int R = p.grid().rows(), C = p.grid().cols();
        assertThat(p.grid().epsg()).isEqualTo(4326);
        double cosPhi = Math.cos(Math.toRadians(35 - ROWS * 0.0009 / 2));
        int filled = 0, empty = 0;
        for (int r = 0; r < R; r++) {
            for (int c = 0; c < C; c++) {
                double cy = p.grid().transform().y(c + 0.5, r + 0.5), cx = p.grid().transform().x(c + 0.5, r + 0.5);
                int best = -1;
                double bestD = Double.MAX_VALUE;
                for (int k = 0; k < lat.length; k++) {
                    double dy = lat[k] - cy, dx = (lon[k] - cx) * cosPhi;
                    if (dy * dy + dx * dx < bestD) {
                        bestD = dy * dy + dx * dx;
                        best = k;
                    }
                }
                int got = p.source()[r * C + c];
                // pixel spacing ≈ 0.0011° (across) and 0.0009° (along): inside the swath the nearest pixel is
                // within ~0.0008°; beyond the radius (3 × the larger step, MintPy's) nothing may be taken
                if (Math.sqrt(bestD) < 0.0008) {
                    assertThat(got).as("cell (%d, %d) inside the swath", r, c).isEqualTo(best);
                    filled++;
                } else if (Math.sqrt(bestD) > 3 * Math.max(-p.grid().transform().pixelHeight(),
                        p.grid().transform().pixelWidth())) {
                    assertThat(got).as("cell (%d, %d) beyond the swath", r, c).isEqualTo(-1);
                    empty++;
                } else if (got >= 0) {
                    assertThat(got).as("cell (%d, %d) at the edge takes the nearest pixel", r, c).isEqualTo(best);
                }
            }
        }
        assertThat(filled).isGreaterThan(ROWS * COLS / 2);
        assertThat(empty).as("corners of the bounding box outside the slanted swath").isPositive();
    }

    @Test
    void applyMapsEveryLayerAndGivenStepsSetTheGrid() {
        float[][] ll = lookup();
        RadarGeocoder.Plan p = RadarGeocoder.plan(ll[0], ll[1], ROWS, COLS, 0.002, 0.003);
        assertThat(p.grid().transform().pixelWidth()).isEqualTo(0.003);
        assertThat(p.grid().transform().pixelHeight()).isEqualTo(-0.002);
        float[] radar = new float[2 * ROWS * COLS];
        for (int k = 0; k < radar.length; k++) {
            radar[k] = k;
        }
        float[] out = RadarGeocoder.apply(p, radar, 2);
        int m = p.source().length;
        for (int q = 0; q < m; q++) {
            int s = p.source()[q];
            if (s < 0) {
                assertThat(out[q]).isNaN();
                assertThat(out[m + q]).isNaN();
            } else {
                assertThat(out[q]).isEqualTo(s);
                assertThat(out[m + q]).isEqualTo(ROWS * COLS + s);
            }
        }
    }

    @Test
    void aLookupWithoutCoordinatesIsRefused() {
        float[] nan = new float[ROWS * COLS];
        Arrays.fill(nan, Float.NaN);
        assertThatThrownBy(() -> RadarGeocoder.plan(nan, nan, ROWS, COLS, Double.NaN, Double.NaN))
                .hasMessageContaining("no pixel with a finite latitude and longitude");
        float[][] ll = lookup();
        assertThatThrownBy(() -> RadarGeocoder.plan(ll[0], ll[1], ROWS, COLS, -0.001, 0.001))
                .hasMessageContaining("must be > 0 degrees");
    }
}

package org.permasar.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoTransformTest {

    /** pyrate_cropA's grid (data README §1): UL −99.19107 E 19.45129 N, 5″ pixels. */
    private static final GeoTransform CROPA = GeoTransform.northUp(-99.19107, 0.0013888889, 19.45129, -0.0013888889);

    @Test
    void pixelCentresAndCornersFollowGdalConvention() {
        // centre of pixel (row 0, col 0) is half a pixel in from the corner
        assertThat(CROPA.x(0.5, 0.5)).isCloseTo(-99.19107 + 0.0013888889 / 2, within(1e-12));
        assertThat(CROPA.y(0.5, 0.5)).isCloseTo(19.45129 - 0.0013888889 / 2, within(1e-12));
        // lower-right corner of a 100-wide × 60-long grid
        assertThat(CROPA.x(100, 60)).isCloseTo(-99.19107 + 100 * 0.0013888889, within(1e-12));
        assertThat(CROPA.y(100, 60)).isCloseTo(19.45129 - 60 * 0.0013888889, within(1e-12));
    }

    @Test
    void inverseMapsBackToPixelIndices() {
        GeoTransform rotated = new GeoTransform(500000, 30, 5, 4100000, -4, -30);
        for (double[] cr : new double[][] {{0, 0}, {10.5, 3.25}, {999, 77}}) {
            double x = rotated.x(cr[0], cr[1]), y = rotated.y(cr[0], cr[1]);
            assertThat(rotated.col(x, y)).isCloseTo(cr[0], within(1e-9));
            assertThat(rotated.row(x, y)).isCloseTo(cr[1], within(1e-9));
        }
    }

    @Test
    void shiftedWindowStartsAtItsUpperLeftPixel() {
        GeoTransform s = CROPA.shifted(10, 20);
        assertThat(s.originX()).isCloseTo(-99.19107 + 10 * 0.0013888889, within(1e-12));
        assertThat(s.originY()).isCloseTo(19.45129 - 20 * 0.0013888889, within(1e-12));
    }

    @Test
    void gdalArrayRoundTrip() {
        double[] gt = {1, 2, 0, 4, 0, -5};
        assertThat(GeoTransform.fromGdal(gt).toGdal()).containsExactly(gt);
    }

    @Test
    void refusesSingularOrNonFinite() {
        assertThatThrownBy(() -> GeoTransform.northUp(0, 0, 0, -1)).hasMessageContaining("singular");
        assertThatThrownBy(() -> GeoTransform.northUp(Double.NaN, 1, 0, -1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> GeoTransform.fromGdal(new double[5])).hasMessageContaining("6 terms, got 5");
    }

    @Test
    void gridLatLonOfGeographicGrid() {
        GridGeometry g = GridGeometry.geocoded(60, 100, CROPA, 4326, 0);
        assertThat(g.longitude(0, 0)).isCloseTo(-99.19107 + 0.0013888889 / 2, within(1e-12));
        assertThat(g.latitude(59, 0)).isCloseTo(19.45129 - 59.5 * 0.0013888889, within(1e-12));
        GridGeometry sub = g.subset(new Window(10, 20, 5, 5));
        assertThat(sub.longitude(0, 0)).isEqualTo(g.longitude(10, 20));
        assertThat(sub.latitude(2, 3)).isEqualTo(g.latitude(12, 23));
        assertThat(g.sameGrid(GridGeometry.geocoded(60, 100, CROPA.shifted(0, 0), 4326, Double.NaN))).isTrue();
        assertThat(g.sameGrid(GridGeometry.geocoded(60, 100, CROPA.shifted(1, 0), 4326, 0))).isFalse();
    }

    @Test
    void radarGridUsesPerPixelCoordinates() {
        float[] lat = {1, 2, 3, 4, 5, 6};
        float[] lon = {10, 20, 30, 40, 50, 60};
        GridGeometry g = GridGeometry.radar(2, 3, PixelCoordinates.of(2, 3, lat, lon));
        assertThat(g.isGeocoded()).isFalse();
        assertThat(g.latitude(1, 2)).isEqualTo(6);
        assertThat(g.longitude(0, 1)).isEqualTo(20);
        assertThat(g.subset(new Window(1, 1, 1, 2)).latitude(0, 0)).isEqualTo(5);
        assertThatThrownBy(() -> PixelCoordinates.of(2, 2, lat, lon)).hasMessageContaining("2×2");
    }
}

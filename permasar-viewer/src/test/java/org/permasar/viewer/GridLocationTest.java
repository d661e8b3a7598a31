package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.PixelCoordinates;

/**
 * Cursor positions against an independent implementation: GDAL 3.6 / PROJ 9 (osr.CoordinateTransformation,
 * EPSG:32646 → EPSG:4326, run once with /usr/bin/python3 on the demo scene's grid) for UTM, and the
 * geotransform itself for a geographic grid.
 */
class GridLocationTest {
    /** The demo scene's grid: UTM 46N, origin 499 000 E / 3 873 843 N, 100 m pixels. */
    static final GridGeometry UTM = GridGeometry.geocoded(16, 20, GeoTransform.northUp(499000, 100, 3873843, -100),
            32646, Double.NaN);

    @Test
    void utmCornerAndPixelCentreMatchGdal() {
        check(UTM, 0, 0, 499000, 3873843, 35.007212872, 92.989040333);      // upper-left corner
        check(UTM, 8.5, 8.5, 499850, 3872993, 34.999548535, 92.998356203);  // centre of pixel (8, 8)
        check(UTM, 8.0, 10.5, 500050, 3873043, 34.999999417, 93.000547935);
    }

    @Test
    void geographicGridIsItsOwnLatLon() {
        GridGeometry g = GridGeometry.geocoded(6, 8, GeoTransform.northUp(100, 0.01, 50, -0.01), 4326, Double.NaN);
        check(g, 2.5, 5.5, 100.055, 49.975, 49.975, 100.055);
    }

    @Test
    void unknownCrsHasMapCoordinatesButNoLatLon() {
        GridGeometry g = GridGeometry.geocoded(6, 8, GeoTransform.northUp(0, 10, 600, -10), 0, Double.NaN);
        GridLocation.Point p = GridLocation.at(g, 1, 2);
        assertThat(p.x()).isEqualTo(20.0);
        assertThat(p.y()).isEqualTo(590.0);
        assertThat(p.lat()).isNaN();
        assertThat(p.lon()).isNaN();
    }

    @Test
    void radarGridTakesThePixelsOwnLatLon() {
        PixelCoordinates c = new PixelCoordinates() {
            @Override public double latitude(int r, int k) { return 37.0 + 0.1 * r; }
            @Override public double longitude(int r, int k) { return 15.0 + 0.01 * k; }
        };
        GridGeometry g = GridGeometry.radar(4, 5, c);
        GridLocation.Point p = GridLocation.at(g, 2.7, 3.2);
        assertThat(p.lat()).isCloseTo(37.2, within(1e-12));
        assertThat(p.lon()).isCloseTo(15.03, within(1e-12));
        assertThat(p.x()).isNaN();
        assertThat(GridLocation.at(g, 4.1, 0).lat()).isNaN(); // outside the grid
    }

    private static void check(GridGeometry g, double row, double col, double x, double y, double lat, double lon) {
        GridLocation.Point p = GridLocation.at(g, row, col);
        assertThat(p.x()).isCloseTo(x, within(1e-6));
        assertThat(p.y()).isCloseTo(y, within(1e-6));
        assertThat(p.lat()).as("lat").isCloseTo(lat, within(1e-8)); // 1e-8° ≈ 1 mm
        assertThat(p.lon()).as("lon").isCloseTo(lon, within(1e-8));
    }
}

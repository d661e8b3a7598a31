package org.permasar.io.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.PixelCoordinates;
import org.permasar.io.geotiff.GdalReferee;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.sim.SceneSpec;

/**
 * {@link LatLonLocator} against GDAL: the grid is written as a GeoTIFF, points are taken at known fractional pixel
 * positions (corners, centre, random, and outside the grid) and turned into lon/lat by {@code gdaltransform}; then
 * {@code gdaltransform -i} and the locator each turn those lon/lat back into pixel positions, which must agree.
 */
class LatLonLocatorTest {
    /** The acceptance bound of the issue; the measured differences are ~1e-6 px (logged). */
    static final double TOLERANCE_PX = 0.5;

    @TempDir
    Path dir;

    @Test
    void utmDemoGridAgreesWithGdaltransform() {
        SceneSpec s = SceneSpec.small();
        checkAgainstGdal("utm", GridGeometry.geocoded(s.rows(), s.cols(), s.transform(), s.epsg(), Double.NaN));
    }

    @Test
    void geographicGridAgreesWithGdaltransform() {
        // the pyrate_cropA grid (Mexico City): 60 rows × 100 cols of 5″, EPSG:4326
        checkAgainstGdal("ll", GridGeometry.geocoded(60, 100,
                GeoTransform.northUp(-99.19107, 0.0013888889, 19.45129, -0.0013888889), 4326, Double.NaN));
    }

    @Test
    void polarStereographicGridAgreesWithGdaltransform() {
        // NSIDC sea-ice polar stereographic north (EPSG:3413), 30 m pixels at Prudhoe Bay: any EPSG code, not only UTM
        checkAgainstGdal("ps", GridGeometry.geocoded(120, 90,
                GeoTransform.northUp(-2107000, 30, 507000, -30), 3413, Double.NaN));
    }

    /** The case: 35° N 93° E is the centre of the demo scene, not row 38738, col −4990. */
    @Test
    void stationAtTheSceneCentreLandsInTheMiddleOfTheUtmGrid() {
        SceneSpec s = SceneSpec.small();
        LatLonLocator loc = LatLonLocator.on(GridGeometry.geocoded(s.rows(), s.cols(), s.transform(), s.epsg(), Double.NaN));
        // easting 500 000 m on the central meridian 93° E; northing of 35° N on WGS 84 is 3 873 043.06 m
        double[] xy = loc.toMap("G001", 35.0, 93.0);
        assertThat(xy[0]).isCloseTo(500000.0, within(1e-3));
        assertThat(xy[1]).isCloseTo(3873043.0645, within(1e-3));
        int[] rc = loc.pixelInside("station G001", 35.0, 93.0);
        assertThat(rc[0]).isBetween(0, s.rows() - 1);
        assertThat(rc[1]).isBetween(s.cols() / 2 - 1, s.cols() / 2);   // on the meridian: the edge of two columns
    }

    @Test
    void epsg4326GridTakesLonLatAsTheyAreAndWrapsLongitude() {
        GridGeometry g = GridGeometry.geocoded(10, 10, GeoTransform.northUp(-94.0, 0.01, 35.7, -0.01), 4326, Double.NaN);
        LatLonLocator loc = LatLonLocator.on(g);
        assertThat(loc.toMap("p", 35.655, -93.955)).containsExactly(-93.955, 35.655);
        assertThat(loc.pixel("p", 35.655, 266.045)).containsExactly(4, 4);
    }

    @Test
    void radarGridKeepsTheNearestPixelLookup() {
        int rows = 4, cols = 5;
        float[] lat = new float[rows * cols], lon = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                lat[r * cols + c] = 35.0f - 0.01f * r - 0.002f * c;   // a skewed radar grid
                lon[r * cols + c] = 93.0f + 0.01f * c + 0.001f * r;
            }
        }
        LatLonLocator loc = LatLonLocator.on(GridGeometry.radar(rows, cols, PixelCoordinates.of(rows, cols, lat, lon)));
        assertThat(loc.pixel("p", 35.0 - 0.02 - 0.006, 93.03 + 0.002)).containsExactly(2, 3);
        assertThat(loc.toPixel("p", 34.0, 93.0)).containsExactly(3.5, 4.5);   // the southernmost centre: never outside
    }

    @Test
    void gridsAndPointsThatCannotBePlacedAreRefusedWithTheReason() {
        GridGeometry utm = GridGeometry.geocoded(40, 50, SceneSpec.small().transform(), 32646, Double.NaN);
        assertThatThrownBy(() -> LatLonLocator.on(utm.withEpsg(0)).pixel("station X", 35, 93))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("station X: the grid")
                .hasMessageContaining("no EPSG code");
        assertThatThrownBy(() -> LatLonLocator.on(GridGeometry.radar(4, 4, null)))
                .hasMessageContaining("has no latitude/longitude");
        assertThatThrownBy(() -> LatLonLocator.on(utm.withEpsg(999999)).toMap("site A", 35, 93))
                .hasMessageStartingWith("site A: EPSG:999999 is not a CRS");
        LatLonLocator loc = LatLonLocator.on(utm);
        assertThatThrownBy(() -> loc.pixel("site B1", 3873043.0, 500000.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("site B1: latitude 3873043.0").hasMessageContaining("x/y columns");
        assertThatThrownBy(() -> loc.pixelInside("--ref-lalo", 36.0, 93.0))
                .hasMessageStartingWith("--ref-lalo (lat 36.0, lon 93.0) lies outside the grid: row ")
                .hasMessageContaining("of 40 × 50 px (EPSG:32646)");
    }

    /** Positions at corners, centre, 40 random points (seed logged) and 8 outside the grid, through GDAL and us. */
    private void checkAgainstGdal(String name, GridGeometry g) {
        assumeTrue(GdalReferee.gdaltransformAvailable(), "GDAL (gdaltransform) not installed: referee test skipped");
        Path tif = dir.resolve(name + ".tif");
        try {
            GeoTiffWriter.write(tif, g, new float[g.size()], 1, Map.of(), List.of());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        long seed = System.nanoTime();
        System.out.println(name + ": random points from seed " + seed);
        Random rnd = new Random(seed);
        int n = 5 + 40 + 8;
        double[][] pl = new double[n][];
        pl[0] = new double[] {0.5, 0.5};
        pl[1] = new double[] {g.cols() - 0.5, 0.5};
        pl[2] = new double[] {0.5, g.rows() - 0.5};
        pl[3] = new double[] {g.cols() - 0.5, g.rows() - 0.5};
        pl[4] = new double[] {g.cols() / 2.0 + 0.25, g.rows() / 2.0 + 0.25};
        for (int i = 5; i < 45; i++) {
            pl[i] = new double[] {rnd.nextDouble() * g.cols(), rnd.nextDouble() * g.rows()};
        }
        for (int i = 45; i < n; i++) {   // 1 … 20 px beyond each edge in turn
            double out = 1 + rnd.nextDouble() * 19;
            int side = i % 4;
            pl[i] = new double[] {side == 0 ? -out : side == 1 ? g.cols() + out : rnd.nextDouble() * g.cols(),
                    side == 2 ? -out : side == 3 ? g.rows() + out : rnd.nextDouble() * g.rows()};
        }
        double[][] lonLat = GdalReferee.transform(tif, false, pl);
        double[][] gdal = GdalReferee.transform(tif, true, lonLat);
        LatLonLocator loc = LatLonLocator.on(g);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double lon = lonLat[i][0], lat = lonLat[i][1];
            double[] ours = loc.toPixel("point " + i, lat, lon);   // {row, col}
            double dr = ours[0] - gdal[i][1], dc = ours[1] - gdal[i][0];
            worst = Math.max(worst, Math.hypot(dr, dc));
            assertThat(Math.hypot(dr, dc)).as("point %d (lat %s, lon %s): ours row %s col %s, GDAL line %s pixel %s", i,
                    lat, lon, ours[0], ours[1], gdal[i][1], gdal[i][0]).isLessThanOrEqualTo(TOLERANCE_PX);
            boolean clear = Math.abs(gdal[i][0] - Math.rint(gdal[i][0])) > 1e-3 && Math.abs(gdal[i][1] - Math.rint(gdal[i][1])) > 1e-3;
            if (clear) {   // away from pixel edges the pixel itself is GDAL's
                assertThat(loc.pixel("point " + i, lat, lon)).as("pixel of point %d", i)
                        .containsExactly((int) Math.floor(gdal[i][1]), (int) Math.floor(gdal[i][0]));
                assertThat(loc.contains(loc.pixel("point " + i, lat, lon))).isEqualTo(i < 45);
            }
        }
        System.out.printf("%s (EPSG:%d): largest |ours − gdaltransform| over %d points = %.3g px%n", name, g.epsg(), n, worst);
    }
}

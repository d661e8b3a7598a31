package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.permasar.grid.Window;

/** Round trips through our reader and through GDAL (the referee) for files we write. */
class GeoTiffWriterTest {
    private static final long SEED = 20261121L;

    @TempDir
    Path tmp;

    private static float[] randomBands(int bands, int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[bands * rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextGaussian() * 10);
        }
        d[5] = Float.NaN;
        return d;
    }

    @Test
    void geographicTwoBandsRoundTripThroughGdal() throws Exception {
        int rows = 37, cols = 53, bands = 2;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(-99.25, 0.001, 19.5, -0.002), 4326,
                Double.NaN);
        float[] data = randomBands(bands, rows, cols, SEED);
        Path f = tmp.resolve("two.tif");
        GeoTiffWriter.write(f, g, data, bands, Map.of("FILE_TYPE", "timeseries", "UNIT", "m & <x>"),
                List.of("20200101", "20200113"));

        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.grid().rows()).isEqualTo(rows);
            assertThat(r.grid().epsg()).isEqualTo(4326);
            assertThat(r.grid().transform()).isEqualTo(g.transform());
            assertThat(r.attributes()).containsEntry("UNIT", "m & <x>").containsEntry("FILE_TYPE", "timeseries");
            assertThat(r.bandDescriptions()).containsExactly("20200101", "20200113");
            assertThat(r.read(GeoTiffReader.BANDS, Window.of(g))).containsExactly(data);
            Window w = new Window(3, 7, 5, 11);
            float[] win = new float[w.size()];
            r.readBand(1, w, win, 0, 1f);
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    assertThat(win[i * w.cols() + j]).isEqualTo(data[rows * cols + (3 + i) * cols + 7 + j]);
                }
            }
        }

        assumeTrue(GdalReferee.gdalinfoAvailable(), "gdalinfo not installed");
        String json = GdalReferee.info(f);
        assertThat(GdalReferee.array(json, "size")).containsExactly(cols, rows);
        assertThat(GdalReferee.epsg(json)).isEqualTo(4326);
        // corners by hand: x = −99.25 + 53·0.001, y = 19.5 − 37·0.002
        assertThat(GdalReferee.array(json, "upperLeft")).containsExactly(new double[] {-99.25, 19.5}, within(1e-9));
        assertThat(GdalReferee.array(json, "lowerRight")).containsExactly(new double[] {-99.197, 19.426}, within(1e-7));
        assertThat(GdalReferee.strings(json, "description")).contains("20200101", "20200113");
        assertThat(GdalReferee.strings(json, "noDataValue")).containsOnly("NaN");
        assertThat(json).contains("\"UNIT\":\"m & <x>\"");
        assumeTrue(GdalReferee.pythonGdalAvailable(), "python3-gdal not installed");
        float[] b2 = GdalReferee.readBand(f, 2, tmp);
        float[] expect = java.util.Arrays.copyOfRange(data, rows * cols, 2 * rows * cols);
        assertThat(b2).containsExactly(expect);
    }

    @Test
    void projectedUtmWithZeroNodataAndInt16() throws Exception {
        int rows = 20, cols = 30;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(500000, 30, 7000000, -30), 32633, 0);
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 7 == 0 ? 0 : i - 300;
        }
        Path f = tmp.resolve("utm.tif");
        GeoTiffWriter.write(f, g, data, 1, GeoTiffWriter.SampleType.INT16, Map.of(), List.of());
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.grid().epsg()).isEqualTo(32633);
            assertThat(r.grid().nodata()).isEqualTo(0.0);
            float[] back = r.read(GeoTiffReader.BANDS, Window.of(g));
            for (int i = 0; i < data.length; i++) {
                if (data[i] == 0) {
                    assertThat(back[i]).isNaN();
                } else {
                    assertThat(back[i]).isEqualTo(data[i]);
                }
            }
        }
        assumeTrue(GdalReferee.gdalinfoAvailable(), "gdalinfo not installed");
        String json = GdalReferee.info(f);
        assertThat(GdalReferee.epsg(json)).isEqualTo(32633);
        assertThat(GdalReferee.array(json, "lowerLeft")).containsExactly(new double[] {500000, 6999400}, within(1e-6));
        assertThat(GdalReferee.strings(json, "noDataValue")).containsOnly("0.0");
        assertThat(json).contains("\"type\":\"Int16\"");
    }

    @Test
    void rotatedGridUsesModelTransformation() throws Exception {
        GeoTransform t = new GeoTransform(1000, 10, 2, 5000, 1, -10);
        GridGeometry g = GridGeometry.geocoded(4, 6, t, 32610, Double.NaN);
        Path f = tmp.resolve("rot.tif");
        GeoTiffWriter.write(f, g, new float[24], 1, Map.of(), null);
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.grid().transform()).isEqualTo(t);
        }
        assumeTrue(GdalReferee.gdalinfoAvailable(), "gdalinfo not installed");
        assertThat(GdalReferee.array(GdalReferee.info(f), "geoTransform"))
                .containsExactly(new double[] {1000, 10, 2, 5000, 1, -10}, within(1e-9));
    }
}

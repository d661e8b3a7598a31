package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * One small multi-band file re-encoded by gdal_translate in the layouts other tools write (tiles,
 * band-sequential, uncompressed, big-endian, predictors, LZW), each read back by {@link GeoTiffReader}
 * to the same values: window reads of several bands through our block decoder, or mil.nga where it
 * falls back (predictor, LZW).
 */
class GeoTiffReaderLayoutsTest {
    private static final int ROWS = 45, COLS = 70, BANDS = 4;

    @TempDir
    Path tmp;
    private Path source;
    private float[] data;

    @BeforeEach
    void writeSource() throws Exception {
        GridGeometry g = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(10, 0.5, 60, -0.5), 4326, Double.NaN);
        data = new float[BANDS * ROWS * COLS];
        for (int i = 0; i < data.length; i++) {
            data[i] = GeoTiffSizeSweepTest.pattern(GeoTiffWriter.SampleType.FLOAT32, i / (ROWS * COLS), i / COLS % ROWS, i % COLS);
        }
        source = tmp.resolve("src.tif");
        GeoTiffWriter.write(source, g, data, BANDS, Map.of(), List.of("a", "b", "c", "d"));
    }

    private void check(String name, String... options) throws Exception {
        Path f = tmp.resolve(name + ".tif");
        GdalReferee.translate(source, f, options);
        Window w = new Window(7, 5, 30, 61);
        int[] bands = {3, 0, 2};
        float[] got = new float[bands.length * w.size()];
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.bandDescriptions()).as(name).containsExactly("a", "b", "c", "d");
            r.readBands(bands, w, got, 0, 1f);
        }
        for (int k = 0; k < bands.length; k++) {
            for (int i = 0; i < w.size(); i++) {
                float want = data[(bands[k] * ROWS + w.row0() + i / w.cols()) * COLS + w.col0() + i % w.cols()];
                assertThat(Float.floatToIntBits(got[k * w.size() + i])).as("%s band %d pixel %d", name, bands[k], i)
                        .isEqualTo(Float.floatToIntBits(want));
            }
        }
    }

    @Test
    void layoutsWrittenByGdal() throws Exception {
        assumeTrue(GdalReferee.gdalinfoAvailable(), "GDAL not installed");
        check("gdal-deflate", "-co", "COMPRESS=DEFLATE");
        check("tiled", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE");
        check("planar", "-co", "INTERLEAVE=BAND", "-co", "COMPRESS=DEFLATE");
        check("planar-tiled-raw", "-co", "INTERLEAVE=BAND", "-co", "TILED=YES", "-co", "BLOCKXSIZE=32",
                "-co", "BLOCKYSIZE=16");
        check("raw-strips", "-co", "BLOCKYSIZE=7");
        check("big-endian", "-co", "ENDIANNESS=BIG", "-co", "COMPRESS=DEFLATE");
        check("predictor3", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3");
        check("lzw", "-co", "COMPRESS=LZW");
    }
}

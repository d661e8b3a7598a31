package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;

/**
 * Files written by GDAL (gdal_translate: deflate, LZW, tiles, BigTIFF, big-endian, band-sequential,
 * int16 / uint8 / float64, predictor) parsed by {@link TiffLayout} and read whole by {@link GeoTiffReader}:
 * the layout GDAL was asked for, and every value, the geotransform, EPSG and nodata equal to what GDAL
 * itself reads (python3-gdal, gdalinfo -json). Skips without GDAL.
 */
class GeoTiffGdalFilesTest {
    private static final int ROWS = 37, COLS = 53, BANDS = 3;

    @TempDir
    Path tmp;
    private Path source;

    @BeforeEach
    void writeSource() throws Exception {
        assumeTrue(GdalReferee.gdalinfoAvailable() && GdalReferee.pythonGdalAvailable(), "GDAL not installed");
        GridGeometry g = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(400000, 30, 7500000, -30), 32645,
                Double.NaN);
        float[] data = new float[BANDS * ROWS * COLS];
        for (int i = 0; i < data.length; i++) {
            data[i] = GeoTiffSizeSweepTest.pattern(GeoTiffWriter.SampleType.FLOAT32, i / (ROWS * COLS),
                    i / COLS % ROWS, i % COLS);
        }
        source = tmp.resolve("src.tif");
        GeoTiffWriter.write(source, g, data, BANDS, Map.of("FILE_TYPE", "gdal-files"), List.of("a", "b", "c"));
    }

    /** What the directory of a GDAL output must say. */
    private record Expect(int compression, boolean tiled, boolean big, ByteOrder order, boolean fromFile) {
    }

    private static Expect expect(int compression, boolean tiled, boolean big, ByteOrder order, boolean fromFile) {
        return new Expect(compression, tiled, big, order, fromFile);
    }

    private Path check(String name, Expect e, String... options) throws Exception {
        Path f = tmp.resolve(name + ".tif");
        GdalReferee.translate(source, f, options);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            TiffLayout l = TiffLayout.read(f, ch);
            assertThat(l.compression()).as(name).isEqualTo(e.compression);
            assertThat(l.isTiled()).as(name).isEqualTo(e.tiled);
            assertThat(l.isBigTiff()).as(name).isEqualTo(e.big);
            assertThat(l.order()).as(name).isEqualTo(e.order);
            assertThat(TiffBlockReader.supports(l)).as(name + ": decoded from the file, no mil.nga")
                    .isEqualTo(e.fromFile);
            assertThat(l.geoAsciiParams()).as(name + " GeoAsciiParams (citation)").isNotEmpty();
        }
        String json = GdalReferee.info(f);
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.grid().rows()).isEqualTo(ROWS);
            assertThat(r.grid().cols()).isEqualTo(COLS);
            assertThat(r.bandCount()).isEqualTo(BANDS);
            assertThat(r.bandDescriptions()).as(name).containsExactly("a", "b", "c");
            assertThat(r.item("FILE_TYPE")).as(name).isEqualTo("gdal-files");
            assertThat(r.grid().epsg()).as(name).isEqualTo(GdalReferee.epsg(json)).isEqualTo(32645);
            assertThat(r.grid().transform().toGdal()).as(name)
                    .containsExactly(GdalReferee.array(json, "geoTransform"), within(1e-9));
            List<String> nd = GdalReferee.strings(json, "noDataValue");
            double nodata = r.grid().nodata();
            assertThat(nd).as(name).hasSize(BANDS);
            if (Double.isNaN(nodata)) {
                assertThat(nd).containsOnly("NaN");
            } else {
                assertThat(Double.parseDouble(nd.get(0))).as(name).isEqualTo(nodata);
            }
            int[] all = {0, 1, 2};
            Window w = Window.of(r.grid());
            float[] got = new float[BANDS * w.size()];
            r.readBands(all, w, got, 0, 1f);
            for (int b = 0; b < BANDS; b++) {
                float[] want = GdalReferee.readBand(f, b + 1, tmp);
                assertThat(want).hasSize(w.size());
                for (int i = 0; i < want.length; i++) {
                    float v = !Double.isNaN(nodata) && want[i] == nodata ? Float.NaN : want[i];
                    if (Float.floatToIntBits(got[b * w.size() + i]) != Float.floatToIntBits(v)) {
                        assertThat(got[b * w.size() + i]).as("%s band %d pixel %d", name, b + 1, i).isEqualTo(v);
                    }
                }
            }
        }
        return f;
    }

    @Test
    void gdalOutputsReadAsGdalReadsThem() throws Exception {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN, be = ByteOrder.BIG_ENDIAN;
        check("deflate", expect(8, false, false, le, true), "-co", "COMPRESS=DEFLATE");
        check("lzw", expect(5, false, false, le, false), "-co", "COMPRESS=LZW");
        check("tiled", expect(8, true, false, le, true), "-co", "TILED=YES", "-co", "BLOCKXSIZE=16",
                "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE");
        check("bigtiff", expect(8, false, true, le, true), "-co", "BIGTIFF=YES", "-co", "COMPRESS=DEFLATE");
        check("bigtiff-be-tiled-planar", expect(1, true, true, be, true), "-co", "BIGTIFF=YES",
                "-co", "ENDIANNESS=BIG", "-co", "TILED=YES", "-co", "BLOCKXSIZE=32", "-co", "BLOCKYSIZE=16",
                "-co", "INTERLEAVE=BAND");
        check("be-deflate", expect(8, false, false, be, true), "-co", "ENDIANNESS=BIG", "-co", "COMPRESS=DEFLATE");
        check("int16-bigtiff", expect(8, false, true, le, true), "-ot", "Int16", "-a_nodata", "-9999",
                "-co", "BIGTIFF=YES", "-co", "COMPRESS=DEFLATE");
        check("uint8-be", expect(1, false, false, be, true), "-ot", "Byte", "-a_nodata", "255",
                "-co", "ENDIANNESS=BIG", "-co", "BLOCKYSIZE=5");
        check("float64-tiled-bigtiff-be", expect(8, true, true, be, true), "-ot", "Float64", "-co", "TILED=YES",
                "-co", "BIGTIFF=YES", "-co", "ENDIANNESS=BIG", "-co", "COMPRESS=DEFLATE");
        check("int16-predictor2", expect(8, false, false, le, false), "-ot", "Int16", "-co", "COMPRESS=DEFLATE",
                "-co", "PREDICTOR=2");
    }

    /** LZW needs mil.nga, which cannot read BigTIFF: refused naming the file, the encoding and why. */
    @Test
    void lzwBigTiffIsRefusedNamingTheEncoding() throws Exception {
        Path f = tmp.resolve("lzw-big.tif");
        GdalReferee.translate(source, f, "-co", "BIGTIFF=YES", "-co", "COMPRESS=LZW");
        assertThatThrownBy(() -> GeoTiffReader.open(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("compression LZW (5)")
                .hasMessageContaining("in-memory decoder").hasMessageContaining("BigTIFF");
    }

    /** A GDAL tiled file cut short: its last tile lies past the end; refused at open, not read. */
    @Test
    void truncatedGdalFileIsRefused() throws Exception {
        Path f = tmp.resolve("tiled.tif");
        GdalReferee.translate(source, f, "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16",
                "-co", "COMPRESS=DEFLATE");
        byte[] all = Files.readAllBytes(f);
        Path cut = tmp.resolve("tiled-cut.tif");
        Files.write(cut, TiffBytes.cut(all, 100));
        assertThatThrownBy(() -> GeoTiffReader.open(cut)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("TileOffsets")
                .hasMessageContaining("truncated");
    }

    /** A user-defined CRS: GDAL stores its parameters in GeoDoubleParams, which the layout reads. */
    @Test
    void userDefinedCrsParameters() throws Exception {
        Path f = tmp.resolve("laea.tif");
        GdalReferee.translate(source, f, "-a_srs", "+proj=laea +lat_0=90 +lon_0=10 +x_0=0 +y_0=0 +datum=WGS84 "
                + "+units=m +no_defs");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            TiffLayout l = TiffLayout.read(f, ch);
            assertThat(l.geoDoubleParams()).contains(90.0, 10.0);
            assertThat(GeoKeys.value(l.geoKeys(), GeoKeys.PROJECTED_CS_TYPE)).as("user-defined").isEqualTo(32767);
        }
    }
}

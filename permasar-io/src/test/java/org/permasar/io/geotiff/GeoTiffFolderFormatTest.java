package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/** PyRate's cropA GAMMA GeoTIFF folder, checked against its documented facts and against GDAL. */
class GeoTiffFolderFormatTest {
    static final Path SHARED = Path.of(System.getProperty("permasar.shared", "../shared"));
    static final Path CROPA = SHARED.resolve("data/insar/pyrate_cropA/geotiffs");

    @TempDir
    Path tmp;

    @Test
    void cropAFactsFromTheDataReadme() throws Exception {
        assumeTrue(Files.isDirectory(CROPA), "shared data absent");
        try (InterferogramStack s = RasterFormats.openStack(CROPA)) {
            assertThat(s.format()).isEqualTo("GeoTIFF interferogram folder");
            assertThat(s.network().dateCount()).isEqualTo(13);
            assertThat(s.network().pairCount()).isEqualTo(30);
            assertThat(s.network().dates().get(0)).isEqualTo(LocalDate.of(2018, 1, 6));
            assertThat(s.network().dates().get(12)).isEqualTo(LocalDate.of(2018, 7, 17));
            assertThat(s.grid().cols()).isEqualTo(100);
            assertThat(s.grid().rows()).isEqualTo(60);
            assertThat(s.grid().epsg()).isEqualTo(4326);
            // the DEM par: corner 19.4512926234517565 N, −99.1910697816367417 E, post 0.0013888889°
            GeoTransform t = s.grid().transform();
            assertThat(t.originX()).isCloseTo(-99.1910697816367417, within(1e-12));
            assertThat(t.originY()).isCloseTo(19.4512926234517565, within(1e-12));
            assertThat(t.pixelWidth()).isCloseTo(0.0013888889, within(1e-15));
            assertThat(t.pixelHeight()).isCloseTo(-0.0013888889, within(1e-15));
            assertThat(s.wavelength()).isCloseTo(0.0555041577, within(1e-10));
            assertThat(s.datasets()).containsExactly(InterferogramStack.UNWRAP_PHASE, InterferogramStack.COHERENCE);
        }
    }

    @Test
    void cropAValuesEqualGdal() throws Exception {
        assumeTrue(Files.isDirectory(CROPA), "shared data absent");
        assumeTrue(GdalReferee.pythonGdalAvailable(), "python3-gdal not installed");
        try (InterferogramStack s = RasterFormats.openStack(CROPA)) {
            Window all = Window.of(s.grid());
            float[] phase = s.read(InterferogramStack.UNWRAP_PHASE, all);
            float[] coh = s.read(InterferogramStack.COHERENCE, all);
            for (int k : new int[] {0, 7, 29}) {
                String label = s.network().pairs().get(k).label().replace('_', '-');
                Path unw = Files.list(CROPA).filter(p -> p.toString().contains(label) && p.toString().endsWith("unw.tif"))
                        .findFirst().orElseThrow();
                Path cc = Path.of(unw.toString().replace("_eqa_unw.tif", "_flat_eqa_cc.tif"));
                assertSameAsGdal(GdalReferee.readBand(unw, 1, tmp), phase, k * all.size());
                assertSameAsGdal(GdalReferee.readBand(cc, 1, tmp), coh, k * all.size());
            }
        }
    }

    private static void assertSameAsGdal(float[] gdal, float[] ours, int off) {
        for (int i = 0; i < gdal.length; i++) {
            if (gdal[i] == 0f) {
                assertThat(ours[off + i]).as("pixel %d (GDAL nodata 0)", i).isNaN();
            } else {
                assertThat(ours[off + i]).as("pixel %d", i).isEqualTo(gdal[i]);
            }
        }
    }

    @Test
    void windowReadEqualsTheSameWindowOfAFullRead() throws Exception {
        assumeTrue(Files.isDirectory(CROPA), "shared data absent");
        try (InterferogramStack s = RasterFormats.openStack(CROPA)) {
            Window all = Window.of(s.grid()), w = new Window(13, 41, 9, 17);
            float[] full = s.read(InterferogramStack.UNWRAP_PHASE, all);
            float[] win = s.read(InterferogramStack.UNWRAP_PHASE, w);
            for (int k = 0; k < 30; k++) {
                for (int r = 0; r < w.rows(); r++) {
                    for (int c = 0; c < w.cols(); c++) {
                        assertThat(win[k * w.size() + r * w.cols() + c])
                                .isEqualTo(full[k * all.size() + (13 + r) * all.cols() + 41 + c]);
                    }
                }
            }
        }
    }

    private static void writeIfg(Path f, int rows, int cols, Map<String, String> md) throws Exception {
        writeIfg(f, rows, cols, 4326, md);
    }

    private static void writeIfg(Path f, int rows, int cols, int epsg, Map<String, String> md) throws Exception {
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(10, 0.01, 50, -0.01), epsg, 0);
        float[] d = new float[rows * cols];
        java.util.Arrays.fill(d, 1.5f);
        GeoTiffWriter.write(f, g, d, 1, md, List.of());
    }

    @Test
    void badFoldersNameTheFileAndTheProblem() throws Exception {
        Map<String, String> wl = Map.of("WAVELENGTH_METRES", "0.0555");
        Path sizes = Files.createDirectories(tmp.resolve("sizes"));
        writeIfg(sizes.resolve("x_20200101-20200113_unw.tif"), 10, 12, wl);
        writeIfg(sizes.resolve("x_20200113-20200125_unw.tif"), 11, 12, wl);
        assertThatThrownBy(() -> RasterFormats.openStack(sizes)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x_20200113-20200125_unw.tif").hasMessageContaining("raster size 12 × 11");

        // issue 12: same size and geotransform numbers, another CRS (gdal_translate -a_srs EPSG:32614)
        Path crs = Files.createDirectories(tmp.resolve("crs"));
        writeIfg(crs.resolve("x_20200101-20200113_unw.tif"), 10, 12, wl);
        writeIfg(crs.resolve("x_20200113-20200125_unw.tif"), 10, 12, 32614, wl);
        assertThatThrownBy(() -> RasterFormats.openStack(crs)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x_20200113-20200125_unw.tif: CRS EPSG:32614 differs from EPSG:4326 of ")
                .hasMessageContaining("x_20200101-20200113_unw.tif");

        Path dates = Files.createDirectories(tmp.resolve("dates"));
        writeIfg(dates.resolve("x_20201301-20200113_unw.tif"), 10, 12, wl);
        assertThatThrownBy(() -> RasterFormats.openStack(dates)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x_20201301-20200113_unw.tif").hasMessageContaining("unparseable date");

        Path nowl = Files.createDirectories(tmp.resolve("nowl"));
        writeIfg(nowl.resolve("x_20200101-20200113_unw.tif"), 10, 12, Map.of());
        assertThatThrownBy(() -> RasterFormats.openStack(nowl)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x_20200101-20200113_unw.tif").hasMessageContaining("missing wavelength");

        Path trunc = Files.createDirectories(tmp.resolve("trunc"));
        Path f = trunc.resolve("x_20200101-20200113_unw.tif");
        writeIfg(f, 100, 120, wl);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 3));
        assertThatThrownBy(() -> {
            try (InterferogramStack s = RasterFormats.openStack(trunc)) {
                s.read(InterferogramStack.UNWRAP_PHASE, Window.of(s.grid()));
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining("x_20200101-20200113_unw.tif");
    }
}

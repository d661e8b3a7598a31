package org.permasar.io.lst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.MoistureCube;

/** Layered soil moisture with known values W(t, l, r, c) = 0.10 + 0.05·l + 0.01·t + 0.001·(r + c). */
class SoilMoistureReaderTest {
    static final int ROWS = 4, COLS = 3, LAYERS = 3, DATES = 2;
    static final GridGeometry GRID = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(93, 0.1, 35, -0.1), 4326, Double.NaN);
    static final LocalDate[] D = {LocalDate.of(2019, 6, 1), LocalDate.of(2019, 7, 1)};

    @TempDir
    Path tmp;

    static double w(int t, int l, int r, int c) {
        return 0.10 + 0.05 * l + 0.01 * t + 0.001 * (r + c);
    }

    static float[] raster(int t, int l, double factor) {
        float[] v = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                v[r * COLS + c] = (float) (w(t, l, r, c) * factor);
            }
        }
        return v;
    }

    static void check(MoistureCube m, Window win) {
        assertThat(m.dates()).containsExactly(D);
        assertThat(m.layers()).hasSize(LAYERS);
        double[] mat = new double[DATES * LAYERS];
        for (int r = 0; r < win.rows(); r++) {
            for (int c = 0; c < win.cols(); c++) {
                int p = r * win.cols() + c;
                m.pixelMatrix(p, mat);
                for (int t = 0; t < DATES; t++) {
                    for (int l = 0; l < LAYERS; l++) {
                        double expected = w(t, l, r + win.row0(), c + win.col0());
                        assertThat((double) m.at(t, l, p)).isCloseTo(expected, within(1e-6));
                        assertThat(mat[t * LAYERS + l]).isCloseTo(expected, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void multiBandWithDateLayerDescriptionsInAnyOrder() throws IOException {
        Path f = tmp.resolve("sm.tif");
        float[] data = new float[DATES * LAYERS * ROWS * COLS];
        List<String> desc = new ArrayList<>();
        int b = 0;
        for (int l = LAYERS - 1; l >= 0; l--) { // layer-major, reversed, to prove ordering by layer number
            for (int t = 0; t < DATES; t++) {
                System.arraycopy(raster(t, l, 1), 0, data, b++ * ROWS * COLS, ROWS * COLS);
                desc.add(D[t] + " layer" + (l + 1));
            }
        }
        GeoTiffWriter.write(f, GRID, data, DATES * LAYERS, Map.of(), desc);
        try (SoilMoistureReader r = SoilMoistureReader.open(f, 1)) {
            assertThat(r.layers()).containsExactly("layer1", "layer2", "layer3");
            check(r.readAll(), Window.of(GRID));
            Window win = new Window(1, 1, 3, 2);
            check(r.read(win), win);
        }
    }

    @Test
    void folderOfEra5NamedPercentFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("era5"));
        for (int t = 0; t < DATES; t++) {
            for (int l = 0; l < LAYERS; l++) {
                String name = "swvl" + (l + 1) + "_" + D[t].toString().replace("-", "") + ".tif";
                GeoTiffWriter.write(dir.resolve(name), GRID, raster(t, l, 100), 1, Map.of(), null);
            }
        }
        try (SoilMoistureReader r = SoilMoistureReader.open(dir, 0.01)) {
            assertThat(r.layers()).containsExactly("swvl1", "swvl2", "swvl3");
            check(r.readAll(), Window.of(GRID));
        }
        try (SoilMoistureReader r = SoilMoistureReader.open(dir, 1)) {
            assertThatThrownBy(r::readAll).isInstanceOf(InvalidInputException.class).hasMessageContaining("swvl1_20190601.tif")
                    .hasMessageContaining("use scale 0.01");
        }
        Files.delete(dir.resolve("swvl2_20190701.tif"));
        assertThatThrownBy(() -> SoilMoistureReader.open(dir, 0.01)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2019-07-01").hasMessageContaining("swvl2");
    }

    @Test
    void siteTable() throws IOException {
        Path f = tmp.resolve("site.csv");
        Files.writeString(f, "# ERA5-Land at a borehole\ndate,swvl1,swvl2,swvl3,swvl4\n2019-06-01,0.31,0.28,0.25,\n2019-07-01,0.33,0.30,0.26,0.2\n");
        MoistureCube m = SoilMoistureReader.readSite(f, 1);
        assertThat(m.grid()).isNull();
        assertThat(m.pixels()).isEqualTo(1);
        assertThat(m.layers()).containsExactly("swvl1", "swvl2", "swvl3", "swvl4");
        double[] mat = m.pixelMatrix(0, new double[8]);
        assertThat(mat[0]).isCloseTo(0.31, within(1e-7));
        assertThat(mat[3]).isNaN();
        assertThat(mat[4 + 3]).isCloseTo(0.2, within(1e-7));
        Path pct = tmp.resolve("pct.csv");
        Files.writeString(pct, "date,layer1\n2019-06-01,31\n");
        assertThatThrownBy(() -> SoilMoistureReader.readSite(pct, 1)).hasMessageContaining("line 2")
                .hasMessageContaining("use scale 0.01");
        assertThat((double) SoilMoistureReader.readSite(pct, 0.01).at(0, 0, 0)).isCloseTo(0.31, within(1e-7));
    }

    @Test
    void descriptionsWithoutLayerAreRefused() throws IOException {
        Path f = tmp.resolve("nolayer.tif");
        GeoTiffWriter.write(f, GRID, raster(0, 0, 1), 1, Map.of(), List.of("2019-06-01"));
        assertThatThrownBy(() -> SoilMoistureReader.open(f, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("band 1").hasMessageContaining("layer1, swvl1");
    }
}

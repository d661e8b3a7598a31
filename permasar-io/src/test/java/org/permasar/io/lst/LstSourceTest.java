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
import org.permasar.thermal.input.LstCube;

/**
 * LST readers on synthetic GeoTIFFs written here with known values: T_K(t, r, c) = 250 + 2t + 0.5r − 0.25c
 * (so °C = T_K − 273.15 in closed form), with chosen cloud gaps.
 */
class LstSourceTest {
    static final int ROWS = 6, COLS = 5;
    static final GridGeometry GRID = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(93.0, 0.01, 35.5, -0.01),
            4326, Double.NaN);

    @TempDir
    Path tmp;

    static double kelvin(int t, int r, int c) {
        return 250 + 2 * t + 0.5 * r - 0.25 * c;
    }

    static boolean cloud(int t, int r, int c) {
        return (t == 1 && r == 2) || (t == 2 && c == 4 && r < 3);
    }

    static float[] layer(int t, double scale, double offset, float missing) {
        float[] v = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                v[r * COLS + c] = cloud(t, r, c) ? missing : (float) ((kelvin(t, r, c) + offset) / scale);
            }
        }
        return v;
    }

    static void assertCelsius(LstCube cube, int[] tIndex, Window w) {
        for (int k = 0; k < cube.layers(); k++) {
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    int t = tIndex[k], gr = r + w.row0(), gc = c + w.col0();
                    if (cloud(t, gr, gc)) {
                        assertThat(cube.at(k, r, c)).as("t=%d r=%d c=%d", t, gr, gc).isNaN();
                    } else {
                        assertThat((double) cube.at(k, r, c)).as("t=%d r=%d c=%d", t, gr, gc)
                                .isCloseTo(kelvin(t, gr, gc) - 273.15, within(2e-4));
                    }
                }
            }
        }
    }

    /** A multi-band float32 Kelvin file whose bands are out of date order, with date descriptions in three styles. */
    @Test
    void multiBandKelvinWithDateDescriptions() throws IOException {
        Path f = tmp.resolve("lst_stack.tif");
        // band order: t=2, t=0, t=1 → descriptions in different formats
        float[] data = new float[3 * ROWS * COLS];
        int[] bandT = {2, 0, 1};
        for (int b = 0; b < 3; b++) {
            System.arraycopy(layer(bandT[b], 1, 0, Float.NaN), 0, data, b * ROWS * COLS, ROWS * COLS);
        }
        GeoTiffWriter.write(f, GRID, data, 3, Map.of(), List.of("A2019017", "2019-01-01", "20190109"));
        try (LstSource s = LstSource.open(f, LstOptions.auto())) {
            assertThat(s.dates()).containsExactly(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 1, 9), LocalDate.of(2019, 1, 17));
            assertThat(s.kelvin()).isTrue();
            assertThat(s.rawDn()).isFalse();
            assertCelsius(s.readAll(), new int[] {0, 1, 2}, Window.of(GRID));
            Window w = new Window(1, 2, 4, 3);
            LstCube block = s.read(w);
            assertThat(block.grid().transform().originX()).isCloseTo(93.02, within(1e-12));
            assertCelsius(block, new int[] {0, 1, 2}, w);
        }
    }

    /**
     * The calibration fallback scans a multi-band file in row blocks, decoding each block once for every
     * date up to the first valid one so far: date 2 is valid in the first rows, date 1 only in the last,
     * so the answer (date 1's values, row-major) is only known at the last blocks.
     */
    @Test
    void firstValidDateScanSwitchesToAnEarlierDateFoundLater() throws IOException {
        int rows = 40, cols = 10, n = 5;
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(93, 0.01, 40, -0.01), 4326, Double.NaN);
        float[] data = new float[n * rows * cols];
        java.util.Arrays.fill(data, Float.NaN);
        List<Float> want = new java.util.ArrayList<>();
        int[] bandOfDate = {4, 2, 0, 3, 1};
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int p = r * cols + c;
                if (r >= 30) {
                    data[bandOfDate[1] * rows * cols + p] = 100 + p;
                    want.add(100f + p);
                }
                if (r < 6) {
                    data[bandOfDate[2] * rows * cols + p] = 200 + p;
                }
                data[bandOfDate[3] * rows * cols + p] = 300 + p;
                data[bandOfDate[4] * rows * cols + p] = 400 + p;
            }
        }
        String[] desc = new String[n];
        for (int t = 0; t < n; t++) {
            desc[bandOfDate[t]] = LocalDate.of(2020, 1, 1).plusDays(8L * t).toString();
        }
        Path f = tmp.resolve("scan.tif");
        GeoTiffWriter.write(f, g, data, n, Map.of(), List.of(desc));
        try (LstSource s = LstSource.open(f, LstOptions.auto())) {
            for (long blockValues : new long[] {n * cols * 4L, n * cols * 7L, Long.MAX_VALUE / 2}) {
                float[] got = s.firstValidDateMulti(blockValues);
                assertThat(got).as("block of %d values", blockValues).hasSize(want.size());
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).isEqualTo(want.get(i));
                }
            }
        }
    }

    /** A folder of MODIS-named int16 files holding raw DN = T_K / 0.02 with fill 0. */
    @Test
    void modisFolderOfRawDnWithFillZero() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("modis"));
        String[] names = {"MOD11A2.A2019001.h25v05.061.2019010043542.tif", "MOD11A2.A2019009.h25v05.061.2019018031234.tif",
            "MOD11A2.A2019017.h25v05.061.2019026035959.tif"};
        for (int t = 0; t < 3; t++) {
            GeoTiffWriter.write(dir.resolve(names[t]), GRID.withNodata(0), layer(t, 0.02, 0, Float.NaN), 1,
                    GeoTiffWriter.SampleType.INT16, Map.of(), null);
        }
        Files.writeString(dir.resolve("README.txt"), "not a raster");
        try (LstSource s = LstSource.open(dir, LstOptions.auto())) {
            assertThat(s.rawDn()).isTrue();
            assertThat(s.kelvin()).isTrue();
            assertThat(s.dates()).containsExactly(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 1, 9), LocalDate.of(2019, 1, 17));
            // int16 rounding of DN: ±0.5 DN = ±0.01 K
            LstCube cube = s.readAll();
            for (int t = 0; t < 3; t++) {
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLS; c++) {
                        float v = cube.at(t, r, c);
                        if (cloud(t, r, c)) {
                            assertThat(v).isNaN();
                        } else {
                            assertThat((double) v).isCloseTo(kelvin(t, r, c) - 273.15, within(0.0101));
                        }
                    }
                }
            }
        }
    }

    @Test
    void celsiusDetectedAndOverridesApplied() throws IOException {
        Path f = tmp.resolve("celsius_20190101.tif");
        GeoTiffWriter.write(f, GRID, layer(0, 1, -273.15, Float.NaN), 1, Map.of(), null);
        try (LstSource s = LstSource.open(f, LstOptions.auto())) {
            assertThat(s.kelvin()).isFalse();
            assertThat(s.dates()).containsExactly(LocalDate.of(2019, 1, 1)); // from the file name
            assertCelsius(s.readAll(), new int[] {0}, Window.of(GRID));
        }
        // the same numbers declared Kelvin lose another 273.15
        try (LstSource s = LstSource.open(f, LstOptions.auto().withUnit(LstOptions.Unit.KELVIN))) {
            assertThat((double) s.readAll().at(0, 0, 0)).isCloseTo(kelvin(0, 0, 0) - 2 * 273.15, within(1e-3));
        }
        // DN declared raw with scale 0.02: 0.02·(T_K/0.02) K, but physical-looking values < 7500 count as fill
        Path dn = tmp.resolve("dn_20190101.tif");
        GeoTiffWriter.write(dn, GRID, layer(0, 0.02, 0, 0f), 1, Map.of(), null);
        try (LstSource s = LstSource.open(dn, LstOptions.auto().withEncoding(LstOptions.Encoding.RAW_DN))) {
            assertCelsius(s.readAll(), new int[] {0}, Window.of(GRID));
        }
    }

    @Test
    void badInputsAreRefused() throws IOException {
        Path undated = tmp.resolve("undated.tif");
        float[] two = new float[2 * ROWS * COLS];
        java.util.Arrays.fill(two, 280f);
        GeoTiffWriter.write(undated, GRID, two, 2, Map.of(), List.of("2019-01-01", "LST_Day_1km"));
        assertThatThrownBy(() -> LstSource.open(undated, LstOptions.auto())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("undated.tif").hasMessageContaining("band 2").hasMessageContaining("'LST_Day_1km'")
                .hasMessageContaining("AYYYYDDD");

        Path repeated = tmp.resolve("repeated.tif");
        GeoTiffWriter.write(repeated, GRID, two, 2, Map.of(), List.of("2019-01-01", "A2019001"));
        assertThatThrownBy(() -> LstSource.open(repeated, LstOptions.auto())).hasMessageContaining("repeats");

        Path empty = tmp.resolve("empty.tif");
        float[] nan = new float[2 * ROWS * COLS];
        java.util.Arrays.fill(nan, Float.NaN);
        GeoTiffWriter.write(empty, GRID, nan, 2, Map.of(), List.of("2019-01-01", "2019-01-09"));
        assertThatThrownBy(() -> LstSource.open(empty, LstOptions.auto())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no valid LST value").hasMessageContaining("2019-01-01 … 2019-01-09");

        Path mixed = Files.createDirectories(tmp.resolve("mixed"));
        GeoTiffWriter.write(mixed.resolve("LST_2019-01-01.tif"), GRID, layer(0, 1, 0, Float.NaN), 1, Map.of(), null);
        GridGeometry shifted = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(93.5, 0.01, 35.5, -0.01), 4326, Double.NaN);
        GeoTiffWriter.write(mixed.resolve("LST_2019-01-09.tif"), shifted, layer(1, 1, 0, Float.NaN), 1, Map.of(), null);
        assertThatThrownBy(() -> LstSource.open(mixed, LstOptions.auto())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LST_2019-01-09.tif").hasMessageContaining("differs");

        Path noName = Files.createDirectories(tmp.resolve("noname"));
        GeoTiffWriter.write(noName.resolve("lst_day.tif"), GRID, layer(0, 1, 0, Float.NaN), 1, Map.of(), null);
        assertThatThrownBy(() -> LstSource.open(noName, LstOptions.auto())).hasMessageContaining("lst_day.tif")
                .hasMessageContaining("holds no date");
        assertThatThrownBy(() -> LstSource.open(Files.createDirectories(tmp.resolve("none")), LstOptions.auto()))
                .hasMessageContaining("no GeoTIFF");
    }

    /** Layer list helper for other tests. */
    static List<float[]> layers(int n) {
        List<float[]> l = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            l.add(layer(t, 1, 0, Float.NaN));
        }
        return l;
    }
}

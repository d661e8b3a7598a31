package org.permasar.io.lst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.geometry.GridResampler.Method;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.LstCube;

/**
 * LST (0.01° grid of {@link LstSourceTest}) onto a finer InSAR grid (0.003°). The LST field is linear in
 * (row, col), so bilinear interpolation must reproduce it exactly in map coordinates:
 * T_K(lon, lat) = 250 + 2t + 0.5·((35.5 − lat)/0.01 − 0.5) − 0.25·((lon − 93)/0.01 − 0.5).
 */
class LstRegridderTest {
    static final GridGeometry INSAR = GridGeometry.geocoded(15, 13, GeoTransform.northUp(93.006, 0.003, 35.494, -0.003),
            4326, Double.NaN);

    @TempDir
    Path tmp;
    Path file;

    @BeforeEach
    void writeLst() throws IOException {
        file = tmp.resolve("lst.tif");
        int n = LstSourceTest.ROWS * LstSourceTest.COLS;
        float[] data = new float[3 * n];
        List<float[]> l = LstSourceTest.layers(3);
        for (int t = 0; t < 3; t++) {
            System.arraycopy(l.get(t), 0, data, t * n, n);
        }
        GeoTiffWriter.write(file, LstSourceTest.GRID, data, 3, Map.of(), List.of("2019-01-01", "2019-01-09", "2019-01-17"));
    }

    static double lon(int c) {
        return 93.006 + 0.003 * (c + 0.5);
    }

    static double lat(int r) {
        return 35.494 - 0.003 * (r + 0.5);
    }

    @Test
    void bilinearReproducesTheLinearFieldAndPropagatesGaps() throws IOException {
        try (LstSource s = LstSource.open(file, LstOptions.auto())) {
            LstCube cube = new LstRegridder(s, INSAR, Method.BILINEAR).readAll();
            assertThat(cube.grid().sameGrid(INSAR)).isTrue();
            for (int r = 0; r < INSAR.rows(); r++) {
                for (int c = 0; c < INSAR.cols(); c++) {
                    double sr = (35.5 - lat(r)) / 0.01 - 0.5, sc = (lon(c) - 93) / 0.01 - 0.5;
                    double expected = 250 + 0.5 * sr - 0.25 * sc - 273.15;
                    assertThat((double) cube.at(0, r, c)).as("r=%d c=%d", r, c).isCloseTo(expected, within(1e-4));
                    // t = 1 has LST row 2 clouded: NaN exactly where row 2 is one of the two rows used
                    int r0 = (int) Math.floor(sr);
                    if (r0 == 1 || r0 == 2) {
                        assertThat(cube.at(1, r, c)).as("r=%d c=%d", r, c).isNaN();
                    } else {
                        assertThat((double) cube.at(1, r, c)).isCloseTo(expected + 2, within(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void nearestTakesTheContainingLstPixel() throws IOException {
        try (LstSource s = LstSource.open(file, LstOptions.auto())) {
            LstCube cube = new LstRegridder(s, INSAR, Method.NEAREST).readAll();
            for (int r = 0; r < INSAR.rows(); r++) {
                for (int c = 0; c < INSAR.cols(); c++) {
                    int sr = (int) Math.floor((35.5 - lat(r)) / 0.01), sc = (int) Math.floor((lon(c) - 93) / 0.01);
                    assertThat((double) cube.at(0, r, c)).isCloseTo(LstSourceTest.kelvin(0, sr, sc) - 273.15, within(1e-4));
                }
            }
        }
    }

    @Test
    void anAlignedGridTakesTheLstPixelsThemselvesAndKeepsValuesBesideClouds() throws IOException {
        // the InSAR grid is a 6×5 window of the LST grid itself, starting at LST row 1, col 2, and
        // reaching one row and column past its edge
        GeoTransform t = LstSourceTest.GRID.transform();
        GridGeometry aligned = GridGeometry.geocoded(LstSourceTest.ROWS, 5,
                GeoTransform.northUp(t.x(2, 1), t.pixelWidth(), t.y(2, 1), t.pixelHeight()), 4326, Double.NaN);
        assertThat(org.permasar.geometry.GridResampler.alignedOffset(LstSourceTest.GRID, aligned)).containsExactly(1, 2);
        assertThat(org.permasar.geometry.GridResampler.alignedOffset(LstSourceTest.GRID, INSAR)).isNull();
        try (LstSource s = LstSource.open(file, LstOptions.auto())) {
            LstCube cube = new LstRegridder(s, aligned, Method.BILINEAR).readAll();
            for (int tt = 0; tt < 3; tt++) {
                for (int r = 0; r < aligned.rows(); r++) {
                    for (int c = 0; c < aligned.cols(); c++) {
                        int sr = r + 1, sc = c + 2;
                        if (sr >= LstSourceTest.ROWS || sc >= LstSourceTest.COLS || LstSourceTest.cloud(tt, sr, sc)) {
                            assertThat(cube.at(tt, r, c)).as("t=%d r=%d c=%d", tt, r, c).isNaN();
                        } else {
                            // beside the clouds too: bilinear weights would have made these NaN
                            assertThat((double) cube.at(tt, r, c)).as("t=%d r=%d c=%d", tt, r, c)
                                    .isCloseTo(LstSourceTest.kelvin(tt, sr, sc) - 273.15, within(1e-4));
                        }
                    }
                }
            }
        }
    }

    @Test
    void blocksEqualTheWholeGridAndDisjointBlocksAreNaN() throws IOException {
        try (LstSource s = LstSource.open(file, LstOptions.auto())) {
            LstRegridder g = new LstRegridder(s, INSAR, Method.BILINEAR);
            LstCube whole = g.readAll();
            for (Window w : List.of(new Window(0, 0, 7, 6), new Window(7, 0, 8, 6), new Window(0, 6, 7, 7), new Window(7, 6, 8, 7))) {
                LstCube b = g.read(w);
                for (int t = 0; t < 3; t++) {
                    for (int r = 0; r < w.rows(); r++) {
                        for (int c = 0; c < w.cols(); c++) {
                            assertThat(Float.floatToIntBits(b.at(t, r, c))).isEqualTo(Float.floatToIntBits(whole.at(t, r + w.row0(), c + w.col0())));
                        }
                    }
                }
            }
            GridGeometry far = GridGeometry.geocoded(4, 4, GeoTransform.northUp(100, 0.003, 30, -0.003), 4326, Double.NaN);
            assertThat(new LstRegridder(s, far, Method.BILINEAR).readAll().celsius()).containsOnly(Float.NaN);
        }
    }

    @Test
    void crsRules() throws IOException {
        try (LstSource s = LstSource.open(file, LstOptions.auto())) {
            GridGeometry utm = GridGeometry.geocoded(10, 10, GeoTransform.northUp(500000, 30, 3930000, -30), 32646, Double.NaN);
            assertThatThrownBy(() -> new LstRegridder(s, utm, Method.BILINEAR)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("EPSG:4326").hasMessageContaining("EPSG:32646").hasMessageContaining("gdalwarp");
            assertThatThrownBy(() -> new LstRegridder(s, GridGeometry.radar(10, 10, null), Method.NEAREST))
                    .hasMessageContaining("radar geometry");
            // CGCS2000 lon/lat is accepted as geographic
            LstCube cgcs = new LstRegridder(s, INSAR.withEpsg(4490), Method.BILINEAR).readAll();
            assertThat((double) cgcs.at(0, 7, 6)).isFinite();
        }
    }
}

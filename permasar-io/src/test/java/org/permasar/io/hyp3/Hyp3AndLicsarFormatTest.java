package org.permasar.io.hyp3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/** Synthetic HyP3 and LiCSAR folders with known values, written with {@link GeoTiffWriter}. */
class Hyp3AndLicsarFormatTest {
    private static final int ROWS = 6, COLS = 8;
    private static final GridGeometry UTM = GridGeometry.geocoded(ROWS, COLS,
            GeoTransform.northUp(400000, 80, 4100000, -80), 32611, 0);
    private static final GridGeometry LL = GridGeometry.geocoded(ROWS, COLS,
            GeoTransform.northUp(30, 0.001, 40, -0.001), 4326, Double.NaN);

    @TempDir
    Path tmp;

    /** value(pair k, pixel i) = k + i/100, pixel 0 set to 0 (nodata). */
    private static float[] layer(int k, float zeroAt) {
        float[] d = new float[ROWS * COLS];
        for (int i = 0; i < d.length; i++) {
            d[i] = k + 1 + i / 100f;
        }
        d[(int) zeroAt] = 0;
        return d;
    }

    private static void tif(Path f, GridGeometry g, float[] d, GeoTiffWriter.SampleType t) throws Exception {
        Files.createDirectories(f.getParent());
        GeoTiffWriter.write(f, g, d, 1, t, Map.of(), List.of());
    }

    @Test
    void hyp3ProductFoldersGiveDatesBaselinesWavelengthAndLayers() throws Exception {
        String[][] prods = {
                {"S1AA_20200101T015530_20200113T015530_VVP012_INT80_G_ueF_A1B2", "S1A_IW_SLC__1SDV_20200101T015530_20200101T015557_030613_038224_1A2B",
                 "S1A_IW_SLC__1SDV_20200113T015530_20200113T015557_030788_03883D_3C4D", "-45.25", "0.055465763"},
                {"S1AA_20200113T015530_20200125T015530_VVP012_INT80_G_ueF_C3D4", null, null, "12.5", null}};
        for (int k = 0; k < prods.length; k++) {
            String name = prods[k][0];
            Path d = tmp.resolve("hyp3").resolve(name);
            tif(d.resolve(name + "_unw_phase.tif"), UTM, layer(k, 0), GeoTiffWriter.SampleType.FLOAT32);
            tif(d.resolve(name + "_corr.tif"), UTM, layer(k, 1), GeoTiffWriter.SampleType.FLOAT32);
            float[] cc = new float[ROWS * COLS];
            java.util.Arrays.fill(cc, 1);
            cc[2] = 0;
            tif(d.resolve(name + "_conncomp.tif"), UTM.withNodata(Double.NaN), cc, GeoTiffWriter.SampleType.UINT8);
            StringBuilder txt = new StringBuilder();
            if (prods[k][1] != null) {
                txt.append("Reference Granule: ").append(prods[k][1]).append('\n')
                        .append("Secondary Granule: ").append(prods[k][2]).append('\n');
            }
            txt.append("Baseline: ").append(prods[k][3]).append('\n').append("Heading: -12.5\n");
            if (prods[k][4] != null) {
                txt.append("Radar wavelength: ").append(prods[k][4]).append('\n');
            }
            Files.writeString(d.resolve(name + ".txt"), txt);
        }
        try (InterferogramStack s = RasterFormats.openStack(tmp.resolve("hyp3"))) {
            assertThat(s.format()).isEqualTo("HyP3 GeoTIFF folder");
            assertThat(s.network().pairs()).containsExactly(
                    new Pair(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 13)),
                    new Pair(LocalDate.of(2020, 1, 13), LocalDate.of(2020, 1, 25)));
            assertThat(s.network().bperps()).containsExactly(-45.25, 12.5);
            assertThat(s.wavelength()).isEqualTo(0.055465763);
            assertThat(s.grid().epsg()).isEqualTo(32611);
            assertThat(s.datasets()).containsExactly(InterferogramStack.UNWRAP_PHASE, InterferogramStack.COHERENCE,
                    InterferogramStack.CONNECT_COMPONENT);
            Window w = new Window(0, 0, 2, 3);
            float[] ph = s.read(InterferogramStack.UNWRAP_PHASE, w);
            assertThat(ph[0]).isNaN();
            assertThat(ph[1]).isEqualTo(1.01f);
            assertThat(ph[w.size() + 3]).isEqualTo(2 + 8 / 100f); // pair 1, row 1 col 0 = pixel 8
            float[] coh = s.read(InterferogramStack.COHERENCE, w);
            assertThat(coh[1]).isNaN();
            assertThat(coh[0]).isEqualTo(1f);
            float[] cc = s.read(InterferogramStack.CONNECT_COMPONENT, w);
            assertThat(cc[2]).isEqualTo(0f);
            assertThat(cc[0]).isEqualTo(1f);
        }
        // without "Radar wavelength" anywhere: Sentinel-1 λ = 299792458 / 5.405e9
        Path one = tmp.resolve("hyp3").resolve(prods[1][0]);
        try (InterferogramStack s = RasterFormats.openStack(one)) {
            assertThat(s.wavelength()).isCloseTo(0.0554657646, within(1e-10));
        }
    }

    @Test
    void licsarFlatAndPerPairFoldersWithByteCoherence() throws Exception {
        Path root = tmp.resolve("GEOC");
        String[] pairs = {"20210105_20210117", "20210117_20210129"};
        for (int k = 0; k < 2; k++) {
            Path d = k == 0 ? root.resolve(pairs[k]) : root;
            tif(d.resolve(pairs[k] + ".geo.unw.tif"), LL, layer(k, 0), GeoTiffWriter.SampleType.FLOAT32);
            float[] cc = new float[ROWS * COLS];
            for (int i = 0; i < cc.length; i++) {
                cc[i] = (i * 5) % 256;
            }
            tif(d.resolve(pairs[k] + ".geo.cc.tif"), LL.withNodata(0), cc, GeoTiffWriter.SampleType.UINT8);
        }
        try (InterferogramStack s = RasterFormats.openStack(root)) {
            assertThat(s.format()).isEqualTo("LiCSAR GeoTIFF folder");
            assertThat(s.network().pairCount()).isEqualTo(2);
            assertThat(s.network().dates()).containsExactly(LocalDate.of(2021, 1, 5), LocalDate.of(2021, 1, 17),
                    LocalDate.of(2021, 1, 29));
            assertThat(s.wavelength()).isCloseTo(0.0554657646, within(1e-10));
            float[] coh = s.read(InterferogramStack.COHERENCE, Window.of(s.grid()));
            assertThat(coh[0]).isNaN();
            assertThat(coh[47]).isCloseTo(235 / 255f, within(1e-7f)); // 47·5 = 235
            assertThat(coh[10]).isCloseTo(50 / 255f, within(1e-7f));
            float[] ph = s.read(InterferogramStack.UNWRAP_PHASE, Window.of(s.grid()));
            assertThat(ph[0]).isNaN();
            assertThat(ph[ROWS * COLS + 5]).isEqualTo(2.05f);
        }
    }

    @Test
    void licsarPairsOfDifferentSizesAreRefused() throws Exception {
        Path root = tmp.resolve("bad");
        tif(root.resolve("20210105_20210117.geo.unw.tif"), LL, layer(0, 0), GeoTiffWriter.SampleType.FLOAT32);
        GridGeometry small = GridGeometry.geocoded(ROWS - 1, COLS, LL.transform(), 4326, Double.NaN);
        tif(root.resolve("20210117_20210129.geo.unw.tif"), small, new float[(ROWS - 1) * COLS],
                GeoTiffWriter.SampleType.FLOAT32);
        assertThatThrownBy(() -> RasterFormats.openStack(root)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("20210117_20210129.geo.unw.tif").hasMessageContaining("raster size 8 × 5");
        Path bad = tmp.resolve("baddate");
        tif(bad.resolve("20210105_20210231.geo.unw.tif"), LL, layer(0, 0), GeoTiffWriter.SampleType.FLOAT32);
        assertThatThrownBy(() -> RasterFormats.openStack(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("20210105_20210231.geo.unw.tif").hasMessageContaining("unparseable date");
    }
}

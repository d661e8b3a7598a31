package org.permasar.io.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.stack.BlockPlanner;

/**
 * zarr-python 2.x (Debian {@code python3-zarr}) as the referee, both ways: it opens our stores,
 * and we open stores it wrote. Truth is the closed-form {@link ZarrTestCube}, which the Python
 * scripts evaluate on their own. Skipped when /usr/bin/python3 has no zarr.
 */
class ZarrPythonRefereeTest {
    private static final int ROWS = 37, COLS = 23, LAYERS = 3;

    /** Python twin of {@link ZarrTestCube#value}. */
    private static final String PY_CUBE = String.join("\n",
            "import numpy as np",
            "def cube(L, R, C):",
            "    l, r, c = np.meshgrid(np.arange(L), np.arange(R), np.arange(C), indexing='ij')",
            "    v = (1000.0 * l + r * 0.5 - c * 0.25).astype('<f4')",
            "    v[(l + r + c) % 17 == 0] = np.nan",
            "    return v", "");

    @TempDir
    Path tmp;

    @BeforeAll
    static void needPython() {
        assumeTrue(PythonReferee.available(), "/usr/bin/python3 with zarr not installed: referee test skipped");
    }

    private static float[] floats(Path f) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    @Test
    void zarrPythonReadsOurStoreAsWritten() throws Exception {
        Path dir = tmp.resolve("ours.zarr");
        GridGeometry g = ZarrTestCube.grid(ROWS, COLS);
        // BlockPlanner bands of 5 rows; chunks follow the plan
        List<Window> plan = new BlockPlanner(5 * COLS * LAYERS * 4, 1).plan(g, LAYERS * 4L);
        assertThat(plan.get(0).rows()).isEqualTo(5);
        try (ZarrCubeWriter w = ZarrCubeWriter.create(dir, g, Map.of("WAVELENGTH", "0.0555041577"), List.of(
                ZarrArraySpec.forPlan("timeseries", LAYERS, plan).withLevel(6),
                ZarrArraySpec.plane("dem", 5, COLS).withDataType(ZarrDataType.INT16, -32768)))) {
            for (Window win : plan) {
                w.writeBlock("timeseries", win, ZarrTestCube.block(win, LAYERS));
                float[] dem = new float[win.size()];
                for (int i = 0; i < dem.length; i++) {
                    dem[i] = (win.row0() + i / COLS) * 100 - (i % COLS) * 7;
                }
                w.writeBlock("dem", win, dem);
            }
            w.commit();
        }
        Path out = Files.createDirectories(tmp.resolve("py"));
        String log = PythonReferee.run(PY_CUBE + String.join("\n",
                "import sys, zarr",
                "g = zarr.open_group(sys.argv[1], mode='r')",
                "ts = g['timeseries']",
                "assert ts.shape == (3, 37, 23) and ts.chunks == (3, 5, 23) and ts.dtype == np.dtype('<f4'), ts.info",
                "assert ts.compressor.codec_id == 'zlib' and ts.compressor.level == 6",
                "a = ts[...]",
                "a.astype('<f4').tofile(sys.argv[2] + '/timeseries.bin')",
                "t = cube(3, 37, 23)",
                "assert np.array_equal(a, t, equal_nan=True), 'timeseries differs from the closed form'",
                "d = g['dem'][...]",
                "assert d.dtype == np.dtype('<i2')",
                "r, c = np.meshgrid(np.arange(37), np.arange(23), indexing='ij')",
                "assert np.array_equal(d, r * 100 - c * 7)",
                "assert g.attrs['WAVELENGTH'] == '0.0555041577' and float(g.attrs['X_FIRST']) == -99.19107, dict(g.attrs)",
                "assert g.attrs['EPSG'] == '4326' and int(g.attrs['LENGTH']) == 37",
                "print('python saw', ts.shape, int(np.isnan(a).sum()), 'NaN')"), dir.toString(), out.toString());
        assertThat(log).contains("python saw (3, 37, 23)");
        // python's dump equals the closed form (and therefore what we wrote)
        float[] dumped = floats(out.resolve("timeseries.bin"));
        assertThat(ZarrTestCube.maxError(new Window(0, 0, ROWS, COLS), LAYERS, dumped)).isZero();
        try (ZarrCube z = ZarrCube.open(dir)) {
            assertThat(z.read("timeseries", new Window(0, 0, ROWS, COLS))).containsExactly(dumped);
        }
    }

    @Test
    void weReadAStoreWrittenByZarrPython() throws Exception {
        Path dir = tmp.resolve("theirs.zarr");
        PythonReferee.run(PY_CUBE + String.join("\n",
                "import sys, zarr",
                "from numcodecs import Zlib, GZip",
                "g = zarr.open_group(sys.argv[1], mode='w')",
                "g.attrs.update({'X_FIRST': '-99.19107', 'Y_FIRST': '19.45129', 'X_STEP': '0.0013888889',",
                "                'Y_STEP': '-0.0013888889', 'EPSG': '4326', 'WAVELENGTH': 0.0555041577, 'FILE_TYPE': 'timeseries'})",
                "ts = g.create_dataset('timeseries', shape=(3, 37, 23), chunks=(2, 8, 10), dtype='<f4',",
                "                      compressor=Zlib(level=5), fill_value=np.nan)",
                "ts[:, :16, :] = cube(3, 37, 23)[:, :16, :]   # rows 16.. never written: chunks missing",
                "r, c = np.meshgrid(np.arange(37), np.arange(23), indexing='ij')",
                "dem = g.create_dataset('dem', shape=(37, 23), chunks=(10, 10), dtype='<i2', compressor=Zlib(level=1),",
                "                       fill_value=-32768)",
                "dem[...] = (r * 100 - c * 7).astype('<i2')",
                "gz = g.create_dataset('coherence', shape=(37, 23), chunks=(16, 16), dtype='<f4', compressor=GZip(level=6))",
                "gz[...] = cube(1, 37, 23)[0]",
                "ne = g.create_dataset('nested', shape=(37, 23), chunks=(9, 9), dtype='>f4', compressor=None,",
                "                      dimension_separator='/')",
                "ne[...] = cube(1, 37, 23)[0]",
                "g.create_dataset('date', data=np.arange(3), dtype='<i8')  # 1-D: not a raster"), dir.toString());
        try (ZarrCube z = ZarrCube.open(dir)) {
            assertThat(z.datasets()).containsExactly("coherence", "dem", "nested", "timeseries");
            assertThat(z.grid().epsg()).isEqualTo(4326);
            assertThat(z.grid().transform().originY()).isEqualTo(19.45129);
            assertThat(z.attributes()).containsEntry("WAVELENGTH", "0.0555041577").containsEntry("FILE_TYPE", "timeseries");
            Window all = new Window(0, 0, ROWS, COLS);
            float[] ts = z.read("timeseries", all);
            Window top = new Window(0, 0, 16, COLS);
            float[] topPart = z.read("timeseries", top);
            assertThat(ZarrTestCube.maxError(top, LAYERS, topPart)).isZero();
            for (int l = 0; l < LAYERS; l++) {
                for (int i = 16 * COLS; i < ROWS * COLS; i++) {
                    assertThat(ts[l * ROWS * COLS + i]).as("unwritten chunk reads as fill NaN").isNaN();
                }
            }
            assertThat(ZarrTestCube.maxError(all, 1, z.read("coherence", all))).isZero();
            assertThat(ZarrTestCube.maxError(all, 1, z.read("nested", all))).isZero();
            Window w = new Window(5, 7, 20, 13);
            float[] dem = z.read("dem", w);
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    assertThat(dem[r * w.cols() + c]).isEqualTo((float) ((w.row0() + r) * 100 - (w.col0() + c) * 7));
                }
            }
        }
    }
}

package org.permasar.io.zarr;

import org.permasar.io.json.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/** Write with {@link ZarrCubeWriter}, read with {@link ZarrCube}, compare with the closed-form cube. */
class ZarrCubeRoundTripTest {
    private static final int ROWS = 37, COLS = 23, LAYERS = 3;

    @TempDir
    Path tmp;

    /** Windows of whole 16×20-pixel tiles (two 8×10 chunks tall, two wide), clipped at the grid edge. */
    private static List<Window> tiles(int tileRows, int tileCols) {
        List<Window> out = new ArrayList<>();
        for (int r = 0; r < ROWS; r += tileRows) {
            for (int c = 0; c < COLS; c += tileCols) {
                out.add(new Window(r, c, Math.min(tileRows, ROWS - r), Math.min(tileCols, COLS - c)));
            }
        }
        return out;
    }

    private Path writeStore(String name) throws Exception {
        Path dir = tmp.resolve(name);
        GridGeometry g = ZarrTestCube.grid(ROWS, COLS);
        List<ZarrArraySpec> specs = List.of(
                ZarrArraySpec.cube("timeseries", LAYERS, 8, 10).withLayerChunk(2), // layer chunk 2 pads layer 3
                ZarrArraySpec.plane("velocity", 8, 10).withLevel(0),
                ZarrArraySpec.plane("dem", 8, 10).withDataType(ZarrDataType.INT16, -32768),
                ZarrArraySpec.plane("mask", 8, 10).withDataType(ZarrDataType.UINT8, 255).withLevel(9));
        try (ZarrCubeWriter w = ZarrCubeWriter.create(dir, g, Map.of("WAVELENGTH", "0.0555041577", "REF_DATE", "20180106"), specs)) {
            // several threads, disjoint aligned windows
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<Integer>> done = new ArrayList<>();
            for (Window win : tiles(16, 20)) {
                done.add(pool.submit(() -> {
                    int n = w.writeBlock("timeseries", win, ZarrTestCube.block(win, LAYERS));
                    n += w.writeBlock("velocity", win, ZarrTestCube.block(win, 1));
                    n += w.writeBlock("dem", win, intBlock(win));
                    n += w.writeBlock("mask", win, maskBlock(win));
                    return n;
                }));
            }
            int chunks = 0;
            for (Future<Integer> f : done) {
                chunks += f.get();
            }
            pool.shutdown();
            // 5 × 3 chunks of 8×10 per 2-D array; the cube has 2 layer chunks
            assertThat(chunks).isEqualTo(15 * 2 + 15 * 3);
            assertThat(Files.exists(dir)).isFalse();
            assertThat(w.commit()).isEqualTo(dir.toAbsolutePath().normalize());
        }
        assertThat(Files.exists(tmp.resolve(name + ZarrCubeWriter.PARTIAL_SUFFIX))).isFalse();
        assertThat(Files.exists(tmp.resolve(name + ZarrCubeWriter.PARTIAL_SUFFIX + ".lock"))).isFalse();
        return dir;
    }

    /** Integer test field: (r·100 − c·7), NaN where c == 3 (stored as the fill value −32768). */
    static float intBlock0(int r, int c) {
        return c == 3 ? Float.NaN : r * 100 - c * 7;
    }

    private static float[] intBlock(Window w) {
        float[] b = new float[w.size()];
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                b[r * w.cols() + c] = intBlock0(w.row0() + r, w.col0() + c);
            }
        }
        return b;
    }

    private static float[] maskBlock(Window w) {
        float[] b = new float[w.size()];
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                b[r * w.cols() + c] = ((w.row0() + r) * (w.col0() + c)) % 3 == 2 ? Float.NaN : ((w.row0() + r) + (w.col0() + c)) % 200;
            }
        }
        return b;
    }

    @Test
    void randomWindowsReadBackTheClosedFormCube() throws Exception {
        Path dir = writeStore("rt.zarr");
        long seed = System.nanoTime();
        System.out.println("ZarrCubeRoundTripTest seed = " + seed);
        Random rnd = new Random(seed);
        try (RasterSource src = RasterFormats.open(dir)) {
            assertThat(src).isInstanceOf(ZarrCube.class);
            assertThat(src.datasets()).containsExactly("dem", "mask", "timeseries", "velocity");
            assertThat(src.layers("timeseries")).isEqualTo(3);
            assertThat(src.layers("velocity")).isEqualTo(1);
            for (int t = 0; t < 200; t++) {
                int r0 = rnd.nextInt(ROWS), c0 = rnd.nextInt(COLS);
                Window w = new Window(r0, c0, 1 + rnd.nextInt(ROWS - r0), 1 + rnd.nextInt(COLS - c0));
                assertThat(ZarrTestCube.maxError(w, LAYERS, src.read("timeseries", w))).as("timeseries %s", w).isZero();
                assertThat(ZarrTestCube.maxError(w, 1, src.read("velocity", w))).as("velocity %s", w).isZero();
                float[] dem = src.read("dem", w), mask = src.read("mask", w);
                float[] demTruth = intBlock(w), maskTruth = maskBlock(w);
                assertThat(dem).as("dem %s", w).containsExactly(demTruth);
                assertThat(mask).as("mask %s", w).containsExactly(maskTruth);
            }
        }
    }

    @Test
    void georeferencingAndAttributesSurvive() throws Exception {
        Path dir = writeStore("geo.zarr");
        try (ZarrCube z = ZarrCube.open(dir)) {
            GridGeometry g = z.grid();
            assertThat(g.sameGrid(ZarrTestCube.grid(ROWS, COLS))).isTrue();
            assertThat(g.epsg()).isEqualTo(4326);
            assertThat(g.transform().originX()).isEqualTo(-99.19107);
            assertThat(g.transform().pixelHeight()).isEqualTo(-0.0013888889);
            assertThat(z.attributes()).containsEntry("WAVELENGTH", "0.0555041577").containsEntry("REF_DATE", "20180106")
                    .containsEntry("LENGTH", "37").containsEntry("WIDTH", "23").containsEntry("X_UNIT", "degrees");
            assertThat(z.dataType("dem")).isEqualTo(ZarrDataType.INT16);
            assertThat(z.chunkShape("timeseries")).containsExactly(2, 8, 10);
        }
        // the header is spec-conformant JSON with the fields zarr-python expects
        Map<String, Object> h = Json.parseObject(Files.readString(dir.resolve("timeseries/.zarray")));
        assertThat(h).containsEntry("zarr_format", 2L).containsEntry("dtype", "<f4").containsEntry("fill_value", "NaN")
                .containsEntry("order", "C").containsEntry("dimension_separator", ".")
                .containsEntry("shape", List.of(3L, 37L, 23L)).containsEntry("chunks", List.of(2L, 8L, 10L))
                .containsEntry("compressor", Map.of("id", "zlib", "level", 1L));
        assertThat(dir.resolve("timeseries/1.4.2")).exists();
        assertThat(dir.resolve("velocity/4.2")).exists().hasSize(8 * 10 * 4); // uncompressed, full edge chunk
    }

    @Test
    void misalignedWindowsAreRefusedWithTheirCoordinates() throws Exception {
        try (ZarrCubeWriter w = ZarrCubeWriter.create(tmp.resolve("bad.zarr"), ZarrTestCube.grid(ROWS, COLS),
                "timeseries", LAYERS, 8, 10, Map.of())) {
            Window bad = new Window(4, 0, 8, 23);
            assertThatThrownBy(() -> w.writeBlock("timeseries", bad, ZarrTestCube.block(bad, LAYERS)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows 4–11").hasMessageContaining("8×10");
            Window ok = new Window(0, 0, 8, 23);
            assertThatThrownBy(() -> w.writeBlock("timeseries", ok, new float[10]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("552");
            assertThatThrownBy(() -> w.writeBlock("nope", ok, new float[10]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        }
    }

    /** Issue 12: a second writer of the same store is an ordinary input problem (exit 2 in the CLI), not an internal error. */
    @Test
    void aSecondWriterIsRefusedNamingTheLock() throws Exception {
        Path dir = tmp.resolve("locked.zarr");
        try (ZarrCubeWriter w = ZarrCubeWriter.create(dir, ZarrTestCube.grid(ROWS, COLS), "timeseries", LAYERS, 8, 23, Map.of())) {
            assertThatThrownBy(() -> ZarrCubeWriter.create(dir, ZarrTestCube.grid(ROWS, COLS), "timeseries", LAYERS, 8, 23,
                    Map.of())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("locked.zarr" + ZarrCubeWriter.PARTIAL_SUFFIX + ": store is being written by another "
                            + "writer (lock ").hasMessageContaining(".lock");
        }
    }

    @Test
    void commitRefusesAnIncompleteStoreAndKeepsThePartialFolder() throws Exception {
        Path dir = tmp.resolve("inc.zarr");
        try (ZarrCubeWriter w = ZarrCubeWriter.create(dir, ZarrTestCube.grid(ROWS, COLS), "timeseries", LAYERS, 8, 23, Map.of())) {
            Window first = new Window(0, 0, 8, 23);
            w.writeBlock("timeseries", first, ZarrTestCube.block(first, LAYERS));
            assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("4 of 5 chunks");
        }
        assertThat(dir).doesNotExist();
        assertThat(tmp.resolve("inc.zarr" + ZarrCubeWriter.PARTIAL_SUFFIX).resolve("timeseries/0.0.0")).exists();
    }

    @Test
    void damagedOrForeignFoldersGiveInvalidInput() throws Exception {
        Path dir = writeStore("dmg.zarr");
        Files.write(dir.resolve("timeseries/0.1.1"), new byte[] {1, 2, 3, 4});
        try (ZarrCube z = ZarrCube.open(dir)) {
            assertThatThrownBy(() -> z.read("timeseries", new Window(8, 10, 2, 2)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("0.1.1").hasMessageContaining("[timeseries]");
            assertThatThrownBy(() -> z.read("height", new Window(0, 0, 1, 1)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("height");
        }
        Files.writeString(dir.resolve("dem/.zarray"), Files.readString(dir.resolve("dem/.zarray")).replace("\"C\"", "\"F\""));
        assertThatThrownBy(() -> ZarrCube.open(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dem").hasMessageContaining("order");
        Path empty = Files.createDirectories(tmp.resolve("plain"));
        assertThat(new ZarrFormat().sniff(empty)).isZero();
        assertThatThrownBy(() -> ZarrCube.open(empty)).isInstanceOf(InvalidInputException.class).hasMessageContaining(".zgroup");
    }
}

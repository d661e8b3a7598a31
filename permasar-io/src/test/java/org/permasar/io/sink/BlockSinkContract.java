package org.permasar.io.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.mintpy.MintPyAttributes;

/**
 * The {@link BlockSink} contract, written once and run for every implementation (STYLE.md, EJML's
 * {@code Generic*Tests}): blocks written in random order from several threads read back exactly
 * through our readers ({@link TimeSeriesProduct}: jHDF for HDF5, {@code ZarrCube} for Zarr),
 * incomplete products are refused, and an aborted write leaves no file and no older file damaged.
 * Windows are whole chunks, so every implementation (Zarr included) must accept them.
 */
public abstract class BlockSinkContract {
    protected static final GridGeometry GRID = GridGeometry.radar(37, 53, null).withNodata(Double.NaN);
    protected static final int LAYERS = 5;
    protected static final int TILE_ROWS = 8;
    protected static final int TILE_COLS = 16;
    protected static final List<LocalDate> DATES = List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 13),
            LocalDate.of(2020, 1, 25), LocalDate.of(2020, 2, 6), LocalDate.of(2020, 2, 18));

    @TempDir
    protected Path dir;

    /** The implementation under test. */
    protected abstract BlockSinkFactory factory();

    /** The product path for {@code name} in this format (a file or a folder). */
    protected abstract Path target(String name);

    /** Full-grid expected cube: every value distinct, some NaN. */
    protected static float[] expectedCube(long seed, int layers) {
        Random r = new Random(seed);
        float[] v = new float[layers * GRID.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(50) == 0 ? Float.NaN : (float) r.nextGaussian() * 0.05f + i * 1e-6f;
        }
        return v;
    }

    /** The block of a window, band-major, cut from a full-grid cube. */
    protected static float[] block(float[] full, int layers, Window w) {
        float[] b = new float[layers * w.size()];
        for (int k = 0; k < layers; k++) {
            for (int r = 0; r < w.rows(); r++) {
                System.arraycopy(full, k * GRID.size() + (w.row0() + r) * GRID.cols() + w.col0(), b,
                        k * w.size() + r * w.cols(), w.cols());
            }
        }
        return b;
    }

    protected static List<Window> tiles() {
        List<Window> out = new ArrayList<>();
        for (int r = 0; r < GRID.rows(); r += TILE_ROWS) {
            for (int c = 0; c < GRID.cols(); c += TILE_COLS) {
                out.add(new Window(r, c, Math.min(TILE_ROWS, GRID.rows() - r), Math.min(TILE_COLS, GRID.cols() - c)));
            }
        }
        return out;
    }

    protected static Map<String, String> rootAttributes() {
        Map<String, String> a = new LinkedHashMap<>(MintPyAttributes.of(GRID));
        a.put("FILE_TYPE", "timeseries");
        a.put("UNIT", "m");
        a.put("WAVELENGTH", "0.05546576");
        return a;
    }

    /** Opens a sink with date, bperp, a float cube, a float plane and an int16 cube. */
    protected BlockSink openFull(Path target) throws IOException {
        BlockSink s = factory().open(target, GRID, rootAttributes());
        s.writeStrings("date", DATES.stream().map(d -> d.toString().replace("-", "")).toArray(String[]::new), 8);
        s.writeVector("bperp", new float[] {0f, 12.5f, -30.25f, Float.NaN, 7f});
        s.create(DatasetSpec.cube("timeseries", LAYERS, GRID.rows(), GRID.cols())
                .withChunks(LAYERS, TILE_ROWS, TILE_COLS).withDeflate(1).withAttributes(Map.of("UNIT", "m")));
        s.create(DatasetSpec.plane("temporalCoherence", GRID.rows(), GRID.cols()).withChunks(TILE_ROWS, TILE_COLS));
        s.create(DatasetSpec.cube("connectComponent", LAYERS, GRID.rows(), GRID.cols())
                .withChunks(LAYERS, TILE_ROWS, TILE_COLS).withType(SinkDataType.INT16, Short.MIN_VALUE).withDeflate(4));
        return s;
    }

    @Test
    void blocksInRandomOrderFromSeveralThreadsReadBackExactly() throws Exception {
        long seed = System.nanoTime();
        System.out.println(getClass().getSimpleName() + " seed " + seed); // replay a failure with this seed
        float[] ts = expectedCube(seed, LAYERS);
        float[] coh = expectedCube(seed + 1, 1);
        float[] cc = new float[LAYERS * GRID.size()];
        for (int i = 0; i < cc.length; i++) {
            cc[i] = (i % 7) - 3;
        }
        List<Window> order = tiles();
        Collections.shuffle(order, new Random(seed));
        Path target = target("product");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (BlockSink s = openFull(target)) {
            List<Future<?>> done = new ArrayList<>();
            for (Window w : order) {
                done.add(pool.submit(() -> {
                    s.writeBlock("timeseries", w, block(ts, LAYERS, w));
                    s.writeBlock("temporalCoherence", w, block(coh, 1, w));
                    s.writeBlock("connectComponent", w, block(cc, LAYERS, w));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(s.commit()).isEqualTo(target.toAbsolutePath().normalize());
        } finally {
            pool.shutdown();
        }
        assertThat(leftovers()).containsExactly(target.getFileName().toString());
        checkMetadata(target);
        assertExact(read(target, "timeseries", Window.of(GRID)), ts);
        assertExact(read(target, "temporalCoherence", Window.of(GRID)), coh);
        assertExact(read(target, "connectComponent", Window.of(GRID)), cc);
        Window odd = new Window(3, 5, 20, 31); // not chunk-aligned read
        assertExact(read(target, "timeseries", odd), block(ts, LAYERS, odd));
    }

    /** Checks dates, bperp, grid, root attributes and layer count of a committed product. */
    protected void checkMetadata(Path target) throws IOException {
        try (TimeSeriesProduct p = TimeSeriesProduct.open(target)) {
            assertThat(p.dates()).isEqualTo(DATES);
            assertThat(p.bperp()).containsExactly(0, 12.5, -30.25, Double.NaN, 7);
            assertThat(p.grid().rows()).isEqualTo(GRID.rows());
            assertThat(p.grid().cols()).isEqualTo(GRID.cols());
            assertThat(p.attributes()).containsEntry("FILE_TYPE", "timeseries").containsEntry("WAVELENGTH", "0.05546576");
            assertThat(p.layers("timeseries")).isEqualTo(LAYERS);
        }
    }

    /** Every layer of {@code dataset} inside {@code w}, band-major, through the format's reader. */
    protected float[] read(Path target, String dataset, Window w) throws IOException {
        try (TimeSeriesProduct p = TimeSeriesProduct.open(target)) {
            return p.read(dataset, w);
        }
    }

    @Test
    void incompleteProductIsRefusedAndCloseLeavesNothing() throws Exception {
        Path target = target("partial");
        float[] ts = expectedCube(1, LAYERS);
        try (BlockSink s = openFull(target)) {
            Window w = tiles().get(0);
            s.writeBlock("timeseries", w, block(ts, LAYERS, w));
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("never written");
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void abortKeepsTheOlderProduct() throws Exception {
        Path target = target("kept");
        float[] old = expectedCube(2, LAYERS);
        writeComplete(target, old);
        try (BlockSink s = openFull(target)) {
            Window w = tiles().get(1);
            s.writeBlock("timeseries", w, block(expectedCube(3, LAYERS), LAYERS, w));
        } // no commit: aborted
        assertThat(leftovers()).containsExactly(target.getFileName().toString());
        assertExact(read(target, "timeseries", Window.of(GRID)), old);
        float[] next = expectedCube(4, LAYERS);
        writeComplete(target, next); // and a commit replaces it
        assertExact(read(target, "timeseries", Window.of(GRID)), next);
    }

    @Test
    void misuseIsRefusedWithTheOffendingValues() throws Exception {
        try (BlockSink s = openFull(target("misuse"))) {
            assertThatThrownBy(() -> s.create(DatasetSpec.plane("temporalCoherence", GRID.rows(), GRID.cols())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temporalCoherence");
            assertThatThrownBy(() -> s.create(DatasetSpec.plane("other", 3, 3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 × 3");
            Window w = tiles().get(0);
            assertThatThrownBy(() -> s.writeBlock("timeseries", w, new float[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs " + LAYERS * w.size());
            assertThatThrownBy(() -> s.writeBlock("nope", w, new float[LAYERS * w.size()]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
            float[] big = new float[LAYERS * w.size()];
            big[0] = 40_000;
            assertThatThrownBy(() -> s.writeBlock("connectComponent", w, big))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40000");
            s.writeBlock("timeseries", w, new float[LAYERS * w.size()]);
            assertThatThrownBy(() -> s.create(DatasetSpec.plane("late", GRID.rows(), GRID.cols())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("before the first block");
        }
        assertThat(leftovers()).isEmpty();
    }

    protected void writeComplete(Path target, float[] ts) throws IOException {
        try (BlockSink s = openFull(target)) {
            for (Window w : tiles()) {
                s.writeBlock("timeseries", w, block(ts, LAYERS, w));
                s.writeBlock("temporalCoherence", w, new float[w.size()]);
                s.writeBlock("connectComponent", w, new float[LAYERS * w.size()]);
            }
            s.commit();
        }
    }

    /** Names left in the test folder (temporary files must be gone). */
    protected List<String> leftovers() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    protected static void assertExact(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError("value " + i + ": expected " + expected[i] + " but found " + actual[i]);
            }
        }
    }
}

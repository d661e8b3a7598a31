package org.permasar.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffWriter.SampleType;
import org.permasar.io.sink.DatasetSpec;

/**
 * {@link GeoTiffBlockSink} beyond the sink contract: column-split tiles in random order from two
 * threads through a small buffer (so bands spill to disk), read back whole by GDAL and exactly by
 * {@link GeoTiffReader}; band descriptions; rows already streamed cannot be rewritten.
 */
class GeoTiffBlockSinkTest {
    private static final GridGeometry GRID =
            GridGeometry.geocoded(300, 250, GeoTransform.northUp(400000, 30, 7500000, -30), 32645, Double.NaN);
    private static final int BANDS = 40;

    @TempDir
    Path tmp;

    private static float[] tile(Window w) {
        float[] v = new float[BANDS * w.size()];
        for (int b = 0; b < BANDS; b++) {
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    v[b * w.size() + r * w.cols() + c] =
                            GeoTiffSizeSweepTest.pattern(SampleType.FLOAT32, b, w.row0() + r, w.col0() + c);
                }
            }
        }
        return v;
    }

    @Test
    void shuffledColumnSplitTilesThroughASpillingBufferReadBackInGdal() throws Exception {
        long seed = System.nanoTime();
        System.out.println("GeoTiffBlockSinkTest seed " + seed); // replay a failure with this seed
        List<Window> tiles = new ArrayList<>();
        for (int r = 0; r < GRID.rows(); r += 64) {
            for (int c = 0; c < GRID.cols(); c += 100) {
                tiles.add(new Window(r, c, Math.min(64, GRID.rows() - r), Math.min(100, GRID.cols() - c)));
            }
        }
        Collections.shuffle(tiles, new Random(seed));
        Path out = tmp.resolve("out");
        List<String> names = new ArrayList<>();
        for (int b = 0; b < BANDS; b++) {
            names.add("2020-01-" + String.format("%02d", b % 28 + 1) + "/" + b);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (GeoTiffBlockSink s = GeoTiffBlockSink.open(out, GRID, Map.of("FILE_TYPE", "timeseries"), 1 << 20)) {
            s.create(DatasetSpec.cube("timeseries", BANDS, GRID.rows(), GRID.cols()).withDeflate(6));
            s.describeBands("timeseries", names);
            List<Future<?>> done = new ArrayList<>();
            for (Window w : tiles) {
                done.add(pool.submit(() -> {
                    s.writeBlock("timeseries", w, tile(w));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            s.commit();
        } finally {
            pool.shutdown();
        }
        Path f = out.resolve("timeseries.tif");
        try (var l = Files.list(out)) {
            assertThat(l.map(p -> p.getFileName().toString()).toList()).containsExactly("timeseries.tif");
        }
        float[] expected = tile(Window.of(GRID));
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.bandDescriptions()).isEqualTo(names);
            float[] got = new float[BANDS * GRID.size()];
            r.read(GeoTiffReader.BANDS, Window.of(GRID), got, 0);
            for (int i = 0; i < got.length; i++) {
                if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(expected[i])) {
                    throw new AssertionError("value " + i + ": expected " + expected[i] + " but found " + got[i]);
                }
            }
        }
        assumeTrue(GdalReferee.gdalinfoAvailable() && GdalReferee.pythonGdalAvailable(), "GDAL not installed");
        String json = GdalReferee.info(f);
        assertThat(GdalReferee.array(json, "size")).containsExactly(GRID.cols(), GRID.rows());
        assertThat(GdalReferee.epsg(json)).isEqualTo(32645);
        int[] all = new int[BANDS];
        for (int b = 0; b < BANDS; b++) {
            all[b] = b + 1;
        }
        double[][] stats = GdalReferee.bandStats(f, all);
        for (int b = 0; b < BANDS; b++) {
            double nan = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int i = 0; i < GRID.size(); i++) {
                float v = expected[b * GRID.size() + i];
                if (Float.isNaN(v)) {
                    nan++;
                } else {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                }
            }
            assertThat(stats[b]).as("band %d: NaN count, min, max, sum", b + 1).containsExactly(nan, min, max, sum);
        }
    }

    @Test
    void rowsAlreadyStreamedAreRefusedAndMisalignedBandsToo() throws Exception {
        try (GeoTiffBlockSink s = GeoTiffBlockSink.open(tmp.resolve("x"), GRID, Map.of())) {
            s.create(DatasetSpec.plane("p", GRID.rows(), GRID.cols()));
            Window top = new Window(0, 0, 10, GRID.cols());
            s.writeBlock("p", top, new float[top.size()]);
            assertThatThrownBy(() -> s.writeBlock("p", new Window(5, 0, 5, 7), new float[35]))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already streamed");
            s.writeBlock("p", new Window(20, 0, 10, 7), new float[70]);
            assertThatThrownBy(() -> s.writeBlock("p", new Window(20, 7, 4, 7), new float[28]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same rows");
        }
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
    }
}

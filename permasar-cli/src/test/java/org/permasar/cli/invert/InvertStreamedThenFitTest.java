package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.Window;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.io.zarr.ZarrBlockSink;

/**
 * invert → fit above the memory budget: with {@code --max-cube-mb 0} the series streams block by
 * block into {@code timeseries.h5} (libhdf5), holding the same values as the in-memory (jHDF) run,
 * and {@code fit} reads it — and reads a Zarr copy of it — to the same velocities. With
 * {@code --geotiff} the streamed run writes {@code timeseries.tif} through the GeoTIFF sink, byte for
 * byte the file of the in-memory run.
 */
class InvertStreamedThenFitTest {
    @TempDir
    static Path tmp;
    static Path stack;
    static Path inMemory;
    static Path streamed;

    @BeforeAll
    static void invertBothWays() {
        Path sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--small", "--out", sim.toString()).code()).isZero();
        stack = sim.resolve("asc/ifgramStack.h5");
        inMemory = tmp.resolve("mem");
        streamed = tmp.resolve("streamed");
        CliRunner.Result a = CliRunner.run("invert", stack.toString(), "--out", inMemory.toString(), "--std",
                "--geotiff");
        assertThat(a.code()).as(a.err()).isZero();
        CliRunner.Result b = CliRunner.run("invert", stack.toString(), "--out", streamed.toString(), "--std",
                "--max-cube-mb", "0", "--memory-mb", "16", "--threads", "2", "--geotiff");
        assertThat(b.code()).as(b.err()).isZero();
    }

    private static float[] whole(Path file, String dataset) throws IOException {
        try (TimeSeriesProduct p = TimeSeriesProduct.open(file)) {
            return p.read(dataset, Window.of(p.grid()));
        }
    }

    private static void assertSame(float[] a, float[] b, String what) {
        assertThat(a).as(what).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToIntBits(a[i])).as("%s value %d: %s vs %s", what, i, a[i], b[i])
                    .isEqualTo(Float.floatToIntBits(b[i]));
        }
    }

    @Test
    void streamedSeriesIsTimeseriesH5WithTheInMemoryValues() throws Exception {
        assertThat(streamed.resolve("timeseries.zarr")).doesNotExist();
        assertThat(streamed.resolve("timeseries.h5")).isRegularFile();
        for (String f : new String[] {"timeseries.h5", "timeseriesStd.h5"}) {
            assertSame(whole(streamed.resolve(f), "timeseries"), whole(inMemory.resolve(f), "timeseries"), f);
            try (MintPyProduct a = MintPyProduct.open(streamed.resolve(f)); MintPyProduct b = MintPyProduct.open(inMemory.resolve(f))) {
                assertThat(a.dates()).isEqualTo(b.dates());
                var aa = new java.util.TreeMap<>(a.attributes());
                var bb = new java.util.TreeMap<>(b.attributes());
                bb.remove("_jHDF"); // only jHDF stamps its files: equality also proves libhdf5 wrote the streamed one
                assertThat(aa).isEqualTo(bb);
            }
        }
        try (var names = Files.list(streamed)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    @Test
    void streamedGeoTiffIsTheInMemoryFileByteForByte() throws Exception {
        for (String f : new String[] {"timeseries.tif", "temporalCoherence.tif", "numInvIfgram.tif"}) {
            assertThat(streamed.resolve(f)).as(f).isRegularFile();
            assertThat(Files.mismatch(streamed.resolve(f), inMemory.resolve(f))).as(f).isEqualTo(-1L);
        }
        try (var names = Files.list(streamed)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("spill") || n.startsWith("."));
        }
    }

    @Test
    void fitReadsTheStreamedSeriesAndAZarrSeriesAlike() throws Exception {
        Path zarr = tmp.resolve("copy/timeseries.zarr");
        try (MintPyProduct src = MintPyProduct.open(streamed.resolve("timeseries.h5"));
             MintPyTimeseriesSink z = MintPyTimeseriesSink.open(ZarrBlockSink::open, zarr, src.grid(), src.dates(),
                     src.bperp(), src.attributes(), "m", src.grid().rows(), src.grid().cols(), 1)) {
            z.write(Window.of(src.grid()), src.read("timeseries", Window.of(src.grid())));
            z.commit();
        }
        String[] sources = {inMemory.resolve("timeseries.h5").toString(), streamed.resolve("timeseries.h5").toString(),
            zarr.toString()};
        float[] first = null;
        for (int i = 0; i < sources.length; i++) {
            Path out = tmp.resolve("fit" + i);
            CliRunner.Result r = CliRunner.run("fit", sources[i], "--model", "trend+annual", "--out", out.toString());
            assertThat(r.code()).as(sources[i] + ": " + r.err()).isZero();
            float[] v = whole(out.resolve("velocity.h5"), "velocity");
            if (first == null) {
                first = v;
            } else {
                assertSame(v, first, "velocity from " + sources[i]);
            }
        }
    }
}

package org.permasar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;

/**
 * Bad input and hostile requests to every command (issue 12), one row each: how the input is made,
 * the command line, the exit code, the words the one line on stderr must carry. Every row must end
 * with that exit code, exactly one {@code permasar CMD: …} line, no stack trace, and nothing left in
 * {@code --out} (absent, or an empty folder; an {@code --out} that was a file before is unchanged).
 * A new case is one more row in {@link #rows()}; docs/bad-inputs.md lists them for users.
 */
class BadInputTableTest {
    @TempDir
    static Path tmp;
    static Path sim;
    static final List<Closeable> HELD = new ArrayList<>();
    static final AtomicInteger ROW = new AtomicInteger();

    /** The tiny simulated scene shared by the rows (stack, geometry, LST, truth time series). */
    @BeforeAll
    static void scene() throws IOException {
        sim = tmp.resolve("sim");
        SimulateCommand.write(SceneSimulator.simulate(SceneSpec.tiny()), sim);
    }

    @AfterAll
    static void release() throws IOException {
        for (Closeable c : HELD) {
            c.close();
        }
    }

    /** Makes a row's input in its own folder {@code dir} and returns the command line. */
    @FunctionalInterface
    interface Setup {
        List<String> args(Path dir) throws Exception;
    }

    static Arguments row(String name, Setup setup, int exit, String... words) {
        return Arguments.of(name, setup, exit, words);
    }

    /** A GeoTIFF of the scene's grid whose every value is NaN. */
    static Path allNaN(Path d) throws IOException {
        Files.createDirectories(d);
        Path f = d.resolve("nan.tif");
        GridGeometry g;
        try (GeoTiffReader r = GeoTiffReader.open(sim.resolve("dem.tif"))) {
            g = r.grid();
        }
        float[] v = new float[g.size()];
        Arrays.fill(v, Float.NaN);
        GeoTiffWriter.write(f, g.withNodata(Double.NaN), v, 1, java.util.Map.of(), List.of("nan"));
        return f;
    }

    static List<String> args(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).toList();
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // wrong input accepted before: a truncated HDF5 file was read, B⊥ and all
                row("info on a stack cut by 5 bytes", d -> args("info", cut(d, 5)), 2, "truncated file", "(5 bytes missing)"),
                row("invert on a stack cut by 25 bytes", d -> args("invert", cut(d, 25), "--out", d.resolve("out")), 2,
                        "truncated file", "(25 bytes missing)"),
                row("invert on a stack cut by 100 bytes", d -> args("invert", cut(d, 100), "--out", d.resolve("out")), 2,
                        "truncated file"),
                row("run with a stack cut by 100 bytes", d -> args("run", config(d, "asc.stack = " + cut(d, 100)), "--out",
                        d.resolve("out")), 2, "input.asc.stack", "truncated file"),
                row("invert on a GeoTIFF folder with one file in another CRS", d -> args("invert", relabelledCropA(d), "--out",
                        d.resolve("out")), 2, "cropA_20180106-20180412_VV_8rlks_eqa_unw.tif: CRS EPSG:32614 differs from "
                        + "EPSG:4326 of ", "must share CRS, geotransform and size"),
                // parameters that made every pixel NaN with exit 0
                row("thermal --kappa=-1 --theta 2", d -> args("thermal", "--lst", sim.resolve("lst_8day.tif"), "--kappa=-1",
                        "--theta", "2", "--out", d.resolve("out")), 2, "--kappa (thawed conductivity) must be > 0 W/(m·K), "
                        + "got -1"),
                row("thermal --theta 2", d -> args("thermal", "--lst", sim.resolve("lst_8day.tif"), "--kappa", "1.2",
                        "--theta", "2", "--out", d.resolve("out")), 2, "--theta (volumetric water content) must be in "
                        + "(0, 1] m³/m³, got 2"),
                row("alt density --amplitude=-0.1", d -> args("alt", "--model", "density", "--amplitude=-0.1", "--N", "0.3",
                        "--n", "0.05"), 2, "--amplitude (seasonal peak-to-trough amplitude) must be >= 0 m, got -0.1"),
                row("alt density n >= N", d -> args("alt", "--model", "density", "--amplitude", "0.02", "--N", "0.3", "--n",
                        "0.4"), 2, "need 0 ≤ n < N ≤ 1, got N = 0.3, n = 0.4"),
                row("alt stefan --kappa=-1 with a raster ADDT", d -> args("alt", "--model", "stefan", "--addt",
                        sim.resolve("dem.tif"), "--kappa=-1", "--theta", "0.3", "--out", d.resolve("out")), 2,
                        "--kappa (thawed conductivity) must be > 0 W/(m·K), got -1"),
                row("geometry with the same product as --asc and --desc", d -> geometry(d, false), 2,
                        "--asc and --desc name the same product"),
                row("geometry with two copies of one track", d -> geometry(d, true), 2,
                        "the descending geometry has the same line of sight as the ascending", "at every pixel"),
                row("fit --model pecm --hants-harmonics 0", d -> args("fit", sim.resolve("asc/truthTimeseries.h5"), "--model",
                        "pecm", "--lst", sim.resolve("lst_8day.tif"), "--hants-harmonics", "0", "--out", d.resolve("out")), 2,
                        "--hants-harmonics must be ≥ 1, got 0"),
                // issue 13: plot of a cube, of an all-NaN raster; usage errors in one line
                row("plot of a time-series cube without a date", d -> args("plot", sim.resolve("asc/truthTimeseries.h5"),
                        "--out", d.resolve("out").resolve("m.png")), 2, "a cube of", "layers", "give the date to map, e.g. plot "
                        + "truthTimeseries.h5 "),
                row("plot of a cube on a date it does not have", d -> args("plot", sim.resolve("asc/truthTimeseries.h5"),
                        "19990101", "--out", d.resolve("out").resolve("m.png")), 2, "no layer dated 1999-01-01", "nearest "),
                row("plot of an all-NaN raster", d -> args("plot", allNaN(d), "--out", d.resolve("out").resolve("m.png")), 2,
                        "every value is NaN or nodata: nothing to draw"),
                row("fit with a misspelt option", d -> args("fit", sim.resolve("asc/truthTimeseries.h5"), "--model", "trend",
                        "--lookz", "3", "--out", d.resolve("out")), 2, "Unknown options: '--lookz'"),
                // ordinary problems that were "internal error" with a stack trace
                row("invert --out naming an existing file", d -> args("invert", stack(), "--out", file(d.resolve("out"))), 2,
                        "--out ", "exists and is not a folder"),
                row("run --out naming an existing file", d -> args("run", config(d, "asc.stack = " + stack()), "--out",
                        file(d.resolve("out"))), 2, "--out ", "exists and is not a folder"),
                row("thermal --out under an existing file", d -> args("thermal", "--lst", sim.resolve("lst_8day.tif"),
                        "--out", file(d.resolve("out")).resolve("sub")), 2, "cannot be created (", "out is not a folder)"),
                row("invert --out with a 300-byte name", d -> args("invert", stack(), "--out", d.resolve("a".repeat(300))), 2,
                        "is 300 bytes long; file systems allow 255"),
                row("invert --out longer than PATH_MAX", d -> args("invert", stack(), "--out", longPath(d)), 2,
                        "bytes long; the system allows 4095 (PATH_MAX)", "characters)"),
                row("info on an input with a 300-byte name", d -> args("info", d.resolve("b".repeat(300) + ".h5")), 2,
                        "bbbb…bbbb", "characters): no such file"),
                row("info on an input path longer than PATH_MAX", d -> args("info", longPath(d).resolve("stack.h5")), 2,
                        "cccc…cccc", "/stack.h5 (", "characters): no such file"),
                row("invert on a stack with 0 pairs", d -> args("invert", zeroPairs(d), "--out", d.resolve("out")), 2,
                        "[unwrapPhase]: has 0 pairs (shape [0, 4, 5])"),
                row("info on a stack with 0 pairs", d -> args("info", zeroPairs(d)), 2, "has 0 pairs"),
                row("run with a binary configuration", d -> args("run", binary(d), "--out", d.resolve("out")), 2,
                        "cannot read configuration", "not a text file"),
                row("run with a missing configuration", d -> args("run", d.resolve("missing.cfg"), "--out", d.resolve("out")),
                        2, "cannot read configuration", "missing.cfg: no such file"),
                row("view --port on a port in use", d -> args("view", sim, "--port", takenPort()), 2,
                        "is already in use: choose another --port (0 = any free port)"),
                row("view --host 999.1.1.1", d -> args("view", sim, "--host", "999.1.1.1", "--port", "0"), 2,
                        "--host 999.1.1.1 is not an IPv4 address"),
                // failures after the pair selection left network.png behind
                row("invert --tropo of the wrong kind", d -> args("invert", stack(), "--tropo",
                        sim.resolve("asc/geometryGeo.h5"), "--out", d.resolve("out")), 2, "[timeseries]: no such raster dataset"),
                row("invert --geometry on another grid", d -> args("invert", stack(), "--geometry", cropA().resolve(
                        "cropA_20180106-20180130_VV_8rlks_eqa_unw.tif"), "--out", d.resolve("out")), 2,
                        "does not match the stack's"),
                row("invert --unwrap-correction of an unknown kind", d -> args("invert", stack(), "--unwrap-correction",
                        "bridge", "--out", d.resolve("out")), 2, "--unwrap-correction must be none, phase-closure, bridging"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a view that starts would block
    void isRefusedWithOneLineAndNothingWritten(String name, Setup setup, int exit, String[] words) throws Exception {
        String line = checkRefused(setup, exit, words);
        System.out.println("bad input | " + name + " | exit " + exit + " | " + line.replace(tmp.toString(), "$W"));
    }

    /** The helper of every row; returns the line on stderr. */
    static String checkRefused(Setup setup, int exit, String... words) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("row" + ROW.incrementAndGet()));
        List<String> args = setup.args(dir);
        int o = args.indexOf("--out");
        Path out = o < 0 ? null : Path.of(args.get(o + 1));
        byte[] before = out != null && Files.isRegularFile(out) ? Files.readAllBytes(out) : null;
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        String err = r.err();
        assertThat(r.code()).as(err).isEqualTo(exit);
        List<String> lines = err.lines().filter(l -> l.startsWith("permasar ")).toList();
        assertThat(lines).as(err).hasSize(1);
        assertThat(lines.get(0)).startsWith("permasar " + args.get(0) + ": ").contains(words);
        assertThat(err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        if (out != null && before != null) {
            assertThat(Files.readAllBytes(out)).as("the file named by --out is untouched").isEqualTo(before);
        } else if (out != null && out.toString().length() < 4000 && Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).as("nothing left in --out").isEmpty();
            }
        }
        return lines.get(0);
    }

    // ------------------------------------------------------------------ inputs

    static Path stack() {
        return sim.resolve("asc/ifgramStack.h5");
    }

    /** A copy of the simulated stack without its last {@code bytes} bytes (as {@code head -c $((s-N))}). */
    static Path cut(Path dir, int bytes) throws IOException {
        Path c = Files.copy(stack(), dir.resolve("ifgramStack.h5"));
        try (FileChannel ch = FileChannel.open(c, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(stack()) - bytes);
        }
        return c;
    }

    static Path config(Path dir, String input) throws IOException {
        return Files.writeString(dir.resolve("run.cfg"), "[input]\n" + input + "\n");
    }

    static Path file(Path p) throws IOException {
        return Files.writeString(p, "I am a file");
    }

    static Path longPath(Path dir) {
        Path p = dir;
        for (int i = 0; i < 25; i++) {
            p = p.resolve("c".repeat(200));
        }
        return p;
    }

    static Path binary(Path dir) throws IOException {
        byte[] b = new byte[2000];
        new java.util.Random(12).nextBytes(b);
        return Files.write(dir.resolve("binary.cfg"), b);
    }

    /**
     * An ifgramStack with 0 pairs (unwrapPhase [0, 4, 5], date [0, 2], bperp [0]), written by libhdf5 1.14.3
     * through JavaCPP (H5Screate_simple with a zero dimension: jHDF cannot write empty datasets).
     */
    static Path zeroPairs(Path dir) throws IOException {
        Path f = dir.resolve("ifgramStack.h5");
        try (InputStream in = BadInputTableTest.class.getResourceAsStream("zeroPairs_ifgramStack.h5")) {
            Files.copy(in, f);
        }
        return f;
    }

    static Path cropA() {
        Path p = CliRunner.shared().resolve("data/insar/pyrate_cropA/geotiffs");
        assumeTrue(Files.isDirectory(p), "shared data absent");
        return p;
    }

    /** cropA's GeoTIFF folder with one interferogram relabelled EPSG:32614 (as gdal_translate -a_srs does). */
    static Path relabelledCropA(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("geotiffs"));
        try (Stream<Path> s = Files.list(cropA())) {
            for (Path f : s.toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path odd = copy.resolve("cropA_20180106-20180412_VV_8rlks_eqa_unw.tif");
        GridGeometry g;
        float[] data;
        Map<String, String> items = new LinkedHashMap<>();
        try (GeoTiffReader r = GeoTiffReader.open(odd)) {
            g = r.grid();
            data = new float[g.size()];
            r.readBand(0, Window.of(g), data, 0, 1f);
            for (String k : new String[] {"FIRST_DATE", "SECOND_DATE", "WAVELENGTH_METRES"}) {
                if (r.item(k) != null) {
                    items.put(k, r.item(k));
                }
            }
        }
        GridGeometry utm = GridGeometry.geocoded(g.rows(), g.cols(), g.transform(), 32614, g.nodata());
        GeoTiffWriter.write(odd, utm, data, 1, items, List.of());
        return copy;
    }

    /** Velocity and geometry of one look on a 4 × 5 grid; the same product twice, or two copies of it. */
    static List<String> geometry(Path dir, boolean copies) throws IOException {
        GridGeometry g = GridGeometry.geocoded(4, 5, org.permasar.grid.GeoTransform.northUp(94.0, 0.001, 35.7, -0.001),
                4326, Double.NaN);
        float[] v = new float[20], inc = new float[20], az = new float[20];
        Arrays.fill(v, -0.01f);
        Arrays.fill(inc, 34f);
        Arrays.fill(az, 102.3f);
        LinkedHashMap<String, float[]> vel = new LinkedHashMap<>();
        vel.put("velocity", v);
        LinkedHashMap<String, float[]> geo = new LinkedHashMap<>();
        geo.put("incidenceAngle", inc);
        geo.put("azimuthAngle", az);
        Path va = dir.resolve("velocity.h5"), ga = dir.resolve("geometryGeo.h5");
        MintPyWriter.writeVelocity(va, g, vel, Map.of());
        MintPyWriter.writeGeometry(ga, g, geo);
        Path vd = va, gd = dir.resolve("geometryCopy.h5");
        Files.copy(ga, gd);
        if (copies) {
            vd = Files.copy(va, dir.resolve("velocityCopy.h5"));
        }
        return args("geometry", "--asc", va, "--desc", vd, "--asc-geometry", ga, "--desc-geometry", copies ? gd : ga,
                "--out", dir.resolve("out"));
    }

    /** A port held open on 127.0.0.1 until the class ends. */
    static int takenPort() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        HELD.add(s);
        return s.getLocalPort();
    }
}

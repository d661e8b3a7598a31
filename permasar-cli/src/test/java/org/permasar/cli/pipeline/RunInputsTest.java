package org.permasar.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.io.pipeline.OutputLock;

/**
 * {@code permasar run} on inputs that cannot be used keeps the error tier of the single commands:
 * exit 2 and one line naming the key, the file and the problem, no stack trace. Inputs that the
 * up-front check ({@link InputCheck}) can see fail before anything is written; a stack damaged
 * inside its pixel data fails in the inversion with the same one line as {@code permasar invert}.
 */
class RunInputsTest {
    @TempDir
    static Path dir;
    static Path scene;

    @BeforeAll
    static void simulate() {
        scene = dir.resolve("scene");
        CliRunner.Result r = CliRunner.run("simulate", "--out", scene.toString(), "--small");
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** A configuration with the ascending track of the scene plus {@code extra} lines under [input]. */
    private static Path config(String name, String stack, String... extra) throws Exception {
        String text = "[input]\nasc.stack = " + stack + "\nasc.geometry = scene/asc/geometryGeo.h5\n"
                + String.join("\n", extra) + "\n[output]\ndir = out-" + name + "\n";
        return Files.writeString(dir.resolve(name + ".cfg"), text);
    }

    /** Runs {@code cfg}; expects exit 2 and exactly one line on stderr containing every {@code expected}. */
    private static CliRunner.Result checkFailsBeforeWork(Path cfg, String... expected) {
        CliRunner.Result r = CliRunner.run("run", cfg.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("permasar run: " + cfg + ": ").doesNotContain("\n");
        for (String e : expected) {
            assertThat(r.err()).contains(e);
        }
        assertThat(dir.resolve("out-" + cfg.getFileName().toString().replace(".cfg", ""))).as("nothing written")
                .doesNotExist();
        return r;
    }

    private static Path copyOfStack(String name) throws Exception {
        return Files.copy(scene.resolve("asc/ifgramStack.h5"), dir.resolve(name));
    }

    @Test
    void truncatedStack() throws Exception {
        Path stack = copyOfStack("truncated.h5");
        try (RandomAccessFile f = new RandomAccessFile(stack.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        checkFailsBeforeWork(config("truncated", "truncated.h5"), "input.asc.stack: " + stack,
                "truncated file");
    }

    @Test
    void garbageGnssFileFailsBeforeAnyOutput() throws Exception {
        Files.write(dir.resolve("station.csv"), new byte[] {'g', 'a', 'r', 'b', 0, 1, 2, '\n', 'x', '\n'});
        checkFailsBeforeWork(config("gnss", "scene/asc/ifgramStack.h5", "gnss = station.csv"),
                "input.gnss: " + dir.resolve("station.csv"), "expected a header");
    }

    @Test
    void garbageBoreholeAndSiteTables() throws Exception {
        Files.writeString(dir.resolve("bores.csv"), "this is not a table\n");
        checkFailsBeforeWork(config("bores", "scene/asc/ifgramStack.h5", "boreholes = bores.csv"),
                "input.boreholes: ", "bores.csv");
        checkFailsBeforeWork(config("sites", "scene/asc/ifgramStack.h5", "sites = bores.csv"), "input.sites: ");
    }

    @Test
    void geometryWithoutIncidenceAngleWhenAltIsOn() throws Exception {
        // a file on the stack's grid without incidenceAngle: the simulated truth time series
        Path cfg = Files.writeString(dir.resolve("inc.cfg"), "[input]\nasc.stack = scene/asc/ifgramStack.h5\n"
                + "asc.geometry = scene/asc/truthTimeseries.h5\n[output]\ndir = out-inc\n");
        checkFailsBeforeWork(cfg, "input.asc.geometry: ", "[incidenceAngle]: dataset is missing, needed by alt");
    }

    @Test
    void componentCorrectionOnAStackWithoutConnectComponent() throws Exception {
        // the scene's stack written again without connectComponent
        Path stack = dir.resolve("nocc.h5");
        try (org.permasar.stack.InterferogramStack s = org.permasar.io.RasterFormats.openStack(
                scene.resolve("asc/ifgramStack.h5"))) {
            org.permasar.grid.Window all = org.permasar.grid.Window.of(s.grid());
            org.permasar.io.mintpy.MintPyWriter.writeIfgramStack(stack, s.grid(), s.network(), null,
                    s.read(org.permasar.stack.InterferogramStack.UNWRAP_PHASE, all),
                    s.read(org.permasar.stack.InterferogramStack.COHERENCE, all), null,
                    java.util.Map.of("WAVELENGTH", String.valueOf(s.wavelength())));
        }
        for (String kind : new String[] {"phase-closure-region", "bridging"}) {
            String name = "nocc-" + kind;
            Path cfg = Files.writeString(dir.resolve(name + ".cfg"), "[input]\nasc.stack = nocc.h5\n"
                    + "asc.geometry = scene/asc/geometryGeo.h5\n[invert]\nmaskConnComp = false\nunwrapCorrection = "
                    + kind + "\n[output]\ndir = out-" + name + "\n");
            checkFailsBeforeWork(cfg, "input.asc.stack: ", "[connectComponent]: dataset is missing, but "
                    + "invert.unwrapCorrection = " + kind + " needs it");
        }
    }

    @Test
    void productThatIsNotAStack() throws Exception {
        // a MintPy time series is not an interferogram stack at all
        checkFailsBeforeWork(config("notstack", "scene/asc/truthTimeseries.h5"), "input.asc.stack: ",
                "not an interferogram stack");
    }

    @Test
    void stackDamagedInsideItsPixelsFailsInTheInversionWithOneLine() throws Exception {
        Path stack = copyOfStack("damaged.h5");
        try (RandomAccessFile f = new RandomAccessFile(stack.toFile(), "rw")) {
            byte[] ff = new byte[4096];
            Arrays.fill(ff, (byte) 0xff); // NaN floats inside unwrapPhase; the HDF5 structure is intact
            f.seek(300_000);
            f.write(ff);
        }
        Path cfg = config("damaged", "damaged.h5");
        CliRunner.Result r = CliRunner.run("run", cfg.toString());
        CliRunner.Result single = CliRunner.run("invert", stack.toString(), "--out", dir.resolve("inv").toString());
        assertThat(single.code()).isEqualTo(2);
        String expected = single.err().lines().filter(l -> l.startsWith("permasar invert: ")).findFirst().orElseThrow()
                .substring("permasar invert: ".length());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("permasar ")).toList();
        assertThat(errors).containsExactly("permasar run: " + expected);
        assertThat(expected).contains(stack + " [unwrapPhase]: ");
        assertThat(r.err()).doesNotContain("internal error").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void secondRunIntoALockedFolderExits2NamingTheHolder() throws Exception {
        Path cfg = config("locked", "scene/asc/ifgramStack.h5");
        Path out = dir.resolve("out-locked");
        try (OutputLock held = OutputLock.acquire(out)) {
            CliRunner.Result r = CliRunner.run("run", cfg.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("permasar run: " + out + ": output folder is in use by another "
                    + "permasar run (pid " + ProcessHandle.current().pid() + " on ").doesNotContain("\n");
        }
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no step ran").containsExactly(".permasar");
        }
    }
}

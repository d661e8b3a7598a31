package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.permasar.cli.CliRunner;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * Referee: MintPy 1.5.1 {@code timeseries2velocity} through files. MintPy reads our {@code timeseries.h5}, we run
 * {@code permasar fit} on the same file with the same time functions, and every dataset MintPy writes must be in our
 * {@code velocity.h5} under its name with the same values (MintPy computes in float32: its design matrix, its
 * {@code lstsq} and its (GᵀG)⁻¹). Skipped without Debian's {@code /usr/bin/python3} with MintPy and h5py.
 */
class FitMintPyParityTest {
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static Path tmp;
    static Path simulated;

    /**
     * One model: its name, MintPy's options, ours, and the largest |difference| of the Std datasets (m, m/yr …).
     * The combined model's design (condition number ≈ 400) makes MintPy's single-precision (GᵀG)⁻¹ wrong by up to
     * 2.5e-4 relative on its diagonal (checked against float64 in numpy), hence its looser Std tolerance.
     */
    record Case(String name, String mintpy, String ours, double stdTolerance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> models() {
        return Stream.of(
                new Case("trend", "", "--model trend", 1e-6),
                new Case("polynomial2", "--polynomial 2", "--model trend --polynomial 2", 1e-6),
                new Case("periods", "--periodic 1.0 0.5", "--model trend --periods 1,0.5", 1e-6),
                new Case("trendAnnual", "--periodic 1.0", "--model trend+annual", 1e-6),
                // 20180111 is an acquisition date: with CENTER_LINE_UTC = 12:00 it counts as after the step
                new Case("step", "--step 20180111", "--model trend --steps 20180111", 1e-6),
                new Case("exp", "--exp 20180101 60", "--model trend --exp 20180101,60", 1e-6),
                new Case("log", "--log 20180101 90", "--model trend --log 20180101,90", 1e-6),
                new Case("dates", "--start-date 20170301 --end-date 20180901 --ex 20170609 20171206",
                        "--model trend --start-date 20170301 --end-date 20180901 --exclude-date 20170609,20171206", 1e-6),
                new Case("combined", "--polynomial 2 --periodic 1.0 0.5 --step 20180111 --exp 20180101 60 120 --log 20170601 30"
                        + " --start-date 20170201", "--model trend --polynomial 2 --periods 1,0.5 --steps 20180111 --exp "
                        + "20180101,60,120 --log 20170601,30 --start-date 20170201", 1e-5));
    }

    @BeforeAll
    static void simulate() throws Exception {
        Path sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--small", "--out", sim.toString()).code()).isZero();
        Path work = Files.createDirectories(tmp.resolve("mintpy"));
        simulated = work.resolve("timeseries.h5");
        Files.copy(sim.resolve("asc/truthTimeseries.h5"), simulated, StandardCopyOption.REPLACE_EXISTING);
        if (hasMintPy()) {
            // MintPy needs a reference pixel; (0, 0) is a land pixel of the scene
            python(work, "import h5py\nwith h5py.File('timeseries.h5', 'r+') as f:\n    f.attrs['REF_Y'] = '0'\n"
                    + "    f.attrs['REF_X'] = '0'\n");
        }
    }

    private static boolean hasMintPy() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import h5py, mintpy.cli.timeseries2velocity")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void python(Path dir, String script) throws IOException, InterruptedException {
        run(dir, List.of(PYTHON, "-c", script));
    }

    /** Runs a process in {@code dir}; fails with its output when it exits non-zero. */
    private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(cmd.toString()).isTrue();
        assertThat(p.exitValue()).as(cmd + "\n" + log).isZero();
    }

    /** MintPy's timeseries2velocity on {@code ts} with {@code options}, writing {@code out} (next to ts). */
    private static void mintpy(Path ts, String options, String out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-m", "mintpy.cli.timeseries2velocity", ts.getFileName().toString()));
        for (String o : options.split(" ")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("-o", out));
        run(ts.getParent(), cmd);
    }

    private static CliRunner.Result fit(Path ts, String options, Path out) {
        List<String> args = new ArrayList<>(List.of("fit", ts.toString(), "--out", out.toString()));
        args.addAll(List.of(options.split(" ")));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static float[] read(Path file, String ds) throws IOException {
        return ProductRasters.read(file, ds).data();
    }

    private static List<String> datasets(Path file) throws IOException {
        try (MintPyProduct p = MintPyProduct.open(file)) {
            return p.datasets();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyModelEqualsMintPysTimeseries2velocity(Case c) throws Exception {
        assumeTrue(hasMintPy(), "needs MintPy 1.5.1 and h5py under " + PYTHON);
        String theirsName = "mintpy_" + c.name() + ".h5";
        mintpy(simulated, c.mintpy(), theirsName);
        Path theirs = simulated.resolveSibling(theirsName);
        Path out = tmp.resolve("ours_" + c.name());
        CliRunner.Result r = fit(simulated, c.ours(), out);
        assertThat(r.code()).as(r.err()).isZero();
        Path ours = out.resolve("velocity.h5");
        List<String> names = datasets(ours);
        float[] amplitude = null;
        StringBuilder log = new StringBuilder(c.name() + ":");
        for (String ds : datasets(theirs)) {
            assertThat(names).as("MintPy's dataset %s in ours", ds).contains(ds);
            float[] a = read(ours, ds), b = read(theirs, ds);
            boolean phase = ds.endsWith("Phase");
            if (phase) {
                amplitude = read(ours, ds.replace("Phase", "Amplitude"));
            }
            double tol = ds.endsWith("Std") ? c.stdTolerance() : 1e-6;
            double worst = 0;
            int compared = 0;
            for (int i = 0; i < a.length; i++) {
                if (!Float.isFinite(a[i])) {
                    continue;                      // lakes: no data, MintPy writes 0 there
                }
                // a phase is compared by the displacement it moves: |A|·Δφ, modulo 2π
                double d = phase ? amplitude[i] * Math.abs(Math.IEEEremainder(a[i] - b[i], 2 * Math.PI))
                        : Math.abs(a[i] - b[i]);
                assertThat(d).as("%s %s pixel %d: ours %s, MintPy %s", c.name(), ds, i, a[i], b[i]).isLessThanOrEqualTo(tol);
                worst = Math.max(worst, d);
                compared++;
            }
            assertThat(compared).as("%s %s: land pixels compared", c.name(), ds).isEqualTo(300);
            log.append(String.format(Locale.ROOT, " %s %.1e", ds, worst));
        }
        System.out.println("FitMintPyParityTest " + log);
        try (MintPyProduct v = MintPyProduct.open(ours); MintPyProduct m = MintPyProduct.open(theirs)) {
            assertThat(v.attributes().get("START_DATE")).isEqualTo(m.attributes().get("START_DATE"));
            assertThat(v.attributes().get("END_DATE")).isEqualTo(m.attributes().get("END_DATE"));
        }
    }

    /**
     * Mexico City ({@code pyrate_cropA}, 13 dates over 6 months), inverted by {@code permasar invert}: the trend
     * alone is what such a series can give. MintPy's timeseries2velocity on our timeseries.h5 is the referee.
     */
    @Test
    void trendOnMexicoCityEqualsMintPy() throws Exception {
        Path inverted = tmp.resolve("cropA");
        CliRunner.Result inv = CliRunner.run("invert", CliRunner.shared().resolve("data/insar/pyrate_cropA/geotiffs").toString(),
                "--method", "l2", "--weight", "no", "--out", inverted.toString());
        assertThat(inv.code()).as(inv.err()).isZero();
        Path ts = inverted.resolve("timeseries.h5");

        // trend + annual cannot be fitted on 0.53 years: exit 2, the reason, nothing written
        Path refused = tmp.resolve("cropA-annual");
        CliRunner.Result r = fit(ts, "--model trend+annual", refused);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains("series too short for --model trend+annual: 13 dates over 0.53 years")
                .contains("(fit.model = trend in a run configuration) fits the rate alone");
        assertThat(refused).doesNotExist();

        Path out = tmp.resolve("cropA-trend");
        r = fit(ts, "--model trend", out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("5882 pixels fitted, 118 NaN: 118 too few valid dates");
        float[] ours = read(out.resolve("velocity.h5"), "velocity");
        float[] low = ours.clone();
        Arrays.sort(low);
        assertThat((double) low[0]).as("fastest subsidence, m/yr").isBetween(-0.31, -0.29);

        assumeTrue(hasMintPy(), "needs MintPy 1.5.1 and h5py under " + PYTHON);
        mintpy(ts, "", "mintpyVelocity.h5");
        Path theirs = inverted.resolve("mintpyVelocity.h5");
        float[] mv = read(theirs, "velocity"), residue = read(theirs, "residue");
        int ref;
        try (MintPyProduct m = MintPyProduct.open(theirs)) {
            ref = Integer.parseInt(m.attributes().get("REF_Y")) * m.grid().cols() + Integer.parseInt(m.attributes().get("REF_X"));
        }
        int mintpyFitted = 0, both = 0;
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            // MintPy fits a pixel unless its series is all NaN or all 0, and always the reference pixel; elsewhere it writes 0
            boolean fitted = residue[i] != 0 || i == ref;
            mintpyFitted += fitted ? 1 : 0;
            if (fitted && Float.isFinite(ours[i])) {
                both++;
                worst = Math.max(worst, Math.abs(ours[i] - mv[i]));
                assertThat((double) ours[i]).as("pixel %d", i).isCloseTo(mv[i], within(1e-6));
            }
        }
        System.out.printf(Locale.ROOT, "FitMintPyParityTest cropA: MintPy fits %d px, ours finite at %d, max |Δv| %.2e m/yr%n",
                mintpyFitted, both, worst);
        assertThat(both).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * mintpyFitted));
        for (String ds : new String[] {"velocityStd", "intercept", "interceptStd", "residue"}) {
            float[] a = read(out.resolve("velocity.h5"), ds), b = read(theirs, ds);
            for (int i = 0; i < a.length; i++) {
                if (Float.isFinite(a[i])) {
                    assertThat((double) a[i]).as("%s pixel %d", ds, i).isCloseTo(b[i], within(1e-6));
                }
            }
        }
    }
}

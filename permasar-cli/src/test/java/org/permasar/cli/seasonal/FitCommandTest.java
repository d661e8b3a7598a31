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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.sim.Region;

/**
 * End to end on the simulated scene ({@code permasar simulate --small}, known truth): MintPy's own
 * {@code timeseries2velocity} as referee of the trend + annual fit, the seasonality mask against the truth
 * regions, and PECM v, d against the truth maps on the noise-free scene.
 */
class FitCommandTest {
    @TempDir
    static Path tmp;
    static Path noisy;
    static Path clean;

    @BeforeAll
    static void simulate() {
        noisy = tmp.resolve("sim");
        clean = tmp.resolve("sim0");
        assertThat(CliRunner.run("simulate", "--small", "--out", noisy.toString()).code()).isZero();
        assertThat(CliRunner.run("simulate", "--small", "--no-noise", "--out", clean.toString()).code()).isZero();
    }

    private static float[] read(Path file, String ds) throws IOException {
        return ProductRasters.read(file, ds).data();
    }

    @Test
    void trendAnnualEqualsMintPyTimeseries2velocity() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs Debian /usr/bin/python3 with MintPy");
        Path work = Files.createDirectories(tmp.resolve("mintpy"));
        Files.copy(noisy.resolve("asc/truthTimeseries.h5"), work.resolve("timeseries.h5"), StandardCopyOption.REPLACE_EXISTING);
        // MintPy needs a reference pixel; (0, 0) is a seasonal land pixel of the scene
        Process attr = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py; f = h5py.File('timeseries.h5', 'r+'); "
                + "f.attrs['REF_Y'] = '0'; f.attrs['REF_X'] = '0'; f.close()").directory(work.toFile()).redirectErrorStream(true).start();
        String alog = new String(attr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(attr.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(attr.exitValue() == 0, "h5py not available: " + alog);
        Process p = new ProcessBuilder("/usr/bin/python3", "-m", "mintpy.cli.timeseries2velocity", "timeseries.h5",
                "--periodic", "1.0", "-o", "mintpyVelocity.h5").directory(work.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!log.contains("No module named"), "MintPy is not installed: " + log);
        assertThat(p.exitValue()).as(log).isZero();

        Path out = tmp.resolve("fitTa");
        CliRunner.Result r = CliRunner.run("fit", work.resolve("timeseries.h5").toString(), "--model", "trend+annual",
                "--out", out.toString(), "--geotiff");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("pixels fitted").contains("seasonal");
        Path ours = out.resolve("velocity.h5");
        Path theirs = work.resolve("mintpyVelocity.h5");
        int compared = 0;
        for (String ds : new String[] {"velocity", "velocityStd", "intercept", "annualAmplitude"}) {
            float[] a = read(ours, ds), b = read(theirs, ds);
            for (int i = 0; i < a.length; i++) {
                if (Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                    assertThat((double) a[i]).as("%s pixel %d", ds, i).isCloseTo(b[i], within(1e-6));
                    compared++;
                }
            }
        }
        float[] pa = read(ours, "annualPhase"), pb = read(theirs, "annualPhase"), amp = read(ours, "annualAmplitude");
        for (int i = 0; i < pa.length; i++) {
            if (Float.isFinite(pa[i]) && Float.isFinite(pb[i]) && amp[i] > 1e-4) {
                double d = Math.IEEEremainder(pa[i] - pb[i], 2 * Math.PI);
                assertThat(d).as("annualPhase pixel %d", i).isCloseTo(0, within(1e-4));
            }
        }
        assertThat(compared).isGreaterThan(4 * 250);
        try (MintPyProduct v = MintPyProduct.open(ours)) {
            assertThat(v.fileType()).isEqualTo("velocity");
            assertThat(v.attributes()).containsEntry("START_DATE", "20170104").containsKey("REF_DATE")
                    .containsKey("END_DATE");
        }
        assertThat(out.resolve("seasonalAmplitude.tif")).exists();
    }

    @Test
    void seasonalMaskMatchesTruthRegions() throws Exception {
        for (Path sim : new Path[] {noisy, clean}) {
            Path out = tmp.resolve("mask-" + sim.getFileName());
            CliRunner.Result r = CliRunner.run("fit", sim.resolve("asc/truthTimeseries.h5").toString(), "--model",
                    "trend+annual", "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            float[] mask = read(out.resolve("velocity.h5"), "seasonalMask");
            float[] amp = read(out.resolve("velocity.h5"), "seasonalAmplitude");
            float[] region = read(sim.resolve("truth.h5"), "region");
            int right = 0, total = 0;
            for (int i = 0; i < mask.length; i++) {
                // lake pixels have no displacement (NaN): nothing to classify
                if (region[i] == Region.LAKE.code()) {
                    assertThat(mask[i]).isNaN();
                    continue;
                }
                boolean truth = Region.values()[(int) region[i]].isSeasonal();
                boolean got = mask[i] == 1f;
                right += truth == got ? 1 : 0;
                total++;
                if (!got) {
                    assertThat(amp[i]).isNaN();
                }
            }
            assertThat((double) right / total).as("%s: %d of %d right", sim, right, total).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void pecmRecoversTruthOnNoiseFreeScene() throws Exception {
        Path out = tmp.resolve("pecm");
        CliRunner.Result r = CliRunner.run("fit", clean.resolve("asc/truthTimeseries.h5").toString(), "--model", "pecm",
                "--lst", clean.resolve("lst_8day.tif").toString(), "--geometry", clean.resolve("asc/geometryGeo.h5").toString(),
                "--vertical", "--kappa-ratio", clean.resolve("truth.h5") + ":kappaRatio",
                // noise-free LST has no day-to-day scatter: the direct clipping is the simulator's own construction
                // (the expected degree-days read the HANTS misfit of this 2-year scene as scatter: v off by ≈ 1.7 %)
                "--degree-days", "direct", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("PECM: 300 pixels fitted, 20 NaN: 20 reference date missing");
        // where the time went: every stage of the PECM fit counted, and the JVM's own share beside them
        assertThat(r.out() + r.err()).containsPattern("fit pecm: CPU s by stage, all threads: read series [0-9.]+, "
                + "time functions \\+ seasonality [0-9.]+, read LST [0-9.]+, HANTS \\+ daily [0-9.]+, onsets [0-9.]+, "
                + "degree days [0-9.]+, (κ profile [0-9.]+, )?I \\+ yearly max [0-9.]+, PECM fit [0-9.]+ \\([0-9.]+ in all\\); beside them "
                + "the JVM spent [0-9.]+ s compiling \\(JIT\\) and [0-9.]+ s in GC pauses");
        Path v = out.resolve("velocity.h5");
        float[] pv = read(v, "pecmVelocity"), pd = read(v, "pecmSeasonalCoef");
        float[] tv = read(clean.resolve("truth.h5"), "pecmVelocity"), td = read(clean.resolve("truth.h5"), "pecmSeasonalCoef");
        float[] region = read(clean.resolve("truth.h5"), "region");
        int n = 0;
        for (int i = 0; i < pv.length; i++) {
            if (region[i] == Region.SLOPE.code()) {
                continue;                        // east-west creep: LOS/cos(inc) is not a vertical motion there
            }
            if (Float.isNaN(tv[i])) {
                assertThat(pv[i]).isNaN();       // lake
                continue;
            }
            if (tv[i] != 0) {
                assertThat((double) pv[i]).as("v pixel %d", i).isCloseTo(tv[i], within(0.01 * Math.abs(tv[i])));
            } else {
                assertThat((double) pv[i]).isCloseTo(0, within(1e-6));
            }
            if (td[i] != 0) {
                assertThat((double) pd[i]).as("d pixel %d", i).isCloseTo(td[i], within(0.01 * Math.abs(td[i])));
                n++;
            } else {
                assertThat((double) pd[i]).isCloseTo(0, within(1e-7));
            }
        }
        assertThat(n).isGreaterThan(200);
    }

    /** --stack needs the series' reference pixel (REF_Y/REF_X): a series without them is refused, naming the file. */
    @Test
    void pecmStackWithoutReferencePixelIsRefused() {
        CliRunner.Result r = CliRunner.run("fit", noisy.resolve("asc/truthTimeseries.h5").toString(), "--model", "pecm",
                "--lst", noisy.resolve("lst_8day.tif").toString(), "--stack", noisy.resolve("asc/ifgramStack.h5").toString(),
                "--out", tmp.resolve("nostack").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("REF_Y/REF_X").contains("ifgramStack.h5");
    }

    /** A fit that cannot be made exits 2 with one line giving the reason, and writes nothing (no all-NaN maps). */
    private static void checkRefused(String reason, String... options) {
        Path out = tmp.resolve("refused");
        List<String> args = new ArrayList<>(List.of("fit", noisy.resolve("asc/truthTimeseries.h5").toString(), "--out",
                out.toString()));
        args.addAll(List.of(options));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(reason);
        assertThat(out).as("nothing written").doesNotExist();
    }

    @Test
    void tooShortSeriesExitsTwoWithTheReasonAndWritesNothing() {
        // 2 years of dates cannot show a 5-year period
        checkRefused("series too short for --model harmonics: 61 dates over 1.97 years (20170104 … 20181225), the model "
                + "has 4 unknowns and a 5.0-year period", "--model", "harmonics", "--periods", "5");
        // 3 dates left for a quadratic + annual model (5 unknowns)
        checkRefused("series too short for --model trend+annual: 3 dates", "--model", "trend+annual", "--polynomial", "2",
                "--start-date", "20170104", "--end-date", "20170128");
        checkRefused("1 of the 61 dates", "--model", "trend", "--end-date", "2017-01-04");
    }

    @Test
    void termsOutsideTheDatesAndBadValuesExitTwo() {
        checkRefused("step date 20990101 is not inside the dates fitted, 20170104 … 20181225", "--model", "trend",
                "--steps", "20990101");
        checkRefused("step date 20170104 is not inside", "--model", "trend", "--steps", "20170104");
        checkRefused("step date 20180111 is not inside the dates fitted, 20180123 … 20181225", "--model", "trend",
                "--steps", "20180111", "--start-date", "20180112");
        checkRefused("decay onset 20181225 is not before the last date fitted", "--model", "trend", "--log", "20181225,30");
        checkRefused("the design matrix of", "--model", "trend", "--steps", "20170110,20170112");
        checkRefused("characteristic time must be ≥ 1 day, got 0", "--model", "trend", "--exp", "20180101,0");
        checkRefused("--polynomial must be at most 5, got 6", "--model", "trend", "--polynomial", "6");
        checkRefused("no time function besides the offset", "--model", "trend", "--polynomial", "0");
        checkRefused("--end-date 20170101 is before --start-date 20180101", "--model", "trend", "--start-date",
                "20180101", "--end-date", "20170101");
        checkRefused("unparseable date '2017-13-01'", "--model", "trend", "--exclude-date", "2017-13-01");
    }

    /** A series with no valid value anywhere: no pixel can be fitted, so nothing is written. */
    @Test
    void noValidPixelExitsTwoAndWritesNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs Debian /usr/bin/python3 with h5py");
        Path work = Files.createDirectories(tmp.resolve("allnan"));
        Path ts = work.resolve("timeseries.h5");
        Files.copy(noisy.resolve("asc/truthTimeseries.h5"), ts, StandardCopyOption.REPLACE_EXISTING);
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, numpy as np\n"
                + "with h5py.File('timeseries.h5', 'r+') as f:\n    f['timeseries'][...] = np.nan\n")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(p.exitValue() == 0, "h5py not available: " + log);
        Path out = work.resolve("out");
        CliRunner.Result r = CliRunner.run("fit", ts.toString(), "--model", "trend", "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        // the blocks ran (their progress and log lines are on stderr too): the reason is one line
        List<String> reasons = r.err().strip().lines().filter(l -> l.startsWith("permasar fit:")).toList();
        assertThat(reasons).as(r.err()).hasSize(1);
        assertThat(reasons.get(0)).contains("no pixel could be fitted, nothing written (0 pixels fitted, 320 NaN: 320 too "
                + "few valid dates)");
        assertThat(out).doesNotExist();
    }

    @Test
    void missingInputsExitTwoWithOneLine() {
        CliRunner.Result r = CliRunner.run("fit", tmp.resolve("nope.h5").toString(), "--model", "trend+annual",
                "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        r = CliRunner.run("fit", noisy.resolve("asc/truthTimeseries.h5").toString(), "--model", "pecm",
                "--lst", tmp.resolve("nolst.tif").toString(), "--out", tmp.resolve("y").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nolst.tif");
    }

    /**
     * LST four times coarser than the InSAR grid: the thermal chain runs once per LST cell and every
     * InSAR pixel takes its cell's forcing. Truth: the same composites written on the InSAR grid (each
     * cell's value repeated over its 4 × 4 pixels) go through the on-grid path, which finds the identical
     * series itself (FitKernel.distinctColumns) instead of being told the cells by the regridder; every PECM
     * map must be identical, NaN for NaN. (Were the coarse file resampled bilinearly instead, the values
     * would differ at every cell edge.)
     */
    @Test
    void coarseLstGivesThePerPixelResultOfItsCells() throws Exception {
        org.permasar.thermal.input.LstCube cube;
        try (org.permasar.io.lst.LstSource src = org.permasar.io.lst.LstSource.open(clean.resolve("lst_8day.tif"),
                org.permasar.io.lst.LstOptions.auto())) {
            cube = src.readAll();
        }
        org.permasar.grid.GridGeometry fine = cube.grid();
        int f = 4, rows = fine.rows(), cols = fine.cols(), layers = cube.dates().size();
        int cr = (rows + f - 1) / f, cc = (cols + f - 1) / f;
        org.permasar.grid.GeoTransform t = fine.transform();
        org.permasar.grid.GridGeometry coarse = org.permasar.grid.GridGeometry.geocoded(cr, cc,
                org.permasar.grid.GeoTransform.northUp(t.originX(), f * t.pixelWidth(), t.originY(), f * t.pixelHeight()),
                fine.epsg(), Double.NaN);
        float[] coarseK = new float[layers * cr * cc];
        float[] fineK = new float[layers * rows * cols];
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r < cr; r++) {
                for (int c = 0; c < cc; c++) {
                    // the cell takes one of its pixels' composites (varies in space, keeps the clouds)
                    int sr = Math.min(rows - 1, r * f + 1), sc = Math.min(cols - 1, c * f + 2);
                    coarseK[(l * cr + r) * cc + c] = cube.celsius()[(l * rows + sr) * cols + sc] + 273.15f;
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    fineK[(l * rows + r) * cols + c] = coarseK[(l * cr + r / f) * cc + c / f];
                }
            }
        }
        java.util.List<String> names = cube.dates().stream().map(java.time.LocalDate::toString).toList();
        java.util.Map<String, String> meta = java.util.Map.of("UNIT", "K");
        Path coarseTif = tmp.resolve("lstCoarse.tif"), fineTif = tmp.resolve("lstFine.tif");
        org.permasar.io.geotiff.GeoTiffWriter.write(coarseTif, coarse, coarseK, layers, meta, names);
        org.permasar.io.geotiff.GeoTiffWriter.write(fineTif, fine.withNodata(Double.NaN), fineK, layers, meta, names);
        Path[] outs = {tmp.resolve("pecmCoarse"), tmp.resolve("pecmFine")};
        Path[] lsts = {coarseTif, fineTif};
        for (int k = 0; k < 2; k++) {
            CliRunner.Result r = CliRunner.run("fit", noisy.resolve("asc/truthTimeseries.h5").toString(), "--model", "pecm",
                    "--lst", lsts[k].toString(), "--out", outs[k].toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        int fitted = 0;
        for (String ds : new String[] {"pecmVelocity", "pecmVelocityStd", "pecmSeasonalCoef", "pecmSeasonalCoefStd",
                "pecmResidualRms", "pecmPeakToTrough", "pecmStatus"}) {
            float[] a = read(outs[0].resolve("velocity.h5"), ds), b = read(outs[1].resolve("velocity.h5"), ds);
            for (int i = 0; i < a.length; i++) {
                assertThat(Float.floatToIntBits(a[i])).as("%s pixel %d: %s vs %s", ds, i, a[i], b[i])
                        .isEqualTo(Float.floatToIntBits(b[i]));
                fitted += ds.equals("pecmVelocity") && Float.isFinite(a[i]) ? 1 : 0;
            }
        }
        assertThat(fitted).isGreaterThan(250);
    }
}

package org.permasar.io.mintpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.RasterSource;

/**
 * Files written by {@link MintPyWriter} read back by our reader, by h5py (dtypes, shapes,
 * attributes) and by MintPy 1.5.1 itself ({@code info.py}, {@code ifgram_inversion}).
 */
class MintPyWriterRefereeTest {
    static final long SEED = 20261121L;
    /** Geocoded test grid: 4 × 5 px, EPSG:4326, upper-left corner 150.91 E −34.17 N, 3″ pixels. */
    static final GridGeometry GEO = GridGeometry.geocoded(4, 5,
            GeoTransform.northUp(150.91, 0.000833333, -34.17, -0.000833333), 4326, Double.NaN);

    @TempDir
    Path tmp;

    static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        v[3] = Float.NaN;
        return v;
    }

    /** h5py's view of a file: "DS name dtype shape" and "ATTR key=value" lines, as a map. */
    static Map<String, String> h5pyView(Path file) throws IOException {
        String out = PythonReferee.script(file.getParent(), String.join("\n",
                "import sys, h5py",
                "f = h5py.File(sys.argv[1], 'r')",
                "for k, v in f.attrs.items():",
                "    print('ATTR ' + k + '=' + (v.decode() if isinstance(v, bytes) else str(v)))",
                "for k in f:",
                "    print('DS ' + k + '=' + f[k].dtype.str + ' ' + str(f[k].shape))"), file.toString());
        Map<String, String> m = new HashMap<>();
        for (String line : out.lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0 && (line.startsWith("ATTR ") || line.startsWith("DS "))) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    static void assertMintPyInfoOpens(Path file) throws IOException {
        PythonReferee.Run r = PythonReferee.run(file.getParent(), 300, "-m", "mintpy.cli.info", file.toString());
        assertThat(r.exitCode()).as("MintPy info.py on " + file + ":\n" + r.output()).isZero();
        assertThat(r.output()).doesNotContain("Traceback");
    }

    @Test
    void timeseriesRoundTripsAndH5pyAndMintPyAgree() throws IOException {
        Random rnd = new Random(SEED);
        List<LocalDate> dates = List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 13), LocalDate.of(2020, 2, 6));
        float[] cube = random(rnd, 3 * GEO.size());
        double[] bperp = {0, 12.5, -40.25};
        Path f = tmp.resolve("timeseries.h5");
        MintPyWriter.writeTimeseries(f, GEO, dates, cube, bperp,
                Map.of("WAVELENGTH", "0.05546576", "REF_Y", "1", "REF_X", "2", "LENGTH", "999"));
        try (RasterSource src = RasterFormats.open(f)) {
            MintPyProduct p = (MintPyProduct) src;
            assertThat(p.fileType()).isEqualTo("timeseries");
            assertThat(p.dates()).isEqualTo(dates);
            assertThat(p.bperp()).containsExactly(bperp);
            assertThat(p.grid()).isEqualTo(GEO);
            MintPyEtnaReadTest.assertSameFloats(p.read("timeseries", Window.of(GEO)), cube, "timeseries");
            assertThat(p.attributes()).containsEntry("REF_DATE", "20200101").containsEntry("UNIT", "m")
                    .containsEntry("LENGTH", "4").containsEntry("REF_Y", "1");
        }
        PythonReferee.assumeH5py();
        Map<String, String> v = h5pyView(f);
        assertThat(v).containsEntry("DS date", "|S8 (3,)").containsEntry("DS bperp", "<f4 (3,)")
                .containsEntry("DS timeseries", "<f4 (3, 4, 5)")
                .containsEntry("ATTR FILE_TYPE", "timeseries").containsEntry("ATTR UNIT", "m")
                .containsEntry("ATTR LENGTH", "4").containsEntry("ATTR WIDTH", "5")
                .containsEntry("ATTR X_FIRST", "150.91").containsEntry("ATTR Y_FIRST", "-34.17")
                .containsEntry("ATTR X_STEP", "8.33333E-4").containsEntry("ATTR Y_STEP", "-8.33333E-4")
                .containsEntry("ATTR X_UNIT", "degrees").containsEntry("ATTR EPSG", "4326")
                .containsEntry("ATTR START_DATE", "20200101").containsEntry("ATTR END_DATE", "20200206")
                .containsEntry("ATTR REF_DATE", "20200101").containsEntry("ATTR WAVELENGTH", "0.05546576");
        float[] ref = PythonReferee.h5pyWindow(f, "timeseries", 0, 0, 4, 5, tmp);
        MintPyEtnaReadTest.assertSameFloats(ref, cube, "h5py timeseries");
        PythonReferee.assumeMintPy();
        assertMintPyInfoOpens(f);
    }

    @Test
    void twoDimensionalProductsAreWhatMintPyWrites() throws IOException {
        Random rnd = new Random(SEED + 1);
        Map<String, String> attrs = Map.of("WAVELENGTH", "0.05546576");
        LinkedHashMap<String, float[]> vel = new LinkedHashMap<>();
        vel.put("velocity", random(rnd, GEO.size()));
        vel.put("velocityStd", random(rnd, GEO.size()));
        float[] tcoh = random(rnd, GEO.size()), num = random(rnd, GEO.size());
        boolean[] mask = new boolean[GEO.size()];
        for (int i = 0; i < mask.length; i += 3) {
            mask[i] = true;
        }
        GridGeometry radar = GridGeometry.radar(4, 5, null);
        LinkedHashMap<String, float[]> geom = new LinkedHashMap<>();
        geom.put("height", random(rnd, radar.size()));
        geom.put("incidenceAngle", random(rnd, radar.size()));
        Path fv = tmp.resolve("velocity.h5"), ft = tmp.resolve("temporalCoherence.h5"),
                fn = tmp.resolve("numInvIfgram.h5"), fm = tmp.resolve("maskTempCoh.h5"),
                fg = tmp.resolve("geometryRadar.h5");
        MintPyWriter.writeVelocity(fv, GEO, vel, attrs);
        MintPyWriter.writeTemporalCoherence(ft, GEO, tcoh, attrs);
        MintPyWriter.writeNumInvIfgram(fn, GEO, num, attrs);
        MintPyWriter.writeMask(fm, GEO, mask, attrs);
        // stale geocoding keys in the caller's attributes must not survive on a radar grid
        MintPyWriter.writeGeometry(fg, radar, geom, Map.of("X_FIRST", "1", "WAVELENGTH", "0.05546576"));

        try (RasterSource s = RasterFormats.open(fv)) {
            assertThat(s.datasets()).containsExactlyInAnyOrder("velocity", "velocityStd");
            assertThat(s.attributes()).containsEntry("UNIT", "m/year").containsEntry("FILE_TYPE", "velocity");
            MintPyEtnaReadTest.assertSameFloats(s.read("velocityStd", Window.of(GEO)), vel.get("velocityStd"), "std");
        }
        try (RasterSource s = RasterFormats.open(fm)) {
            float[] m = s.read("mask", Window.of(GEO));
            for (int i = 0; i < m.length; i++) {
                assertThat(m[i]).isEqualTo(mask[i] ? 1f : 0f);
            }
        }
        try (RasterSource s = RasterFormats.open(fg)) {
            assertThat(s).isInstanceOf(MintPyGeometry.class);
            assertThat(s.grid().isGeocoded()).isFalse();
            MintPyEtnaReadTest.assertSameFloats(s.read("height", Window.of(radar)), geom.get("height"), "height");
        }
        PythonReferee.assumeH5py();
        assertThat(h5pyView(fv)).containsEntry("DS velocity", "<f4 (4, 5)").containsEntry("DS velocityStd", "<f4 (4, 5)");
        assertThat(h5pyView(ft)).containsEntry("DS temporalCoherence", "<f4 (4, 5)")
                .containsEntry("ATTR FILE_TYPE", "temporalCoherence").containsEntry("ATTR UNIT", "1");
        assertThat(h5pyView(fn)).containsEntry("DS mask", "<f4 (4, 5)").containsEntry("ATTR FILE_TYPE", "mask");
        assertThat(h5pyView(fm)).containsEntry("DS mask", "|b1 (4, 5)");
        Map<String, String> g = h5pyView(fg);
        assertThat(g).containsEntry("ATTR FILE_TYPE", "geometry").containsEntry("DS height", "<f4 (4, 5)")
                .doesNotContainKey("ATTR X_FIRST");
        PythonReferee.assumeMintPy();
        for (Path f : List.of(fv, ft, fn, fm, fg)) {
            assertMintPyInfoOpens(f);
        }
    }

    /**
     * A simulated stack with known linear motion: MintPy's ifgram_inversion on the file we
     * wrote must return the simulated displacement, must ignore the pair we marked as dropped
     * (its phase is garbage), and must report M − 1 pairs used per pixel.
     */
    @Test
    void mintPyInvertsAStackWeWroteToTheSimulatedTruth() throws IOException {
        double lambda = 0.05546576;
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            dates.add(LocalDate.of(2021, 6, 1).plusDays(12L * i));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            for (int j = i + 1; j <= Math.min(i + 2, dates.size() - 1); j++) {
                pairs.add(new Pair(dates.get(i), dates.get(j)));
            }
        }
        int m = pairs.size();
        double[] bperp = new double[m];
        for (int k = 0; k < m; k++) {
            bperp[k] = 10.0 * k - 30;
        }
        Network net = new Network(pairs, bperp);
        GridGeometry grid = GridGeometry.radar(3, 4, null);
        int n = grid.size(), refPixel = 1 * 4 + 2; // REF_Y=1, REF_X=2: zero motion there
        // m/day, LOS; non-zero except at the reference pixel (MintPy skips pixels whose phase is 0 in every pair)
        double[] velocity = new double[n];
        for (int p = 0; p < n; p++) {
            velocity[p] = p == refPixel ? 0 : 1e-4 * (p - 5.5);
        }
        float[] phase = new float[m * n], coh = new float[m * n];
        short[] cc = new short[m * n];
        boolean[] keep = new boolean[m];
        java.util.Arrays.fill(keep, true);
        int dropped = 4;
        keep[dropped] = false;
        for (int k = 0; k < m; k++) {
            for (int p = 0; p < n; p++) {
                double dDisp = velocity[p] * pairs.get(k).days();
                // MintPy: d_LOS = −λ/(4π)·φ, so φ = −4π/λ·Δd
                phase[k * n + p] = k == dropped ? 100f : (float) (-4 * Math.PI / lambda * dDisp);
                coh[k * n + p] = 0.9f;
                cc[k * n + p] = 1;
            }
        }
        Path dir = Files.createDirectories(tmp.resolve("inv"));
        Path stack = dir.resolve("ifgramStack.h5");
        MintPyWriter.writeIfgramStack(stack, grid, net, keep, phase, coh, cc,
                Map.of("WAVELENGTH", Double.toString(lambda), "REF_Y", "1", "REF_X", "2", "PLATFORM", "Sen"));

        try (InterferogramStack s = RasterFormats.openStack(stack)) {
            assertThat(s.network().pairs()).isEqualTo(pairs);
            assertThat(s.network().bperps()).containsExactly(bperp);
            assertThat(s.keptPairs()).isEqualTo(keep);
            assertThat(s.wavelength()).isEqualTo(lambda);
            MintPyEtnaReadTest.assertSameFloats(s.read("unwrapPhase", Window.of(grid)), phase, "phase");
            float[] ccBack = s.read("connectComponent", Window.of(grid));
            assertThat(ccBack).containsOnly(1f);
        }
        PythonReferee.assumeH5py();
        Map<String, String> v = h5pyView(stack);
        assertThat(v).containsEntry("DS unwrapPhase", "<f4 (" + m + ", 3, 4)")
                .containsEntry("DS coherence", "<f4 (" + m + ", 3, 4)")
                .containsEntry("DS connectComponent", "<i2 (" + m + ", 3, 4)")
                .containsEntry("DS date", "|S8 (" + m + ", 2)").containsEntry("DS bperp", "<f4 (" + m + ",)")
                .containsEntry("DS dropIfgram", "|b1 (" + m + ",)")
                .containsEntry("ATTR FILE_TYPE", "ifgramStack").containsEntry("ATTR UNIT", "radian");
        PythonReferee.assumeMintPy();
        assertMintPyInfoOpens(stack);
        Path ts = dir.resolve("timeseries.h5"), tc = dir.resolve("temporalCoherence.h5"),
                ni = dir.resolve("numInvIfgram.h5");
        PythonReferee.Run r = PythonReferee.run(dir, 300, "-m", "mintpy.cli.ifgram_inversion", stack.toString(),
                "-w", "no", "-o", ts.toString(), tc.toString(), ni.toString());
        assertThat(r.exitCode()).as("MintPy ifgram_inversion:\n" + r.output()).isZero();

        try (MintPyProduct p = MintPyProduct.open(ts)) {
            assertThat(p.dates()).isEqualTo(dates);
            float[] cube = p.read("timeseries", Window.of(grid));
            for (int i = 0; i < dates.size(); i++) {
                long days = dates.get(i).toEpochDay() - dates.get(0).toEpochDay();
                for (int q = 0; q < n; q++) {
                    assertThat((double) cube[i * n + q]).as("date " + i + " pixel " + q)
                            .isCloseTo(velocity[q] * days, within(2e-6));
                }
            }
        }
        try (RasterSource s = RasterFormats.open(ni)) {
            assertThat(s.read("mask", Window.of(grid))).containsOnly((float) (m - 1));
        }
    }
}

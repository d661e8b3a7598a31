package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.io.mintpy.MintPyWriter;

class ModelCurveTest {
    static final LocalDate REF = LocalDate.of(2020, 1, 1);

    @TempDir
    Path tmp;

    @Test
    void handWorkedValues() {
        // v = 10 mm/yr, b = 2 mm, annual 5 mm at phase π/2 (a cosine), semi-annual 1 mm at phase 0
        ModelCurve m = new ModelCurve(REF, 0.01, 0.002, 0.005, Math.PI / 2, 0.001, 0.0);
        assertThat(m.valueAt(REF)).isCloseTo(0.002 + 0.005, within(1e-12));
        // 2021-01-01: t = 1 yr exactly → 2 + 10 + 5·sin(2π + π/2) + 1·sin(4π) = 17 mm
        assertThat(m.valueAt(LocalDate.of(2021, 1, 1))).isCloseTo(0.017, within(1e-12));
        // 2020-07-02 is day 184: t = 183/365.25 = 0.501027 yr
        double t = 183 / 365.25;
        assertThat(m.valueAt(LocalDate.of(2020, 7, 2))).isCloseTo(
                0.002 + 0.01 * t + 0.005 * Math.cos(2 * Math.PI * t) + 0.001 * Math.sin(4 * Math.PI * t), within(1e-12));
        assertThat(ModelCurve.mintpyYears(LocalDate.of(2021, 3, 1))).isCloseTo(2021 + 59 / 365.25, within(1e-12));
    }

    @Test
    void samplingKeepsBothEnds() {
        ModelCurve m = new ModelCurve(REF, 0.0, 0.001, 0.0, 0.0, 0.0, 0.0);
        ModelCurve.Sampled s = m.sample(REF, REF.plusDays(9), 3);
        assertThat(s.dates()).containsExactly(REF, REF.plusDays(3), REF.plusDays(6), REF.plusDays(9));
        assertThat(s.mm()).containsOnly(1.0);
        assertThat(m.sample(REF, REF.plusDays(10), 3).dates()).hasSize(5).endsWith(REF.plusDays(10));
        assertThat(m.sample(REF, REF, 3).dates()).containsExactly(REF);
    }

    @Test
    void invalidArgumentsAreRefusedNaNIsUndefined() {
        assertThatThrownBy(() -> new ModelCurve(REF, 0, 0, -1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
        ModelCurve m = new ModelCurve(REF, Double.NaN, 0, 0, 0, 0, 0);
        assertThat(m.isDefined()).isFalse();
        assertThat(m.valueAt(REF)).isNaN();
        assertThatThrownBy(() -> m.sample(REF, REF.minusDays(1), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Referee: MintPy's own timeseries2velocity fits a simulated noise-free series
     * (b + v·t + annual + semi-annual, irregular dates over two years, fixed seed); the curve the
     * viewer rebuilds from MintPy's velocity.h5 must reproduce the simulated truth.
     */
    @Test
    void reproducesMintPyFitOfASimulatedSeries() throws Exception {
        assumeTrue(new File("/usr/bin/python3").canExecute(), "needs Debian /usr/bin/python3 with MintPy");
        long seed = 20261121L;
        System.out.println("ModelCurveTest seed " + seed);
        Random rnd = new Random(seed);
        double b = 0.004, v = -0.025, c1 = 0.006, s1 = -0.008, c2 = 0.0015, s2 = 0.001; // m, m/yr
        List<LocalDate> dates = new ArrayList<>();
        LocalDate d = LocalDate.of(2019, 3, 5);
        while (d.isBefore(LocalDate.of(2021, 3, 1))) {
            dates.add(d);
            d = d.plusDays(6 + rnd.nextInt(20));
        }
        GridGeometry g = GridGeometry.radar(2, 2, null);
        float[] cube = new float[dates.size() * 4];
        for (int k = 0; k < dates.size(); k++) {
            double value = truth(dates.get(k), dates.get(0), b, v, c1, s1, c2, s2);
            for (int i = 0; i < 4; i++) {
                cube[k * 4 + i] = (float) value;
            }
        }
        Path root = Files.createDirectories(tmp.resolve("out"));
        MintPyWriter.writeTimeseries(root.resolve("timeseries.h5"), g, dates, cube, null, Map.of("REF_Y", "0", "REF_X", "0"));
        Process p = new ProcessBuilder("/usr/bin/python3", "-m", "mintpy.cli.timeseries2velocity", "timeseries.h5",
                "--periodic", "1.0", "0.5", "-o", "velocity.h5").directory(root.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!log.contains("No module named"), "MintPy is not installed: " + log);
        assertThat(p.exitValue()).as(log).isZero();

        PathGuard guard = new PathGuard(root);
        List<PixelSeries.Series> series = new PixelSeries(guard).at(guard.file("velocity.h5"), 1, 0);
        assertThat(series).hasSize(1);
        assertThat(series.get(0).models()).hasSize(1);
        PixelSeries.Model m = series.get(0).models().get(0);
        assertThat(m.refDate()).isEqualTo(dates.get(0));
        assertThat(m.velocityMmPerYear()).isCloseTo(1000 * v, within(1e-3));
        assertThat(m.annualAmplitudeMm()).isCloseTo(1000 * Math.hypot(c1, s1), within(1e-3));
        for (int i = 0; i < m.dates().size(); i++) {
            double expectMm = 1000 * truth(m.dates().get(i), dates.get(0), b, v, c1, s1, c2, s2);
            assertThat(m.mm()[i]).as("model at %s", m.dates().get(i)).isCloseTo(expectMm, within(2e-3));
        }
        // the per-dataset UNIT attributes MintPy writes reach the layer list
        List<LayerCatalog.Layer> layers = new LayerCatalog(guard).layers();
        assertThat(layers).anySatisfy(l -> {
            assertThat(l.id()).isEqualTo("velocity.h5:annualPhase");
            assertThat(l.unit()).isEqualTo("radian");
        });
        // MintPy's own folder: its time series is one layer with its dates, and the viewer opens on the velocity
        assertThat(layers).anySatisfy(l -> {
            assertThat(l.id()).isEqualTo("timeseries.h5:timeseries");
            assertThat(l.labels()).hasSize(dates.size());
            assertThat(l.labels().get(0)).isEqualTo(dates.get(0).toString());
        });
        assertThat(LayerCatalog.defaultLayer(layers).id()).isEqualTo("velocity.h5:velocity");
    }

    /** Simulated truth: MintPy's time-function model in cos/sin form, t in MintPy decimal years from ref. */
    private static double truth(LocalDate date, LocalDate ref, double b, double v, double c1, double s1,
                                double c2, double s2) {
        double t = (date.getYear() + (date.getDayOfYear() - 1) / 365.25) - (ref.getYear() + (ref.getDayOfYear() - 1) / 365.25);
        double w = 2 * Math.PI * t;
        return b + v * t + c1 * Math.cos(w) + s1 * Math.sin(w) + c2 * Math.cos(2 * w) + s2 * Math.sin(2 * w);
    }
}

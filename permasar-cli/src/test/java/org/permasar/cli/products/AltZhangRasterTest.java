package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar alt --model zhang} raster mode on a constructed 1 × 3 case worked by hand. ρ_i/Δρ = 917/83 =
 * 11.0481928; layers 0–0.5 m (W1) and 0.5–2 m (W2); boundaries 1 May, 1 Jun, 1 Jul, 1 Aug (K = 3).
 * Moisture samples (uniform over the grid): W1 = 0.35, 0.45 | 0.40, 0.40 | 0.90, 0.90 and W2 = 0.9, 0.9 | 0.9, 0.9 |
 * 0.1, 0.3 on 1/15 May | 1/15 Jun | 1/15 Jul, so the interval means are W1 = 0.4, 0.4, 0.9 and W2 = 0.9, 0.9, 0.2
 * (a 15 Aug sample lies outside and must be ignored).
 * <ul>
 * <li>pixel 0: d = 0, −0.01, −0.03, −0.04 m → ΔD = 0.01, 0.02, 0.01; H after i1 = 0.2762 (layer 1), after i2
 *     0.8286 (layer 2): H = 11.0481928·(0.01/0.4 + 0.02/0.4 + 0.01/0.2) = 11.0481928·0.125 = 1.3810241 m;</li>
 * <li>pixel 1: twice the motion → after i1 0.5524 m, already in layer 2: H = 11.0481928·(0.02/0.4 + 0.04/0.9 +
 *     0.02/0.2) = 11.0481928·0.1944444 = 2.1482597 m;</li>
 * <li>pixel 2: NaN displacement → no data (flag 1).</li>
 * </ul>
 * σ: with σ = 0.002 m per interval and the layer choice fixed, σ_H(pixel 0) = 11.0481928·0.002·√(1/0.16 + 1/0.16 +
 * 1/0.04) = 11.0481928·0.002·√37.5 = 0.1353118 m.
 */
class AltZhangRasterTest {
    @TempDir
    Path dir;

    static final GridGeometry G = GridGeometry.geocoded(1, 3, GeoTransform.northUp(94.0, 0.01, 35.7, -0.01), 4326, Double.NaN);
    static final List<LocalDate> TS_DATES = List.of(LocalDate.of(2020, 5, 1), LocalDate.of(2020, 6, 1),
            LocalDate.of(2020, 7, 1), LocalDate.of(2020, 8, 1), LocalDate.of(2020, 9, 1));

    private Path timeseries(String name, double factor) throws Exception {
        double[] d = {0, -0.01, -0.03, -0.04, -0.045};
        float[] cube = new float[TS_DATES.size() * 3];
        for (int t = 0; t < TS_DATES.size(); t++) {
            cube[t * 3] = (float) (d[t] * factor);
            cube[t * 3 + 1] = (float) (2 * d[t] * factor);
            cube[t * 3 + 2] = Float.NaN;
        }
        Path p = dir.resolve(name);
        MintPyWriter.writeTimeseries(p, G, TS_DATES, cube, null, Map.of());
        return p;
    }

    private Path moisture() throws Exception {
        String[] dates = {"2020-05-01", "2020-05-15", "2020-06-01", "2020-06-15", "2020-07-01", "2020-07-15", "2020-08-15"};
        double[] w1 = {0.35, 0.45, 0.40, 0.40, 0.90, 0.90, 0.05};
        double[] w2 = {0.9, 0.9, 0.9, 0.9, 0.1, 0.3, 0.05};
        float[] data = new float[dates.length * 2 * 3];
        List<String> names = new ArrayList<>();
        for (int t = 0; t < dates.length; t++) {
            for (int l = 0; l < 2; l++) {
                names.add(dates[t] + " layer" + (l + 1));
                for (int p = 0; p < 3; p++) {
                    data[(t * 2 + l) * 3 + p] = (float) (l == 0 ? w1[t] : w2[t]);
                }
            }
        }
        Path p = dir.resolve("sm.tif");
        GeoTiffWriter.write(p, G, data, names.size(), Map.of(), names);
        return p;
    }

    private float[] run(Path ts, Path out, String... extra) throws Exception {
        List<String> a = new ArrayList<>(List.of("alt", "--model", "zhang", "--timeseries", ts.toString(), "--boundaries",
                "2020-05-01,2020-06-01,2020-07-01,2020-08-01", "--moisture", moisture().toString(), "--layers", "0.5,2.0",
                "--out", out.toString()));
        a.addAll(List.of(extra));
        assertThat(PermasarCommand.run(a.toArray(new String[0]))).isZero();
        return ProductRasters.read(out.resolve("alt.tif"), null).data();
    }

    @Test
    void handWorkedPixels() throws Exception {
        Path out = dir.resolve("o");
        float[] h = run(timeseries("ts.h5", 1), out, "--amplitude-std", "0.002");
        assertThat((double) h[0]).isCloseTo(1.3810241, within(1e-5));
        assertThat((double) h[1]).isCloseTo(2.1482597, within(1e-5));
        assertThat(h[2]).isNaN();
        float[] flag = ProductRasters.read(out.resolve("altFlag.tif"), null).data();
        assertThat(flag).containsExactly(0f, 0f, 1f);
        float[] s = ProductRasters.read(out.resolve("altStd.tif"), null).data();
        assertThat((double) s[0]).isCloseTo(0.1353118, within(1e-6));
    }

    @Test
    void losSeriesIsMadeVerticalFirst() throws Exception {
        // LOS = vertical · cos 30°: with --los --incidence 30 the result equals the vertical case
        float[] h = run(timeseries("los.h5", Math.cos(Math.toRadians(30))), dir.resolve("o2"), "--los", "--incidence", "30");
        assertThat((double) h[0]).isCloseTo(1.3810241, within(1e-5));
        assertThat((double) h[1]).isCloseTo(2.1482597, within(1e-5));
    }

    @Test
    void boundaryNotInTheSeriesIsExitTwo() throws Exception {
        String err = GeometryCommandTest.runCapturingErr("alt", "--model", "zhang", "--timeseries",
                timeseries("ts.h5", 1).toString(), "--boundaries", "2020-05-01,2020-06-05", "--moisture", moisture().toString(),
                "--layers", "0.5,2.0", "--out", dir.resolve("o3").toString());
        assertThat(err).startsWith("exit 2").contains("interval boundary 2020-06-05 is not a date of");
    }
}

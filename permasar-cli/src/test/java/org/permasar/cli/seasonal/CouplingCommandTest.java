package org.permasar.cli.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar coupling} on a simulated 3 × 4 scene with known lags: temperature = annual cosine with
 * its minimum on 19 January (+ AR(1) weather in the station CSV, none in the 8-day LST); the
 * deformation of column c has its annual maximum {@code LAGS[c]} days after that minimum (+ 2 mm white
 * noise, 12-day dates 2015–2018 with gaps).
 */
class CouplingCommandTest {
    static final double[] LAGS = {60, 90, 120, 150};
    static final double W = 2 * Math.PI / 365.25;
    static final double T_MIN = LocalDate.of(2014, 1, 19).toEpochDay();
    @TempDir
    static Path tmp;
    static Path ts;
    static Path csv;
    static Path lst;
    static Path mask;

    @BeforeAll
    static void scene() throws IOException {
        GridGeometry g = GridGeometry.geocoded(3, 4, GeoTransform.northUp(497500, 100, 3875000, -100), 32646, Double.NaN);
        Random rnd = new Random(7);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2015, 1, 3); d.isBefore(LocalDate.of(2019, 1, 1)); d = d.plusDays(12)) {
            if (rnd.nextDouble() > 0.1) {
                dates.add(d);
            }
        }
        int n = g.size();
        float[] cube = new float[dates.size() * n];
        for (int t = 0; t < dates.size(); t++) {
            double day = dates.get(t).toEpochDay();
            for (int k = 0; k < n; k++) {
                double lag = LAGS[k % 4];
                cube[t * n + k] = (float) (-0.01 * (day - T_MIN) / 365.25 + 0.012 * Math.cos(W * (day - T_MIN - lag))
                        + 0.002 * rnd.nextGaussian());
            }
        }
        ts = tmp.resolve("timeseries.h5");
        MintPyWriter.writeTimeseries(ts, g, dates, cube, null, Map.of());
        StringBuilder b = new StringBuilder("date,tair_degC\n");
        double e = 0;
        for (LocalDate d = LocalDate.of(2014, 1, 1); d.isBefore(LocalDate.of(2019, 3, 1)); d = d.plusDays(1)) {
            e = 0.7 * e + 2.1 * rnd.nextGaussian();
            b.append(d).append(',').append(String.format(java.util.Locale.ROOT, "%.2f",
                    -4 - 13 * Math.cos(W * (d.toEpochDay() - T_MIN)) + e)).append('\n');
        }
        csv = tmp.resolve("station.csv");
        Files.writeString(csv, b.toString());
        List<String> names = new ArrayList<>();
        List<Float> vals = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2014, 1, 1); d.isBefore(LocalDate.of(2019, 3, 1)); d = d.plusDays(8)) {
            names.add(d.toString());
            vals.add((float) (273.15 - 4 - 13 * Math.cos(W * (d.toEpochDay() - T_MIN))));
        }
        float[] k = new float[names.size() * n];
        for (int t = 0; t < names.size(); t++) {
            for (int p = 0; p < n; p++) {
                k[t * n + p] = vals.get(t);
            }
        }
        lst = tmp.resolve("lst.tif");
        GeoTiffWriter.write(lst, g, k, names.size(), Map.of("UNIT", "K"), names);
        float[] m = new float[n];
        for (int p = 0; p < n; p++) {
            m[p] = p % 4 == 2 ? 1 : 0;
        }
        mask = tmp.resolve("mask.tif");
        ProductRasters.writeFloat(mask, g, m, "region", "1");
    }

    private static String[] lagRow(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("coupling_lag.csv"));
        assertThat(lines.get(0)).startsWith("scope,temperature,extremum,lag_days,lag_low_days,lag_high_days");
        return lines.get(1).replaceAll("\"[^\"]*\"", "scope").split(",", -1);
    }

    @Test
    void pixelAgainstStationRecoversTheLag() throws IOException {
        Path out = tmp.resolve("px");
        CliRunner.Result r = CliRunner.run("coupling", "--timeseries", ts.toString(), "--pixel", "1,2", "--temperature",
                csv + ":tair_degC", "--bootstrap", "300", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String[] f = lagRow(out);
        double lag = Double.parseDouble(f[3]), lo = Double.parseDouble(f[4]), hi = Double.parseDouble(f[5]);
        assertThat(lag).isCloseTo(120, within(6.0));
        assertThat(lo).isLessThanOrEqualTo(120);
        assertThat(hi).isGreaterThanOrEqualTo(120);
        assertThat(Double.parseDouble(f[10])).as("phase lag").isCloseTo(120, within(6.0));
        assertThat(Files.readAllLines(out.resolve("coupling_xcorr.csv"))).hasSize(366);
        assertThat(out.resolve("coupling.png")).exists();
    }

    @Test
    void regionMeanAndLstMap() throws IOException {
        Path out = tmp.resolve("region");
        CliRunner.Result r = CliRunner.run("coupling", "--timeseries", ts.toString(), "--region", mask.toString(), "--lst",
                lst.toString(), "--smooth-days", "1", "--bootstrap", "200", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Double.parseDouble(lagRow(out)[3])).isCloseTo(120, within(4.0));

        Path map = tmp.resolve("map");
        r = CliRunner.run("coupling", "--timeseries", ts.toString(), "--map", "--lst", lst.toString(), "--smooth-days", "1",
                "--out", map.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (GeoTiffReader t = GeoTiffReader.open(map.resolve("coupling_lag.tif"))) {
            float[] v = t.read(GeoTiffReader.BANDS, org.permasar.grid.Window.of(t.grid()));
            int n = 12;
            for (int p = 0; p < n; p++) {
                assertThat((double) v[p]).as("lag of pixel %d", p).isCloseTo(LAGS[p % 4], within(8.0));
                assertThat((double) v[2 * n + p]).as("phase lag of pixel %d", p).isCloseTo(LAGS[p % 4], within(8.0));
            }
        }
        assertThat(map.resolve("coupling_lag.png")).exists();
    }

    @Test
    void badInputsExitTwoWithOneLine() throws IOException {
        Path out = tmp.resolve("bad");
        assertThat(CliRunner.run("coupling", "--timeseries", ts.toString(), "--pixel", "1,2", "--out", out.toString()).code())
                .isEqualTo(2);
        assertThat(CliRunner.run("coupling", "--timeseries", ts.toString(), "--map", "--temperature", csv.toString(), "--out",
                out.toString()).code()).isEqualTo(2);
        assertThat(CliRunner.run("coupling", "--timeseries", ts.toString(), "--pixel", "9,9", "--temperature", csv.toString(),
                "--out", out.toString()).code()).isEqualTo(2);
        Path late = tmp.resolve("late.csv");
        Files.writeString(late, "date,tair_degC\n2030-01-01,1\n2030-01-02,2\n2030-01-03,3\n");
        CliRunner.Result r = CliRunner.run("coupling", "--timeseries", ts.toString(), "--pixel", "1,2", "--temperature",
                late.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("late.csv");
        assertThat(out).doesNotExist();
    }
}

package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permasar.pipeline.validate.GnssComparison;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyWriter;

/**
 * {@code permasar validate} on a simulated station: GNSS truth in ENU, InSAR built from the same truth projected
 * on the LOS plus a known 5 mm offset after the first date, so bias = 0.005·9/10 and RMSE = 0.005·√0.9.
 */
class ValidateCommandTest {
    @TempDir
    Path dir;

    static final int N = 21;
    static final GridGeometry GRID = GridGeometry.geocoded(N, N, GeoTransform.northUp(94.0, 0.001, 35.7, -0.001), 4326, Double.NaN);
    static final double INC = 38.0, AZ = 102.3;
    static final LocalDate T0 = LocalDate.of(2020, 1, 1);
    static final double OFFSET = 0.005;

    static double[] enu(LocalDate d) {
        double t = ChronoUnit.DAYS.between(T0, d) / 365.25;
        return new double[] {0.01 * t, 0.004 * t, -0.03 * t + 0.008 * Math.sin(2 * Math.PI * t)};
    }

    static double los(LocalDate d) {
        double[] e = enu(d);
        return LosGeometry.enuToLos(e[0], e[1], e[2], INC, AZ);
    }

    /** Writes timeseries.h5 (+ temporalCoherence.h5 beside it) and geometry.h5; returns the InSAR dates. */
    private List<LocalDate> writeInsar() throws Exception {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dates.add(LocalDate.of(2020, 1, 5).plusDays(12L * i));
        }
        int px = GRID.size();
        float[] cube = new float[dates.size() * px];
        for (int i = 0; i < dates.size(); i++) {
            for (int k = 0; k < px; k++) {
                cube[i * px + k] = (float) (los(dates.get(i)) + (i > 0 ? OFFSET : 0));
            }
            cube[i * px + 10 * N + 11] += 1.0f;  // inside the block, coherence 0: must be skipped
            cube[i * px + 13 * N + 10] += 1.0f;  // outside the block (3 rows = 333 m south): must be ignored
        }
        MintPyWriter.writeTimeseries(dir.resolve("timeseries.h5"), GRID, dates, cube, null, Map.of());
        float[] coh = new float[px];
        java.util.Arrays.fill(coh, 0.9f);
        coh[10 * N + 11] = 0;
        coh[10 * N + 9] = 0.5f;
        MintPyWriter.writeTemporalCoherence(dir.resolve("temporalCoherence.h5"), GRID, coh, Map.of());
        float[] inc = new float[px], az = new float[px];
        java.util.Arrays.fill(inc, (float) INC);
        java.util.Arrays.fill(az, (float) AZ);
        LinkedHashMap<String, float[]> g = new LinkedHashMap<>();
        g.put("incidenceAngle", inc);
        g.put("azimuthAngle", az);
        MintPyWriter.writeGeometry(dir.resolve("geometry.h5"), GRID, g);
        return dates;
    }

    /** NGL tenv3 with integer + fractional parts and a datum offset; skips {@code missing}. */
    private Path writeTenv3(String site, double lon, double lat, LocalDate missing) throws Exception {
        StringBuilder b = new StringBuilder("site YYMMMDD yyyy.yyyy __MJD week d reflon _e0(m) __east(m) ____n0(m) _north(m) "
                + "u0(m) ____up(m) _ant(m) sig_e(m) sig_n(m) sig_u(m) __corr_en __corr_eu __corr_nu _latitude(deg) "
                + "_longitude(deg) __height(m)\n");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyMMMdd", Locale.ENGLISH);
        for (LocalDate d = LocalDate.of(2019, 12, 20); d.isBefore(LocalDate.of(2020, 5, 1)); d = d.plusDays(1)) {
            if (d.equals(missing)) {
                continue;
            }
            double[] e = enu(d);
            long mjd = ChronoUnit.DAYS.between(LocalDate.of(1858, 11, 17), d);
            b.append(String.format(Locale.ROOT, "%s %s %.4f %d 2000 1 94.0 -611 %.6f 4635322 %.6f 1862 %.6f 0.09 "
                            + "0.0006 0.0008 0.0025 0.01 -0.03 -0.06 %.10f %.10f 1862.7%n", site, f.format(d).toUpperCase(Locale.ROOT),
                    2020.0, mjd, e[0] - 0.3, e[1] + 0.2, e[2] + 0.7, lat, lon));
        }
        Path p = dir.resolve(site + ".tenv3");
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void knownOffsetIsRecoveredAsBias() throws Exception {
        List<LocalDate> dates = writeInsar();
        double lon = 94.0 + 0.0105, lat = 35.7 - 0.0105;   // centre of pixel (10, 10)
        Path st = writeTenv3("SIM1", lon, lat, dates.get(3));   // InSAR date 3: GNSS days ±1 averaged
        Path neu = dir.resolve("FARneu.csv");
        Files.writeString(neu, "time,lon,lat,ver,group,year,day_fraction,days,month,day\n"
                + "2020-01-05,0,0,0,FAR,2020,0,5,1,5\n2020-01-17,1,1,1,FAR,2020,0,17,1,17\n");
        Path out = dir.resolve("out");
        int code = PermasarCommand.run("validate", "--insar", dir.resolve("timeseries.h5").toString(), "--gnss", st.toString(),
                neu.toString(), "--station", "FAR:100.0:30.0", "--geometry", dir.resolve("geometry.h5").toString(),
                "--out", out.toString());
        assertThat(code).isZero();
        List<String> csv = Files.readAllLines(out.resolve("validation.csv"));
        String[] head = csv.get(0).split(",");
        Map<String, String> row = new LinkedHashMap<>();
        String[] v = csv.get(1).split(",", -1);
        for (int k = 0; k < head.length; k++) {
            row.put(head[k], v[k]);
        }
        assertThat(row.get("station")).isEqualTo("SIM1");
        assertThat(row.get("row")).isEqualTo("10");
        assertThat(row.get("col")).isEqualTo("10");
        assertThat(row.get("block_pixels")).isEqualTo("2");   // (10,9) and (10,10); (10,11) has weight 0
        assertThat(row.get("common_dates")).isEqualTo("10");
        assertThat(row.get("reference_date")).isEqualTo("2020-01-05");
        assertThat(Double.parseDouble(row.get("bias_m"))).isCloseTo(OFFSET * 0.9, within(2e-6));
        assertThat(Double.parseDouble(row.get("mean_abs_error_m"))).isCloseTo(OFFSET * 0.9, within(2e-6));
        assertThat(Double.parseDouble(row.get("rmse_m"))).isCloseTo(OFFSET * Math.sqrt(0.9), within(2e-6));
        assertThat(row.get("status")).isEqualTo("ok");
        assertThat(csv.get(2)).startsWith("FAR,100.0,30.0,").endsWith(",outside the InSAR grid");
        assertThat(out.resolve("SIM1.png")).isNotEmptyFile();
    }

    /**
     * The case on a UTM grid (EPSG:32646, like the simulated scene): a station given in degrees at 35° N
     * 93° E (E 500 000, N 3 873 043.06 m) is placed on the grid through the CRS, not read as metres (which put it at
     * row 38738, col −4990, "outside", and compared nothing). 21 × 21 px of 30 m from E 499 685, N 3 873 358:
     * row (3 873 358 − 3 873 043.06)/30 = 10.50 → 10, col (500 000 − 499 685)/30 = 10.5 → 10.
     */
    @Test
    void stationInDegreesIsPlacedOnAUtmGrid() throws Exception {
        GridGeometry utm = GridGeometry.geocoded(N, N, GeoTransform.northUp(499685, 30, 3873358, -30), 32646, Double.NaN);
        List<LocalDate> dates = writeUniformInsar(utm);
        Path st = writeTenv3("G001", 93.0, 35.0, dates.get(3));
        Path out = dir.resolve("out");
        int code = PermasarCommand.run("validate", "--insar", dir.resolve("timeseries.h5").toString(), "--gnss", st.toString(),
                "--geometry", dir.resolve("geometry.h5").toString(), "--out", out.toString());
        assertThat(code).isZero();
        List<String> csv = Files.readAllLines(out.resolve("validation.csv"));
        String[] v = csv.get(1).split(",", -1);
        assertThat(v[0]).isEqualTo("G001");
        assertThat(v[3]).isEqualTo("10");   // row
        assertThat(v[4]).isEqualTo("10");   // col
        assertThat(Integer.parseInt(v[7])).as("block pixels: centres within ±100 m, 7 × 7").isEqualTo(49);
        assertThat(Double.parseDouble(v[10])).as("bias").isCloseTo(OFFSET * 0.9, within(2e-6));
        assertThat(v[v.length - 1]).isEqualTo("ok");
    }

    /** Every station outside the grid: nothing can be compared, so exit 2 naming them, and no validation.csv. */
    @Test
    void stationsAllOutsideTheGridAreExitTwoNamingThem() throws Exception {
        GridGeometry utm = GridGeometry.geocoded(N, N, GeoTransform.northUp(499685, 30, 3873358, -30), 32646, Double.NaN);
        List<LocalDate> dates = writeUniformInsar(utm);
        Path st = writeTenv3("FAR1", 93.0, 36.0, dates.get(3));
        Path out = dir.resolve("out");
        String err = GeometryCommandTest.runCapturingErr("validate", "--insar", dir.resolve("timeseries.h5").toString(),
                "--gnss", st.toString(), "--geometry", dir.resolve("geometry.h5").toString(), "--out", out.toString());
        assertThat(err).startsWith("exit 2").contains("no station lies on the InSAR grid")
                .contains("station FAR1 (lat 36.0, lon 93.0) lies outside the grid: row -").contains("of 21 × 21 px (EPSG:32646)");
        assertThat(out.resolve("validation.csv")).doesNotExist();
    }

    /** timeseries.h5 (LOS truth + OFFSET after the first date, every pixel), coherence 0.9, constant geometry. */
    private List<LocalDate> writeUniformInsar(GridGeometry g) throws Exception {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dates.add(LocalDate.of(2020, 1, 5).plusDays(12L * i));
        }
        int px = g.size();
        float[] cube = new float[dates.size() * px];
        for (int i = 0; i < dates.size(); i++) {
            java.util.Arrays.fill(cube, i * px, (i + 1) * px, (float) (los(dates.get(i)) + (i > 0 ? OFFSET : 0)));
        }
        MintPyWriter.writeTimeseries(dir.resolve("timeseries.h5"), g, dates, cube, null, Map.of());
        float[] coh = new float[px];
        java.util.Arrays.fill(coh, 0.9f);
        MintPyWriter.writeTemporalCoherence(dir.resolve("temporalCoherence.h5"), g, coh, Map.of());
        float[] inc = new float[px], az = new float[px];
        java.util.Arrays.fill(inc, (float) INC);
        java.util.Arrays.fill(az, (float) AZ);
        LinkedHashMap<String, float[]> geo = new LinkedHashMap<>();
        geo.put("incidenceAngle", inc);
        geo.put("azimuthAngle", az);
        MintPyWriter.writeGeometry(dir.resolve("geometry.h5"), g, geo);
        return dates;
    }

    @Test
    void gnssAlignmentAveragesNeighbouringDaysAndReferences() throws Exception {
        // direct check of the comparison on hand-made numbers: GNSS up only, vertical LOS (inc 0)
        LocalDate d0 = LocalDate.of(2021, 6, 1);
        LocalDate[] gd = {d0, d0.plusDays(11), d0.plusDays(13), d0.plusDays(24)};
        double[] up = {0.10, 0.20, 0.24, 0.40};
        double[] zero = new double[4], nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        var s = new org.permasar.stats.GnssSeries("X", gd, zero, zero, up, nan, nan, nan, Double.NaN, Double.NaN);
        var r = GnssComparison.compare(List.of(d0, d0.plusDays(12), d0.plusDays(24), d0.plusDays(36)),
                new double[] {1.0, 1.12, 1.30, 1.5}, s, 0, 0, 1);
        // GNSS on InSAR dates: 0.10, (0.20 + 0.24)/2 = 0.22, 0.40, none → referenced 0, 0.12, 0.30, NaN
        assertThat(r.gnss()[1]).isCloseTo(0.12, within(1e-12));
        assertThat(r.gnss()[2]).isCloseTo(0.30, within(1e-12));
        assertThat(r.gnss()[3]).isNaN();
        assertThat(r.common()).isEqualTo(3);
        assertThat(r.agreement().bias()).isCloseTo(0, within(1e-12));
    }

    @Test
    void stationWithoutCoordinatesIsExitTwo() throws Exception {
        writeInsar();
        Path neu = dir.resolve("Xneu.csv");
        Files.writeString(neu, "time,lon,lat,ver,group\n2020-01-05,0,0,0,NOPOS\n");
        String err = GeometryCommandTest.runCapturingErr("validate", "--insar", dir.resolve("timeseries.h5").toString(),
                "--gnss", neu.toString(), "--incidence", "38", "--azimuth", "102", "--out", dir.resolve("o").toString());
        assertThat(err).startsWith("exit 2").contains("station NOPOS").contains("--station NOPOS:LON:LAT");
    }

    @Test
    void boreholeAltAgreementRawAndMoistureCalibrated() throws Exception {
        GridGeometry g = GridGeometry.geocoded(10, 10, GeoTransform.northUp(94.0, 0.01, 35.7, -0.01), 4326, Double.NaN);
        double[] truth = {1.0, 1.5, 2.0, 2.5};
        double[] err = {0.1, 0.1, 0.1, -0.1};
        int[][] px = {{1, 1}, {3, 7}, {6, 2}, {8, 8}};
        float[] alt = new float[g.size()];
        java.util.Arrays.fill(alt, 9f);
        StringBuilder csv = new StringBuilder("id,lon,lat,alt\n");
        for (int i = 0; i < 4; i++) {
            alt[px[i][0] * 10 + px[i][1]] = (float) (truth[i] + err[i]);
            csv.append("B").append(i).append(',').append(94.0 + 0.01 * (px[i][1] + 0.5)).append(',')
                    .append(35.7 - 0.01 * (px[i][0] + 0.5)).append(',').append(truth[i]).append('\n');
        }
        csv.append("BX,80.0,35.0,1.0\n");
        Path altTif = dir.resolve("alt.tif");
        GeoTiffWriter.write(altTif, g, alt, 1, Map.of(), List.of());
        Path bh = dir.resolve("bh.csv");
        Files.writeString(bh, csv.toString());
        Path out = dir.resolve("val");
        assertThat(PermasarCommand.run("validate", "--alt-insar", altTif.toString(), "--boreholes", bh.toString(),
                "--vwc", "0.36", "--out", out.toString())).isZero();
        List<String> a = Files.readAllLines(out.resolve("altAgreement.csv"));
        String[] raw = a.get(1).split(","), cal = a.get(2).split(",");
        // raw errors +0.1, +0.1, +0.1, −0.1 → bias 0.05, RMSE 0.1
        assertThat(raw[0]).isEqualTo("insar");
        assertThat(raw[1]).isEqualTo("4");
        assertThat(Double.parseDouble(raw[2])).isCloseTo(0.05, within(1e-6));
        assertThat(Double.parseDouble(raw[4])).isCloseTo(0.1, within(1e-6));
        // calibrated 1.2·(H + e) − H = 0.2H + 1.2e: 0.32, 0.42, 0.52, 0.38 → bias 0.41
        assertThat(cal[0]).isEqualTo("moisture-calibrated");
        assertThat(Double.parseDouble(cal[2])).isCloseTo(0.41, within(1e-6));
        assertThat(Files.readAllLines(out.resolve("boreholes.csv")).get(5)).startsWith("BX,").endsWith(",outside the ALT grid");
    }
}

package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar geometry} on a constructed scene: the left half moves only vertically, the right half only
 * east–west; ascending/descending LOS values are projected from that truth with realistic Sentinel-1 angles
 * (MintPy convention, {@link LosGeometry}), and the descending track lies on a shifted, larger grid.
 */
class GeometryCommandTest {
    @TempDir
    Path dir;

    static final int ROWS = 8, COLS = 12;
    static final GridGeometry ASC = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(94.0, 0.001, 35.7, -0.001), 4326, Double.NaN);
    /** Descending grid: starts 2 columns west and 1 row north of the ascending one, 3 columns and 2 rows larger. */
    static final GridGeometry DESC = GridGeometry.geocoded(ROWS + 2, COLS + 3,
            GeoTransform.northUp(94.0 - 0.002, 0.001, 35.7 + 0.001, -0.001), 4326, Double.NaN);
    static final double UP = -0.020, EAST = 0.015;          // m/yr, secular truth
    static final double AMP_UP = 0.040, DAY_UP = 250;       // vertical region seasonal truth (peak-to-trough, doy)
    static final double AMP_EAST = 0.030, DAY_EAST = 200;   // east-west region seasonal truth

    /** Truth at a map position: vertical for lon < 94.006 (asc columns 0–5), east–west beyond. */
    static boolean vertical(double lon) {
        return lon < 94.006;
    }

    static double incAsc(double lon) {
        return 33 + (lon - 93.99) * 400;  // 33–38°, increasing eastwards across the swath
    }

    static double incDesc(double lon) {
        return 44 - (lon - 93.99) * 400;  // 44–39°
    }

    static final double AZ_ASC = 102.3, AZ_DESC = -102.3; // LOS azimuth, degrees, anti-clockwise from north

    /** Writes velocity + geometry for one track from the truth. */
    static void writeTrack(Path vel, Path geo, GridGeometry g, boolean ascending) throws Exception {
        int n = g.size();
        float[] v = new float[n], amp = new float[n], day = new float[n], inc = new float[n], az = new float[n];
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                int k = r * g.cols() + c;
                double lon = g.transform().x(c + 0.5, r + 0.5);
                double i = ascending ? incAsc(lon) : incDesc(lon), a = ascending ? AZ_ASC : AZ_DESC;
                inc[k] = (float) i;
                az[k] = (float) a;
                boolean vert = vertical(lon);
                v[k] = (float) LosGeometry.enuToLos(vert ? 0 : EAST, 0, vert ? UP : 0, i, a);
                double coef = vert ? LosGeometry.unitUp(i) : LosGeometry.unitEast(i, a);
                double tAmp = vert ? AMP_UP : AMP_EAST, tDay = vert ? DAY_UP : DAY_EAST;
                amp[k] = (float) (Math.abs(coef) * tAmp);               // a negative coefficient flips the phase
                day[k] = (float) ((coef < 0 ? tDay + 365.25 / 2 : tDay) % 365.25);
            }
        }
        LinkedHashMap<String, float[]> ds = new LinkedHashMap<>();
        ds.put("velocity", v);
        ds.put("seasonalAmplitude", amp);
        ds.put("seasonalTiming", day);
        MintPyWriter.writeVelocity(vel, g, ds, Map.of());
        LinkedHashMap<String, float[]> gd = new LinkedHashMap<>();
        gd.put("incidenceAngle", inc);
        gd.put("azimuthAngle", az);
        MintPyWriter.writeGeometry(geo, g, gd);
    }

    private String[] args(Path out) {
        return new String[] {"geometry", "--asc", dir.resolve("a.h5").toString(), "--desc", dir.resolve("d.h5").toString(),
            "--asc-geometry", dir.resolve("ga.h5").toString(), "--desc-geometry", dir.resolve("gd.h5").toString(),
            "--out", out.toString()};
    }

    @Test
    void classesAndEastUpMatchTheConstructedTruth() throws Exception {
        writeTrack(dir.resolve("a.h5"), dir.resolve("ga.h5"), ASC, true);
        writeTrack(dir.resolve("d.h5"), dir.resolve("gd.h5"), DESC, false);
        Path out = dir.resolve("out");
        assertThat(PermasarCommand.run(args(out))).isZero();

        float[] sec = ProductRasters.read(out.resolve("secularDirection.tif"), null).data();
        float[] sea = ProductRasters.read(out.resolve("seasonalDirection.tif"), null).data();
        float[] east = ProductRasters.read(out.resolve("east.tif"), null).data();
        float[] up = ProductRasters.read(out.resolve("up.tif"), null).data();
        float[] ampE = ProductRasters.read(out.resolve("seasonalEastAmplitude.tif"), null).data();
        float[] ampU = ProductRasters.read(out.resolve("seasonalUpAmplitude.tif"), null).data();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int k = r * COLS + c;
                boolean vert = vertical(ASC.transform().x(c + 0.5, r + 0.5));
                assertThat(sec[k]).as("secular class at %d,%d", r, c).isEqualTo(vert ? 1f : 2f);
                assertThat(sea[k]).as("seasonal class at %d,%d", r, c).isEqualTo(vert ? 1f : 2f);
                assertThat((double) east[k]).isCloseTo(vert ? 0 : EAST, within(1e-6));
                assertThat((double) up[k]).isCloseTo(vert ? UP : 0, within(1e-6));
                assertThat((double) ampE[k]).isCloseTo(vert ? 0 : AMP_EAST, within(1e-6));
                assertThat((double) ampU[k]).isCloseTo(vert ? AMP_UP : 0, within(1e-6));
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("directionCounts.csv"));
        assertThat(csv.get(0)).isEqualTo("class,secular_count,secular_percent,seasonal_count,seasonal_percent");
        // 6 of 12 columns vertical, 8 rows: 48 and 48 pixels, 50 % each
        assertThat(csv.get(1)).isEqualTo("no data,0,,0,");
        assertThat(csv.get(2)).isEqualTo("vertical,48,50.000,48,50.000");
        assertThat(csv.get(3)).isEqualTo("east-west,48,50.000,48,50.000");
        assertThat(csv.get(4)).isEqualTo("undetermined,0,0.000,0,0.000");
        assertThat(csv.get(5)).as("no velocityStd: no stable pixels").isEqualTo("stable,0,0.000,0,0.000");
        for (String png : new String[] {"secularPie.png", "seasonalPie.png", "secularDirection.png", "east.png", "up.png"}) {
            assertThat(out.resolve(png)).isNotEmptyFile();
        }
    }

    @Test
    void mintPyAnnualPhaseBecomesPeakDay() {
        // A·sin(ωΔt + φ) peaks at ωΔt = π/2 − φ: φ = π/2 → at REF_DATE; φ = 0 → a quarter year later
        double[] a = GeometryCommand.fromMintPyAnnual(0.01, Math.PI / 2, 40);
        assertThat(a[0]).isCloseTo(0.02, within(1e-15));
        assertThat(a[1]).isCloseTo(40, within(1e-9));
        assertThat(GeometryCommand.fromMintPyAnnual(0.01, 0, 40)[1]).isCloseTo(40 + 365.25 / 4, within(1e-9));
        assertThat(GeometryCommand.fromMintPyAnnual(0.01, Math.PI, 40)[1]).isCloseTo(40 - 365.25 / 4 + 365.25, within(1e-9));
    }

    @Test
    void nonOverlappingGridsAreRefusedWithExitTwo() throws Exception {
        writeTrack(dir.resolve("a.h5"), dir.resolve("ga.h5"), ASC, true);
        GridGeometry far = GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(100.0, 0.001, 35.7, -0.001), 4326, Double.NaN);
        writeTrack(dir.resolve("d.h5"), dir.resolve("gd.h5"), far, false);
        String err = runCapturingErr(args(dir.resolve("out")));
        assertThat(err).startsWith("exit 2").contains("do not overlap");
    }

    @Test
    void missingFileIsExitTwo() throws Exception {
        writeTrack(dir.resolve("a.h5"), dir.resolve("ga.h5"), ASC, true);
        String err = runCapturingErr(args(dir.resolve("out")));
        assertThat(err).startsWith("exit 2").contains("d.h5");
    }

    /** Runs the CLI and returns "exit N" followed by what it wrote to stderr. */
    static String runCapturingErr(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = PermasarCommand.run(args);
        } finally {
            System.setErr(old);
        }
        String err = b.toString(StandardCharsets.UTF_8);
        System.err.print(err);
        return "exit " + code + "\n" + err;
    }
}

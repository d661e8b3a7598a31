package org.permasar.cli.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.crs.ProjPoints;
import org.permasar.io.geotiff.GeoTiffWriter;

/**
 * {@code controls} raster mode with a factor in EPSG:4326 and the deformation on UTM 46N (EPSG:32646, 100 m,
 * 60 × 80 px). Factor A = 0.02° longitude bands: given on the UTM grid (each pixel's class from its centre's
 * longitude, by PROJ's inverse UTM) and as a 0.0005° geographic map whose pixel edges fall on the band edges, so
 * the pixel that contains a UTM centre has that centre's class and nearest-neighbour reprojection must return the
 * UTM classes exactly. Deformation = μ of the band ± 4 mm on a checkerboard. Truth: q from the two-pass sums over
 * the UTM classes, computed here.
 */
class ControlsReprojectionTest {
    @TempDir
    Path dir;

    static final double[] MU = {-20, -10, 0, 14, 6, -4};

    @Test
    void factorInAnotherCrsGivesTheSameQAsOnTheDeformationGrid() throws Exception {
        GridGeometry utm = GridGeometry.geocoded(60, 80, GeoTransform.northUp(497500, 100, 3875000, -100), 32646, Double.NaN);
        GridGeometry geo = GridGeometry.geocoded(400, 400, GeoTransform.northUp(92.90, 0.0005, 35.10, -0.0005), 4326, Double.NaN);
        int n = utm.size();
        float[] y = new float[n], a = new float[n];
        for (int r = 0; r < utm.rows(); r++) {
            for (int c = 0; c < utm.cols(); c++) {
                double lon = ProjPoints.transform(32646, 4326, utm.transform().x(c + 0.5, r + 0.5),
                        utm.transform().y(c + 0.5, r + 0.5))[0];
                int cls = (int) Math.floor((lon - 92.90) / 0.02);
                a[r * utm.cols() + c] = cls;
                y[r * utm.cols() + c] = (float) (MU[cls - 3] + ((r + c) % 2 == 0 ? 4 : -4));
            }
        }
        float[] g = new float[geo.size()];
        for (int r = 0; r < geo.rows(); r++) {
            for (int c = 0; c < geo.cols(); c++) {
                g[r * geo.cols() + c] = (float) Math.floor((geo.transform().x(c + 0.5, r + 0.5) - 92.90) / 0.02);
            }
        }
        write(dir.resolve("y.tif"), utm, y);
        write(dir.resolve("a_utm.tif"), utm, a);
        write(dir.resolve("a_geo.tif"), geo, g);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("controls", "--deformation", dir.resolve("y.tif").toString(), "--factor",
                "U=" + dir.resolve("a_utm.tif"), "--factor", "G=" + dir.resolve("a_geo.tif"), "--bootstrap", "0",
                "--permutations", "0", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Map<String, String>> f = ControlsCommandTest.rows(out.resolve("factor_detector.csv"), "factor");
        double q = twoPassQ(y, a);
        assertThat(Double.parseDouble(f.get("U").get("q"))).isCloseTo(q, within(1e-9));
        assertThat(Double.parseDouble(f.get("G").get("q"))).isCloseTo(q, within(1e-9));
        assertThat(f.get("G").get("strata")).isEqualTo(f.get("U").get("strata"));
        Map<String, Map<String, String>> in = ControlsCommandTest.rows(out.resolve("interaction_detector.csv"), "factor1", "factor2");
        assertThat(Double.parseDouble(in.get("U|G").get("q"))).as("the overlay of identical classes").isCloseTo(q, within(1e-9));
    }

    /** q = 1 − Σ_h Σ_i (y − ȳ_h)² / Σ_i (y − ȳ)². */
    static double twoPassQ(float[] y, float[] cls) {
        Map<Float, double[]> s = new java.util.HashMap<>();
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            double[] a = s.computeIfAbsent(cls[i], k -> new double[2]);
            a[0] += y[i];
            a[1]++;
            mean += y[i] / y.length;
        }
        double sst = 0, ssw = 0;
        for (int i = 0; i < y.length; i++) {
            double[] a = s.get(cls[i]);
            sst += (y[i] - mean) * (y[i] - mean);
            ssw += (y[i] - a[0] / a[1]) * (y[i] - a[0] / a[1]);
        }
        return 1 - ssw / sst;
    }

    static void write(Path f, GridGeometry g, float[] v) throws Exception {
        GeoTiffWriter.write(f, g, v, 1, Map.of(), List.of("band"));
    }
}

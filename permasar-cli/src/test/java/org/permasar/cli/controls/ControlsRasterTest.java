package org.permasar.cli.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffWriter;

/**
 * {@code permasar controls --deformation … --factor …} on a simulated raster whose q is known in closed form.
 *
 * <p>200 × 200 px, 30 m. Factor A = four column bands of 50 px; the deformation is μ_A + noise with μ = −20, −10,
 * 0, 14 mm and noise ±σ = ±4 mm on a checkerboard, so every class holds equal numbers of μ + σ and μ − σ: class
 * means are exactly μ and class variances exactly σ². Hence q_A = Var_b / (Var_b + σ²), Var_b = ¼ Σ (μ − μ̄)²
 * = (16² + 6² + 4² + 18²)/4 = 158, q_A = 158/174. Factor B = four row bands, given on a 60 m grid (resampled by
 * nearest neighbour): every B class holds each A class equally, so q_B = 0 and q(A∩B) = q_A = q_A + q_B
 * ("independent"). Factor C = the column coordinate x = col + ½, continuous, cut by equal interval into 4 classes
 * with limits 0.5, 50.25, 100, 149.75, 199.5: the same classes as A, so q_C = q_A. All values are integers or
 * halves, exact in float32.
 */
class ControlsRasterTest {
    @TempDir
    Path dir;

    static final double[] MU = {-20, -10, 0, 14};
    static final double SIGMA = 4;
    static final double Q = 158.0 / 174.0;

    @Test
    void simulatedRasterHasItsClosedFormQ() throws Exception {
        int n = 200;
        GridGeometry g = GridGeometry.geocoded(n, n, GeoTransform.northUp(500_000, 30, 4_000_000, -30), 32643, Double.NaN);
        GridGeometry coarse = GridGeometry.geocoded(n / 2, n / 2, GeoTransform.northUp(500_000, 60, 4_000_000, -60), 32643,
                Double.NaN);
        float[] y = new float[n * n], a = new float[n * n], c = new float[n * n], b = new float[n * n / 4];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                int cls = k / 50;
                a[r * n + k] = cls + 1;
                c[r * n + k] = k + 0.5f;
                y[r * n + k] = (float) (MU[cls] + ((r + k) % 2 == 0 ? SIGMA : -SIGMA));
            }
        }
        for (int r = 0; r < n / 2; r++) {
            for (int k = 0; k < n / 2; k++) {
                b[r * (n / 2) + k] = 10 * (r / 25 + 1);   // codes 10, 20, 30, 40
            }
        }
        y[7] = Float.NaN;   // a masked pixel
        y[8] = Float.NaN;   // (r + k even and odd: the balance of ±σ per class is kept)
        y[8 + n] = Float.NaN;
        y[7 + n] = Float.NaN;
        write(dir.resolve("y.tif"), g, y);
        write(dir.resolve("a.tif"), g, a);
        write(dir.resolve("b.tif"), coarse, b);
        write(dir.resolve("c.tif"), g, c);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("controls", "--deformation", dir.resolve("y.tif").toString(),
                "--factor", "A=" + dir.resolve("a.tif"), "--factor", "B=" + dir.resolve("b.tif"),
                "--factor", "C=" + dir.resolve("c.tif"), "--discretize", "C=equal:4", "--block-rows", "37",
                "--label", "LOS rate (mm/yr)", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> f = ControlsCommandTest.rows(out.resolve("factor_detector.csv"), "factor");
        // the masked 2×2 square removes one +σ and one −σ from each of two rows of class 0: balance kept only in
        // pairs, so check q from the exact sums of the pixels left instead of the closed form there: see below
        assertThat(Double.parseDouble(f.get("A").get("n"))).isEqualTo(n * n - 4);
        assertThat(Double.parseDouble(f.get("A").get("q"))).isCloseTo(qWithHole(), within(1e-9));
        assertThat(Double.parseDouble(f.get("C").get("q"))).isCloseTo(qWithHole(), within(1e-9));
        assertThat(f.get("B").get("strata")).isEqualTo("4");
        assertThat(Double.parseDouble(f.get("B").get("q"))).isLessThan(1e-6);
        Map<String, Map<String, String>> in = ControlsCommandTest.rows(out.resolve("interaction_detector.csv"), "factor1", "factor2");
        assertThat(Double.parseDouble(in.get("A|B").get("q"))).isCloseTo(qWithHole(), within(1e-6));
        assertThat(in.get("A|B").get("interaction")).isIn("independent", "bi-enhance");
        List<String> disc = Files.readAllLines(out.resolve("discretization.csv"));
        assertThat(disc.get(1)).contains("0.5 50.25 100.0 149.75 199.5");
        Map<String, Map<String, String>> bins = ControlsCommandTest.rows(out.resolve("binned_statistics.csv"), "factor", "class");
        Map<String, String> a4 = bins.get("A|4");
        assertThat(Long.parseLong(a4.get("n"))).isEqualTo(10_000);
        assertThat(Double.parseDouble(a4.get("mean"))).isCloseTo(14, within(1e-9));
        double binWidth = (18.0 - -24.0) / 4096;
        assertThat(Double.parseDouble(a4.get("p02"))).isCloseTo(10, within(binWidth));
        assertThat(Double.parseDouble(a4.get("p98"))).isCloseTo(18, within(binWidth));
        // spatial-block inference (64 px tiles; the 9 whole tiles are permuted): A is certain, B explains nothing
        assertThat(Double.parseDouble(f.get("A").get("p_block"))).isLessThan(0.05);
        assertThat(Double.parseDouble(f.get("B").get("p_block"))).isGreaterThan(0.5);
        assertThat(Double.parseDouble(f.get("A").get("q_low"))).isLessThanOrEqualTo(qWithHole());
        assertThat(Double.parseDouble(f.get("A").get("q_high"))).isGreaterThanOrEqualTo(qWithHole());
        assertThat(f.get("A").get("tiles_permuted")).isEqualTo("9");
        assertThat(out.resolve("boxplot_A.png")).exists();
        assertThat(out.resolve("q_ranking.png")).exists();
    }

    @Test
    void noHoleGivesTheClosedFormExactly() throws Exception {
        int n = 100;
        GridGeometry g = GridGeometry.geocoded(n, n, GeoTransform.northUp(0, 10, 0, -10), 32633, Double.NaN);
        float[] y = new float[n * n], a = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                int cls = k / 25;
                a[r * n + k] = cls;
                y[r * n + k] = (float) (MU[cls] + ((r + k) % 2 == 0 ? SIGMA : -SIGMA));
            }
        }
        write(dir.resolve("y.tif"), g, y);
        write(dir.resolve("a.tif"), g, a);
        write(dir.resolve("b.tif"), g, a.clone());
        CliRunner.Result r = CliRunner.run("controls", "--deformation", dir.resolve("y.tif").toString(),
                "--factor", "A=" + dir.resolve("a.tif"), "--factor", "B=" + dir.resolve("b.tif"), "--out", dir.resolve("o").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> f = ControlsCommandTest.rows(dir.resolve("o/factor_detector.csv"), "factor");
        assertThat(Double.parseDouble(f.get("A").get("q"))).isCloseTo(Q, within(1e-12));
        // F = (N − L) q / ((L − 1)(1 − q)) = 9996 · 158 / (3 · 16)
        assertThat(Double.parseDouble(f.get("A").get("F"))).isCloseTo(9996.0 * 158 / (3 * 16), within(1e-6));
    }

    @Test
    void aCodeFirstSeenNextToAMaskedPixelOfTheSameCodeIsKept() throws Exception {
        // code 7 at (0,0) and (0,1); the deformation is NaN at (0,0): the valid (0,1) must still be stratum 7
        int n = 20;
        GridGeometry g = GridGeometry.geocoded(n, n, GeoTransform.northUp(0, 10, 0, -10), 32633, Double.NaN);
        float[] y = new float[n * n], a = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = i % n < 10 ? 1 : 2;
            y[i] = (float) (a[i] + (i % 2));
        }
        a[0] = 7;
        a[1] = 7;
        y[0] = Float.NaN;
        write(dir.resolve("y.tif"), g, y);
        write(dir.resolve("a.tif"), g, a);
        CliRunner.Result r = CliRunner.run("controls", "--deformation", dir.resolve("y.tif").toString(),
                "--factor", "A=" + dir.resolve("a.tif"), "--bootstrap", "0", "--permutations", "0",
                "--out", dir.resolve("o").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Map<String, Map<String, String>> f = ControlsCommandTest.rows(dir.resolve("o/factor_detector.csv"), "factor");
        assertThat(f.get("A").get("n")).isEqualTo("399");
        assertThat(f.get("A").get("strata")).isEqualTo("3");
    }

    /** q of A with the 2 × 2 hole: class 0 loses −24, −16 twice (mean kept), so its SS loses 4σ² exactly. */
    static double qWithHole() {
        double nTotal = 40_000 - 4;
        double ssw = 40_000 * SIGMA * SIGMA - 4 * SIGMA * SIGMA;
        // class sizes 9996, 10000, 10000, 10000 with means −20, −10, 0, 14
        double[] nh = {9996, 10_000, 10_000, 10_000};
        double mean = 0;
        for (int h = 0; h < 4; h++) {
            mean += nh[h] * MU[h];
        }
        mean /= nTotal;
        double ssb = 0;
        for (int h = 0; h < 4; h++) {
            ssb += nh[h] * (MU[h] - mean) * (MU[h] - mean);
        }
        return ssb / (ssb + ssw);
    }

    private static void write(Path p, GridGeometry g, float[] v) throws java.io.IOException {
        GeoTiffWriter.write(p, g, v, 1, Map.of(), List.of());
    }
}

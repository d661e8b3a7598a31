package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.geometry.AscDescDecomposition;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar geometry} propagates velocityStd into eastStd.tif / upStd.tif. Truth: (1) a closed form for a
 * symmetric geometry (inc 45°, LOS azimuths −90° / +90°: A = [[√½, √½], [−√½, √½]], det = 1, so
 * σ_E² = σ_U² = (σ_a² + σ_d²)/2); (2) a Monte Carlo of the solve itself with Sentinel-1-like angles.
 */
class GeometryStdTest {
    @TempDir
    Path dir;

    static final GridGeometry G = GridGeometry.geocoded(1, 2, GeoTransform.northUp(94.0, 0.001, 35.7, -0.001), 4326, Double.NaN);
    static final double SA = 0.003, SD = 0.004;             // m/yr
    static final double[] INC_A = {45, 34.5}, AZ_A = {-90, 102.3}, INC_D = {45, 41.2}, AZ_D = {90, -102.3};

    private void write(String name, double[] inc, double[] az, double s) throws Exception {
        LinkedHashMap<String, float[]> v = new LinkedHashMap<>();
        v.put("velocity", new float[] {0.01f, 0.01f});
        v.put("velocityStd", new float[] {(float) s, (float) s});
        MintPyWriter.writeVelocity(dir.resolve(name + ".h5"), G, v, Map.of());
        LinkedHashMap<String, float[]> g = new LinkedHashMap<>();
        g.put("incidenceAngle", new float[] {(float) inc[0], (float) inc[1]});
        g.put("azimuthAngle", new float[] {(float) az[0], (float) az[1]});
        MintPyWriter.writeGeometry(dir.resolve(name + "_geo.h5"), G, g);
    }

    @Test
    void velocityStdPropagatesToEastAndUp() throws Exception {
        write("a", INC_A, AZ_A, SA);
        write("d", INC_D, AZ_D, SD);
        Path out = dir.resolve("out");
        assertThat(PermasarCommand.run("geometry", "--asc", dir.resolve("a.h5").toString(), "--desc",
                dir.resolve("d.h5").toString(), "--asc-geometry", dir.resolve("a_geo.h5").toString(), "--desc-geometry",
                dir.resolve("d_geo.h5").toString(), "--out", out.toString())).isZero();
        float[] se = ProductRasters.read(out.resolve("eastStd.tif"), null).data();
        float[] su = ProductRasters.read(out.resolve("upStd.tif"), null).data();
        // closed form, pixel 0: sqrt((9e-6 + 16e-6)/2) = 3.5355e-3
        assertThat((double) se[0]).isCloseTo(Math.sqrt(12.5e-6), within(1e-8));
        assertThat((double) su[0]).isCloseTo(Math.sqrt(12.5e-6), within(1e-8));
        // Monte Carlo of the decomposition itself, pixel 1 (the angles as stored, float32)
        long seed = 20261121L;
        System.out.println("GeometryStdTest Monte Carlo seed " + seed);
        Random rnd = new Random(seed);
        int n = 200_000;
        double[] eu = new double[2];
        double se2 = 0, su2 = 0;
        for (int k = 0; k < n; k++) {
            AscDescDecomposition.decompose(SA * rnd.nextGaussian(), (float) INC_A[1], (float) AZ_A[1],
                    SD * rnd.nextGaussian(), (float) INC_D[1], (float) AZ_D[1], eu);
            se2 += eu[0] * eu[0];
            su2 += eu[1] * eu[1];
        }
        // sampling error of a std from 2e5 draws ≈ 1/sqrt(2n) = 0.16 %: 1 % tolerance
        assertThat((double) se[1]).isCloseTo(Math.sqrt(se2 / n), within(0.01 * Math.sqrt(se2 / n)));
        assertThat((double) su[1]).isCloseTo(Math.sqrt(su2 / n), within(0.01 * Math.sqrt(su2 / n)));
    }
}

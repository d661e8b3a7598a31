package org.permasar.io.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;

/**
 * A map in EPSG:4326 (0.0005°, 92.90–93.10 E, 34.90–35.10 N) onto a UTM 46N grid (EPSG:32646, 100 m, 60 × 80 px):
 * a field linear in latitude comes back exactly (bilinear is exact for a linear field; truth: each target centre's
 * latitude from PROJ's inverse UTM), and the class codes of 0.02° longitude bands (nearest) equal GDAL
 * {@code gdalwarp -r near -et 0}'s on the same files (run when gdalwarp exists).
 */
class GridReprojectionTest {
    @TempDir
    Path dir;

    static final GridGeometry GEO = GridGeometry.geocoded(400, 400, GeoTransform.northUp(92.90, 0.0005, 35.10, -0.0005), 4326,
            Double.NaN);
    static final GridGeometry UTM = GridGeometry.geocoded(60, 80, GeoTransform.northUp(497500, 100, 3875000, -100), 32646,
            Double.NaN);

    static float[] field(boolean classes) {
        float[] v = new float[GEO.size()];
        for (int r = 0; r < GEO.rows(); r++) {
            for (int c = 0; c < GEO.cols(); c++) {
                double lon = GEO.transform().x(c + 0.5, r + 0.5), lat = GEO.transform().y(c + 0.5, r + 0.5);
                v[r * GEO.cols() + c] = classes ? (float) Math.floor((lon - 92.90) / 0.02) : (float) ((lat - 34.90) * 1000);
            }
        }
        return v;
    }

    @Test
    void linearFieldIsExactUnderBilinear() {
        float[] out = GridReprojection.reproject(field(false), GEO, UTM, GridResampler.Method.BILINEAR);
        CoordinateTransform inv = new CoordinateTransformFactory().createTransform(new CRSFactory().createFromName("EPSG:32646"),
                new CRSFactory().createFromName("EPSG:4326"));
        ProjCoordinate p = new ProjCoordinate();
        for (int r = 0; r < UTM.rows(); r++) {
            for (int c = 0; c < UTM.cols(); c++) {
                inv.transform(new ProjCoordinate(UTM.transform().x(c + 0.5, r + 0.5), UTM.transform().y(c + 0.5, r + 0.5)), p);
                assertThat((double) out[r * UTM.cols() + c]).as("(%d, %d)", r, c).isCloseTo((p.y - 34.90) * 1000, within(1e-4));
            }
        }
        assertThat(GridReprojection.overlaps(GEO, UTM)).isTrue();
        GridGeometry far = GridGeometry.geocoded(60, 80, GeoTransform.northUp(797500, 100, 3875000, -100), 32646, Double.NaN);
        assertThat(GridReprojection.overlaps(GEO, far)).isFalse();
    }

    @Test
    void classCodesMatchGdalwarpNearest() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdalwarp")), "gdalwarp not installed");
        Path src = dir.resolve("geo.tif"), ref = dir.resolve("gdal.tif");
        float[] codes = field(true);
        GeoTiffWriter.write(src, GEO, codes, 1, Map.of(), List.of("band"));
        Process p = new ProcessBuilder("/usr/bin/gdalwarp", "-q", "-t_srs", "EPSG:32646", "-te", "497500", "3869000", "505500",
                "3875000", "-tr", "100", "100", "-r", "near", "-et", "0", src.toString(), ref.toString()).redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        float[] gdal;
        try (GeoTiffReader t = GeoTiffReader.open(ref)) {
            assertThat(t.grid().rows()).isEqualTo(60);
            gdal = t.read(GeoTiffReader.BANDS, Window.of(t.grid()));
        }
        float[] ours = GridReprojection.reproject(codes, GEO, UTM, GridResampler.Method.NEAREST);
        int same = 0;
        for (int i = 0; i < ours.length; i++) {
            same += ours[i] == gdal[i] ? 1 : 0;
        }
        System.out.printf("nearest: %d of %d pixels equal to gdalwarp's%n", same, ours.length);
        assertThat(same).isEqualTo(ours.length);
    }
}

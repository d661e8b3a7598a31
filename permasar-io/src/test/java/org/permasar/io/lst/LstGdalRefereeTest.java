package org.permasar.io.lst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GdalReferee;
import org.permasar.thermal.input.LstCube;

/**
 * A MODIS-like file written by GDAL itself (uint16 raw DN, 16 × 16 tiles, deflate + predictor 2, nodata 0,
 * band descriptions {@code A2019001 …}, EPSG:4326): our reader must give DN × 0.02 − 273.15 °C for the
 * DNs GDAL reads back, NaN at the fill value, and the dates of the descriptions. Skips without GDAL.
 */
class LstGdalRefereeTest {
    static final int ROWS = 30, COLS = 40, BANDS = 4;

    @TempDir
    Path tmp;

    @Test
    void gdalWrittenModisLikeStack() throws Exception {
        assumeTrue(GdalReferee.pythonGdalAvailable(), "GDAL python (/usr/bin/python3 osgeo) not installed");
        Path f = tmp.resolve("mod11a2_stack.tif");
        String py = String.join("\n",
                "import sys, numpy as np",
                "from osgeo import gdal, osr",
                "rows, cols, nb = 30, 40, 4",
                "drv = gdal.GetDriverByName('GTiff')",
                "ds = drv.Create(sys.argv[1], cols, rows, nb, gdal.GDT_UInt16,",
                "                ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=16', 'COMPRESS=DEFLATE', 'PREDICTOR=2'])",
                "ds.SetGeoTransform([92.5, 0.01, 0, 35.8, 0, -0.01])",
                "s = osr.SpatialReference(); s.ImportFromEPSG(4326); ds.SetProjection(s.ExportToWkt())",
                "r, c = np.mgrid[0:rows, 0:cols]",
                "for b in range(nb):",
                "    k = 250 + 3 * b + 0.1 * r - 0.05 * c",
                "    dn = np.round(k / 0.02).astype(np.uint16)",
                "    dn[(r + c + b) % 7 == 0] = 0",
                "    band = ds.GetRasterBand(b + 1)",
                "    band.WriteArray(dn); band.SetNoDataValue(0)",
                "    band.SetDescription('A2019%03d' % (1 + 8 * b))",
                "ds = None");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", py, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();

        try (LstSource s = LstSource.open(f, LstOptions.auto())) {
            assertThat(s.rawDn()).isTrue();
            assertThat(s.kelvin()).isTrue();
            assertThat(s.dates()).containsExactly(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 1, 9),
                    LocalDate.of(2019, 1, 17), LocalDate.of(2019, 1, 25));
            assertThat(s.grid().epsg()).isEqualTo(4326);
            assertThat(s.grid().transform().originX()).isCloseTo(92.5, within(1e-12));
            Window w = new Window(5, 7, 20, 25); // crosses tile borders
            LstCube cube = s.read(w);
            int nan = 0;
            for (int b = 0; b < BANDS; b++) {
                float[] gdal = GdalReferee.readBand(f, b + 1, tmp);
                for (int r = 0; r < w.rows(); r++) {
                    for (int c = 0; c < w.cols(); c++) {
                        float dn = gdal[(r + w.row0()) * COLS + c + w.col0()];
                        float ours = cube.at(b, r, c);
                        if (dn == 0) {
                            assertThat(ours).isNaN();
                            nan++;
                        } else {
                            assertThat((double) ours).isCloseTo(dn * 0.02 - 273.15, within(1e-4));
                            // and the physical truth of the script: |DN rounding| ≤ 0.01 K
                            double k = 250 + 3 * b + 0.1 * (r + w.row0()) - 0.05 * (c + w.col0());
                            assertThat((double) ours).isCloseTo(k - 273.15, within(0.0101));
                        }
                    }
                }
            }
            assertThat(nan).isGreaterThan(200);
        }
        if (GdalReferee.gdalinfoAvailable()) {
            // the descriptions GDAL stored (GDAL_METADATA role="description") are the ones we parsed
            assertThat(GdalReferee.strings(GdalReferee.info(f), "description"))
                    .containsSubsequence(List.of("A2019001", "A2019009", "A2019017", "A2019025"));
        }
    }
}

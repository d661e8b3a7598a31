package org.permasar.permafrost.alt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.permafrost.alt.FrozenWaterCalibration.Site;
import org.permasar.permafrost.alt.FrozenWaterCalibration.Status;

class FrozenWaterCalibrationTest {
    /** 20 x 30 grid, 0.01 deg pixels, upper-left corner 92.0 E 35.0 N. */
    private static final GridGeometry GRID = GridGeometry.geocoded(20, 30, GeoTransform.northUp(92.0, 0.01, 35.0, -0.01), 4326, Double.NaN);

    /** Known truth: n is a plane in lon/lat, δ and N vary smoothly. */
    private static double trueN(double lon, double lat) {
        return 0.04 + 0.1 * (lon - 92.0) - 0.05 * (35.0 - lat);
    }

    @Test
    void recoversAPlaneOfNAndRejectsAnomalies() {
        float[] delta = new float[GRID.size()], big = new float[GRID.size()];
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 30; c++) {
                delta[r * 30 + c] = (float) (0.03 + 0.001 * c);
                big[r * 30 + c] = (float) (0.25 + 0.002 * r);
            }
        }
        delta[5 * 30 + 5] = Float.NaN;
        List<Site> sites = new ArrayList<>();
        int[][] px = {{2, 3}, {15, 4}, {8, 20}, {17, 27}, {3, 25}, {10, 12}};
        for (int[] p : px) {
            double lon = 92.0 + 0.01 * (p[1] + 0.5), lat = 35.0 - 0.01 * (p[0] + 0.5);
            double d = delta[p[0] * 30 + p[1]], n = big[p[0] * 30 + p[1]];
            // forward model written out: H = (ρi + nΔρ) / ((N − n)Δρ) δ
            double nn = trueN(lon, lat);
            sites.add(new Site("s" + sites.size(), lon, lat, (917 + nn * 83) / ((n - nn) * 83) * d));
        }
        sites.add(new Site("outside", 91.0, 34.9, 2.0));
        sites.add(new Site("nanpixel", 92.055, 34.945, 2.0));
        sites.add(new Site("tooShallow", 92.155, 34.905, 0.2)); // n < 0
        // n = 0.2 here (δ = 0.040 m, N = 0.278): inside [0, N) but far from the others (0.04-0.07)
        sites.add(new Site("outlier", 92.105, 34.855, (917 + 0.2 * 83) / ((0.278 - 0.2) * 83) * 0.040));
        var cal = FrozenWaterCalibration.calibrate(sites, delta, big, GRID, Densities.DEFAULT,
                FrozenWaterCalibration.Parameters.DEFAULT);
        assertThat(cal.reason()).isNull();
        assertThat(cal.sites()).extracting(FrozenWaterCalibration.SiteResult::status).containsExactly(
                Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED,
                Status.OUTSIDE_GRID, Status.NO_DATA, Status.OUT_OF_RANGE, Status.OUTLIER);
        // thin-plate splines reproduce affine functions exactly (here in lon·cos(lat0), lat: still affine)
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 30; c++) {
                double lon = 92.0 + 0.01 * (c + 0.5), lat = 35.0 - 0.01 * (r + 0.5);
                assertThat((double) cal.frozenWater()[r * 30 + c]).isCloseTo(trueN(lon, lat), within(1e-5));
            }
        }
    }

    @Test
    void tooFewSitesGiveNaNAndAReason() {
        float[] delta = new float[GRID.size()], big = new float[GRID.size()];
        java.util.Arrays.fill(delta, 0.05f);
        java.util.Arrays.fill(big, 0.3f);
        var cal = FrozenWaterCalibration.calibrate(List.of(new Site("a", 92.05, 34.95, 2.4)), delta, big, GRID,
                Densities.DEFAULT, FrozenWaterCalibration.Parameters.DEFAULT);
        assertThat(cal.reason()).contains("only 1 of 1 sites accepted");
        assertThat(cal.frozenWater()[0]).isNaN();
    }
}

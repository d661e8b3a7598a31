package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;

/**
 * End to end on real data: the Sentinel-1 GAMMA GeoTIFF folder of Mexico City (PyRate cropA, 30
 * pairs, 13 dates, 2018-01-06 … 2018-07-17, data README §1) through {@code permasar invert}, then
 * a straight line fitted to every series. Mexico City subsides by up to ~300–400 mm/yr, which
 * shows as strongly negative LOS rates (away from the satellite) relative to the reference.
 */
class MexicoCityInvertTest {
    @TempDir
    Path tmp;

    @Test
    void invertsEndToEndWithPlausibleSubsidence() throws IOException {
        Path stack = CliRunner.shared().resolve("data/insar/pyrate_cropA/geotiffs");
        Path out = tmp.resolve("mexico");
        CliRunner.Result r = CliRunner.run("invert", stack.toString(), "--out", out.toString(), "--method", "wls");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("6000 pixels × 13 dates from 30 pairs");
        float[] ts;
        List<LocalDate> dates;
        try (MintPyProduct p = MintPyProduct.open(out.resolve("timeseries.h5"))) {
            ts = p.read("timeseries", Window.of(p.grid()));
            dates = p.dates();
        }
        int npix = 6000, nd = dates.size();
        double[] rate = new double[npix];
        int n = 0;
        for (int p = 0; p < npix; p++) {
            // least-squares line d = b + a·t, t in years (365.25 d) since the first date
            double st = 0, sy = 0, stt = 0, sty = 0;
            boolean ok = true;
            for (int d = 0; d < nd && ok; d++) {
                double t = (dates.get(d).toEpochDay() - dates.get(0).toEpochDay()) / 365.25, y = ts[d * npix + p];
                ok = Double.isFinite(y);
                st += t;
                sy += y;
                stt += t * t;
                sty += t * y;
            }
            if (ok) {
                rate[n++] = (nd * sty - st * sy) / (nd * stt - st * st) * 1000; // mm/yr
            }
        }
        double[] v = Arrays.copyOf(rate, n);
        Arrays.sort(v);
        double min = v[0], p1 = v[n / 100], median = v[n / 2], max = v[n - 1];
        System.out.printf(Locale.ROOT, "Mexico City LOS rate (mm/yr, %d px): min %.1f, 1st percentile %.1f, median %.1f, "
                + "max %.1f%n", n, min, p1, median, max);
        assertThat(n).isGreaterThan(5800);
        assertThat(min).as("fastest subsidence, mm/yr LOS").isBetween(-450.0, -200.0);
        assertThat(p1).isLessThan(-150.0);
        assertThat(max).as("no comparable uplift").isLessThan(50.0);
    }
}

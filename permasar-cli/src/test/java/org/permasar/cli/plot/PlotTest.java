package org.permasar.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.network.Network;
import org.permasar.network.Pair;

class PlotTest {
    @TempDir
    Path dir;

    private static LocalDate d(int doy) {
        return LocalDate.of(2020, 1, 1).plusDays(doy);
    }

    @Test
    void dateBaselinesInvertPairBaselines() {
        // true date baselines 0, 40, −25, 10: pair values are differences
        double[] truth = {0, 40, -25, 10};
        List<Pair> pairs = List.of(new Pair(d(0), d(12)), new Pair(d(12), d(24)), new Pair(d(0), d(24)),
                new Pair(d(24), d(36)), new Pair(d(12), d(36)));
        double[] bp = new double[pairs.size()];
        int[][] ij = {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {1, 3}};
        for (int k = 0; k < bp.length; k++) {
            bp[k] = truth[ij[k][1]] - truth[ij[k][0]];
        }
        double[] b = NetworkPlot.dateBaselines(new Network(pairs, bp));
        for (int i = 0; i < 4; i++) {
            assertThat(b[i]).isCloseTo(truth[i], within(1e-9));
        }
    }

    @Test
    void mapAndChartsArePngsWithContent() throws Exception {
        GridGeometry g = GridGeometry.geocoded(30, 40, GeoTransform.northUp(93, 0.01, 35.5, -0.01), 4326, Double.NaN);
        float[] v = new float[g.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 40 < 20 ? -0.02f : 0.01f;
        }
        v[5] = Float.NaN;
        Path png = dir.resolve("m.png");
        new RasterMap("velocity", "m/yr", Colormap.RDBU).marker(3, 4).write(png, g, v);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(40 * 8);
        // a subsiding (red) pixel and an uplifting (blue) pixel are drawn red-ish and blue-ish
        int scale = Math.min(8, RasterMap.DEFAULT_SIZE / 40), left = 92, top = 44;   // RasterMap's layout
        int red = img.getRGB(left + 2 * scale, top + 10 * scale), blue = img.getRGB(left + 30 * scale, top + 10 * scale);
        assertThat((red >> 16) & 255).isGreaterThan(red & 255);
        assertThat(blue & 255).isGreaterThan((blue >> 16) & 255);

        Network n = new Network(List.of(new Pair(d(0), d(12)), new Pair(d(12), d(24))), new double[] {10, -5});
        NetworkPlot.write(dir.resolve("net.png"), n, null, "network");
        new TimeSeriesPlot("pixel", "LOS (mm)").points("obs", List.of(d(0), d(12), d(24)), new double[] {0, 1, Double.NaN})
                .curve("model", List.of(d(0), d(24)), new double[] {0, 2}).write(dir.resolve("ts.png"));
        assertThat(ImageIO.read(dir.resolve("net.png").toFile()).getWidth()).isEqualTo(900);
        assertThat(ImageIO.read(dir.resolve("ts.png").toFile()).getHeight()).isEqualTo(420);
    }

    @Test
    void autoRangeIsSymmetricForDivergingMaps() {
        double[] r = RasterMap.autoRange(new float[] {-1, 0, 3, Float.NaN}, true);
        assertThat(r[0]).isEqualTo(-r[1]);
        assertThat(r[1]).isEqualTo(3);
    }
}

package org.permasar.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.geometry.DirectionSummary;

class PieChartTest {
    @Test
    void writesAReadablePngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("out/secular.png");
        PieChart.write(new DirectionSummary(10, 60, 25, 15, 20), "Secular rates", png, 400, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(300);
    }
}

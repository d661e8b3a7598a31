package org.permasar.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.permasar.io.AtomicFiles;

/** The plots' shared drawing and PNG encoding: one place that writes a picture and draws an arrow. */
public final class Png {
    private Png() {
    }

    /** Writes {@code img} as a PNG, atomically (a reader never sees a half-written file). */
    public static void write(BufferedImage img, Path png) throws IOException {
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** The PNG bytes of {@code img} (for pages that embed their figures). */
    public static byte[] bytes(BufferedImage img) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", png)) {
            throw new IOException("no PNG writer available");
        }
        return png.toByteArray();
    }

    /**
     * A line from (x0, y0) to (x1, y1) with a two-stroke head at the end, at most {@code maxHead}
     * pixels long and 35 % of the arrow (±30° from the shaft); arrows under 2 px get no head.
     */
    static void arrow(Graphics2D g, double x0, double y0, double x1, double y1, double maxHead) {
        g.drawLine((int) Math.round(x0), (int) Math.round(y0), (int) Math.round(x1), (int) Math.round(y1));
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (len < 2) {
            return;
        }
        double ux = (x1 - x0) / len, uy = (y1 - y0) / len, head = Math.min(maxHead, 0.35 * len);
        for (int s = -1; s <= 1; s += 2) {
            double hx = x1 - head * (ux * 0.87 - s * uy * 0.5), hy = y1 - head * (uy * 0.87 + s * ux * 0.5);
            g.drawLine((int) Math.round(x1), (int) Math.round(y1), (int) Math.round(hx), (int) Math.round(hy));
        }
    }
}

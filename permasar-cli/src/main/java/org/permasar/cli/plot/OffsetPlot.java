package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.permasar.grid.GridGeometry;

/**
 * Offset map: the magnitude drawn by {@link RasterMap} (viridis) with a quiver of the offset vectors on
 * top (black arrows with a white halo; at most ~24 per side, image axes: column offset to the right, row
 * offset downwards, scaled so the 95th-percentile magnitude spans one arrow spacing; the scale is
 * written below the map). Stateless.
 */
public final class OffsetPlot {
    private static final int LEFT = 92, TOP = 44; // RasterMap's margins

    private OffsetPlot() {
    }

    /** Writes the PNG atomically. {@code dr}, {@code dc}, {@code magnitude}: grid-sized, row-major, NaN where none. */
    public static void write(Path png, String title, String unit, GridGeometry grid, float[] dr, float[] dc, float[] magnitude,
            double unitsPerPixel) throws IOException {
        RasterMap map = new RasterMap(title, unit, Colormap.VIRIDIS);
        BufferedImage img = map.render(grid, magnitude);
        int rows = grid.rows(), cols = grid.cols(), longest = Math.max(rows, cols);
        int w, h;
        if (longest <= RasterMap.DEFAULT_SIZE) { // the raster area as RasterMap.render lays it out
            int scale = Math.max(1, Math.min(8, RasterMap.DEFAULT_SIZE / longest));
            w = cols * scale;
            h = rows * scale;
        } else {
            w = (int) Math.max(1, Math.round(cols * (double) RasterMap.DEFAULT_SIZE / longest));
            h = (int) Math.max(1, Math.round(rows * (double) RasterMap.DEFAULT_SIZE / longest));
        }
        int every = Math.max(1, (int) Math.ceil(longest / 24.0));
        double spacing = (double) every * w / cols; // image pixels between arrows
        float[] m = new float[dr.length];
        int n = 0;
        for (int k = 0; k < dr.length; k++) {
            if (!Float.isNaN(dr[k]) && !Float.isNaN(dc[k])) {
                m[n++] = (float) Math.hypot(dr[k], dc[k]);
            }
        }
        Arrays.sort(m, 0, n);
        double p95 = n == 0 ? 0 : m[Math.min(n - 1, (int) (0.95 * n))];
        double scale = p95 > 0 ? spacing / p95 : 0; // image pixels per offset pixel
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int pass = 0; pass < 2; pass++) {
            g.setColor(pass == 0 ? Color.WHITE : Color.BLACK);
            g.setStroke(new BasicStroke(pass == 0 ? 3f : 1.3f));
            for (int i = every / 2; i < rows; i += every) {
                for (int j = every / 2; j < cols; j += every) {
                    int k = i * cols + j;
                    if (Float.isNaN(dr[k]) || Float.isNaN(dc[k]) || scale == 0) {
                        continue;
                    }
                    double x0 = LEFT + (j + 0.5) * w / cols, y0 = TOP + (i + 0.5) * h / rows;
                    Png.arrow(g, x0, y0, x0 + dc[k] * scale, y0 + dr[k] * scale, 6);
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "arrows: image direction; one spacing = %.3g %s", p95 * unitsPerPixel, unit),
                LEFT, TOP + h + 50);
        g.dispose();
        Png.write(img, png);
    }

}

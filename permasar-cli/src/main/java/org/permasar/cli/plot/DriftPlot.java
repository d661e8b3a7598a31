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

/**
 * Sea-ice drift quiver: the reference image in grey (2–98 % stretch) with the kept drift vectors as arrows
 * from their start points (image axes, coloured by speed on viridis, scaled so that the 95th-percentile
 * vector spans 40 plot pixels, the scale written below) and the rejected matches as small red crosses.
 * Stateless.
 */
public final class DriftPlot {
    private static final int LEFT = 20, TOP = 40, SIZE = 640, BOTTOM = 60;

    private DriftPlot() {
    }

    /**
     * Writes the PNG atomically.
     *
     * @param image   reference image, rows × cols, NaN = no data
     * @param row     start rows of the vectors; {@code col} start columns
     * @param dr      row displacements, pixels; {@code dc} column displacements
     * @param speed   speed per vector in {@code unit}, or the magnitude in pixels
     * @param kept    whether each vector was kept
     */
    public static void write(Path png, String title, String unit, float[] image, int rows, int cols, int[] row, int[] col,
            float[] dr, float[] dc, float[] speed, boolean[] kept) throws IOException {
        double s = (double) SIZE / Math.max(rows, cols);
        int w = (int) Math.round(cols * s), h = (int) Math.round(rows * s);
        BufferedImage img = new BufferedImage(LEFT * 2 + w, TOP + h + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        float[] sorted = image.clone();
        Arrays.sort(sorted);
        int nf = 0;
        for (float v : sorted) {
            nf += Float.isNaN(v) ? 0 : 1;
        }
        double lo = nf == 0 ? 0 : sorted[(int) (0.02 * (nf - 1))], hi = nf == 0 ? 1 : sorted[(int) (0.98 * (nf - 1))];
        for (int y = 0; y < h; y++) {
            int r = Math.min(rows - 1, (int) (y / s));
            for (int x = 0; x < w; x++) {
                int c = Math.min(cols - 1, (int) (x / s));
                float v = image[r * cols + c];
                int grey = Float.isNaN(v) ? 255 : (int) Math.max(0, Math.min(255, 255 * (v - lo) / (hi - lo > 0 ? hi - lo : 1)));
                img.setRGB(LEFT + x, TOP + y, Float.isNaN(v) ? 0xF0E0E0 : (grey << 16) | (grey << 8) | grey);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float[] mag = new float[dr.length];
        float[] sp = new float[dr.length];
        int n = 0, ns = 0;
        for (int k = 0; k < dr.length; k++) {
            if (kept[k]) {
                mag[n++] = (float) Math.hypot(dr[k], dc[k]);
                if (!Float.isNaN(speed[k])) {
                    sp[ns++] = speed[k];
                }
            }
        }
        Arrays.sort(mag, 0, n);
        Arrays.sort(sp, 0, ns);
        double p95 = n == 0 ? 0 : mag[Math.min(n - 1, (int) (0.95 * n))];
        double scale = p95 > 0 ? 40 / p95 : 1; // plot pixels per displacement pixel
        double sLo = ns == 0 ? 0 : sp[0], sHi = ns == 0 ? 1 : sp[ns - 1];
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(new Color(220, 40, 40));
        for (int k = 0; k < dr.length; k++) {
            if (!kept[k]) {
                double x0 = LEFT + (col[k] + 0.5) * s, y0 = TOP + (row[k] + 0.5) * s;
                g.drawLine((int) x0 - 2, (int) y0 - 2, (int) x0 + 2, (int) y0 + 2);
                g.drawLine((int) x0 - 2, (int) y0 + 2, (int) x0 + 2, (int) y0 - 2);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            g.setStroke(new BasicStroke(pass == 0 ? 3.2f : 1.5f));
            for (int k = 0; k < dr.length; k++) {
                if (!kept[k]) {
                    continue;
                }
                double t = sHi > sLo ? (speed[k] - sLo) / (sHi - sLo) : 0.5;
                g.setColor(pass == 0 ? Color.BLACK : Colormap.VIRIDIS.at(Double.isNaN(t) ? 0.5 : t));
                double x0 = LEFT + (col[k] + 0.5) * s, y0 = TOP + (row[k] + 0.5) * s;
                Png.arrow(g, x0, y0, x0 + dc[k] * scale, y0 + dr[k] * scale, 7);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "%d vectors kept (arrows, colour = speed %.3g … %.3g %s), %d rejected (red x)",
                n, sLo, sHi, unit, dr.length - n), LEFT, TOP + h + 22);
        g.drawString(String.format(Locale.ROOT, "arrows in image axes (column right, row down); 40 plot px = %.3g image px", p95),
                LEFT, TOP + h + 40);
        g.dispose();
        Png.write(img, png);
    }

}

package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.permasar.grid.GridGeometry;

/**
 * A map of one raster as a PNG: the image, a title, axes in map coordinates (lon/lat for
 * geographic grids, else pixel indices), a colour bar with its unit. NaN pixels are light grey.
 * Categorical maps (class codes) use a legend instead of a bar.
 */
public final class RasterMap {
    private final String title;
    private final String unit;
    private final Colormap colormap;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private String[] categories;
    private Color[] categoryColors;
    private int[] marker;
    private String markerLabel;
    private int size = DEFAULT_SIZE;

    /** Default longest side of the raster area, image pixels. */
    public static final int DEFAULT_SIZE = 480;
    private static final Color NAN_GREY = new Color(225, 225, 225);

    public RasterMap(String title, String unit, Colormap colormap) {
        this.title = title;
        this.unit = unit == null ? "" : unit;
        this.colormap = colormap;
    }

    /** Fixed colour range (default: 2–98 % percentiles, symmetric about 0 for diverging maps). */
    public RasterMap range(double lo, double hi) {
        this.min = lo;
        this.max = hi;
        return this;
    }

    /** Draw integer class codes 0..n−1 with these labels and colours (code 0 is usually "no data"). */
    public RasterMap categorical(String[] labels, Color[] colors) {
        this.categories = labels.clone();
        this.categoryColors = colors.clone();
        return this;
    }

    /** Mark a pixel (row, col) with a cross, e.g. the reference point. */
    public RasterMap marker(int row, int col) {
        return marker(row, col, null);
    }

    /** Mark a pixel (row, col) with a cross and say below the map what it is (e.g. "reference pixel"). */
    public RasterMap marker(int row, int col, String label) {
        this.marker = new int[] {row, col};
        this.markerLabel = label;
        return this;
    }

    /**
     * Longest side of the raster area in image pixels (default {@value #DEFAULT_SIZE}): small grids are
     * enlarged by whole pixels (at most 8×), grids larger than this are sampled down (nearest), so that the
     * labels keep their size whatever the grid.
     */
    public RasterMap size(int pixels) {
        if (pixels < 64) {
            throw new IllegalArgumentException("map size must be ≥ 64 px, got " + pixels);
        }
        this.size = pixels;
        return this;
    }

    /** Renders {@code data} (row-major, grid-sized) to an image. */
    public BufferedImage render(GridGeometry grid, float[] data) {
        int rows = grid.rows(), cols = grid.cols();
        int longest = Math.max(rows, cols);
        int w, h;
        if (longest <= size) {
            int scale = Math.max(1, Math.min(8, size / longest));
            w = cols * scale;
            h = rows * scale;
        } else {
            w = (int) Math.max(1, Math.round(cols * (double) size / longest));
            h = (int) Math.max(1, Math.round(rows * (double) size / longest));
        }
        int left = 92, top = 44, right = categories != null ? 190 : 130, bottom = markerLabel != null ? 78 : 58;
        BufferedImage img = new BufferedImage(left + w + right, top + h + bottom, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double lo = min, hi = max;
        if (categories == null && (Double.isNaN(lo) || Double.isNaN(hi))) {
            double[] r = autoRange(data, colormap == Colormap.RDBU);
            lo = r[0];
            hi = r[1];
        }
        BufferedImage raster = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            int r = (int) ((long) y * rows / h);
            for (int x = 0; x < w; x++) {
                int c = (int) ((long) x * cols / w);
                float v = data[r * cols + c];
                Color col;
                if (Float.isNaN(v)) {
                    col = NAN_GREY;
                } else if (categories != null) {
                    int k = Math.round(v);
                    col = k >= 0 && k < categoryColors.length ? categoryColors[k] : Color.BLACK;
                } else {
                    col = colormap.at(hi > lo ? (v - lo) / (hi - lo) : 0.5);
                }
                raster.setRGB(x, y, col.getRGB());
            }
        }
        g.drawImage(raster, left, top, null);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, w, h);
        if (marker != null) {
            int x = left + (int) Math.round((marker[1] + 0.5) * w / cols), y = top + (int) Math.round((marker[0] + 0.5) * h / rows);
            g.setStroke(new BasicStroke(3));
            g.setColor(Color.WHITE);
            g.drawLine(x - 8, y, x + 8, y);
            g.drawLine(x, y - 8, x, y + 8);
            g.setStroke(new BasicStroke(1.5f));
            g.setColor(Color.BLACK);
            g.drawLine(x - 8, y, x + 8, y);
            g.drawLine(x, y - 8, x, y + 8);
            g.setStroke(new BasicStroke(1));
            if (markerLabel != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString("+ " + markerLabel + " (row " + marker[0] + ", col " + marker[1] + ")", left, top + h + 70);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 26);
        g.setColor(Color.DARK_GRAY);
        axes(g, grid, left, top, w, h);
        if (categories != null) {
            legend(g, left + w + 15, top);
        } else {
            colourBar(g, left + w + 20, top, h, lo, hi);
        }
        g.dispose();
        return img;
    }

    /** Renders and writes a PNG atomically. */
    public void write(Path png, GridGeometry grid, float[] data) throws IOException {
        BufferedImage img = render(grid, data);
        Png.write(img, png);
    }

    private void axes(Graphics2D g, GridGeometry grid, int left, int top, int w, int h) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        boolean geo = grid.isGeocoded();
        String crs = grid.epsg() > 0 ? ", EPSG:" + grid.epsg() : "";
        String xl = geo ? (grid.isGeographic() ? "longitude (°E" + crs + ")" : "easting (m" + crs + ")") : "column";
        String yl = geo ? (grid.isGeographic() ? "latitude (°N)" : "northing (m)") : "row";
        int lastRight = Integer.MIN_VALUE;                  // a narrow map labels every other tick, not on top of each other
        for (int i = 0; i <= 4; i++) {
            double fc = i / 4.0 * grid.cols(), fr = i / 4.0 * grid.rows();
            String xs = geo ? coord(grid, grid.transform().x(fc, 0)) : String.valueOf((int) fc);
            String ys = geo ? coord(grid, grid.transform().y(0, fr)) : String.valueOf((int) fr);
            int x = left + (int) Math.round(i / 4.0 * w), y = top + (int) Math.round(i / 4.0 * h);
            g.drawLine(x, top + h, x, top + h + 4);
            int xw = fm.stringWidth(xs);
            if (x - xw / 2 > lastRight + 6) {
                g.drawString(xs, x - xw / 2, top + h + 19);
                lastRight = x - xw / 2 + xw;
            }
            g.drawLine(left - 4, y, left, y);
            g.drawString(ys, left - 6 - fm.stringWidth(ys), y + 4);
        }
        g.drawString(xl, left + w / 2 - fm.stringWidth(xl) / 2, top + h + 38);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yl, -(top + h / 2 + fm.stringWidth(yl) / 2), 16);
        r.dispose();
    }

    private void colourBar(Graphics2D g, int x, int top, int h, double lo, double hi) {
        for (int i = 0; i < h; i++) {
            g.setColor(colormap.at(1 - i / (double) (h - 1)));
            g.fillRect(x, top + i, 18, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, top, 18, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i <= 4; i++) {
            double v = hi - i / 4.0 * (hi - lo);
            int y = top + (int) Math.round(i / 4.0 * h);
            g.drawLine(x + 18, y, x + 22, y);
            g.drawString(fmt(v), x + 25, y + 5);
        }
        g.drawString(unit, x, top - 8);
    }

    private void legend(Graphics2D g, int x, int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int k = 0; k < categories.length; k++) {
            g.setColor(categoryColors[k]);
            g.fillRect(x, top + k * 22, 16, 16);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x, top + k * 22, 16, 16);
            g.drawString(categories[k], x + 22, top + k * 22 + 13);
        }
    }

    /** 2–98 % range of finite values; symmetric about zero when {@code diverging}. */
    static double[] autoRange(float[] data, boolean diverging) {
        float[] v = new float[data.length];
        int n = 0;
        for (float x : data) {
            if (Float.isFinite(x)) {
                v[n++] = x;
            }
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        Arrays.sort(v, 0, n);
        double lo = v[(int) Math.floor(0.02 * (n - 1))], hi = v[(int) Math.ceil(0.98 * (n - 1))];
        if (diverging) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        if (hi <= lo) {
            hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.01);
        }
        return new double[] {lo, hi};
    }

    private static String coord(GridGeometry grid, double v) {
        return grid.isGeographic() ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    /** Whether any value is finite (a map of only NaN/±∞ has nothing to draw). */
    public static boolean hasFinite(float[] v) {
        for (float x : v) {
            if (Float.isFinite(x)) {
                return true;
            }
        }
        return false;
    }

    /** Metres as millimetres, for pictures (the product files stay SI). */
    public static float[] millimetres(float[] metres) {
        float[] out = new float[metres.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = metres[q] * 1000f;
        }
        return out;
    }
}

package org.permasar.cli.plot;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.vector.VectorReprojection;
import org.permasar.pipeline.hazard.HazardsStep;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * The hazards map ({@code corridor_map.png}): in the buffering CRS (projected metres, north up), the deformation
 * within the widest buffer (each image pixel takes the value of the deformation pixel under it, reprojected with
 * Proj4J; subsidence red, uplift blue, mm/yr), the buffer outlines, the line, and the hazard layers (points as dots,
 * polygons filled), with a scale bar and a colour bar.
 */
public final class CorridorMapPlot {
    private static final Color[] LAYERS = {new Color(0x9467bd), new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0x2ca02c), new Color(0x8c564b)};
    private static final int SIZE = 900;

    private CorridorMapPlot() {
    }

    /**
     * @param deformation velocity product (m/yr) or null
     */
    public static void write(Path png, String title, HazardsStep.Result r, Path deformation) throws IOException {
        Geometry widest = r.corridor().buffer(r.corridor().rings().size() - 1);
        Envelope e = new Envelope(widest.getEnvelopeInternal());
        e.expandBy(0.03 * Math.max(e.getWidth(), e.getHeight()));
        double scale = SIZE / Math.max(e.getWidth(), e.getHeight());   // image px per metre
        int w = Math.max(1, (int) Math.round(e.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(e.getHeight() * scale));
        int left = 20, top = 44, right = 150, bottom = 70;
        w = Math.max(w, 200);
        BufferedImage img = new BufferedImage(left + w + right, top + h + bottom, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double range = Double.NaN;
        if (deformation != null) {
            range = drawDeformation(g, deformation, r.epsg(), e, scale, left, top, w, h, widest);
        }
        // buffers, thin grey; line, black
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(110, 110, 110));
        for (int k = 0; k < r.corridor().rings().size(); k++) {
            draw(g, r.corridor().buffer(k), e, scale, left, top, false);
        }
        g.setStroke(new BasicStroke(2.2f));
        g.setColor(Color.BLACK);
        draw(g, r.corridor().line(), e, scale, left, top, false);
        int ly = top + 16;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int l = 0; l < r.layers().size(); l++) {
            Color c = LAYERS[l % LAYERS.length];
            for (Geometry f : r.layers().get(l).projected().geometries()) {
                if (f == null || f.isEmpty() || !f.getEnvelopeInternal().intersects(e)) {
                    continue;
                }
                if (f.getDimension() == 0) {
                    for (Coordinate p : f.getCoordinates()) {
                        int x = px(p.x, e, scale, left), y = py(p.y, e, scale, top);
                        g.setColor(c);
                        g.fillOval(x - 4, y - 4, 8, 8);
                        g.setColor(Color.WHITE);
                        g.drawOval(x - 4, y - 4, 8, 8);
                    }
                } else {
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
                    draw(g, f, e, scale, left, top, true);
                    g.setColor(c);
                    g.setStroke(new BasicStroke(1f));
                    draw(g, f, e, scale, left, top, false);
                }
            }
            g.setColor(c);
            g.fillOval(left + w + 14, ly - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(r.layers().get(l).name(), left + w + 30, ly);
            ly += 18;
        }
        g.setColor(Color.BLACK);
        g.drawString("line", left + w + 30, ly);
        g.setStroke(new BasicStroke(2.2f));
        g.drawLine(left + w + 10, ly - 4, left + w + 26, ly - 4);
        ly += 18;
        g.setColor(new Color(110, 110, 110));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left + w + 12, ly - 10, 12, 10);
        g.setColor(Color.BLACK);
        g.drawString("buffers", left + w + 30, ly);
        ly += 30;
        if (Double.isFinite(range)) {
            colourBar(g, left + w + 14, ly, 16, Math.min(200, h - (ly - top)), range);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 26);
        scaleBar(g, left, top + h + 28, scale, e.getWidth(), r.epsg());
        g.dispose();
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Paints the deformation within {@code clip}; returns the symmetric colour range, mm/yr (NaN if nothing). */
    private static double drawDeformation(Graphics2D g, Path file, int epsg, Envelope e, double scale, int left, int top,
                                          int w, int h, Geometry clip) throws IOException {
        ProductRasters.Raster r = ProductRasters.read(file, file.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".h5") ? "velocity" : null);
        GridGeometry grid = r.grid();
        int n = w * h;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int j = 0, i = 0; j < h; j++) {
            for (int k = 0; k < w; k++, i++) {
                x[i] = e.getMinX() + (k + 0.5) / scale;
                y[i] = e.getMaxY() - (j + 0.5) / scale;
            }
        }
        org.locationtech.jts.geom.prep.PreparedGeometry inside =
                org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(clip);
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = inside.contains(gf.createPoint(new Coordinate(x[i], y[i])));
        }
        VectorReprojection.transform(x, y, epsg, grid.epsg());
        GeoTransform t = grid.transform();
        float[] v = new float[n];
        java.util.Arrays.fill(v, Float.NaN);
        float[] inClip = new float[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) {
                continue;
            }
            int c = (int) Math.floor(t.col(x[i], y[i])), rr = (int) Math.floor(t.row(x[i], y[i]));
            if (rr >= 0 && rr < grid.rows() && c >= 0 && c < grid.cols()) {
                v[i] = r.data()[rr * grid.cols() + c] * 1000f;
                if (Float.isFinite(v[i])) {
                    inClip[m++] = v[i];
                }
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        float[] sorted = java.util.Arrays.copyOf(inClip, m);
        java.util.Arrays.sort(sorted);
        double range = Math.max(Math.abs(sorted[(int) (0.02 * (m - 1))]), Math.abs(sorted[(int) (0.98 * (m - 1))]));
        range = range > 0 ? range : 1;
        BufferedImage ras = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < n; i++) {
            if (Float.isFinite(v[i])) {
                ras.setRGB(i % w, i / w, Colormap.RDBU.at(Math.max(0, Math.min(1, (v[i] + range) / (2 * range)))).getRGB());
            }
        }
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(ras, left, top, null);
        return range;
    }

    private static void colourBar(Graphics2D g, int x, int y, int bw, int bh, double range) {
        for (int j = 0; j < bh; j++) {
            g.setColor(Colormap.RDBU.at(1 - j / (double) (bh - 1)));
            g.drawLine(x, y + j, x + bw, y + j);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, bw, bh);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%+.1f", range), x + bw + 4, y + 10);
        g.drawString("0", x + bw + 4, y + bh / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "%+.1f", -range), x + bw + 4, y + bh);
        g.drawString("velocity, mm/yr", x - 4, y + bh + 16);
    }

    private static void scaleBar(Graphics2D g, int x, int y, double scale, double widthM, int epsg) {
        double target = widthM / 4;
        double step = Math.pow(10, Math.floor(Math.log10(target)));
        double len = target >= 5 * step ? 5 * step : target >= 2 * step ? 2 * step : step;
        int px = (int) Math.round(len * scale);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, y, x + px, y);
        g.drawLine(x, y - 4, x, y + 4);
        g.drawLine(x + px, y - 4, x + px, y + 4);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(len >= 1000 ? String.format(Locale.ROOT, "%s km", fmt(len / 1000)) : fmt(len) + " m", x + px + 8, y + 4);
        g.drawString("EPSG:" + epsg + ", north up", x, y + 24);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static int px(double x, Envelope e, double scale, int left) {
        return left + (int) Math.round((x - e.getMinX()) * scale);
    }

    private static int py(double y, Envelope e, double scale, int top) {
        return top + (int) Math.round((e.getMaxY() - y) * scale);
    }

    private static void draw(Graphics2D g, Geometry geom, Envelope e, double scale, int left, int top, boolean fill) {
        for (int i = 0; i < geom.getNumGeometries(); i++) {
            Geometry part = geom.getGeometryN(i);
            if (part instanceof Polygon p) {
                Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
                ring(path, p.getExteriorRing(), e, scale, left, top);
                for (int k = 0; k < p.getNumInteriorRing(); k++) {
                    ring(path, p.getInteriorRingN(k), e, scale, left, top);
                }
                if (fill) {
                    g.fill(path);
                } else {
                    g.draw(path);
                }
            } else if (part instanceof LineString l && !fill) {
                Path2D.Double path = new Path2D.Double();
                trace(path, l, e, scale, left, top);
                g.draw(path);
            }
        }
    }

    private static void ring(Path2D.Double path, LineString ring, Envelope e, double scale, int left, int top) {
        trace(path, ring, e, scale, left, top);
        path.closePath();
    }

    /** The vertices of {@code line} as a sub-path in image pixels (x east, y down from the envelope's top). */
    private static void trace(Path2D.Double path, LineString line, Envelope e, double scale, int left, int top) {
        Coordinate[] cs = line.getCoordinates();
        for (int k = 0; k < cs.length; k++) {
            double x = left + (cs[k].x - e.getMinX()) * scale, y = top + (e.getMaxY() - cs[k].y) * scale;
            if (k == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
    }
}

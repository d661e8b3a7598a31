package org.permasar.cli.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.io.AtomicFiles;

/**
 * The lake-density scatter: per cell, the lake area share (%) against the subsidence rate (top) and the seasonal
 * amplitude (bottom, when given), each panel's legend carrying its correlation and modified-test p.
 */
public final class LakeDensityPlot {
    private LakeDensityPlot() {
    }

    /**
     * @param areaPct   lake area share per cell, % (NaN: not drawn)
     * @param rate      subsidence rate per cell, mm/yr
     * @param amplitude seasonal amplitude per cell, mm, or null
     * @param rateLabel legend of the rate panel (e.g. its r and p)
     * @param ampLabel  legend of the amplitude panel
     */
    public static void write(Path png, String title, double[] areaPct, double[] rate, double[] amplitude,
                             String rateLabel, String ampLabel) throws IOException {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("lake area in the cell (%)"));
        plot.add(panel(areaPct, rate, "subsidence rate (mm/yr)", rateLabel, new Color(0xd62728)), 1);
        if (amplitude != null) {
            plot.add(panel(areaPct, amplitude, "seasonal amplitude (mm)", ampLabel, new Color(0x1f77b4)), 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = chart.createBufferedImage(900, amplitude != null ? 800 : 500);
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static XYPlot panel(double[] x, double[] y, String axis, String label, Color c) {
        XYSeries s = new XYSeries(label, false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        NumberAxis ya = new NumberAxis(axis);
        ya.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot(new XYSeriesCollection(s), null, ya, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(220, 220, 220));
        p.setRangeGridlinePaint(new Color(220, 220, 220));
        return p;
    }
}

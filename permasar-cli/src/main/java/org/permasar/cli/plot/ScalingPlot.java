package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.io.AtomicFiles;

/**
 * Scaling curves on log–log axes: the measured points of each command (markers) and the fitted
 * power law through them (dashed, same colour), in two panels over one size axis: wall time above,
 * peak RSS below. The caller puts the fitted exponent into each curve's label.
 */
public final class ScalingPlot {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private ScalingPlot() {
    }

    /**
     * One command's points.
     *
     * @param label  legend text (e.g. "invert wls var: wall ∝ px^0.93")
     * @param x      sizes (&gt; 0)
     * @param y      measured values (&gt; 0 to appear on a log axis)
     * @param fitted the fitted curve at each x, or null for none
     */
    public record Curve(String label, double[] x, double[] y, double[] fitted) {
        public Curve {
            if (x.length != y.length || (fitted != null && fitted.length != x.length)) {
                throw new IllegalArgumentException(label + ": x, y and fitted differ in length: " + x.length + ", " + y.length
                        + ", " + (fitted == null ? "null" : Integer.toString(fitted.length)));
            }
        }
    }

    /**
     * Writes the two-panel chart as a PNG (atomic).
     *
     * @param wall curves of wall time (s); @param rss curves of peak RSS (MB)
     */
    public static void write(Path png, String title, String xLabel, List<Curve> wall, List<Curve> rss) throws IOException {
        LogAxis xAxis = new LogAxis(xLabel);
        xAxis.setSmallestValue(1);
        xAxis.setNumberFormatOverride(new DecimalFormat("#,##0")); // plain numbers, not 10^3.4
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(xAxis);
        combined.setGap(12);
        combined.add(panel(wall, "wall time (s)"), 3);
        combined.add(panel(rss, "peak RSS (MB)"), 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = chart.createBufferedImage(1000, 800);
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }

    private static XYPlot panel(List<Curve> curves, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        int s = 0;
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            Color colour = PALETTE[i % PALETTE.length];
            XYSeries pts = new XYSeries(c.label(), true, true);
            for (int k = 0; k < c.x().length; k++) {
                if (c.x()[k] > 0 && c.y()[k] > 0) {
                    pts.add(c.x()[k], c.y()[k]);
                }
            }
            data.addSeries(pts);
            r.setSeriesPaint(s, colour);
            r.setSeriesLinesVisible(s, false);
            r.setSeriesShapesVisible(s, true);
            s++;
            if (c.fitted() != null) {
                XYSeries fit = new XYSeries(c.label() + " (fit)", true, true);
                for (int k = 0; k < c.x().length; k++) {
                    if (c.x()[k] > 0 && c.fitted()[k] > 0) {
                        fit.add(c.x()[k], c.fitted()[k]);
                    }
                }
                data.addSeries(fit);
                r.setSeriesPaint(s, colour);
                r.setSeriesShapesVisible(s, false);
                r.setSeriesStroke(s, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                r.setSeriesVisibleInLegend(s, false);
                s++;
            }
        }
        LogAxis yAxis = new LogAxis(yLabel);
        yAxis.setSmallestValue(1e-3);
        yAxis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        XYPlot plot = new XYPlot(data, null, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return plot;
    }
}

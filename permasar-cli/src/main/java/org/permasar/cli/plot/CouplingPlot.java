package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.io.AtomicFiles;
import org.permasar.thermal.TemperatureCoupling;

/**
 * Deformation against temperature: top, the detrended deformation (mm, points) and the smoothed
 * temperature anomaly (°C, line, right axis) over the deformation's period; bottom, the cross-correlation
 * r(L) against the lag with the chosen lag and its interval marked. Stateless.
 */
public final class CouplingPlot {
    private CouplingPlot() {
    }

    /**
     * @param defDays epoch days of the deformation
     * @param def deformation, metres (plotted in mm)
     */
    public static void write(Path png, String title, double[] defDays, double[] def, TemperatureCoupling.Result r)
            throws IOException {
        BufferedImage top = series(title, defDays, r).createBufferedImage(900, 360);
        BufferedImage bottom = xcorr(r).createBufferedImage(900, 300);
        BufferedImage img = new BufferedImage(900, 660, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, 360, null);
        g.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }

    private static JFreeChart series(String title, double[] defDays, TemperatureCoupling.Result r) {
        XYSeries d = new XYSeries("deformation, detrended (mm)", false, true);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < defDays.length; i++) {
            double v = r.deformationAnomaly()[i];
            if (Double.isFinite(v) && Double.isFinite(defDays[i])) {
                d.add(NetworkPlot.millis(LocalDate.ofEpochDay((long) defDays[i])), v * 1e3);
                lo = Math.min(lo, defDays[i]);
                hi = Math.max(hi, defDays[i]);
            }
        }
        XYSeries t = new XYSeries("temperature anomaly, smoothed (°C)", false, true);
        double[] td = r.temperatureDaily();
        for (int i = 0; i < td.length; i++) {
            long day = r.temperatureStartDay() + i;
            if (day >= lo - 30 && day <= hi + 30 && Double.isFinite(td[i])) {
                t.add(NetworkPlot.millis(LocalDate.ofEpochDay(day)), td[i]);
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DateAxis("date"));
        NumberAxis left = new NumberAxis("deformation (mm)");
        left.setAutoRangeIncludesZero(false);
        NumberAxis right = new NumberAxis("temperature (°C)");
        right.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(0, left);
        plot.setRangeAxis(1, right);
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
        pr.setSeriesPaint(0, new Color(31, 119, 180));
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        lr.setSeriesPaint(0, new Color(214, 39, 40));
        lr.setSeriesStroke(0, new BasicStroke(1.5f));
        plot.setDataset(0, new XYSeriesCollection(d));
        plot.setRenderer(0, pr);
        plot.setDataset(1, new XYSeriesCollection(t));
        plot.setRenderer(1, lr);
        plot.mapDatasetToRangeAxis(1, 1);
        style(plot);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart xcorr(TemperatureCoupling.Result r) {
        XYSeries s = new XYSeries("r(L) = corr(deformation(t), temperature(t − L))", false, true);
        for (int i = 0; i < r.lags().length; i++) {
            if (Double.isFinite(r.r()[i])) {
                s.add(r.lags()[i], r.r()[i]);
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("lag L (days; > 0: deformation follows temperature)"));
        NumberAxis y = new NumberAxis("r");
        y.setRange(-1.05, 1.05);
        plot.setRangeAxis(y);
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        lr.setSeriesPaint(0, Color.BLACK);
        lr.setSeriesStroke(0, new BasicStroke(1.6f));
        plot.setDataset(new XYSeriesCollection(s));
        plot.setRenderer(lr);
        if (Double.isFinite(r.lagLow())) {
            IntervalMarker band = new IntervalMarker(r.lagLow(), r.lagHigh(), new Color(31, 119, 180, 50));
            plot.addDomainMarker(band);
        }
        if (Double.isFinite(r.lag())) {
            ValueMarker m = new ValueMarker(r.lag(), new Color(31, 119, 180), new BasicStroke(2f));
            m.setLabel(String.format(Locale.ROOT, "lag %.0f d, r %.2f", r.lag(), r.rAtLag()));
            m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(8, 50, 0, 0));
            plot.addDomainMarker(m);
        }
        if (Double.isFinite(r.phaseLag())) {
            ValueMarker m = new ValueMarker(r.phaseLag(), new Color(214, 39, 40), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "sinusoid phase lag %.0f d", r.phaseLag()));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            m.setLabelPaint(new Color(214, 39, 40));
            plot.addDomainMarker(m);
        }
        style(plot);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
    }
}

package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.io.AtomicFiles;

/** A pixel's displacement time series (points) with zero or more model curves (lines), in mm. */
public final class TimeSeriesPlot {
    private final String title;
    private final String yLabel;
    private final List<XYSeries> points = new ArrayList<>();
    private final List<XYSeries> curves = new ArrayList<>();

    public TimeSeriesPlot(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /** Observations (NaN skipped). */
    public TimeSeriesPlot points(String name, List<LocalDate> dates, double[] values) {
        points.add(series(name, dates, values));
        return this;
    }

    /** A model curve (NaN skipped). */
    public TimeSeriesPlot curve(String name, List<LocalDate> dates, double[] values) {
        curves.add(series(name, dates, values));
        return this;
    }

    private static XYSeries series(String name, List<LocalDate> dates, double[] values) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < dates.size(); i++) {
            if (Double.isFinite(values[i])) {
                s.add(NetworkPlot.millis(dates.get(i)), values[i]);
            }
        }
        return s;
    }

    public BufferedImage render(int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        Color[] pal = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189)};
        int s = 0;
        for (XYSeries p : points) {
            data.addSeries(p);
            r.setSeriesLinesVisible(s, false);
            r.setSeriesShapesVisible(s, true);
            r.setSeriesPaint(s, pal[s % pal.length]);
            s++;
        }
        for (XYSeries c : curves) {
            data.addSeries(c);
            r.setSeriesShapesVisible(s, false);
            r.setSeriesStroke(s, new BasicStroke(1.8f));
            r.setSeriesPaint(s, pal[s % pal.length].darker());
            s++;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "date", yLabel, data);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(new DateAxis("date"));
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return chart.createBufferedImage(width, height);
    }

    public void write(Path png) throws IOException {
        BufferedImage img = render(900, 420);
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}

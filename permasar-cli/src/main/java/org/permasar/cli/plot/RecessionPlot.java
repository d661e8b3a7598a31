package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The two pictures of a recession analysis: the −dQ/dt against Q cloud on log–log axes with the
 * fitted power laws, and a and b per year with their confidence intervals.
 */
public final class RecessionPlot {
    private static final Color[] PALETTE = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};

    private RecessionPlot() {
    }

    /** A fitted law −dQ/dt = a·Q^b drawn over [qMin, qMax]. */
    public record Law(String label, double a, double b) {
    }

    /** One year's value with its interval (NaN bounds: no bar). */
    public record YearValue(int year, double value, double lo, double hi) {
    }

    /** Log–log cloud of points (grey) and the laws (coloured lines). */
    public static void cloud(Path png, String title, double[] q, double[] rate, List<Law> laws) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        XYSeries pts = new XYSeries("recession points (" + q.length + ")", false, true);
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0 && rate[i] > 0) {
                pts.add(q[i], rate[i]);
                lo = Math.min(lo, q[i]);
                hi = Math.max(hi, q[i]);
            }
        }
        data.addSeries(pts);
        r.setSeriesPaint(0, new Color(120, 120, 120, 140));
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        int s = 1;
        for (Law l : laws) {
            if (!(Double.isFinite(l.a()) && Double.isFinite(l.b())) || !(hi > lo)) {
                continue;
            }
            XYSeries line = new XYSeries(l.label(), false, true);
            for (int k = 0; k <= 40; k++) {
                double x = lo * Math.pow(hi / lo, k / 40.0);
                line.add(x, l.a() * Math.pow(x, l.b()));
            }
            data.addSeries(line);
            r.setSeriesPaint(s, PALETTE[(s - 1) % PALETTE.length]);
            r.setSeriesShapesVisible(s, false);
            r.setSeriesStroke(s, new BasicStroke(2f));
            s++;
        }
        LogAxis x = new LogAxis("Q (m³/s)");
        x.setNumberFormatOverride(new DecimalFormat("0.###"));
        LogAxis y = new LogAxis("−dQ/dt (m³/s per day)");
        y.setNumberFormatOverride(new DecimalFormat("0.####"));
        y.setSmallestValue(1e-6);
        x.setSmallestValue(1e-6);
        XYPlot plot = new XYPlot(data, x, y, r);
        style(plot);
        write(png, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), 900, 700);
    }

    /** a (top) and b (bottom) per year with interval bars; {@code pooled} values as dashed lines (NaN: none). */
    public static void yearly(Path png, String title, String aLabel, List<YearValue> a, double pooledA, List<YearValue> b,
            double pooledB) throws IOException {
        NumberAxis years = new NumberAxis("year");
        years.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        years.setNumberFormatOverride(new DecimalFormat("0")); // 2016, not 2,016
        years.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(years);
        combined.setGap(12);
        combined.add(panel(aLabel, a, pooledA, PALETTE[0]), 1);
        combined.add(panel("b", b, pooledB, PALETTE[1]), 1);
        write(png, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true), 900, 700);
    }

    private static XYPlot panel(String label, List<YearValue> v, double pooled, Color c) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        YIntervalSeries s = new YIntervalSeries(label + " per year (bootstrap interval)");
        for (YearValue y : v) {
            if (Double.isFinite(y.value())) {
                double lo = Double.isFinite(y.lo()) ? y.lo() : y.value();
                double hi = Double.isFinite(y.hi()) ? y.hi() : y.value();
                s.add(y.year(), y.value(), lo, hi);
            }
        }
        data.addSeries(s);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setSeriesPaint(0, c);
        r.setErrorPaint(c);
        r.setSeriesLinesVisible(0, false);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot(data, null, axis, r);
        if (Double.isFinite(pooled) && !v.isEmpty()) {
            XYSeriesCollection ref = new XYSeriesCollection();
            XYSeries line = new XYSeries(label + " all years", false, true);
            line.add(v.get(0).year() - 0.3, pooled);
            line.add(v.get(v.size() - 1).year() + 0.3, pooled);
            ref.addSeries(line);
            XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
            lr.setSeriesPaint(0, Color.GRAY);
            lr.setSeriesStroke(0, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            p.setDataset(1, ref);
            p.setRenderer(1, lr);
        }
        style(p);
        return p;
    }

    private static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(220, 220, 220));
        p.setRangeGridlinePaint(new Color(220, 220, 220));
    }

    private static void write(Path png, JFreeChart chart, int w, int h) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = chart.createBufferedImage(w, h);
        Png.write(img, png);
    }
}

package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.permasar.io.AtomicFiles;

/**
 * Box plots of a response per class of a factor, as seed 001's Figs. 4–9 draw them: box from the 25 to the 75 %
 * quantile, line at the median, marker at the mean, whiskers to the 2 and 98 % quantiles; the class count under
 * each label. And the ranked bar chart of the factors' q.
 */
public final class BoxPlot {
    private BoxPlot() {
    }

    /** One box: its label, n, the 2/25/50/75/98 % quantiles and the mean. */
    public record Box(String label, long n, double p02, double p25, double p50, double p75, double p98, double mean) {
    }

    /** Writes the box plot of {@code boxes} (in order) as a PNG (atomic); empty classes are left out. */
    public static void write(Path png, String title, String xLabel, String yLabel, List<Box> boxes) throws IOException {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        DefaultCategoryDataset means = new DefaultCategoryDataset();
        for (Box b : boxes) {
            if (b.n() > 0) {
                String key = b.label() + " n=" + b.n();
                data.add(new BoxAndWhiskerItem(b.mean(), b.p50(), b.p25(), b.p75(), b.p02(), b.p98(), b.p02(), b.p98(),
                        List.of()), yLabel, key);
                means.addValue(b.mean(), "mean", key);
            }
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        x.setCategoryLabelPositions(boxes.size() > 10 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        x.setMaximumCategoryLabelLines(3);
        x.setMaximumCategoryLabelWidthRatio(1.0f);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
        r.setSeriesPaint(0, new Color(0x9ecae1));
        r.setSeriesOutlinePaint(0, new Color(0x08519c));
        r.setUseOutlinePaintForWhiskers(true);
        r.setMeanVisible(false);   // drawn by the second renderer: JFreeChart's mean disc is half a box wide
        r.setMaximumBarWidth(0.08);
        r.setDefaultStroke(new BasicStroke(1.2f));
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        LineAndShapeRenderer m = new LineAndShapeRenderer(false, true);
        m.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        m.setSeriesPaint(0, new Color(0xd62728));
        plot.setDataset(1, means);
        plot.setRenderer(1, m);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle("box 25–75 %, line median, whiskers 2–98 %, red dot mean",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        int width = Math.max(700, Math.min(1800, 110 * boxes.size() + 200));
        BufferedImage img = chart.createBufferedImage(width, 560);
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }

    /**
     * Grouped box plot of two factors crossed: one group per class of A along the axis, one coloured box per class
     * of B inside it (legend); {@code boxes[a·L_B + b]}. Empty crossings are left out.
     */
    public static void writeGrouped(Path png, String title, String xLabel, String yLabel, String[] labelsA,
                                    String legendB, String[] labelsB, List<Box> boxes) throws IOException {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (int a = 0; a < labelsA.length; a++) {
            for (int b = 0; b < labelsB.length; b++) {
                Box x = boxes.get(a * labelsB.length + b);
                if (x.n() > 0) {
                    data.add(new BoxAndWhiskerItem(x.mean(), x.p50(), x.p25(), x.p75(), x.p02(), x.p98(), x.p02(), x.p98(),
                            List.of()), legendB + " " + labelsB[b], labelsA[a]);
                }
            }
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
        r.setMeanVisible(false);   // JFreeChart's mean disc is half a box wide; the means are in binned_statistics.csv
        r.setUseOutlinePaintForWhiskers(true);
        r.setItemMargin(0.05);
        Color[] palette = {new Color(0x9ecae1), new Color(0xfdae6b), new Color(0xa1d99b), new Color(0xbcbddc),
            new Color(0xfc9272), new Color(0xd9d9d9), new Color(0xc7e9c0), new Color(0xfdd0a2)};
        for (int b = 0; b < labelsB.length; b++) {
            r.setSeriesPaint(b, palette[b % palette.length]);
            r.setSeriesOutlinePaint(b, Color.DARK_GRAY);
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle("box 25–75 %, line median, whiskers 2–98 % (means in binned_statistics.csv)",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        int width = Math.max(800, Math.min(2000, 60 * labelsA.length * labelsB.length + 200));
        BufferedImage img = chart.createBufferedImage(width, 600);
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }

    /** Horizontal bars of q per factor, ranked from the largest, as a PNG (atomic). */
    public static void writeRanking(Path png, String title, List<String> factors, double[] q) throws IOException {
        Integer[] order = new Integer[factors.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(q[b], q[a]));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i : order) {
            data.addValue(Double.isNaN(q[i]) ? 0 : q[i], "q", factors.get(i));
        }
        NumberAxis y = new NumberAxis("q (share of the variance explained)");
        y.setRange(0, 1);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x3182bd));
        r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("0.000")));
        r.setDefaultItemLabelsVisible(true);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("factor"), y, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = chart.createBufferedImage(800, Math.max(300, 60 + 40 * factors.size()));
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}

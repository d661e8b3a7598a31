package org.permasar.cli.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.PiePlot;
import org.jfree.data.general.DefaultPieDataset;
import org.permasar.geometry.DirectionSummary;
import org.permasar.io.AtomicFiles;

/**
 * Pie chart PNG of the ascending/descending direction classes (seed 002 Figs. 5–6), rendered headless
 * with JFreeChart. Slices are the pixels with data (vertical, east–west, undetermined, stable), labelled
 * with their percentage; no-data pixels are left out, as in {@link DirectionSummary#percent(int)}.
 */
public final class PieChart {
    /** Colour of the vertical class (1), also on the class maps. */
    public static final Color VERTICAL = new Color(0x1f77b4);
    /** Colour of the east–west class (2). */
    public static final Color EAST_WEST = new Color(0xff7f0e);
    /** Colour of the undetermined class (3). */
    public static final Color UNDETERMINED = new Color(0x7f7f7f);
    /** Colour of the stable / not significant class (4). */
    public static final Color STABLE = new Color(0x2ca02c);

    private PieChart() {
    }

    /**
     * Writes the chart to {@code png} (parent directories created).
     *
     * @param title  chart title, e.g. "Secular rates, 2016–2022"
     * @param width  pixels, &gt; 0; @param height pixels, &gt; 0
     */
    public static void write(DirectionSummary summary, String title, Path png, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
        System.setProperty("java.awt.headless", "true");
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        data.setValue("Vertical", summary.vertical());
        data.setValue("East-west", summary.eastWest());
        data.setValue("Undetermined", summary.undetermined());
        data.setValue("Stable", summary.stable());
        PiePlot<String> plot = new PiePlot<>(data);
        plot.setSectionPaint("Vertical", VERTICAL);
        plot.setSectionPaint("East-west", EAST_WEST);
        plot.setSectionPaint("Undetermined", UNDETERMINED);
        plot.setSectionPaint("Stable", STABLE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        NumberFormat pct = new DecimalFormat("0.0%");
        plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {2}", NumberFormat.getIntegerInstance(), pct));
        // labels readable where the picture is shown (JFreeChart's defaults are 10 px)
        plot.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 15));
        plot.setLabelBackgroundPaint(new Color(255, 255, 255, 230));
        JFreeChart chart = new JFreeChart(title, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 18), plot,
                true);
        chart.getLegend().setItemFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 15));
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height));
    }
}

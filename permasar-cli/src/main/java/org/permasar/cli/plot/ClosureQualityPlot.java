package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.io.AtomicFiles;

/**
 * Closure quality of each interferogram (the {@code closureQuality.csv} that {@code invert} writes):
 * every pair a horizontal segment from its first to its second date at the height of its share of
 * (triplet, pixel) cells with a non-zero closure integer, in %; pairs within 10 % of the worst share
 * (and above 0.1 %) red, the rest blue (a pair whose triplets all contain hit pairs looks as bad);
 * pairs in no triplet are not drawn (no closure can judge them).
 */
public final class ClosureQualityPlot {
    private ClosureQualityPlot() {
    }

    /** One pair's row of closureQuality.csv. */
    public record Row(LocalDate reference, LocalDate secondary, int triplets, double nonzeroShare,
                      double meanAbsClosure) {
    }

    /** Reads {@code closureQuality.csv} (columns by name; NaN shares kept as NaN). */
    public static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty, expected a header line");
        }
        List<String> h = List.of(lines.get(0).split(","));
        int ir = h.indexOf("reference"), is = h.indexOf("secondary"), it = h.indexOf("triplets"),
                ish = h.indexOf("nonzero_share"), im = h.indexOf("mean_abs_closure_rad");
        if (ir < 0 || is < 0 || it < 0 || ish < 0 || im < 0) {
            throw new IOException(csv + ": header lacks reference, secondary, triplets, nonzero_share or "
                    + "mean_abs_closure_rad");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            rows.add(new Row(LocalDate.parse(f[ir]), LocalDate.parse(f[is]), Integer.parseInt(f[it]),
                    Double.parseDouble(f[ish]), Double.parseDouble(f[im])));
        }
        return rows;
    }

    /** Renders the plot, 900 × 400 px. */
    public static BufferedImage render(List<Row> rows, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        double worst = 0;
        for (Row row : rows) {
            if (row.triplets() > 0 && row.nonzeroShare() > worst) {
                worst = row.nonzeroShare();
            }
        }
        int s = 0;
        for (Row row : rows) {
            if (row.triplets() == 0 || Double.isNaN(row.nonzeroShare())) {
                continue;
            }
            double y = 100 * row.nonzeroShare();
            XYSeries line = new XYSeries("pair " + s, false, true);
            line.add(NetworkPlot.millis(row.reference()), y);
            line.add(NetworkPlot.millis(row.secondary()), y);
            data.addSeries(line);
            boolean bad = y > 0.1 && row.nonzeroShare() >= 0.9 * worst;
            r.setSeriesPaint(s, bad ? new Color(214, 39, 40, 200) : new Color(31, 119, 180, 120));
            r.setSeriesStroke(s, new BasicStroke(bad ? 2.0f : 1.0f));
            r.setSeriesShapesVisible(s, false);
            s++;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "date",
                "cells with closure integer ≠ 0 (%)", data);
        chart.removeLegend();
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(new DateAxis("pair span (first to second date)"));
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(true);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return chart.createBufferedImage(900, 400);
    }

    /** Writes the plot as a PNG (atomic). */
    public static void write(Path png, List<Row> rows, String title) throws IOException {
        BufferedImage img = render(rows, title);
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}

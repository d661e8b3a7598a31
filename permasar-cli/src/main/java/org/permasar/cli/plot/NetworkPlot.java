package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.io.AtomicFiles;
import org.permasar.network.DateBaselines;
import org.permasar.network.Network;

/**
 * The network plot MintPy users know: acquisition dates against perpendicular baseline, with a
 * line for every pair (kept pairs solid, dropped pairs grey).
 */
public final class NetworkPlot {
    private NetworkPlot() {
    }

    /** Per-date perpendicular baselines (metres): {@link DateBaselines#of(Network)}, kept for the plot's callers. */
    public static double[] dateBaselines(Network n) {
        return DateBaselines.of(n);
    }

    /** Writes the network plot as a PNG (atomic). {@code kept} may be null (all kept). */
    public static void write(Path png, Network n, boolean[] kept, String title) throws IOException {
        double[] b = dateBaselines(n);
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        int s = 0;
        for (int k = 0; k < n.pairCount(); k++) {
            XYSeries line = new XYSeries("pair " + k, false, true);
            line.add(millis(n.dates().get(n.referenceIndex(k))), b[n.referenceIndex(k)]);
            line.add(millis(n.dates().get(n.secondaryIndex(k))), b[n.secondaryIndex(k)]);
            data.addSeries(line);
            boolean on = kept == null || kept[k];
            r.setSeriesPaint(s, on ? new Color(31, 119, 180, 150) : new Color(160, 160, 160, 120));
            r.setSeriesStroke(s, new BasicStroke(on ? 1.0f : 0.6f));
            r.setSeriesShapesVisible(s, false);
            s++;
        }
        XYSeries dates = new XYSeries("acquisitions", false, true);
        for (int i = 0; i < n.dateCount(); i++) {
            dates.add(millis(n.dates().get(i)), b[i]);
        }
        data.addSeries(dates);
        r.setSeriesLinesVisible(s, false);
        r.setSeriesShapesVisible(s, true);
        r.setSeriesPaint(s, new Color(214, 39, 40));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "date", "perpendicular baseline (m)", data);
        chart.removeLegend();
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(new DateAxis("date"));
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        BufferedImage img = chart.createBufferedImage(900, 450);
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }

    static long millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}

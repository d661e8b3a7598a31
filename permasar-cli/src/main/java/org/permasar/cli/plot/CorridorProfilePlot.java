package org.permasar.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.hazard.CorridorProfile;
import org.permasar.io.AtomicFiles;

/**
 * The corridor profile: mean rate and 95th-percentile subsidence rate (mm/yr) against chainage (km, bin centres),
 * the threshold as a dashed line, and below it the share of pixels faster than the threshold.
 */
public final class CorridorProfilePlot {
    private CorridorProfilePlot() {
    }

    /** Writes the PNG (1200 × 700 px) atomically. */
    public static void write(Path png, String title, CorridorProfile.Bin[] bins, double thresholdMm) throws IOException {
        write(png, title, bins, thresholdMm, "chainage (km from the line's start)");
    }

    /** As {@link #write(Path, String, CorridorProfile.Bin[], double)} with the chainage axis named {@code axis}. */
    public static void write(Path png, String title, CorridorProfile.Bin[] bins, double thresholdMm, String axis)
            throws IOException {
        XYSeries mean = new XYSeries("mean rate (mm/yr, + towards satellite)", false, true);
        XYSeries p95 = new XYSeries("95th percentile subsidence (mm/yr)", false, true);
        XYSeries thr = new XYSeries("threshold " + thresholdMm + " mm/yr", false, true);
        XYSeries share = new XYSeries("share of pixels subsiding faster", false, true);
        for (CorridorProfile.Bin b : bins) {
            double x = 0.5 * (b.startKm() + b.endKm());
            if (b.pixels() > 0) {
                mean.add(x, b.meanRate());
                p95.add(x, b.p95Subsidence());
                share.add(x, b.shareFaster());
            }
        }
        if (bins.length > 0) {
            thr.add(bins[0].startKm(), thresholdMm);
            thr.add(bins[bins.length - 1].endKm(), thresholdMm);
        }
        XYSeriesCollection top = new XYSeriesCollection();
        top.addSeries(mean);
        top.addSeries(p95);
        top.addSeries(thr);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesPaint(1, new Color(0xd62728));
        r.setSeriesPaint(2, Color.GRAY);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        r.setSeriesStroke(2, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        XYPlot upper = new XYPlot(top, null, new NumberAxis("rate (mm/yr)"), r);
        double width = bins.length > 0 ? bins[0].endKm() - bins[0].startKm() : 1;
        org.jfree.data.xy.XYBarDataset bottom = new org.jfree.data.xy.XYBarDataset(new XYSeriesCollection(share), 0.9 * width);
        XYBarRenderer br = new XYBarRenderer();
        br.setSeriesPaint(0, new Color(0xff7f0e));
        br.setShadowVisible(false);
        br.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        NumberAxis sy = new NumberAxis("share > threshold");
        sy.setRange(0, 1);
        XYPlot lower = new XYPlot(bottom, null, sy, br);
        NumberAxis domain = new NumberAxis(axis);
        domain.setAutoRangeIncludesZero(false);            // km posts need not start at 0
        CombinedDomainXYPlot p = new CombinedDomainXYPlot(domain);
        p.add(upper, 3);
        p.add(lower, 1);
        for (XYPlot sub : new XYPlot[] {upper, lower}) {
            sub.setBackgroundPaint(Color.WHITE);
            sub.setDomainGridlinePaint(Color.LIGHT_GRAY);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, p, true);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = chart.createBufferedImage(1200, 700);
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }
}

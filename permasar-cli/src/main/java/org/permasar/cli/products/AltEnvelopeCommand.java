package org.permasar.cli.products;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.permafrost.alt.LowerBoundEnvelope;
import org.permasar.pipeline.raster.ProductRasters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar alt envelope}: the lower-bound envelope of ALT against the seasonal vertical amplitude
 * (seed 002 §4.2; {@link LowerBoundEnvelope}: equal-count bins, τ-quantile of ALT per bin, OLS line).
 * Writes {@code envelope.csv} (line parameters, then the bin points) and {@code envelope.png} (scatter of the
 * pixel pairs, the bin points and the line).
 */
@Command(name = "envelope", mixinStandardHelpOptions = true,
        description = "Lower-bound envelope of ALT versus seasonal vertical amplitude.")
public final class AltEnvelopeCommand implements Callable<Integer> {
    @Option(names = "--amplitude", required = true, paramLabel = "AMP", description = "Vertical peak-to-trough amplitude raster, m.")
    String amplitude;
    @Option(names = "--alt", required = true, paramLabel = "ALT", description = "ALT raster, m (e.g. alt.tif).")
    String alt;
    @Option(names = "--bins", defaultValue = "10", description = "Equal-count bins (default ${DEFAULT-VALUE}).")
    int bins;
    @Option(names = "--tau", defaultValue = "0.05", description = "Quantile of ALT per bin (default ${DEFAULT-VALUE}).")
    double tau;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    /** Most points drawn in the scatter (a regular subsample beyond that). */
    static final int MAX_POINTS = 20000;

    @Override
    public Integer call() throws Exception {
        LowerBoundEnvelope.Envelope e = execute();
        System.out.printf(Locale.ROOT, "ALT_low = %.4f m + %.4f · amplitude (m), from %d pairs%n", e.intercept(), e.slope(), e.pairs());
        return 0;
    }

    public LowerBoundEnvelope.Envelope execute() throws IOException {
        ProductRasters.Raster a = ProductRasters.readSpec(amplitude);
        GridGeometry g = a.grid();
        float[] h = ProductRasters.numberOrRaster(alt, g, "--alt");
        LowerBoundEnvelope.Envelope e = LowerBoundEnvelope.fit(a.data(), h, new LowerBoundEnvelope.Parameters(bins, tau));
        Files.createDirectories(out);
        StringBuilder b = new StringBuilder();
        b.append("# ALT_low(amplitude) = intercept + slope * amplitude; amplitude and ALT in m\n");
        b.append("intercept_m,slope,pairs,bins,tau\n");
        b.append(String.format(Locale.ROOT, "%.6f,%.6f,%d,%d,%s%n", e.intercept(), e.slope(), e.pairs(), bins, tau));
        b.append("bin,amplitude_median_m,alt_quantile_m\n");
        for (int k = 0; k < e.binAmplitude().length; k++) {
            b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", k + 1, e.binAmplitude()[k], e.binQuantile()[k]));
        }
        AtomicFiles.write(out.resolve("envelope.csv"), tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
        plot(a.data(), h, e, out.resolve("envelope.png"));
        return e;
    }

    private static void plot(float[] amp, float[] h, LowerBoundEnvelope.Envelope e, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries pts = new XYSeries("pixels", false, true);
        int step = Math.max(1, amp.length / MAX_POINTS);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < amp.length; k += step) {
            if (Float.isFinite(amp[k]) && Float.isFinite(h[k])) {
                pts.add(amp[k] * 1000.0, h[k]);
                lo = Math.min(lo, amp[k]);
                hi = Math.max(hi, amp[k]);
            }
        }
        XYSeries bin = new XYSeries("bin quantiles", false, true);
        for (int k = 0; k < e.binAmplitude().length; k++) {
            bin.add(e.binAmplitude()[k] * 1000.0, e.binQuantile()[k]);
        }
        XYSeries line = new XYSeries("envelope", false, true);
        if (lo <= hi) {
            line.add(lo * 1000.0, e.altAt(lo));
            line.add(hi * 1000.0, e.altAt(hi));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(pts);
        data.addSeries(bin);
        data.addSeries(line);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        r.setSeriesPaint(0, new Color(120, 120, 120, 120));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesPaint(1, new Color(0x1f77b4));
        r.setSeriesShapesVisible(2, false);
        r.setSeriesPaint(2, new Color(0xd62728));
        r.setSeriesStroke(2, new BasicStroke(2f));
        XYPlot plot = new XYPlot(data, new NumberAxis("Seasonal vertical amplitude (mm)"), new NumberAxis("ALT (m)"), r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "ALT lower bound: %.2f m + %.2f m per m", e.intercept(),
                e.slope()), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 800, 600));
    }
}

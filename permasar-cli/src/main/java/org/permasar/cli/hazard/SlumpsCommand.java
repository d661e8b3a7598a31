package org.permasar.cli.hazard;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.hazard.SlumpSeriesClassifier;
import org.permasar.pipeline.hazard.SlumpsParameters;
import org.permasar.pipeline.hazard.SlumpsStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar slumps}: thaw-slump time-series classes (SCIENCE.md §6; seed 004) per pixel and per slump
 * polygon: stable, abrupt thaw (a break chosen by BIC) or linear subsidence, with the break date and the rates
 * before and after. A thin adapter over {@link SlumpsStep}; draws {@code slump_class.png}.
 */
@Command(name = "slumps", mixinStandardHelpOptions = true,
        description = "Class displacement series (per pixel, and per slump polygon's mean) as stable, abrupt thaw or "
                + "linear subsidence, with break date and rates before/after.")
public final class SlumpsCommand implements Callable<Integer> {
    @Option(names = "--timeseries", required = true, paramLabel = "timeseries.h5", description = "MintPy timeseries.h5 "
            + "(or a Zarr store), m.")
    Path timeseries;
    @Option(names = "--polygons", paramLabel = "FILE", description = "Slump polygons (GeoJSON or Shapefile, any CRS): "
            + "each classed by the mean series of the pixels whose centre is inside.")
    Path polygons;
    @Option(names = "--id", paramLabel = "ATTRIBUTE", description = "Polygon attribute naming each slump in the outputs "
            + "(default: the feature's index).")
    String id;
    @Option(names = "--rate-threshold", defaultValue = "5", description = "Subsidence rate above which a series is not "
            + "stable, mm/yr (default ${DEFAULT-VALUE}).")
    double rateThreshold;
    @Option(names = "--min-rate-change", defaultValue = "10", description = "Least change of rate towards subsidence "
            + "that makes an abrupt thaw, mm/yr (default ${DEFAULT-VALUE}).")
    double minRateChange;
    @Option(names = "--bic-margin", defaultValue = "10", description = "BIC advantage the broken line needs "
            + "(default ${DEFAULT-VALUE}).")
    double bicMargin;
    @Option(names = "--min-side", defaultValue = "4", description = "Least dates on each side of a break "
            + "(default ${DEFAULT-VALUE}).")
    int minSide;
    @Option(names = "--no-annual", description = "Do not fit the annual sinusoid (the series is already deseasoned).")
    boolean noAnnual;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SlumpsStep.Result r = runAndDraw(parameters());
        long total = r.counts()[0] + r.counts()[1] + r.counts()[2] + r.counts()[3];
        System.out.printf(Locale.ROOT, "%d pixels, %d dates: stable %d, abrupt thaw %d, linear subsidence %d, too few "
                        + "dates %d%n", total, r.dates().size(), r.counts()[SlumpsStep.STABLE], r.counts()[SlumpsStep.ABRUPT],
                r.counts()[SlumpsStep.LINEAR], r.counts()[SlumpsStep.NODATA]);
        for (SlumpsStep.PolygonResult p : r.polygons()) {
            SlumpSeriesClassifier.Result c = p.result();
            System.out.printf(Locale.ROOT, "  slump %s (%d px): %s, %.1f mm/yr%s%n", p.id(), p.pixels(),
                    c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), c.rate(), c.breakDate() == null ? ""
                            : String.format(Locale.ROOT, ", break %s (%.1f → %.1f mm/yr)", c.breakDate(), c.rateBefore(),
                            c.rateAfter()));
        }
        System.out.println("wrote " + out);
        return 0;
    }

    /** Labels of slump_class.tif's codes 0…3. */
    public static final String[] CLASS_LABELS = {"too few dates", "stable", "abrupt thaw", "linear subsidence"};
    private static final Color[] CLASS_COLORS = {new Color(210, 210, 210), new Color(0, 158, 115),
        new Color(213, 94, 0), new Color(0, 114, 178)};

    /** The step and its class map ({@code slump_class.png}), as the command and the {@code run} chain make them. */
    public static SlumpsStep.Result runAndDraw(SlumpsParameters p) throws IOException {
        SlumpsStep.Result r = SlumpsStep.run(p);
        float[] f = new float[r.classes().length];
        for (int k = 0; k < f.length; k++) {
            f[k] = r.classes()[k];
        }
        new RasterMap("Thaw-slump series classes (" + r.dates().size() + " dates)", "", Colormap.VIRIDIS)
                .categorical(CLASS_LABELS, CLASS_COLORS).write(p.out().resolve("slump_class.png"), r.grid(), f);
        return r;
    }

    /** The options as the step's parameters (each checked by name). */
    SlumpsParameters parameters() {
        return new SlumpsParameters(timeseries, polygons, id,
                SlumpsParameters.classifier(rateThreshold, minRateChange, bicMargin, minSide, !noAnnual), out);
    }
}

package org.permasar.cli.hazard;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.hazard.SlumpSeriesClassifier;
import org.permasar.pipeline.hazard.SlumpsParameters;
import org.permasar.pipeline.hazard.SlumpsStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar slumps}: thaw-slump time-series classes (SCIENCE.md §6; seed 004) per pixel and per slump
 * polygon: stable, abrupt thaw (a break chosen by BIC) or linear subsidence, with the break date and the rates
 * before and after. A thin adapter over {@link SlumpsStep}.
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
        SlumpsStep.Result r = SlumpsStep.run(parameters());
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

    /** The options as the step's parameters (each checked by name). */
    SlumpsParameters parameters() {
        return new SlumpsParameters(timeseries, polygons, id,
                SlumpsParameters.classifier(rateThreshold, minRateChange, bicMargin, minSide, !noAnnual), out);
    }
}

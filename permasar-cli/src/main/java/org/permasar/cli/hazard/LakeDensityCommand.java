package org.permasar.cli.hazard;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.LakeDensityPlot;
import org.permasar.hazard.LakeDensity;
import org.permasar.pipeline.hazard.LakeDensityParameters;
import org.permasar.pipeline.hazard.LakeDensityStep;
import org.permasar.stats.SpatialCorrelation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar lake-density}: thermokarst-lake density per cell against the subsidence rate and the seasonal
 * amplitude (SCIENCE.md §6; seed 004), with correlations tested for spatial autocorrelation. A thin adapter over
 * {@link LakeDensityStep}; draws {@code lake_density_scatter.png} ({@link #runAndDraw}).
 */
@Command(name = "lake-density", mixinStandardHelpOptions = true,
        description = "Lake density (count and area share per cell, or in a moving window) against subsidence rate and "
                + "seasonal amplitude: Pearson/Spearman with the Clifford-Richardson-Hemon modified t-test, binned "
                + "statistics.")
public final class LakeDensityCommand implements Callable<Integer> {
    @Option(names = "--lakes", required = true, paramLabel = "FILE", description = "Lake polygons (GeoJSON or "
            + "Shapefile, any CRS).")
    Path lakes;
    @Option(names = "--deformation", required = true, paramLabel = "velocity.h5", description = "Velocity (MintPy "
            + "velocity.h5 or a GeoTIFF, m/yr), geocoded.")
    Path deformation;
    @Option(names = "--amplitude", paramLabel = "FILE[:DATASET]", description = "Seasonal amplitude raster (m); "
            + "default: the deformation file's seasonalAmplitude when it has one.")
    String amplitude;
    @Option(names = "--cell", defaultValue = "1000", description = "Cell size, m (default ${DEFAULT-VALUE}).")
    double cell;
    @Option(names = "--window", paramLabel = "M", description = "Moving window instead of cells: the density in the "
            + "square of M metres centred on every point of a lattice of --step.")
    Double window;
    @Option(names = "--step", paramLabel = "M", description = "Distance between the moving windows' centres, m "
            + "(default: window / 2); the statistics use those on a stride ≥ window / 2.")
    Double step;
    @Option(names = "--min-coverage", defaultValue = "0.5", description = "Least share of a full cell's pixels for a "
            + "cell to count (default ${DEFAULT-VALUE}).")
    double minCoverage;
    @Option(names = "--classes", defaultValue = "13", description = "Distance classes of the modified t-test "
            + "(default ${DEFAULT-VALUE}).")
    int classes;
    @Option(names = "--bins", defaultValue = "0,1,5,10,20,40,100", paramLabel = "%,%,…", description = "Lake-area-share "
            + "bin edges of the binned statistics, % (default ${DEFAULT-VALUE}).")
    String bins;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        LakeDensityParameters p = new LakeDensityParameters(lakes, deformation, amplitude, cell, minCoverage, classes,
                LakeDensityParameters.parseBins(bins), out, window == null ? Double.NaN : window,
                step == null ? Double.NaN : step);
        LakeDensityStep.Result r = runAndDraw(p);
        for (LakeDensityStep.Correlation k : r.correlations()) {
            SpatialCorrelation.Test t = k.test();
            System.out.printf(Locale.ROOT, "%s vs %s, %s: r %.3f over %d %s; naive p %.3g, effective n %.1f, p %.3g "
                    + "(%d distance classes)%n", k.density(), k.deformation(), k.method(), t.r(), t.n(),
                    p.moving() ? "windows" : "cells", t.naiveP(), t.nEff(), t.p(), k.classes());
        }
        System.out.println("wrote " + out);
        return 0;
    }

    /**
     * The step and its scatter plot ({@code lake_density_scatter.png}: the used cells' (or windows') lake area share
     * against the subsidence rate and the seasonal amplitude, labelled with the Pearson test), as the command and the
     * {@code run} chain make them.
     */
    public static LakeDensityStep.Result runAndDraw(LakeDensityParameters p) throws java.io.IOException {
        LakeDensityStep.Result r = LakeDensityStep.run(p);
        LakeDensity.Cells c = r.cells();
        double[] pct = new double[r.used().length];
        double[] amp = null;
        for (int k = 0; k < pct.length; k++) {
            pct[k] = r.used()[k] ? 100 * c.areaFraction()[k] : Double.NaN;
        }
        String rateLabel = "", ampLabel = "";
        for (LakeDensityStep.Correlation k : r.correlations()) {
            SpatialCorrelation.Test t = k.test();
            if (k.density().equals("lake_area_fraction") && k.method().equals("pearson")) {
                String l = String.format(Locale.ROOT, "%s (%d): r %.2f, p %.2g (effective n %.0f; naive p %.2g)",
                        p.moving() ? "windows" : "cells", t.n(), t.r(), t.p(), t.nEff(), t.naiveP());
                if (k.deformation().startsWith("subsidence")) {
                    rateLabel = l;
                } else {
                    ampLabel = l;
                    amp = new double[pct.length];
                    for (int i = 0; i < amp.length; i++) {
                        amp[i] = r.used()[i] ? c.amplitude()[i] : Double.NaN;
                    }
                }
            }
        }
        String what = p.moving() ? String.format(Locale.ROOT, "%s m windows every %s m", num(p.window()),
                num(p.windowStep())) : num(p.cell()) + " m cells";
        LakeDensityPlot.write(p.out().resolve("lake_density_scatter.png"), "Lake density and deformation, " + what, pct,
                r.subsidence(), amp, rateLabel, ampLabel);
        return r;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

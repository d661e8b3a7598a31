package org.permasar.cli.products;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.PieChart;
import org.permasar.cli.plot.RasterMap;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.geometry.DirectionSummary;
import org.permasar.grid.GridGeometry;
import org.permasar.pipeline.geometry.GeometryParameters;
import org.permasar.pipeline.geometry.GeometryStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar geometry}: ascending + descending direction classes and east/up decomposition
 * (SCIENCE.md §5; seed 002 Table 1; MintPy {@code asc_desc2horz_vert}).
 *
 * <p>A thin adapter: parses its options into {@link GeometryParameters}, runs {@link GeometryStep} (as the
 * {@code permasar run} chain does) and draws the PNG maps and pie charts of the result.
 */
@Command(name = "geometry", mixinStandardHelpOptions = true,
        description = "Direction classes (vertical / east-west / undetermined / stable) and east + up from ascending and "
                + "descending velocity products.")
public final class GeometryCommand implements Callable<Integer> {
    @Option(names = "--asc", required = true, paramLabel = "VELOCITY.h5", description = "Ascending MintPy velocity product.")
    Path asc;
    @Option(names = "--desc", required = true, paramLabel = "VELOCITY.h5", description = "Descending MintPy velocity product.")
    Path desc;
    @Option(names = "--asc-geometry", required = true, paramLabel = "GEOMETRY.h5",
            description = "Ascending geometry (incidenceAngle, azimuthAngle in degrees, MintPy convention).")
    Path ascGeometry;
    @Option(names = "--desc-geometry", required = true, paramLabel = "GEOMETRY.h5", description = "Descending geometry.")
    Path descGeometry;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;
    @Option(names = "--rate-tolerance", defaultValue = "0.005", paramLabel = "M_PER_YR",
            description = "Largest | |v_a| - |v_d| | of similar rates, m/yr (default ${DEFAULT-VALUE}).")
    double rateTolerance;
    @Option(names = "--amplitude-tolerance", defaultValue = "0.005", paramLabel = "M",
            description = "Largest |A_a - A_d| of similar seasonal amplitudes, m (default ${DEFAULT-VALUE}).")
    double amplitudeTolerance;
    @Option(names = "--in-phase-days", defaultValue = "30", description = "In-phase window, days (default ${DEFAULT-VALUE}).")
    double inPhaseDays;
    @Option(names = "--anti-phase-days", defaultValue = "180", description = "Anti-phase centre, days (default ${DEFAULT-VALUE}).")
    double antiPhaseDays;
    @Option(names = "--anti-phase-tolerance", defaultValue = "30", description = "Anti-phase half width, days (default ${DEFAULT-VALUE}).")
    double antiPhaseTolerance;
    @Option(names = "--stable-sigmas", defaultValue = "2", paramLabel = "K",
            description = "Stable (class 4): rates, or seasonal amplitudes, within K sigma of zero on both tracks, sigma "
                    + "from velocityStd / seasonalAmplitudeStd; 0 leaves only exact zeros stable (default ${DEFAULT-VALUE}).")
    double stableSigmas;

    private static final String[] CLASS_LABELS = GeometryStep.CLASS_LABELS.toArray(String[]::new);
    /** Colours of classes 0–4, shared with {@link PieChart}: no data, vertical, east–west, undetermined, stable. */
    private static final Color[] CLASS_COLORS = {new Color(0xdddddd), PieChart.VERTICAL, PieChart.EAST_WEST,
        PieChart.UNDETERMINED, PieChart.STABLE};

    @Override
    public Integer call() throws Exception {
        print(execute(), out);
        return 0;
    }

    /** Prints the class counts (secular, and seasonal when computed) and where the products went. */
    public static void print(GeometryStep.Result r, Path out) {
        print("secular", DirectionSummary.of(r.secular()), r.secularStableTested(), "velocityStd");
        if (r.seasonal() != null) {
            print("seasonal", DirectionSummary.of(r.seasonal()), r.seasonalStableTested(), "seasonalAmplitudeStd");
        }
        System.out.println("wrote " + out);
    }

    private static void print(String what, DirectionSummary s, boolean stableTested, String sigma) {
        System.out.printf(Locale.ROOT, "%s: %d vertical, %d east-west, %d undetermined, %d stable, %d no data%s%n", what,
                s.vertical(), s.eastWest(), s.undetermined(), s.stable(), s.noData(),
                stableTested ? "" : " (stable test not applied: " + sigma + " missing on a track)");
    }

    /** The options as the step's parameters (validated there). */
    GeometryParameters parameters() {
        return new GeometryParameters(asc, desc, ascGeometry, descGeometry, out, rateTolerance, amplitudeTolerance,
                inPhaseDays, antiPhaseDays, antiPhaseTolerance, stableSigmas);
    }

    /** Runs the step and draws its maps and pie charts into {@code --out}. */
    public GeometryStep.Result execute() throws IOException {
        GeometryParameters p = parameters();
        GeometryStep.Result r = GeometryStep.run(p, null, ConsoleProgress.create());
        writePlots(p.out(), r);
        return r;
    }

    /** The PNG maps and pie charts of a geometry result: direction classes, east and up velocity. */
    public static void writePlots(Path out, GeometryStep.Result r) throws IOException {
        GridGeometry g = r.grid();
        map(out, r.secular(), g, "Secular direction", "secularDirection.png");
        // pictures in mm/yr like every other map (the files stay SI, m/yr)
        new RasterMap("East velocity", "mm/yr", Colormap.RDBU).write(out.resolve("east.png"), g, RasterMap.millimetres(r.eastUp().east()));
        new RasterMap("Up velocity", "mm/yr", Colormap.RDBU).write(out.resolve("up.png"), g, RasterMap.millimetres(r.eastUp().up()));
        PieChart.write(DirectionSummary.of(r.secular()), "Secular rates", out.resolve("secularPie.png"), 640, 480);
        if (r.seasonal() != null) {
            map(out, r.seasonal(), g, "Seasonal direction", "seasonalDirection.png");
            PieChart.write(DirectionSummary.of(r.seasonal()), "Seasonal signal", out.resolve("seasonalPie.png"), 640, 480);
        }
    }

    private static void map(Path out, byte[] classes, GridGeometry g, String title, String name) throws IOException {
        float[] f = new float[classes.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = classes[k];
        }
        new RasterMap(title, "", Colormap.VIRIDIS).categorical(CLASS_LABELS, CLASS_COLORS).write(out.resolve(name), g, f);
    }

    /** {@link GeometryStep#fromMintPyAnnual}, kept for this command's callers. */
    public static double[] fromMintPyAnnual(double amplitude, double phase, double refDayOfYear) {
        return GeometryStep.fromMintPyAnnual(amplitude, phase, refDayOfYear);
    }

}

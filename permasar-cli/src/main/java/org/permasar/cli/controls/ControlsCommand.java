package org.permasar.cli.controls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.BoxPlot;
import org.permasar.pipeline.controls.ControlsParameters;
import org.permasar.pipeline.controls.ControlsRasterParameters;
import org.permasar.pipeline.controls.ControlsRasterStep;
import org.permasar.pipeline.controls.ControlsStep;
import org.permasar.pipeline.controls.ControlsTables;
import org.permasar.stats.geodetector.BinnedStatistics;
import org.permasar.stats.geodetector.FactorDetector;
import org.permasar.stats.geodetector.GeographicalDetector;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.SingleMemberStrata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar controls}: what controls the deformation — the geographical detector (SCIENCE.md §6; Wang et al.
 * 2010; Wang, Zhang &amp; Fu 2016) on a table ({@code --table}) or on a deformation map and factor maps
 * ({@code --deformation}, {@code --factor NAME=FILE[:DATASET]}, streamed block by block).
 *
 * <p>A thin adapter: parses its options into {@link ControlsParameters} or {@link ControlsRasterParameters}, runs
 * {@link ControlsStep} or {@link ControlsRasterStep}, prints the factors ranked by q and draws {@code q_ranking.png}
 * and one {@code boxplot_<factor>.png} per factor.
 */
@Command(name = "controls", mixinStandardHelpOptions = true,
        description = "Geographical detector on a CSV table or on rasters: factor (q, p), interaction, risk and "
                + "ecological detectors, binned statistics and box plots, with discretisation of continuous factors "
                + "(equal, quantile, natural, geometric, sd, OPGD).")
public final class ControlsCommand implements Callable<Integer> {
    @Option(names = "--table", paramLabel = "FILE.csv", description = "Table mode: a CSV table with a header line.")
    Path table;
    @Option(names = "--y", paramLabel = "COLUMN", description = "Table mode: response column (numeric).")
    String y;
    @Option(names = "--factors", split = ",", paramLabel = "A,B,C",
            description = "Table mode: factor columns; their distinct values are the strata unless --discretize names them.")
    List<String> factors = new ArrayList<>();
    @Option(names = "--deformation", paramLabel = "FILE[:DATASET]",
            description = "Raster mode: the deformation map (GeoTIFF or HDF5 dataset, e.g. velocity.h5:velocity); its grid is the analysis grid.")
    String deformation;
    @Option(names = "--factor", paramLabel = "NAME=FILE[:DATASET]",
            description = "Raster mode: a factor map (repeatable); class codes unless --discretize names it. Another grid "
                    + "is resampled, another CRS reprojected (PROJ): nearest for codes, bilinear for continuous factors.")
    List<String> factorMaps = new ArrayList<>();
    @Option(names = "--discretize", paramLabel = "NAME=METHOD:K|opgd",
            description = "Cut a continuous factor: METHOD equal, quantile, natural, geometric or sd with K classes; "
                    + "opgd (or opgd:KMIN-KMAX, default 2-8) searches all methods × K (repeatable).")
    List<String> discretize = new ArrayList<>();
    @Option(names = "--single-member", defaultValue = "keep", paramLabel = "keep|drop",
            description = "Strata with one member: keep (R geodetector; sample variance in lambda) or drop "
                    + "(R GD; population variance in lambda) (default ${DEFAULT-VALUE}).")
    SingleMemberStrata singleMember;
    @Option(names = "--opgd-tolerance", defaultValue = "" + OptimalDiscretization.TOLERANCE, paramLabel = "T",
            description = "OPGD picks the smallest K whose best q reaches (1 - T) of the best q overall (default ${DEFAULT-VALUE}).")
    double tolerance;
    @Option(names = "--block-rows", defaultValue = "" + ControlsRasterParameters.BLOCK_ROWS, paramLabel = "N",
            description = "Raster mode: rows per streamed block (default ${DEFAULT-VALUE}).")
    int blockRows;
    @Option(names = "--tile", defaultValue = "64", paramLabel = "PX",
            description = "Raster mode: tile width of the spatial-block inference, px; wider than the maps' correlation "
                    + "range (default ${DEFAULT-VALUE}).")
    int tile;
    @Option(names = "--bootstrap", defaultValue = "999", paramLabel = "B",
            description = "Block-bootstrap replicates of the 95 % interval of q, 0 for none (raster mode default ${DEFAULT-VALUE}; "
                    + "table mode: rows resampled, only when given).")
    int bootstrap;
    @Option(names = "--permutations", defaultValue = "199", paramLabel = "R",
            description = "Block permutations for p_block, 0 for none (raster mode default ${DEFAULT-VALUE}; table mode: rows "
                    + "permuted, only when given).")
    int permutations;
    @Option(names = "--permutation-tiles", defaultValue = "128", paramLabel = "M",
            description = "Raster mode: at most M whole tiles, drawn at random, are held and permuted (default ${DEFAULT-VALUE}).")
    int permutationTiles;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap, the permutations and the tile draw (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--cross", paramLabel = "A,B",
            description = "Binned statistics and a grouped box plot of two factors crossed, e.g. ndvi,density (repeatable).")
    List<String> cross = new ArrayList<>();
    @Option(names = "--label", defaultValue = "deformation", paramLabel = "TEXT",
            description = "Response axis label of the box plots (default ${DEFAULT-VALUE}).")
    String label;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Table mode: row bootstrap / permutation only when --bootstrap or --permutations is given (the raster defaults
     * do not apply, so a plain table run writes the tables as before).
     */
    private ControlsParameters.RowInference tableInference() {
        picocli.CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        boolean b = pr.hasMatchedOption("--bootstrap"), p = pr.hasMatchedOption("--permutations");
        if (!b && !p) {
            return null;
        }
        int nb = b ? bootstrap : 0, np = p ? permutations : 0;
        return nb + np == 0 ? null : new ControlsParameters.RowInference(nb, np, seed);
    }

    @Override
    public Integer call() throws Exception {
        boolean tableMode = table != null;
        if (tableMode == (deformation != null)) {
            throw new IllegalArgumentException("give either --table FILE.csv (with --y, --factors) or --deformation MAP "
                    + "(with --factor NAME=FILE)");
        }
        GeographicalDetector.Report report;
        List<String[]> labels;
        List<List<BinnedStatistics.Row>> binned;
        List<ControlsTables.Crossed> crossed;
        if (tableMode) {
            if (!factorMaps.isEmpty()) {
                throw new IllegalArgumentException("--factor is for the raster mode; with --table use --factors A,B,C");
            }
            ControlsStep.Result r = ControlsStep.runTable(new ControlsParameters(table, y, factors,
                    ControlsParameters.parseDiscretize(discretize), singleMember, tolerance,
                    ControlsParameters.parseCross(cross), out), tableInference());
            System.out.printf(Locale.ROOT, "%d rows; single-member strata: %s%n", r.rows(), singleMember.description());
            report = r.report();
            labels = r.labels();
            binned = r.binned();
            crossed = r.crossed();
        } else {
            if (y != null || !factors.isEmpty()) {
                throw new IllegalArgumentException("--y and --factors are for the table mode; with --deformation use --factor NAME=FILE");
            }
            ControlsRasterStep.Result r = ControlsRasterStep.run(new ControlsRasterParameters(deformation,
                    ControlsRasterParameters.parseFactors(factorMaps), ControlsParameters.parseDiscretize(discretize),
                    singleMember, tolerance, blockRows, bootstrap == 0 && permutations == 0 ? null
                    : new ControlsRasterParameters.Inference(tile, bootstrap, permutations, permutationTiles, seed),
                    ControlsParameters.parseCross(cross), out));
            System.out.printf(Locale.ROOT, "%d of %d pixels; single-member strata: %s%n", r.pixels(), r.grid().size(),
                    singleMember.description());
            report = r.report();
            labels = r.labels();
            binned = r.binned();
            crossed = r.crossed();
        }
        List<Integer> order = new ArrayList<>();
        double[] q = new double[report.factors().size()];
        for (int i = 0; i < q.length; i++) {
            order.add(i);
            q[i] = report.factor().get(i).q();
        }
        order.sort((a, b) -> Double.compare(q[b], q[a]));
        for (int i : order) {
            FactorDetector.Result f = report.factor().get(i);
            System.out.printf(Locale.ROOT, "%-20s q %.6f  p %.4g  (%d strata)%n", report.factors().get(i), f.q(), f.p(),
                    f.strata());
        }
        writePlots(out, label, report, labels, binned, crossed);
        System.out.println("wrote " + out);
        return 0;
    }

    /**
     * {@code q_ranking.png}, one {@code boxplot_FACTOR.png} per factor and one {@code boxplot_A_x_B.png} per crossed
     * pair into {@code out}; {@code label} names the response on the box plots' axis. Used by the command and by the
     * {@code controls} step of {@code permasar run}.
     */
    public static void writePlots(Path out, String label, GeographicalDetector.Report report, List<String[]> labels,
                                  List<List<BinnedStatistics.Row>> binned, List<ControlsTables.Crossed> crossed)
            throws IOException {
        double[] q = new double[report.factors().size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = report.factor().get(i).q();
        }
        BoxPlot.writeRanking(out.resolve("q_ranking.png"), "Factor detector: q of each factor", report.factors(), q);
        for (int i = 0; i < q.length; i++) {
            List<BoxPlot.Box> boxes = new ArrayList<>();
            for (int c = 0; c < binned.get(i).size(); c++) {
                BinnedStatistics.Row b = binned.get(i).get(c);
                boxes.add(new BoxPlot.Box(labels.get(i)[c], b.n(), b.p02(), b.p25(), b.p50(), b.p75(), b.p98(), b.mean()));
            }
            String name = report.factors().get(i);
            BoxPlot.write(out.resolve("boxplot_" + safe(name) + ".png"),
                    String.format(Locale.ROOT, "%s per class of %s (q = %.3f)", label, name, q[i]), name, label, boxes);
        }
        for (ControlsTables.Crossed c : crossed) {
            List<BoxPlot.Box> boxes = new ArrayList<>();
            for (BinnedStatistics.Row b : c.rows()) {
                boxes.add(new BoxPlot.Box("", b.n(), b.p02(), b.p25(), b.p50(), b.p75(), b.p98(), b.mean()));
            }
            BoxPlot.writeGrouped(out.resolve("boxplot_" + safe(c.factorA()) + "_x_" + safe(c.factorB()) + ".png"),
                    label + " per class of " + c.factorA() + " × " + c.factorB(), c.factorA(), label, c.labelsA(),
                    c.factorB(), c.labelsB(), boxes);
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

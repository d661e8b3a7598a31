package org.permasar.cli.controls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.pipeline.controls.ControlsParameters;
import org.permasar.pipeline.controls.ControlsStep;
import org.permasar.stats.geodetector.FactorDetector;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.SingleMemberStrata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar controls}: what controls the deformation — the geographical detector (SCIENCE.md §6; Wang et al.
 * 2010; Wang, Zhang &amp; Fu 2016) on a table.
 *
 * <p>A thin adapter: parses its options into {@link ControlsParameters}, runs {@link ControlsStep} and prints the
 * factors ranked by q.
 */
@Command(name = "controls", mixinStandardHelpOptions = true,
        description = "Geographical detector on a CSV table: factor (q, p), interaction, risk and ecological detectors, "
                + "with discretisation of continuous factors (equal, quantile, natural, geometric, sd, OPGD).")
public final class ControlsCommand implements Callable<Integer> {
    @Option(names = "--table", required = true, paramLabel = "FILE.csv", description = "Table with a header line.")
    Path table;
    @Option(names = "--y", required = true, paramLabel = "COLUMN", description = "Response column (numeric).")
    String y;
    @Option(names = "--factors", required = true, split = ",", paramLabel = "A,B,C",
            description = "Factor columns; their distinct values are the strata unless --discretize names them.")
    List<String> factors = new ArrayList<>();
    @Option(names = "--discretize", paramLabel = "COLUMN=METHOD:K|opgd",
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
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    /** The options as the step's parameters (validated there). */
    ControlsParameters parameters() {
        return new ControlsParameters(table, y, factors, ControlsParameters.parseDiscretize(discretize), singleMember,
                tolerance, out);
    }

    @Override
    public Integer call() throws Exception {
        ControlsStep.Result r = ControlsStep.runTable(parameters());
        System.out.printf(Locale.ROOT, "%d rows; single-member strata: %s%n", r.rows(), singleMember.description());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < r.report().factors().size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(r.report().factor().get(b).q(), r.report().factor().get(a).q()));
        for (int i : order) {
            FactorDetector.Result f = r.report().factor().get(i);
            System.out.printf(Locale.ROOT, "%-20s q %.6f  p %.4g  (%d strata)%n", r.report().factors().get(i), f.q(), f.p(),
                    f.strata());
        }
        System.out.println("wrote " + out);
        return 0;
    }
}

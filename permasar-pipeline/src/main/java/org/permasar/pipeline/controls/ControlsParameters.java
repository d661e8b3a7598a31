package org.permasar.pipeline.controls;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.SingleMemberStrata;

/**
 * Settings of the controls step in table mode ({@link ControlsStep}): which column is the response, which are the
 * factors, which factors are continuous and how they are discretised, the single-member-strata convention and the
 * OPGD tolerance. Validated on construction (an {@link IllegalArgumentException} names the option and value);
 * that the columns exist is checked by the step. Immutable and thread-safe; {@link #toString()} lists every
 * setting.
 *
 * @param table        CSV table, header line of column names
 * @param y            response column (numeric)
 * @param factors      factor columns, at least one, no repeats, not {@code y}
 * @param discretize   factor column → how it is discretised (others are categorical: each distinct value a stratum)
 * @param singleMember convention for strata with one member
 * @param tolerance    OPGD choice rule's relative tolerance, 0 ≤ t &lt; 1
 * @param cross        pairs of factors whose crossed classes get binned statistics and a grouped box plot
 * @param out          output folder
 */
public record ControlsParameters(Path table, String y, List<String> factors, Map<String, DiscretizeSpec> discretize,
                                 SingleMemberStrata singleMember, double tolerance, List<List<String>> cross, Path out) {
    public ControlsParameters {
        Objects.requireNonNull(table, "--table");
        Objects.requireNonNull(out, "--out");
        if (y == null || y.isBlank()) {
            throw new IllegalArgumentException("--y: give the response column");
        }
        factors = List.copyOf(factors == null ? List.of() : factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("--factors: give at least one factor column");
        }
        if (factors.stream().distinct().count() != factors.size()) {
            throw new IllegalArgumentException("--factors: a column is named twice in " + factors);
        }
        if (factors.contains(y)) {
            throw new IllegalArgumentException("--factors: the response column " + y + " cannot also be a factor");
        }
        discretize = discretize == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(discretize));
        for (String c : discretize.keySet()) {
            if (!factors.contains(c)) {
                throw new IllegalArgumentException("--discretize " + c + ": not one of --factors " + factors);
            }
        }
        Objects.requireNonNull(singleMember, "--single-member");
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("--opgd-tolerance must be in [0, 1), got " + tolerance);
        }
        cross = checkCross(cross, factors);
    }

    /**
     * Resampling inference in table mode, where each row is its own block (rows taken as independent; with
     * spatially autocorrelated rows the intervals are too narrow and the p-values too small — use the raster
     * mode's spatial blocks there).
     *
     * @param bootstrap    row-bootstrap replicates of the 95 % percentile interval of q (0: none)
     * @param permutations permutations of the response against the strata for p_perm (0: none)
     * @param seed         random seed of both
     */
    public record RowInference(int bootstrap, int permutations, long seed) {
        public RowInference {
            if (bootstrap < 0 || permutations < 0 || bootstrap + permutations == 0) {
                throw new IllegalArgumentException("--bootstrap and --permutations must be ≥ 0 and not both 0, got "
                        + bootstrap + ", " + permutations);
            }
        }
    }

    /** Validates {@code --cross A,B} pairs against the factor names (two different factors each). */
    static List<List<String>> checkCross(List<List<String>> cross, java.util.Collection<String> factors) {
        if (cross == null) {
            return List.of();
        }
        for (List<String> c : cross) {
            if (c.size() != 2 || c.get(0).equals(c.get(1)) || !factors.contains(c.get(0)) || !factors.contains(c.get(1))) {
                throw new IllegalArgumentException("--cross " + String.join(",", c) + ": expected two different factors of "
                        + factors);
            }
        }
        return List.copyOf(cross.stream().map(List::copyOf).toList());
    }

    /** Parses {@code A,B} items. */
    public static List<List<String>> parseCross(List<String> items) {
        List<List<String>> out = new java.util.ArrayList<>();
        for (String it : items) {
            out.add(java.util.Arrays.stream(it.split(",")).map(String::trim).toList());
        }
        return out;
    }

    /** Table mode with the defaults: categorical factors, single-member strata kept, OPGD tolerance 0.05. */
    public static ControlsParameters of(Path table, String y, List<String> factors, Path out) {
        return new ControlsParameters(table, y, factors, Map.of(), SingleMemberStrata.KEEP,
                OptimalDiscretization.TOLERANCE, List.of(), out);
    }

    /** Parses {@code COLUMN=SPEC} items into a map (later items replace earlier ones). */
    public static Map<String, DiscretizeSpec> parseDiscretize(List<String> items) {
        Map<String, DiscretizeSpec> m = new LinkedHashMap<>();
        for (String it : items) {
            int eq = it.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--discretize " + it + ": expected COLUMN=METHOD:K or COLUMN=opgd");
            }
            try {
                m.put(it.substring(0, eq).trim(), DiscretizeSpec.parse(it.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--discretize " + it + ": " + e.getMessage());
            }
        }
        return m;
    }
}

package org.permasar.pipeline.controls;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.stats.geodetector.SingleMemberStrata;

/**
 * Settings of the controls step in raster mode ({@link ControlsRasterStep}): a deformation map and named factor
 * maps. A factor map holds class codes (categorical: each distinct value a stratum, resampled by nearest neighbour)
 * unless {@code discretize} names it (continuous: resampled bilinearly, then cut into classes). Validated on
 * construction; immutable.
 *
 * @param deformation  deformation map FILE[:DATASET] (its grid is the analysis grid)
 * @param factors      factor name → map FILE[:DATASET], in order, at least one
 * @param discretize   factor → discretisation (continuous factors)
 * @param singleMember convention for strata with one member
 * @param tolerance    OPGD choice rule's relative tolerance
 * @param blockRows    rows per block of the streaming passes, ≥ 1
 * @param out          output folder
 */
public record ControlsRasterParameters(String deformation, Map<String, String> factors,
                                       Map<String, DiscretizeSpec> discretize, SingleMemberStrata singleMember,
                                       double tolerance, int blockRows, Path out) {
    /** Default rows per block. */
    public static final int BLOCK_ROWS = 256;

    public ControlsRasterParameters {
        if (deformation == null || deformation.isBlank()) {
            throw new IllegalArgumentException("--deformation: give the deformation map FILE[:DATASET]");
        }
        factors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(factors, "--factor")));
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("--factor: give at least one NAME=FILE[:DATASET]");
        }
        discretize = discretize == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(discretize));
        for (String c : discretize.keySet()) {
            if (!factors.containsKey(c)) {
                throw new IllegalArgumentException("--discretize " + c + ": not one of the --factor names " + factors.keySet());
            }
        }
        Objects.requireNonNull(singleMember, "--single-member");
        Objects.requireNonNull(out, "--out");
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("--opgd-tolerance must be in [0, 1), got " + tolerance);
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("--block-rows must be ≥ 1, got " + blockRows);
        }
    }

    /** Parses {@code NAME=FILE[:DATASET]} items (names unique, not empty). */
    public static Map<String, String> parseFactors(List<String> items) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String it : items) {
            int eq = it.indexOf('=');
            if (eq <= 0 || eq == it.length() - 1) {
                throw new IllegalArgumentException("--factor " + it + ": expected NAME=FILE[:DATASET]");
            }
            String name = it.substring(0, eq).trim();
            if (m.put(name, it.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("--factor " + name + ": named twice");
            }
        }
        return m;
    }
}

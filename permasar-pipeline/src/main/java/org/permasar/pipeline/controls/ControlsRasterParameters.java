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
 * @param inference    spatial-block inference for q (tiles, bootstrap, permutations), or null for none
 * @param cross        pairs of factors whose crossed classes get binned statistics and a grouped box plot
 * @param out          output folder
 */
public record ControlsRasterParameters(String deformation, Map<String, String> factors,
                                       Map<String, DiscretizeSpec> discretize, SingleMemberStrata singleMember,
                                       double tolerance, int blockRows, Inference inference, List<List<String>> cross,
                                       Path out) {
    /** Default rows per block. */
    public static final int BLOCK_ROWS = 256;

    /**
     * Spatial-block inference for q ({@code SpatialBlocks}): the map cut into {@code tile} × {@code tile} px tiles;
     * a 95 % block-bootstrap interval from {@code bootstrap} replicates over all tiles (0: none) and a block
     * permutation p from {@code permutations} permutations of at most {@code maxTiles} whole tiles drawn at random
     * (0: none); {@code seed} makes both reproducible. Tiles should be wider than the correlation range of the maps.
     */
    public record Inference(int tile, int bootstrap, int permutations, int maxTiles, long seed) {
        /** Defaults: 64 px tiles, 999 bootstrap replicates, 199 permutations of up to 128 tiles, seed 1. */
        public static final Inference DEFAULT = new Inference(64, 999, 199, 128, 1);

        public Inference {
            if (tile < 2 || bootstrap < 0 || permutations < 0 || maxTiles < 2) {
                throw new IllegalArgumentException("need --tile ≥ 2, --bootstrap ≥ 0, --permutations ≥ 0, "
                        + "--permutation-tiles ≥ 2, got " + tile + ", " + bootstrap + ", " + permutations + ", " + maxTiles);
            }
        }
    }

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
        cross = ControlsParameters.checkCross(cross, factors.keySet());
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

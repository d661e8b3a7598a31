package org.permasar.pipeline.invert;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.permasar.inversion.InversionMethod;
import org.permasar.inversion.WeightFunction;
import org.permasar.network.Dates;

/**
 * Settings of the invert step ({@link InvertStep}): what {@code permasar invert} parses from its
 * options and what {@code permasar run} builds from its configuration. Validated on construction
 * (an {@link IllegalArgumentException} names the offending value); {@code withX} methods return
 * modified copies. {@link #of} holds the defaults, the same as the command's.
 *
 * <p>Immutable and thread-safe; {@link #toString()} is deterministic and lists every setting (the
 * chain uses it as the step's fingerprint).
 *
 * @param stack                interferogram stack: MintPy ifgramStack.h5 or a folder of interferograms
 * @param out                  output folder
 * @param method               l2, wls, l1, nsbas, svd, huber or tukey (robust = huber)
 * @param weight               var, fim, coh or no; null = the method's default (var for wls, no otherwise)
 * @param looks                independent looks for var/fim weights; 0 = MintPy's rule on the stack's attributes
 * @param refYx                reference pixel {row, col}, or null
 * @param refLalo              reference pixel {lat, lon} in degrees, or null
 * @param refDate              reference date YYYYMMDD, or null for the first date
 * @param geometry             MintPy geometry file (waterMask, height), or null
 * @param maskConnComp         mask pairs per pixel where connectComponent is 0
 * @param minCoherence         mask pairs per pixel below this coherence, [0, 1]
 * @param maxTemporalBaseline  keep pairs no longer than this many days, or null
 * @param maxPerpBaseline      keep pairs with |B⊥| up to this many metres, or null
 * @param seasonalPairs        keep only the seed-001 seasonal pairs
 * @param dropDates            drop every pair using these dates (YYYYMMDD)
 * @param externalRate         NSBAS external LOS rate FILE[:DATASET] in m/yr, or null
 * @param nsbasGamma           weight of the NSBAS temporal-model rows
 * @param l1Tolerance          l1: stop when no epoch moves by more than this, rad
 * @param l1Epsilon            l1: ε of the IRLS weights, rad
 * @param l1Iterations         l1: iteration limit
 * @param ramp                 per-epoch ramp removed from the series
 * @param tropo                external tropospheric delay time series to subtract, or null
 * @param elevationCorrection  remove the elevation-correlated phase (needs {@code geometry})
 * @param std                  also write the standard deviation of every epoch
 * @param geotiff              also write GeoTIFFs
 * @param threads              worker threads, ≥ 1, or null for all cores
 * @param memoryMb             working memory for blocks, MiB, ≥ 16, or 0 for a share of the JVM heap
 *                             ({@link org.permasar.stack.BlockPlanner#fromHeap})
 * @param maxCubeMb            largest time-series cube kept in memory, MiB; larger ones stream block by block
 *                             into the same HDF5 files
 * @param unwrapCorrection     {@value #NO_CORRECTION}, {@value #PHASE_CLOSURE}, {@value #BRIDGING} or
 *                             {@value #BRIDGING_PHASE_CLOSURE}: integer cycles added per pair and pixel before the
 *                             inversion ({@link org.permasar.unwrap.ComponentBridging},
 *                             {@link org.permasar.unwrap.ClosureCorrection}); null = none
 */
public record InvertParameters(Path stack, Path out, String method, String weight, int looks, List<Integer> refYx,
                               List<Double> refLalo, String refDate, Path geometry, boolean maskConnComp,
                               float minCoherence, Long maxTemporalBaseline, Double maxPerpBaseline,
                               boolean seasonalPairs, List<String> dropDates, String externalRate, double nsbasGamma,
                               double l1Tolerance, double l1Epsilon, int l1Iterations, InversionRun.Ramp ramp,
                               Path tropo, boolean elevationCorrection, boolean std, boolean geotiff, Integer threads,
                               long memoryMb, long maxCubeMb, String unwrapCorrection) {
    /** {@code unwrapCorrection}: no correction. */
    public static final String NO_CORRECTION = "none";
    /** {@code unwrapCorrection}: integer cycles from the closure phase of triplets (Yunjun et al. 2019). */
    public static final String PHASE_CLOSURE = "phase-closure";
    /** {@code unwrapCorrection}: bridging of connected components (Yunjun et al. 2019, §3.1). */
    public static final String BRIDGING = "bridging";
    /** {@code unwrapCorrection}: bridging, then phase closure (MintPy's bridging+phase_closure). */
    public static final String BRIDGING_PHASE_CLOSURE = "bridging+phase-closure";
    /**
     * {@code unwrapCorrection}: phase closure per common connected region, MintPy's variant
     * ({@link org.permasar.unwrap.RegionClosureCorrection}; needs connectComponent).
     */
    public static final String PHASE_CLOSURE_REGION = "phase-closure-region";

    public InvertParameters {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ramp, "ramp");
        InversionMethod.byName(method); // throws on an unknown name
        if (weight != null) {
            WeightFunction.byName(weight);
        }
        if (looks < 0) {
            throw new IllegalArgumentException("--looks must be ≥ 1, got " + looks);
        }
        if (refYx != null && refYx.size() != 2) {
            throw new IllegalArgumentException("--ref-yx needs ROW,COL, got " + refYx);
        }
        if (refLalo != null && refLalo.size() != 2) {
            throw new IllegalArgumentException("--ref-lalo needs LAT,LON, got " + refLalo);
        }
        refYx = refYx == null ? null : List.copyOf(refYx);
        refLalo = refLalo == null ? null : List.copyOf(refLalo);
        if (refDate != null) {
            Dates.parse(refDate);
        }
        if (!(minCoherence >= 0 && minCoherence <= 1)) {
            throw new IllegalArgumentException("--min-coherence must be in [0, 1], got " + minCoherence);
        }
        dropDates = dropDates == null ? List.of() : List.copyOf(dropDates);
        for (String d : dropDates) {
            Dates.parse(d);
        }
        if (elevationCorrection && geometry == null) {
            throw new IllegalArgumentException("--elevation-correction needs --geometry (for the height)");
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be ≥ 1, got " + threads);
        }
        unwrapCorrection = unwrapCorrection == null ? NO_CORRECTION : unwrapCorrection.trim().toLowerCase(Locale.ROOT);
        if (!List.of(NO_CORRECTION, PHASE_CLOSURE, BRIDGING, BRIDGING_PHASE_CLOSURE, PHASE_CLOSURE_REGION)
                .contains(unwrapCorrection)) {
            throw new IllegalArgumentException("--unwrap-correction must be none, phase-closure, bridging, "
                    + "bridging+phase-closure or phase-closure-region, got '" + unwrapCorrection + "'");
        }
        if (memoryMb != 0 && memoryMb < 16) {
            throw new IllegalArgumentException("--memory-mb must be 0 (from the heap) or ≥ 16, got " + memoryMb);
        }
    }

    /** The defaults of {@code permasar invert STACK --out OUT}. */
    public static InvertParameters of(Path stack, Path out) {
        return new InvertParameters(stack, out, "wls", null, 0, null, null, null, null, false, 0f, null, null, false,
                List.of(), null, 0.01, 0.05, 0.05, 30, InversionRun.Ramp.NONE, null, false, false, false, null, 0,
                1024, NO_CORRECTION);
    }

    /** "linear", "quadratic" or "none" (any case) as a ramp. */
    public static InversionRun.Ramp ramp(String name) {
        if (name == null) {
            return InversionRun.Ramp.NONE;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "linear" -> InversionRun.Ramp.LINEAR;
            case "quadratic" -> InversionRun.Ramp.QUADRATIC;
            case "none" -> InversionRun.Ramp.NONE;
            default -> throw new IllegalArgumentException("--ramp must be linear, quadratic or none, got '" + name + "'");
        };
    }

    /** With another estimator and weight (null weight = the method's default). */
    public InvertParameters withMethod(String method, String weight) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With a geometry file (null = none). */
    public InvertParameters withGeometry(Path geometry) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With the per-pixel pair masks. */
    public InvertParameters withMasks(boolean maskConnComp, float minCoherence) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With a longest temporal baseline in days (null = all pairs). */
    public InvertParameters withMaxTemporalBaseline(Long days) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, days, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With corrections: ramp removal and the elevation-correlated phase. */
    public InvertParameters withCorrections(InversionRun.Ramp ramp, boolean elevationCorrection) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With a reference pixel (null = from the stack, else automatic). */
    public InvertParameters withReferencePixel(int[] rowCol) {
        return new InvertParameters(stack, out, method, weight, looks,
                rowCol == null ? null : List.of(rowCol[0], rowCol[1]), refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With the block engine's resources (null threads = all cores). */
    public InvertParameters withResources(Integer threads, long memoryMb) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }

    /** With a correction of unwrapping errors: none, phase-closure, bridging, bridging+phase-closure or phase-closure-region. */
    public InvertParameters withUnwrapCorrection(String correction) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, correction);
    }

    /** With or without the GeoTIFF outputs. */
    public InvertParameters withGeotiff(boolean geotiff) {
        return new InvertParameters(stack, out, method, weight, looks, refYx, refLalo, refDate, geometry, maskConnComp,
                minCoherence, maxTemporalBaseline, maxPerpBaseline, seasonalPairs, dropDates, externalRate, nsbasGamma,
                l1Tolerance, l1Epsilon, l1Iterations, ramp, tropo, elevationCorrection, std, geotiff, threads, memoryMb,
                maxCubeMb, unwrapCorrection);
    }
}

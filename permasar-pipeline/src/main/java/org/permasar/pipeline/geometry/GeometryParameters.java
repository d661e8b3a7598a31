package org.permasar.pipeline.geometry;

import java.nio.file.Path;
import java.util.Objects;
import org.permasar.geometry.DirectionThresholds;

/**
 * Settings of the geometry step ({@link GeometryStep}): what {@code permasar geometry} parses from its
 * options and what {@code permasar run} builds from its configuration. Validated on construction (an
 * {@link IllegalArgumentException} names the offending values); {@code withX} methods return modified
 * copies. {@link #of} holds the defaults (seed 002 Table 1): the command's options and the configuration
 * schema are checked against it.
 *
 * <p>Immutable and thread-safe; {@link #toString()} is deterministic and lists every setting (the chain
 * uses it as the step's fingerprint).
 *
 * @param asc                ascending MintPy velocity product
 * @param desc               descending MintPy velocity product
 * @param ascGeometry        ascending geometry (incidenceAngle, azimuthAngle in degrees, MintPy convention)
 * @param descGeometry       descending geometry
 * @param out                output folder
 * @param rateTolerance      largest | |v_a| − |v_d| | of similar rates, m/yr, ≥ 0
 * @param amplitudeTolerance largest |A_a − A_d| of similar seasonal amplitudes, m, ≥ 0
 * @param inPhaseDays        in-phase window, days, ≥ 0
 * @param antiPhaseDays      anti-phase centre, days, (0, 182.625]
 * @param antiPhaseTolerance anti-phase half width, days, ≥ 0 (windows must not overlap)
 * @param stableSigmas       k of the stable class (code 4): rates (or seasonal amplitudes) within k·σ of zero on
 *                           both tracks, σ the fit's velocityStd (seasonalAmplitudeStd); finite, ≥ 0
 */
public record GeometryParameters(Path asc, Path desc, Path ascGeometry, Path descGeometry, Path out,
                                 double rateTolerance, double amplitudeTolerance, double inPhaseDays,
                                 double antiPhaseDays, double antiPhaseTolerance, double stableSigmas) {
    /** Default rate tolerance, m/yr. */
    public static final double RATE_TOLERANCE = 0.005;
    /** Default amplitude tolerance, m. */
    public static final double AMPLITUDE_TOLERANCE = 0.005;
    /** Default in-phase window, days. */
    public static final double IN_PHASE_DAYS = 30;
    /** Default anti-phase centre, days. */
    public static final double ANTI_PHASE_DAYS = 180;
    /** Default anti-phase half width, days. */
    public static final double ANTI_PHASE_TOLERANCE = 30;
    /** Default k of the stable test: within 2σ of zero on both tracks is not significant (SCIENCE.md §5). */
    public static final double STABLE_SIGMAS = 2;

    public GeometryParameters {
        Objects.requireNonNull(asc, "asc");
        Objects.requireNonNull(desc, "desc");
        Objects.requireNonNull(ascGeometry, "ascGeometry");
        Objects.requireNonNull(descGeometry, "descGeometry");
        Objects.requireNonNull(out, "out");
        if (samePath(asc, desc)) {
            throw new IllegalArgumentException("--asc and --desc name the same product " + asc
                    + ": east and up need one ascending and one descending track");
        }
        if (samePath(ascGeometry, descGeometry)) {
            throw new IllegalArgumentException("--asc-geometry and --desc-geometry name the same file " + ascGeometry
                    + ": east and up need the look directions of two tracks");
        }
        new DirectionThresholds(rateTolerance, amplitudeTolerance, inPhaseDays, antiPhaseDays, antiPhaseTolerance,
                stableSigmas);
    }

    /** The defaults of {@code permasar geometry --asc … --desc … --asc-geometry … --desc-geometry … --out OUT}. */
    public static GeometryParameters of(Path asc, Path desc, Path ascGeometry, Path descGeometry, Path out) {
        return new GeometryParameters(asc, desc, ascGeometry, descGeometry, out, RATE_TOLERANCE, AMPLITUDE_TOLERANCE,
                IN_PHASE_DAYS, ANTI_PHASE_DAYS, ANTI_PHASE_TOLERANCE, STABLE_SIGMAS);
    }

    /** With other classification thresholds. */
    public GeometryParameters withThresholds(double rate, double amplitude, double inPhase, double antiPhase,
                                             double antiPhaseHalfWidth) {
        return new GeometryParameters(asc, desc, ascGeometry, descGeometry, out, rate, amplitude, inPhase, antiPhase,
                antiPhaseHalfWidth, stableSigmas);
    }

    /** With another k of the stable test. */
    public GeometryParameters withStableSigmas(double k) {
        return new GeometryParameters(asc, desc, ascGeometry, descGeometry, out, rateTolerance, amplitudeTolerance,
                inPhaseDays, antiPhaseDays, antiPhaseTolerance, k);
    }

    /** The same file named twice (compared as absolute, normalised paths; links are not followed). */
    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The thresholds as the classifier takes them. */
    public DirectionThresholds thresholds() {
        return new DirectionThresholds(rateTolerance, amplitudeTolerance, inPhaseDays, antiPhaseDays, antiPhaseTolerance,
                stableSigmas);
    }
}

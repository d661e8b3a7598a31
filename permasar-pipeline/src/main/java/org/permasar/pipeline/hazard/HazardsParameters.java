package org.permasar.pipeline.hazard;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.permasar.hazard.BufferRings;

/**
 * Settings of the hazards step ({@link HazardsStep}, SCIENCE.md §6 "Thermokarst hazard inventory"): what
 * {@code permasar hazards} parses from its options. Validated on construction ({@link IllegalArgumentException}
 * naming the option); immutable; {@link #toString()} lists every setting.
 *
 * @param lines       corridor lines (railway, highway, pipeline): GeoJSON or Shapefile, any CRS
 * @param features    hazard layers by name (thaw slumps, lakes): GeoJSON or Shapefile; file order kept; may be empty
 * @param buffers     buffer distances, m (default 500, 1000, 1500, 2000)
 * @param epsg        projected CRS for buffering, EPSG code with metre units; 0 picks the UTM zone of the lines' centre
 * @param deformation velocity product (MintPy velocity.h5 or a GeoTIFF; m/yr, positive towards the satellite), or null
 * @param binKm       chainage bin of the profile, km, &gt; 0
 * @param thresholdMm subsidence-rate threshold of the profile's "share faster", mm/yr, ≥ 0
 * @param out         output folder
 * @param kmAttribute chainage from kilometre posts: the numeric attribute holding each post's km, or null for the
 *                    length from the line's start
 * @param kmPosts     the posts (point features, any CRS); null: the point features of {@code lines}
 * @param measures    chainage from the measures (M values) of the lines' vertices, in this unit
 *                    ({@link org.permasar.hazard.Chainage#fromMeasures}); null: not from measures. Excludes
 *                    {@code kmAttribute}
 */
public record HazardsParameters(Path lines, Map<String, Path> features, BufferRings buffers, int epsg, Path deformation,
                                double binKm, double thresholdMm, Path out, String kmAttribute, Path kmPosts,
                                MeasureUnit measures) {
    /** Unit of the line vertices' measures (M values) when the chainage comes from them. */
    public enum MeasureUnit {
        /** Measures in kilometres. */
        KM(1.0),
        /** Measures in metres. */
        M(0.001);

        private final double km;

        MeasureUnit(double km) {
            this.km = km;
        }

        /** Kilometres per measure unit. */
        public double km() {
            return km;
        }

        /** "km" or "m" (case-insensitive); refused naming {@code option}. */
        public static MeasureUnit parse(String text, String option) {
            for (MeasureUnit u : values()) {
                if (u.name().equalsIgnoreCase(text.trim())) {
                    return u;
                }
            }
            throw new IllegalArgumentException(option + " must be km or m, got '" + text + "'");
        }
    }

    /** Default profile bin, km. */
    public static final double BIN_KM = 1.0;
    /** Default subsidence threshold, mm/yr. */
    public static final double THRESHOLD_MM = 10.0;

    public HazardsParameters {
        Objects.requireNonNull(lines, "--lines");
        Objects.requireNonNull(out, "--out");
        features = features == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(features));
        buffers = buffers == null ? BufferRings.DEFAULT : buffers;
        if (epsg < 0) {
            throw new IllegalArgumentException("--epsg must be an EPSG code (or 0 for the UTM zone of the lines), got " + epsg);
        }
        if (!(binKm > 0) || Double.isInfinite(binKm)) {
            throw new IllegalArgumentException("--bin-km must be finite and > 0, got " + binKm);
        }
        if (!(thresholdMm >= 0) || Double.isInfinite(thresholdMm)) {
            throw new IllegalArgumentException("--threshold must be finite and ≥ 0 mm/yr, got " + thresholdMm);
        }
        if (kmAttribute != null && kmAttribute.isBlank()) {
            kmAttribute = null;
        }
        if (measures != null && kmAttribute != null) {
            throw new IllegalArgumentException("--chainage m (the lines' measures) and --km-attribute " + kmAttribute
                    + " (kilometre posts) are two sources of chainage: give one");
        }
        if (kmPosts != null && kmAttribute == null) {
            throw new IllegalArgumentException("--km-posts " + kmPosts + " needs --km-attribute NAME (the posts' km)");
        }
        for (String name : features.keySet()) {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("--features " + name + "=FILE: a layer name must be letters, digits, "
                        + "'_', '.' or '-'");
            }
        }
    }

    /** Chainage from the line's start (no kilometre posts). */
    public HazardsParameters(Path lines, Map<String, Path> features, BufferRings buffers, int epsg, Path deformation,
                             double binKm, double thresholdMm, Path out) {
        this(lines, features, buffers, epsg, deformation, binKm, thresholdMm, out, null, null, null);
    }

    /** The defaults for these lines and output folder. */
    public static HazardsParameters of(Path lines, Path out) {
        return new HazardsParameters(lines, Map.of(), BufferRings.DEFAULT, 0, null, BIN_KM, THRESHOLD_MM, out);
    }

    /**
     * The measure unit of a chainage source: null for {@code length} (from the line's start, or between kilometre
     * posts), the unit for {@code m} (the vertices' measures); anything else refused naming {@code option} and
     * {@code unitOption} (the command's or the configuration's spelling).
     */
    public static MeasureUnit measures(String chainage, String unit, String option, String unitOption) {
        return switch (chainage.trim()) {
            case "length" -> null;
            case "m" -> MeasureUnit.parse(unit, unitOption);
            default -> throw new IllegalArgumentException(option + " must be length or m, got '" + chainage + "'");
        };
    }

    /** A copy with chainage from the kilometre posts among the point features of {@link #lines} (null: none). */
    public HazardsParameters withKmAttribute(String attribute) {
        return new HazardsParameters(lines, features, buffers, epsg, deformation, binKm, thresholdMm, out, attribute,
                kmPosts, measures);
    }

    /** A copy with kilometre posts read from this file (any CRS) and their km from {@code attribute}. */
    public HazardsParameters withKmPosts(Path posts, String attribute) {
        return new HazardsParameters(lines, features, buffers, epsg, deformation, binKm, thresholdMm, out, attribute,
                posts, measures);
    }

    /** A copy with the chainage from the lines' vertex measures in {@code unit} (null: not from measures). */
    public HazardsParameters withMeasures(MeasureUnit unit) {
        return new HazardsParameters(lines, features, buffers, epsg, deformation, binKm, thresholdMm, out, kmAttribute,
                kmPosts, unit);
    }

    /** A copy with these hazard layers. */
    public HazardsParameters withFeatures(Map<String, Path> layers) {
        return new HazardsParameters(lines, layers, buffers, epsg, deformation, binKm, thresholdMm, out, kmAttribute,
                kmPosts, measures);
    }
}

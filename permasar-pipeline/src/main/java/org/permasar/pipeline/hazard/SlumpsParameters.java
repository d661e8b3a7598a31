package org.permasar.pipeline.hazard;

import java.nio.file.Path;
import java.util.Objects;
import org.permasar.hazard.SlumpSeriesClassifier;

/**
 * Settings of the slump-classes step ({@link SlumpsStep}, SCIENCE.md §6 "Time-series classes for thaw slumps", seed
 * 004): what {@code permasar slumps} parses from its options. Validated on construction ({@link
 * IllegalArgumentException} naming the option); immutable.
 *
 * @param timeseries    MintPy timeseries.h5 (or a Zarr store), metres
 * @param polygons      slump polygons (GeoJSON or Shapefile, any CRS) classed by their mean series, or null
 * @param idAttribute   attribute naming each polygon in the outputs, or null (then the feature's index)
 * @param classifier    thresholds in mm and mm/yr, and whether the annual sinusoid is fitted jointly
 * @param out           output folder
 */
public record SlumpsParameters(Path timeseries, Path polygons, String idAttribute, SlumpSeriesClassifier classifier,
                               Path out) {
    public SlumpsParameters {
        Objects.requireNonNull(timeseries, "--timeseries");
        Objects.requireNonNull(out, "--out");
        classifier = classifier == null ? defaults() : classifier;
        if (idAttribute != null && idAttribute.isBlank()) {
            idAttribute = null;
        }
    }

    /** 5 mm/yr, a change of 10 mm/yr, BIC margin 10, 4 dates a side, annual sinusoid fitted jointly. */
    public static SlumpSeriesClassifier defaults() {
        return SlumpSeriesClassifier.millimetreDefaults().withAnnual(true);
    }

    /** Classifier from the command's options, each refused by name when out of range. */
    public static SlumpSeriesClassifier classifier(double rateThreshold, double minRateChange, double bicMargin,
                                                   int minSide, boolean annual) {
        if (!(rateThreshold > 0) || Double.isInfinite(rateThreshold)) {
            throw new IllegalArgumentException("--rate-threshold must be finite and > 0 mm/yr, got " + rateThreshold);
        }
        if (!(minRateChange > 0) || Double.isInfinite(minRateChange)) {
            throw new IllegalArgumentException("--min-rate-change must be finite and > 0 mm/yr, got " + minRateChange);
        }
        if (!(bicMargin >= 0) || Double.isInfinite(bicMargin)) {
            throw new IllegalArgumentException("--bic-margin must be finite and ≥ 0, got " + bicMargin);
        }
        if (minSide < 2) {
            throw new IllegalArgumentException("--min-side must be ≥ 2 dates, got " + minSide);
        }
        return new SlumpSeriesClassifier(rateThreshold, minRateChange, bicMargin, minSide, annual);
    }
}

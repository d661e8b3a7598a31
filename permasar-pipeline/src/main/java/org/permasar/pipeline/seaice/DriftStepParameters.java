package org.permasar.pipeline.seaice;

import java.nio.file.Path;
import org.permasar.seaice.DriftParameters;

/**
 * Settings of the sea-ice drift step ({@link DriftStep}): what {@code permasar drift} parses. Validated on
 * construction; the tracking settings by {@link DriftParameters}. Immutable.
 *
 * @param reference  first SAR image (GeoTIFF, band {@code band}), dB or amplitude
 * @param secondary  second image on the same grid
 * @param band       band of both, 1-based
 * @param tracking   keypoint, matching and filter settings; its {@code maxDisplacement} is replaced by the
 *                   one implied by {@code maxSpeed} when that is given and a pixel size and time are known
 * @param toDb       convert linear intensity (σ⁰ or β⁰ power) to dB first: 10·log10, non-positive → NaN
 * @param days       time from reference to secondary, days (may be a fraction), NaN when unknown (then no
 *                   km/day)
 * @param pixelSize  ground pixel size, metres, for grids without a projected CRS; NaN otherwise
 * @param maxSpeed   largest drift speed accepted, km/day, or NaN to use {@code tracking.maxDisplacement()}
 * @param out        output folder
 */
public record DriftStepParameters(Path reference, Path secondary, int band, DriftParameters tracking, boolean toDb, double days,
                                  double pixelSize, double maxSpeed, Path out) {
    public DriftStepParameters {
        if (reference == null || secondary == null || tracking == null || out == null) {
            throw new IllegalArgumentException("need a reference, a secondary, tracking settings and an output folder");
        }
        if (band < 1) {
            throw new IllegalArgumentException("band must be ≥ 1, got " + band);
        }
        if (!Double.isNaN(days) && !(days > 0 && Double.isFinite(days))) {
            throw new IllegalArgumentException("days between the images must be > 0, got " + days);
        }
        if (!Double.isNaN(pixelSize) && !(pixelSize > 0 && Double.isFinite(pixelSize))) {
            throw new IllegalArgumentException("pixel size must be > 0 metres, got " + pixelSize);
        }
        if (!Double.isNaN(maxSpeed) && !(maxSpeed > 0 && Double.isFinite(maxSpeed))) {
            throw new IllegalArgumentException("largest speed must be > 0 km/day, got " + maxSpeed);
        }
    }
}

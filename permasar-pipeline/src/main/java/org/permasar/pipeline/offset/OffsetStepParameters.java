package org.permasar.pipeline.offset;

import java.nio.file.Path;
import org.permasar.offset.OffsetParameters;

/**
 * Settings of the offset-tracking step ({@link OffsetStep}): what {@code permasar offsets} parses from
 * its options. Validated on construction ({@link IllegalArgumentException} naming the value); the
 * tracking settings are checked by {@link OffsetParameters}. Immutable.
 *
 * @param reference  reference image (GeoTIFF; band {@code band})
 * @param secondary  secondary image, same size as the reference
 * @param band       band to read from both, 1-based
 * @param tracking   chip, search, step, thresholds
 * @param prior      a-priori offsets raster on the reference grid (same size): band 1 row offsets, band 2
 *                   column offsets, pixels, read at each chip centre (NaN = no prior there); or null
 * @param priorDr    a-priori row offset, pixels (0 for none), applied at every node (added to {@code prior})
 * @param priorDc    a-priori column offset, pixels
 * @param days       time between the acquisitions, days (secondary minus reference), NaN when unknown
 *                   (then no velocity bands)
 * @param pixelSize  ground pixel size, metres, for images that are not georeferenced; NaN otherwise
 * @param out        output folder
 */
public record OffsetStepParameters(Path reference, Path secondary, int band, OffsetParameters tracking, Path prior, double priorDr,
        double priorDc, double days, double pixelSize, Path out) {
    public OffsetStepParameters {
        if (reference == null || secondary == null || out == null || tracking == null) {
            throw new IllegalArgumentException("need a reference, a secondary, tracking settings and an output folder");
        }
        if (band < 1) {
            throw new IllegalArgumentException("band must be ≥ 1, got " + band);
        }
        if (!Double.isFinite(priorDr) || !Double.isFinite(priorDc) || Math.abs(priorDr) > 1e5 || Math.abs(priorDc) > 1e5) {
            throw new IllegalArgumentException("a-priori offsets must be finite pixels (|x| ≤ 100000), got " + priorDr + ", "
                    + priorDc);
        }
        if (!Double.isNaN(days) && !(days != 0 && Double.isFinite(days))) {
            throw new IllegalArgumentException("days between the images must be non-zero and finite, got " + days);
        }
        if (!Double.isNaN(pixelSize) && !(pixelSize > 0 && Double.isFinite(pixelSize))) {
            throw new IllegalArgumentException("pixel size must be > 0 metres, got " + pixelSize);
        }
    }
}

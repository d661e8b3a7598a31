package org.permasar.pipeline.offset;

import java.nio.file.Path;
import org.permasar.offset.VelocityTimeSeries;

/**
 * Settings of the velocity-series step ({@link VelocitySeriesStep}): what {@code permasar velocity-series}
 * parses. Validated on construction; the solver's settings by {@link VelocityTimeSeries.Settings}. Immutable.
 *
 * @param pairs      CSV table of offset pairs: header {@code file,sensor,date1,date2} and optionally
 *                   {@code pixel_size}; {@code file} an {@code offsets.tif} of {@code permasar offsets}
 *                   (relative paths from the table's folder), {@code sensor} S1 (SAR) or S2 (optical: carries
 *                   a mosaicking offset per pair), dates YYYY-MM-DD or YYYYMMDD, {@code pixel_size} the input
 *                   images' ground pixel in metres (needed when the offsets are not in a projected CRS)
 * @param stableMask GeoTIFF on the offsets' grid, non-zero = stable ice, or null to select stable ice by speed
 * @param settings   solver settings (gross-error k and floor, stable-ice speed)
 * @param out        output folder
 */
public record VelocitySeriesStepParameters(Path pairs, Path stableMask, VelocityTimeSeries.Settings settings, Path out) {
    public VelocitySeriesStepParameters {
        if (pairs == null || settings == null || out == null) {
            throw new IllegalArgumentException("need a pairs table, solver settings and an output folder");
        }
    }
}

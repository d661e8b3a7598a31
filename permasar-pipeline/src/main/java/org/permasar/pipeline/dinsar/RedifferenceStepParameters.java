package org.permasar.pipeline.dinsar;

import java.nio.file.Path;

/**
 * Settings of the re-differencing step ({@link RedifferenceStep}): what {@code permasar redifference}
 * parses. All rasters are on the interferogram's grid (same rows and columns). Validated here. Immutable.
 *
 * @param ifg                 wrapped interferogram phase, radians (GeoTIFF)
 * @param ifgBand             its band, 1-based
 * @param rangeOffset         slant-range offsets, pixels (e.g. the colOffset band of {@code permasar offsets} on
 *                            radar geometry, resampled to the interferogram grid), or null
 * @param rangeOffsetBand     its band, 1-based
 * @param rangePixel          slant-range pixel spacing, m (with rangeOffset)
 * @param rangeVelocity       slant-range velocity, m/day (e.g. a monthly or annual field projected on the line of
 *                            sight, range increase positive), or null; exactly one of rangeOffset, rangeVelocity
 * @param days                time span of the interferogram, days (with rangeVelocity)
 * @param wavelength          radar wavelength, m
 * @param azimuthOffset       azimuth offsets, pixels, or null for no TOPS azimuth term
 * @param azimuthTimeInterval azimuth time between lines, s (with azimuthOffset)
 * @param doppler             Doppler centroid raster, Hz, or null to build it from burstLines and dopplerSpan
 * @param burstLines          lines per burst (with azimuthOffset and no doppler raster), else 0
 * @param dopplerSpan         Doppler centroid sweep across a burst, Hz (with burstLines)
 * @param out                 output folder
 */
public record RedifferenceStepParameters(Path ifg, int ifgBand, Path rangeOffset, int rangeOffsetBand, double rangePixel,
                                         Path rangeVelocity, double days, double wavelength, Path azimuthOffset,
                                         double azimuthTimeInterval, Path doppler, int burstLines, double dopplerSpan, Path out) {
    public RedifferenceStepParameters {
        if (ifg == null || out == null) {
            throw new IllegalArgumentException("need an interferogram and an output folder");
        }
        if ((rangeOffset == null) == (rangeVelocity == null)) {
            throw new IllegalArgumentException("give exactly one of --range-offset and --range-velocity");
        }
        if (ifgBand < 1 || rangeOffsetBand < 1) {
            throw new IllegalArgumentException("bands are 1-based, got " + ifgBand + " and " + rangeOffsetBand);
        }
        if (rangeOffset != null && !(rangePixel > 0 && Double.isFinite(rangePixel))) {
            throw new IllegalArgumentException("--range-pixel must be > 0 metres with --range-offset, got " + rangePixel);
        }
        if (rangeVelocity != null && !(days > 0 && Double.isFinite(days))) {
            throw new IllegalArgumentException("--days must be > 0 with --range-velocity, got " + days);
        }
        if (!(wavelength > 0 && Double.isFinite(wavelength))) {
            throw new IllegalArgumentException("--wavelength must be > 0 metres, got " + wavelength);
        }
        if (azimuthOffset != null) {
            if (!(azimuthTimeInterval > 0 && Double.isFinite(azimuthTimeInterval))) {
                throw new IllegalArgumentException("--azimuth-time-interval must be > 0 s with --azimuth-offset, got " + azimuthTimeInterval);
            }
            if (doppler == null && (burstLines < 2 || !Double.isFinite(dopplerSpan))) {
                throw new IllegalArgumentException("--azimuth-offset needs --doppler FILE or --burst-lines N (≥ 2) with --doppler-span HZ");
            }
        }
    }
}

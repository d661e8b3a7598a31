package org.permasar.pipeline.snow;

import java.nio.file.Path;
import java.util.List;
import org.permasar.snow.MeltParameters;

/**
 * Settings of the melt step ({@link MeltStep}): what {@code permasar melt} parses. Validated on
 * construction; the detection settings by {@link MeltParameters}. Immutable.
 *
 * @param sigma0 multi-band GeoTIFF of σ⁰ in dB, one band per acquisition
 * @param dates  text file with one date (YYYY-MM-DD or YYYYMMDD) per band, or null to read the dates from
 *               the band descriptions
 * @param melt   detection settings
 * @param sites  pixels whose series are written to {@code melt_sites.csv}, as {row, col} (0-based)
 * @param out    output folder
 */
public record MeltStepParameters(Path sigma0, Path dates, MeltParameters melt, List<int[]> sites, Path out) {
    public MeltStepParameters {
        if (sigma0 == null || melt == null || out == null) {
            throw new IllegalArgumentException("need a σ⁰ file, melt settings and an output folder");
        }
        sites = sites == null ? List.of() : List.copyOf(sites);
        for (int[] s : sites) {
            if (s.length != 2 || s[0] < 0 || s[1] < 0) {
                throw new IllegalArgumentException("a site is a pixel row,col ≥ 0, got " + java.util.Arrays.toString(s));
            }
        }
    }
}

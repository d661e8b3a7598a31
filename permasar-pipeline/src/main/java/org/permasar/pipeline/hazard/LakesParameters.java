package org.permasar.pipeline.hazard;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the lake-mapping step ({@link LakesStep}, SCIENCE.md §6 "Thermokarst lakes from optical imagery"):
 * what {@code permasar lakes} parses from its options. Validated on construction ({@link IllegalArgumentException}
 * naming the option); immutable.
 *
 * @param green     green band GeoTIFF (reflectance or DN; Landsat 8/9 B3, Sentinel-2 B03)
 * @param second    NIR band (NDWI; Landsat B5, Sentinel-2 B08) or SWIR band (MNDWI; Landsat B6, Sentinel-2 B11), same
 *                  grid
 * @param swir      true when {@code second} is SWIR (the index is then MNDWI)
 * @param threshold water where the index exceeds it; NaN: Otsu's threshold of the scene
 * @param minPixels water bodies of fewer pixels are dropped, ≥ 1
 * @param out       output folder
 * @param fillHolesBelow holes in the water mask (land enclosed by water, 8-connected) of fewer pixels are filled
 *                  before the lakes are labelled; 0: none ({@code --fill-holes-below})
 */
public record LakesParameters(Path green, Path second, boolean swir, double threshold, int minPixels, Path out,
                              int fillHolesBelow) {
    /** Histogram bins of Otsu's threshold. */
    public static final int OTSU_BINS = 256;
    /** Default threshold: Otsu's. */
    public static final String THRESHOLD = "otsu";
    /** Default smallest water body kept, pixels. */
    public static final int MIN_PIXELS = 4;

    public LakesParameters {
        Objects.requireNonNull(green, "--green");
        Objects.requireNonNull(second, "--nir or --swir");
        Objects.requireNonNull(out, "--out");
        if (!Double.isNaN(threshold) && !(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be otsu or a number within −1 … 1, got " + threshold);
        }
        if (minPixels < 1) {
            throw new IllegalArgumentException("--min-pixels must be ≥ 1, got " + minPixels);
        }
        if (fillHolesBelow < 0) {
            throw new IllegalArgumentException("--fill-holes-below must be ≥ 0 pixels, got " + fillHolesBelow);
        }
    }

    /** Without hole filling. */
    public LakesParameters(Path green, Path second, boolean swir, double threshold, int minPixels, Path out) {
        this(green, second, swir, threshold, minPixels, out, 0);
    }

    /** "otsu" → NaN, else the number; refused naming the option. */
    public static double parseThreshold(String text) {
        if (text.trim().equalsIgnoreCase("otsu")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold must be otsu or a number, got '" + text + "'");
        }
    }
}

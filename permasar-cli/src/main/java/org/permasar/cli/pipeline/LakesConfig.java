package org.permasar.cli.pipeline;

import java.nio.file.Path;
import org.permasar.pipeline.hazard.LakesParameters;

/**
 * The {@code [lakes]} section of a configuration as {@link LakesParameters}: {@code lakes.green} and one of
 * {@code lakes.nir} (NDWI) or {@code lakes.swir} (MNDWI), paths resolved against the configuration's folder, written
 * to {@code DIR/lakes/}. Its {@code lakes.geojson} feeds the hazards step (as the layer {@value #LAYER}, unless
 * {@code hazards.features} has a layer of that name) and the lake-density step (unless {@code lakeDensity.lakes} is
 * set). Stateless.
 */
final class LakesConfig {
    /** Output folder of the step under the run's folder. */
    static final String DIR = "lakes";
    /** Name of the layer the step's lakes are in the hazards step. */
    static final String LAYER = "lakes";

    private LakesConfig() {
    }

    /** True when the step is configured (lakes.green set). */
    static boolean enabled(PipelineConfig cfg) {
        return !cfg.text("lakes.green").isBlank();
    }

    /** The lakes the step writes, {@code DIR/lakes/lakes.geojson}. */
    static Path output(PipelineConfig cfg) {
        return cfg.outDir().resolve(DIR).resolve("lakes.geojson");
    }

    /** The step's parameters (validated; a bad value names its key). */
    static LakesParameters parameters(PipelineConfig cfg) {
        Path nir = cfg.path("lakes.nir");
        Path swir = cfg.path("lakes.swir");
        if (nir == null && swir == null) {
            throw new IllegalArgumentException(cfg.file() + ": lakes.green is set but neither lakes.nir (NDWI) nor "
                    + "lakes.swir (MNDWI): give one");
        }
        if (nir != null && swir != null) {
            throw new IllegalArgumentException(cfg.file() + ": lakes.nir and lakes.swir are both set: give one (NDWI "
                    + "from green and NIR, or MNDWI from green and SWIR)");
        }
        String t = cfg.text("lakes.threshold").trim();
        double threshold;
        try {
            threshold = LakesParameters.parseThreshold(t);
        } catch (IllegalArgumentException e) {
            threshold = Double.POSITIVE_INFINITY;
        }
        if (!Double.isNaN(threshold) && !(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException(cfg.file() + ": lakes.threshold: expected otsu or a number within -1 … 1 "
                    + "(exclusive), found '" + t + "'");
        }
        return new LakesParameters(cfg.path("lakes.green"), swir != null ? swir : nir, swir != null, threshold,
                (int) cfg.integer("lakes.minPixels"), cfg.outDir().resolve(DIR), (int) cfg.integer("lakes.fillHolesBelow"));
    }

    /** Refuses a band given without {@code lakes.green} (the step would silently not run). */
    static void checkUnused(PipelineConfig cfg) {
        for (String k : new String[] {"lakes.nir", "lakes.swir"}) {
            if (!cfg.text(k).isBlank()) {
                throw new IllegalArgumentException(cfg.file() + ": " + k + " is set but lakes.green is not: the lakes "
                        + "step needs the green band too");
            }
        }
    }
}

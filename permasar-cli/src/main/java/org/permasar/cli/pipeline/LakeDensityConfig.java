package org.permasar.cli.pipeline;

import java.nio.file.Path;
import org.permasar.pipeline.hazard.LakeDensityParameters;

/**
 * The {@code [lakeDensity]} section of a configuration as {@link LakeDensityParameters}: the lakes of
 * {@code lakeDensity.lakes} (resolved against the configuration's folder) or, when it is empty, those the lakes step
 * writes ({@link LakesConfig#output}), against the first track's {@code velocity.h5} (its velocity and
 * seasonalAmplitude), written to {@code DIR/lake-density/}. Stateless.
 */
final class LakeDensityConfig {
    /** Output folder of the step under the run's folder. */
    static final String DIR = "lake-density";

    private LakeDensityConfig() {
    }

    /** True when the step is configured (lakeDensity.enabled = true). */
    static boolean enabled(PipelineConfig cfg) {
        return cfg.bool("lakeDensity.enabled");
    }

    /** True when the lakes come from the lakes step (lakeDensity.lakes empty). */
    static boolean fromLakesStep(PipelineConfig cfg) {
        return cfg.path("lakeDensity.lakes") == null;
    }

    /** The step's parameters (validated; a bad value names its key). */
    static LakeDensityParameters parameters(PipelineConfig cfg) {
        Path lakes = cfg.path("lakeDensity.lakes");
        if (lakes == null) {
            if (!LakesConfig.enabled(cfg)) {
                throw new IllegalArgumentException(cfg.file() + ": lakeDensity.enabled = true needs lake polygons: set "
                        + "lakeDensity.lakes, or map them with the lakes step (lakes.green and lakes.nir or lakes.swir)");
            }
            lakes = LakesConfig.output(cfg);
        }
        double[] bins;
        try {
            bins = LakeDensityParameters.parseBins(cfg.text("lakeDensity.bins"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg.file() + ": lakeDensity.bins: " + e.getMessage().replace("--bins: ", ""),
                    e);
        }
        Path velocity = cfg.outDir().resolve(cfg.tracks().get(0)).resolve("velocity.h5");
        try {
            return new LakeDensityParameters(lakes, velocity, null, cfg.number("lakeDensity.cell"),
                    cfg.number("lakeDensity.minCoverage"), (int) cfg.integer("lakeDensity.classes"), bins,
                    cfg.outDir().resolve(DIR), positiveOrNaN(cfg.number("lakeDensity.window")),
                    positiveOrNaN(cfg.number("lakeDensity.step")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg.file() + ": [lakeDensity]: " + e.getMessage().replace("--bins",
                    "lakeDensity.bins"), e);
        }
    }

    /** 0 (the configuration's "not set") as NaN, the parameters' "not set". */
    private static double positiveOrNaN(double v) {
        return v > 0 ? v : Double.NaN;
    }
}

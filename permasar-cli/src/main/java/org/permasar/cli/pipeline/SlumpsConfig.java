package org.permasar.cli.pipeline;

import java.nio.file.Path;
import org.permasar.pipeline.hazard.SlumpsParameters;

/**
 * The {@code [slumps]} section of a configuration as {@link SlumpsParameters}: the first track's
 * {@code timeseries.h5}, the optional {@code slumps.polygons} (path resolved against the configuration's folder) and
 * the classifier's thresholds, written to {@code DIR/slumps/}. Stateless.
 */
final class SlumpsConfig {
    /** Output folder of the step under the run's folder. */
    static final String DIR = "slumps";

    private SlumpsConfig() {
    }

    /** True when the step is configured (slumps.enabled = true). */
    static boolean enabled(PipelineConfig cfg) {
        return cfg.bool("slumps.enabled");
    }

    /** The step's parameters (validated; a bad value names its key). */
    static SlumpsParameters parameters(PipelineConfig cfg) {
        Path polygons = cfg.path("slumps.polygons");
        String id = cfg.text("slumps.id").trim();
        if (!id.isEmpty() && polygons == null) {
            throw new IllegalArgumentException(cfg.file() + ": slumps.id = " + id + " names a polygon attribute, but "
                    + "slumps.polygons is empty");
        }
        Path ts = cfg.outDir().resolve(cfg.tracks().get(0)).resolve("timeseries.h5");
        try {
            return new SlumpsParameters(ts, polygons, id.isEmpty() ? null : id, SlumpsParameters.classifier(
                    cfg.number("slumps.rateThreshold"), cfg.number("slumps.minRateChange"), cfg.number("slumps.bicMargin"),
                    (int) cfg.integer("slumps.minSide"), cfg.bool("slumps.annual")), cfg.outDir().resolve(DIR));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg.file() + ": [slumps]: " + e.getMessage(), e);
        }
    }
}

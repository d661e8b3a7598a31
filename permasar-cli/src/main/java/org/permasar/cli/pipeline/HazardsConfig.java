package org.permasar.cli.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.permasar.hazard.BufferRings;
import org.permasar.pipeline.hazard.HazardsParameters;

/**
 * The {@code [hazards]} section of a configuration as {@link HazardsParameters}: {@code hazards.lines} and the
 * layers of {@code hazards.features} (paths resolved against the configuration's folder), the first track's
 * {@code velocity.h5} as the deformation, written to {@code DIR/hazards/}; with a lakes step, its lakes as the layer
 * {@code lakes} unless hazards.features has one of that name ({@link #lakesFromStep}). Stateless.
 */
final class HazardsConfig {
    /** Output folder of the step under the run's folder. */
    static final String DIR = "hazards";

    private HazardsConfig() {
    }

    /** True when the step is configured (hazards.lines set). */
    static boolean enabled(PipelineConfig cfg) {
        return !cfg.text("hazards.lines").isBlank();
    }

    /**
     * True when the lakes step's lakes join the hazard layers: the lakes step is configured and hazards.features has
     * no layer named {@value LakesConfig#LAYER} of its own.
     */
    static boolean lakesFromStep(PipelineConfig cfg) {
        if (!LakesConfig.enabled(cfg)) {
            return false;
        }
        for (String item : cfg.text("hazards.features").split(";")) {
            int eq = item.indexOf('=');
            if (eq > 0 && item.substring(0, eq).trim().equals(LakesConfig.LAYER)) {
                return false;
            }
        }
        return true;
    }

    /** The step's parameters (validated; a bad value names its key). */
    static HazardsParameters parameters(PipelineConfig cfg) {
        Path base = cfg.file().toAbsolutePath().getParent();
        Map<String, Path> features = new LinkedHashMap<>();
        for (String item : cfg.text("hazards.features").split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.trim().length() - 1) {
                throw new IllegalArgumentException(cfg.file() + ": hazards.features: expected NAME=FILE, found '"
                        + item.trim() + "'");
            }
            String name = item.substring(0, eq).trim();
            Path file = base.resolve(item.substring(eq + 1).trim()).normalize();
            if (features.put(name, file) != null) {
                throw new IllegalArgumentException(cfg.file() + ": hazards.features: layer " + name + " given twice");
            }
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException(cfg.file() + ": hazards.features: " + name + "=" + file
                        + ": no such file");
            }
        }
        if (lakesFromStep(cfg)) {
            features.put(LakesConfig.LAYER, LakesConfig.output(cfg));
        }
        Path velocity = cfg.outDir().resolve(cfg.tracks().get(0)).resolve("velocity.h5");
        String km = cfg.text("hazards.kmAttribute").trim();
        try {
            return new HazardsParameters(cfg.path("hazards.lines"), features, BufferRings.parse(cfg.text("hazards.buffers")),
                    (int) cfg.integer("hazards.epsg"), velocity, cfg.number("hazards.binKm"), cfg.number("hazards.threshold"),
                    cfg.outDir().resolve(DIR)).withKmAttribute(km.isEmpty() ? null : km)
                    .withMeasures(HazardsParameters.measures(cfg.text("hazards.chainage"), cfg.text("hazards.mUnit"),
                            "hazards.chainage", "hazards.mUnit"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg.file() + ": [hazards]: " + e.getMessage(), e);
        }
    }
}

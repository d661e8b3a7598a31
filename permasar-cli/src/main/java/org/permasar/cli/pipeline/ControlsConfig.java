package org.permasar.cli.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.pipeline.controls.ControlsParameters;
import org.permasar.pipeline.controls.ControlsRasterParameters;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.SingleMemberStrata;

/**
 * The {@code [controls]} section of a configuration as the raster mode's parameters: the first track's
 * {@code velocity.h5:DATASET} against the factor maps of {@code controls.factors} (paths resolved against the
 * configuration's folder), written to {@code DIR/controls/}. Stateless.
 */
final class ControlsConfig {
    /** Output folder of the step under the run's folder. */
    static final String DIR = "controls";

    private ControlsConfig() {
    }

    /** True when the step is configured (controls.factors set). */
    static boolean enabled(PipelineConfig cfg) {
        return !cfg.text("controls.factors").isBlank();
    }

    /** The factor maps, NAME → resolved FILE[:DATASET]. */
    static Map<String, String> factors(PipelineConfig cfg) {
        Path base = cfg.file().toAbsolutePath().getParent();
        Map<String, String> raw;
        try {
            raw = ControlsRasterParameters.parseFactors(items(cfg.text("controls.factors")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg.file() + ": controls.factors: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String spec = e.getValue();
            String file = PipelineConfig.stripDataset(spec);
            out.put(e.getKey(), base.resolve(file).normalize() + spec.substring(file.length()));
        }
        return out;
    }

    /** The step's parameters (validated; a bad value names its key). */
    static ControlsRasterParameters parameters(PipelineConfig cfg) {
        String first = cfg.tracks().get(0);
        Path velocity = cfg.outDir().resolve(first).resolve("velocity.h5");
        try {
            int permutations = (int) cfg.integer("controls.permutations"), bootstrap = (int) cfg.integer("controls.bootstrap");
            ControlsRasterParameters.Inference inf = permutations == 0 && bootstrap == 0 ? null
                    : new ControlsRasterParameters.Inference((int) cfg.integer("controls.tile"), bootstrap, permutations,
                    ControlsRasterParameters.Inference.DEFAULT.maxTiles(), ControlsRasterParameters.Inference.DEFAULT.seed());
            return new ControlsRasterParameters(velocity + ":" + cfg.text("controls.dataset").trim(), factors(cfg),
                    ControlsParameters.parseDiscretize(items(cfg.text("controls.discretize"))),
                    SingleMemberStrata.valueOf(cfg.text("controls.singleMember").trim().toUpperCase(java.util.Locale.ROOT)),
                    OptimalDiscretization.TOLERANCE, ControlsRasterParameters.BLOCK_ROWS, inf,
                    ControlsParameters.parseCross(items(cfg.text("controls.cross"))), cfg.outDir().resolve(DIR));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(cfg.file() + ": ")) {
                throw e;
            }
            throw new IllegalArgumentException(cfg.file() + ": [controls]: " + e.getMessage(), e);
        }
    }

    private static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        for (String v : text.split(";")) {
            if (!v.isBlank()) {
                out.add(v.trim());
            }
        }
        return out;
    }
}
